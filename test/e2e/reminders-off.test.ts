// E2E: a person stops reminder emails from the link in a reminder — nothing happens until they press the button, and
// their place stays; reopened, the page says reminders are already off — wrong links are explained, and the organiser
// switches reminders off on the manage page. Headless Chromium against the local site on DynamoDB Local.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerType } from '@hono/node-server';
import { buildWeb } from '#web/build.ts';
import { createSite, listen } from '#local/server.ts';
import { freePort } from '#local/local-stack.ts';
import { startOutboxPoller } from '#local/outbox-poller.ts';
import { systemClock } from '#functions/core/clock.ts';
import { remindersOffToken } from '#functions/reminders/reminders-off-token.ts';
import { inDays, publishThroughApi, testStack, uniqueAddress as unique, waitForEmail as waitForEmailIn, type StoredEmail } from '../support/stack.ts';
import { launchChromium } from '../support/browser.ts';
import { axeViolations } from '../support/axe.ts';

// startTestSite() without its stack: this test reads the stored RSVP, so it starts the same parts itself.
let stack: Awaited<ReturnType<typeof testStack>>;
let server: ServerType;
let poller: ReturnType<typeof startOutboxPoller>;
let browser: Browser;
let base: string;

const post = (path: string, body: unknown) =>
  fetch(`${base}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

const waitForEmail = (to: string, subject: RegExp): Promise<StoredEmail> => waitForEmailIn(stack.sesEndpoint, to, subject);

/** Lists and publishes a meetup through the API; returns its id and manage token. */
async function publishedMeetup(title: string) {
  const { id, token } = await publishThroughApi(base, stack.sesEndpoint, {
    title, description: 'A chat about reference work.', start: inDays(9, '18:00'), end: inDays(9, '19:00'),
    venue: 'Central Library\nLeeds', capacity: 5, organiserName: 'Priya',
  });
  return { id, token };
}

/** Reserves and confirms a place through the API; returns the RSVP's key (from the emailed link). */
async function confirmedPlace(eventId: string, email: string): Promise<string> {
  expect((await post(`/api/events/${eventId}/rsvps`, { name: 'Ada', email })).status).toBeLessThan(300);
  const text = (await waitForEmail(email, /^Confirm your place/)).body.text ?? '';
  const [, key, token] = /\/rsvp\/[a-z0-9]+\/([A-Za-z0-9_-]+)#token=([A-Za-z0-9_-]{43})/.exec(text) ?? [];
  expect((await post(`/api/events/${eventId}/rsvps/${key}/confirm`, { token })).status).toBe(200);
  return key!;
}

/** The link a reminder email carries, made with the key the site signs with. */
async function remindersOffPath(eventId: string, key: string, token?: string): Promise<string> {
  return `/reminders-off/${eventId}/${key}#token=${token ?? remindersOffToken(await stack.deps.feedSecret(), eventId, key)}`;
}

/** Records every request the page makes that is not a GET. */
function writes(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => r.method() !== 'GET' && seen.push(`${r.method()} ${new URL(r.url()).pathname}`));
  return seen;
}

beforeAll(async () => {
  stack = await testStack(systemClock);
  const webDir = mkdtempSync(join(tmpdir(), 'signpost-web-'));
  await buildWeb(webDir);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = await listen(createSite({ ...stack.deps, siteUrl: base }, webDir), port);
  poller = startOutboxPoller(stack.delivery, 100);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await poller?.stop();
  server?.close();
});

describe('stopping reminders from the emailed link', () => {
  let meetup: { id: string; token: string };
  let title: string;

  it('changes nothing on opening; the button stops reminders and the place stays', async () => {
    title = `Reference chat ${Date.now()}`;
    meetup = await publishedMeetup(title);
    const ada = unique('ada');
    const key = await confirmedPlace(meetup.id, ada);

    const page = await browser.newPage();
    const sent = writes(page);
    await page.goto(`${base}${await remindersOffPath(meetup.id, key)}`);
    await page.getByText('Stop reminder emails for this meetup? You keep your place.').waitFor();
    const meetupLink = page.getByRole('link', { name: title });
    await meetupLink.waitFor();
    expect(await meetupLink.getAttribute('href')).toMatch(new RegExp(`^/events/${meetup.id}/`));
    // Only the read that asks how things stand.
    const status = `POST /api/events/${meetup.id}/rsvps/${key}/reminders-off/status`;
    await expect.poll(() => sent.length).toBe(1);
    expect(sent).toEqual([status]);
    const before = await stack.deps.rsvps.get(meetup.id, key);
    expect(before?.status).toBe('confirmed');
    expect(before?.remindersOff).toBeUndefined();

    await page.getByRole('button', { name: 'No more reminders' }).click();
    const done = page.locator('#reminders-off-done');
    await done.getByRole('heading', { name: 'No more reminders' }).waitFor();
    expect(await done.textContent()).toContain('Your place');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('reminders-off-done');
    expect(await done.getByRole('link', { name: 'See the meetup page' }).getAttribute('href')).toBe(await meetupLink.getAttribute('href'));
    expect(sent).toEqual([status, `POST /api/events/${meetup.id}/rsvps/${key}/reminders-off`]);
    expect(await axeViolations(page)).toEqual([]);

    const after = await stack.deps.rsvps.get(meetup.id, key);
    expect(after).toMatchObject({ status: 'confirmed', remindersOff: true });
    expect(after?.confirmedAt).toBe(before?.confirmedAt);

    // Reopened (a second tab, an old email): already off, with nothing to press.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Reminders are already off' }).waitFor();
    expect(await page.locator('#main').innerText()).toContain('Reminders are already off for this meetup; your place stays.');
    expect(await page.getByRole('button', { name: 'No more reminders' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('keeps the button when the network fails, so the person can try again', async () => {
    const key = await confirmedPlace(meetup.id, unique('cai'));
    const page = await browser.newPage();
    await page.goto(`${base}${await remindersOffPath(meetup.id, key)}`);
    await page.route('**/reminders-off', (route) => (route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.continue()));
    const button = page.getByRole('button', { name: 'No more reminders' });
    await page.getByRole('link', { name: title }).waitFor();
    await button.click();
    await expect.poll(() => page.locator('#reminders-off-note').textContent()).toContain("We couldn't reach Signpost");
    expect(await button.isEnabled()).toBe(true);
    await page.unroute('**/reminders-off');
    await button.click();
    await page.locator('#reminders-off-done').getByRole('heading', { name: 'No more reminders' }).waitFor();
    expect((await stack.deps.rsvps.get(meetup.id, key))?.remindersOff).toBe(true);

    // An RSVP that was never made: the page says so as it opens, instead of offering a button.
    await page.goto(`${base}${await remindersOffPath(meetup.id, 'fedcba9876543210fedcba98')}`);
    await page.getByRole('heading', { name: 'We cannot find your reply' }).waitFor();
    expect(await button.count()).toBe(0);
    await page.close();
  });

  it('lets the organiser switch reminders off for the whole meetup', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/manage/${meetup.id}#token=${meetup.token}`);
    const box = page.getByLabel('Send attendees reminder emails');
    await page.getByRole('table', { name: /Everyone who has replied/ }).waitFor();
    expect(await box.isChecked()).toBe(true);
    expect(await page.locator('#reminders-on-hint').textContent()).toContain('People can turn reminders off for themselves.');

    await box.uncheck();
    await page.getByRole('button', { name: 'Save RSVP settings' }).click();
    await expect.poll(() => page.locator('#rsvp-settings-status').textContent()).toMatch(/^Saved\. .*We will not send attendees reminder emails\.$/);
    expect(await box.isChecked()).toBe(false);
    expect(await axeViolations(page)).toEqual([]);

    const list = (await (await post(`/api/events/${meetup.id}/attendees`, { token: meetup.token })).json()) as { remindersOn: boolean; rsvpsOpen: boolean };
    expect(list).toMatchObject({ remindersOn: false, rsvpsOpen: true });

    await page.reload();
    await page.getByRole('table', { name: /Everyone who has replied/ }).waitFor();
    expect(await box.isChecked()).toBe(false);
    await page.close();
  });
});

describe('reminders-off page: accessibility and broken links', () => {
  it('has no WCAG 2.1 A/AA violations, and explains wrong, incomplete and stale links', async () => {
    const { id } = await publishedMeetup(`Access check ${Date.now()}`);
    const key = await confirmedPlace(id, unique('bea'));
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ colorScheme });
      const page = await context.newPage();

      await page.goto(`${base}${await remindersOffPath(id, key)}`);
      await page.locator('#reminders-off-meetup a').waitFor();
      expect(await axeViolations(page), `the question (${colorScheme})`).toEqual([]);

      await page.goto(`${base}${await remindersOffPath(id, key, 'A'.repeat(43))}`);
      await page.getByRole('heading', { name: 'This link does not work' }).waitFor();
      expect(await page.getByRole('button', { name: 'No more reminders' }).count()).toBe(0);
      expect(await page.getByRole('alert').textContent()).toContain('most recent reminder email');
      expect(await axeViolations(page), `wrong token (${colorScheme})`).toEqual([]);

      await page.goto(`${base}/reminders-off/${id}/${key}#token=too-short`);
      await page.getByRole('heading', { name: 'This link looks incomplete' }).waitFor();
      expect(await page.getByRole('button', { name: 'No more reminders' }).count()).toBe(0);
      expect(await axeViolations(page), `incomplete link (${colorScheme})`).toEqual([]);
      await context.close();
    }
    expect((await stack.deps.rsvps.get(id, key))?.remindersOff).toBeUndefined();
  });
});
