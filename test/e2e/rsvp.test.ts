// E2E: people reserve free places through the real pages, confirm and cancel from the emails the SES emulator caught,
// the waitlist moves up, and the organiser sees, removes and downloads attendees and closes RSVPs — headless Chromium
// against the local site on DynamoDB Local.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { publishThroughApi, uniqueAddress as unique, type StoredEmail } from '../support/stack.ts';
import { startTestSite } from '../support/site.ts';
import { axeViolations } from '../support/axe.ts';

let site: Awaited<ReturnType<typeof startTestSite>>;
let browser: Browser;
let base: string;
let waitForEmail: (to: string, subject?: RegExp) => Promise<StoredEmail>;



/** The page path of an RSVP link in an email ("confirm" or "cancel"), on this test's server. */
function rsvpLink(mail: StoredEmail, kind: 'confirm' | 'cancel'): string {
  const text = mail.body.text ?? '';
  const pattern = kind === 'confirm' ? /https?:\/\/[^\s"]+(\/rsvp\/[a-z0-9]+\/[A-Za-z0-9_-]+#token=[A-Za-z0-9_-]{43})/ : /https?:\/\/[^\s"]+(\/rsvp\/[a-z0-9]+\/[A-Za-z0-9_-]+\/cancel#token=[A-Za-z0-9_-]{43}(?:&[a-z]+=[a-z0-9]+)?)/;
  const match = pattern.exec(text);
  if (!match) throw new Error(`No RSVP ${kind} link in "${mail.subject}"`);
  return `${base}${match[1]}`;
}

/** Lists and publishes a meetup through the API (the listing pages have their own test); returns its id and manage token. */
async function publishedMeetup(title: string, capacity: number) {
  const { id, token, organiser } = await publishThroughApi(base, site.sesEndpoint, { title, capacity });
  return { id, token, organiser };
}

async function reserve(page: Page, id: string, name: string, email: string, button: 'Reserve my place' | 'Join the waitlist') {
  await page.goto(`${base}/events/${id}`);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Your email address').fill(email);
  await page.getByRole('button', { name: button }).click();
  const done = page.getByRole('heading', { name: 'Check your email' });
  await done.waitFor();
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('rsvp-done');
}

beforeAll(async () => {
  site = await startTestSite();
  ({ browser, base, waitForEmail } = site);
});

afterAll(() => site?.close());

describe('reserving a free place in the browser', () => {
  let meetup: { id: string; token: string; organiser: string };
  const ada = unique('ada');
  const bea = unique('bea');

  it('reserves, confirms from the email, joins the waitlist when full, and moves up when a place is freed', async () => {
    meetup = await publishedMeetup(`Cataloguing lunch ${Date.now()}`, 1);
    const page = await browser.newPage();
    // Event pages may be cached for a minute; this visitor comes back sooner. (Routing turns the HTTP cache off.)
    await page.route('**/*', (route) => route.continue());

    await page.goto(`${base}/events/${meetup.id}`);
    expect(await page.locator('#places').textContent()).toBe('1 left of 1');
    // The form's own checks, before anything is sent.
    await page.getByRole('button', { name: 'Reserve my place' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByLabel('Your email address').getAttribute('aria-invalid')).toBe('true');

    await reserve(page, meetup.id, 'Ada', ada, 'Reserve my place');
    // Opening the emailed link changes nothing until the button is pressed.
    await page.goto(rsvpLink(await waitForEmail(ada, /^Confirm your place/), 'confirm'));
    const confirm = page.getByRole('button', { name: 'Confirm my place' });
    await confirm.waitFor();
    expect(await page.getByRole('heading', { level: 2 }).first().textContent()).toContain('Cataloguing lunch');
    await confirm.click();
    await page.getByRole('heading', { name: "You're in!" }).waitFor();

    await page.goto(`${base}/events/${meetup.id}`);
    expect(await page.locator('#places').textContent()).toBe('Full — join the waitlist');
    await reserve(page, meetup.id, 'Bea', bea, 'Join the waitlist');
    // Full: the email and the page it opens speak of the waitlist, never "Confirm my place".
    await page.goto(rsvpLink(await waitForEmail(bea, /^Confirm to join the waitlist/), 'confirm'));
    await page.getByRole('button', { name: 'Join the waitlist' }).click();
    await page.getByRole('heading', { name: "You're number 1 on the waitlist" }).waitFor();

    // Ada can't come: her place goes to Bea.
    await page.goto(rsvpLink(await waitForEmail(ada, /^You're in/), 'cancel'));
    await page.getByRole('button', { name: 'Cancel my place' }).click();
    await page.getByRole('heading', { name: 'Your place is freed' }).waitFor();
    await waitForEmail(bea, /^A place freed up/);
    await page.goto(`${base}/events/${meetup.id}`);
    expect(await page.locator('#places').textContent()).toBe('Full — join the waitlist');
    expect(await page.locator('#main').textContent()).not.toContain(ada);
    await page.close();
  });

  it('shows the organiser who is coming and who can\'t be emailed; removes, downloads and closes RSVPs', async () => {
    // Bea's mail server starts rejecting Signpost's mail: SES reports the bounce.
    await site.suppressions.mark(bea, { reason: 'bounce', detail: 'Permanent/General', at: new Date().toISOString() });
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${base}/manage/${meetup.id}#token=${meetup.token}`);
    const table = page.getByRole('table', { name: /Everyone who has replied/ });
    await table.waitFor();
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await table.getByRole('row', { name: /Bea/ }).textContent()).toContain('Confirmed');
    expect(await table.getByRole('row', { name: /Bea/ }).textContent()).toContain('Not emailed. Emails to this address bounce');
    expect(await table.getByRole('row', { name: /Ada/ }).textContent()).toContain('Cancelled');
    expect(await table.getByRole('row', { name: /Ada/ }).textContent()).not.toContain('Not emailed');
    expect(await page.locator('.counts').textContent()).toContain("1 person Signpost can't email");

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    // Named after the meetup.
    expect(download.suggestedFilename()).toMatch(/^cataloguing-lunch-[\w-]+\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain(bea);
    expect(csv).toContain('"bounces"');

    await page.getByRole('button', { name: 'Remove Bea' }).click();
    await page.getByRole('button', { name: 'No, keep' }).click();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Remove Bea');
    await page.getByRole('button', { name: 'Remove Bea' }).click();
    await page.getByRole('button', { name: 'Yes, remove' }).click();
    await expect.poll(() => page.locator('#attendees-status').textContent()).toMatch(/^Removed Bea\./);
    expect(await table.getByRole('row', { name: /Bea/ }).textContent()).toContain('Removed by the organiser');

    await page.getByLabel('Accept RSVPs').uncheck();
    await page.getByRole('button', { name: 'Save RSVP settings' }).click();
    await expect.poll(() => page.locator('#rsvp-settings-status').textContent()).toMatch(/^Saved\. RSVPs are closed/);
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${base}/events/${meetup.id}`);
    expect(await page.locator('#rsvp').textContent()).toContain('The organiser has closed RSVPs for this meetup.');
    expect(await page.locator('#rsvp-form').count()).toBe(0);
    await context.close();
  });
});

describe('RSVP pages: accessibility and broken links', () => {
  it('has no WCAG 2.1 A/AA violations on the RSVP pages, and explains incomplete or wrong links', async () => {
    const { id } = await publishedMeetup(`Access check ${Date.now()}`, 5);
    const wrong = 'A'.repeat(43);
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ colorScheme });
      const page = await context.newPage();
      await page.goto(`${base}/events/${id}`);
      await page.getByRole('button', { name: 'Reserve my place' }).click();
      await page.getByRole('alert').waitFor();
      expect(await axeViolations(page), `event page with errors (${colorScheme})`).toEqual([]);

      await page.goto(`${base}/rsvp/${id}/0123456789abcdef01234567`);
      await page.getByRole('heading', { name: 'This link looks incomplete' }).waitFor();
      expect(await axeViolations(page), `incomplete link (${colorScheme})`).toEqual([]);

      // Said as the page opens (the status read), with no button to press.
      await page.goto(`${base}/rsvp/${id}/0123456789abcdef01234567/cancel#token=${wrong}`);
      await page.getByRole('heading', { name: /This link does not work|We cannot find your reply/ }).waitFor();
      expect(await page.getByRole('button', { name: 'Cancel my place' }).count()).toBe(0);
      expect(await axeViolations(page), `wrong token (${colorScheme})`).toEqual([]);
      await context.close();
    }
  });
});
