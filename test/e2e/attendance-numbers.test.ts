// E2E: the organiser's attendance settings and numbers on the manage page, in headless Chromium at 375 px against the
// local site on DynamoDB Local. The "Still coming?" settings are changed (release on, other hours), saved, and kept
// after a reload; for a meetup that is over (seeded through the repositories as the demo seed does: places confirmed,
// asked and answered, checked in, a walk-in, the numbers kept by refreshSummary) the page shows how it went. No
// sideways scrolling, and axe-clean.
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
import { hashSecret, newId, newToken } from '#functions/core/ids.ts';
import { outboxMessage } from '#functions/core/email.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import { createEvent, publishEvent } from '#functions/events/event.ts';
import { eventInputSchema } from '#functions/events/event.schema.ts';
import { newRsvpFields } from '#functions/rsvps/rsvp.ts';
import { refreshSummary } from '#functions/attendance/summary.ts';
import { launchChromium } from '../support/browser.ts';
import { axeViolations } from '../support/axe.ts';
import { daysAfter } from '../support/published.ts';
import { validMeetup } from '../support/fakes.ts';
import { inDays, publishThroughApi, testStack, uniqueAddress } from '../support/stack.ts';

// startTestSite() without its stack: the past meetup's RSVPs and check-ins are seeded through the stack's repositories.
let stack: Awaited<ReturnType<typeof testStack>>;
let server: ServerType;
let poller: ReturnType<typeof startOutboxPoller>;
let browser: Browser;
let base: string;

const MINUTE = 60_000;
const SHOT = '/work/shots/h3-numbers-375.png';

beforeAll(async () => {
  stack = await testStack(systemClock);
  const webDir = mkdtempSync(join(tmpdir(), 'signpost-web-'));
  await buildWeb(webDir);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = await listen(createSite({ ...stack.deps, siteUrl: base }, webDir), port);
  poller = startOutboxPoller(stack.delivery, 100);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await poller?.stop();
  server?.close();
});

const phone = async () => (await browser.newContext({ viewport: { width: 375, height: 740 } })).newPage();
const scrollWidth = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth);

/**
 * A meetup two days ago with 6 places, listed ten days before: 6 booked and asked "Still coming?" three days before;
 * 4 said yes, 1 gave the place up, 1 did not answer; 3 checked in by the team and 1 walk-in. Its numbers are kept.
 */
async function pastMeetup(token: string) {
  const now = new Date();
  const listedAt = new Date(now.getTime() - 12 * 86_400_000);
  const input = eventInputSchema.parse(validMeetup({
    title: `Reading group ${newId(4)}`, start: daysAfter(now, -2, '12:30'), end: daysAfter(now, -2, '13:30'), capacity: 6, organiserEmail: uniqueAddress('past-organiser'),
  }));
  const draft = createEvent(input, { id: newId(), tokenHash: hashSecret(token) }, listedAt);
  expect((await stack.deps.events.create(draft, [], [])).ok).toBe(true);
  const published = publishEvent(draft, listedAt);
  expect((await stack.deps.events.save(published, draft)).ok).toBe(true);
  const start = Date.parse(published.startUtc);

  const keys: string[] = [];
  for (let i = 0; i < 6; i++) {
    const at = new Date(listedAt.getTime() + 86_400_000 + i * MINUTE);
    const confirmTokenHash = hashSecret(newToken());
    const fields = newRsvpFields(published, { name: `Reader ${i + 1}`, email: uniqueAddress(`reader${i + 1}`) }, confirmTokenHash, at);
    expect((await stack.deps.rsvps.request(fields, [], undefined)).ok).toBe(true);
    const event = (await stack.deps.events.get(published.id))!;
    const noEmails = { confirmed: [], waitlisted: [] };
    const confirmed = await stack.deps.rsvps.confirm({ event, key: fields.key, confirmTokenHash, cancelTokenHash: hashSecret(newToken()), now: at, emails: noEmails });
    expect(confirmed.ok).toBe(true);
    keys.push(fields.key);
  }
  // Asked three days before, as the sweep asks (its claim: the event still ahead then); answered the next day.
  const askedAt = new Date(start - 3 * 86_400_000);
  const answeredAt = new Date(start - 2 * 86_400_000);
  const event = (await stack.deps.events.get(published.id))!;
  for (const [i, key] of keys.entries()) {
    const rsvp = (await stack.deps.rsvps.get(published.id, key))!;
    const tokenHash = hashSecret(newToken());
    const email = outboxMessage({ to: rsvp.email, subject: `Still coming to ${event.title}?`, text: 't', html: 'h' }, 'still-coming', askedAt);
    expect(await stack.deps.stillComing.claim({ event, rsvp, now: new Date(askedAt.getTime() + i * 1000), tokenHash, email }), rsvp.name).toBe(true);
    if (i < 4) expect(await stack.deps.stillComing.answerYes({ eventId: event.id, key, tokenHash, now: answeredAt })).toBe(true);
  }
  const gaveUp = await stack.deps.rsvps.cancel({
    eventId: event.id, key: keys[4]!, now: answeredAt, as: 'cancelled', record: { stillComing: 'no', stillComingAnsweredAt: answeredAt.toISOString() },
  });
  expect(gaveUp.ok).toBe(true);
  // At the door: three of the five with a place, and one who came without booking.
  const by = { via: 'team' as const, name: 'Sam' };
  for (const [i, key] of [keys[0]!, keys[1]!, keys[5]!].entries()) {
    expect((await stack.deps.checkIns.checkIn({ eventId: event.id, key, by, now: new Date(start - 10 * MINUTE + i * MINUTE) })).ok).toBe(true);
  }
  const walkIn = await stack.deps.checkIns.addWalkIn({
    eventId: event.id, name: 'Walk-in Wanda', by, now: new Date(start + 5 * MINUTE), expiresAt: Math.floor(Date.parse(event.endUtc) / 1000) + 30 * 86_400,
  });
  expect(walkIn.ok).toBe(true);
  const kept = await refreshSummary({ rsvps: stack.deps.rsvps, checkIns: stack.deps.checkIns, clock: systemClock }, event);
  expect(kept).toMatchObject({ booked: 5, asked: 6, answeredYes: 4, answeredNo: 1, released: 0, checkedIn: 3, walkIns: 1, came: 4, noShows: 2 });
  return event as StoredEvent;
}

describe('attendance on the manage page at 375 px', () => {
  it('keeps the "Still coming?" settings the organiser changes', async () => {
    const meetup = await publishThroughApi(base, stack.sesEndpoint, {
      title: `Still coming settings ${newId(4)}`, start: inDays(9, '18:00'), end: inDays(9, '19:00'), venue: 'Central Library\nLeeds', capacity: 5, organiserName: 'Priya',
    });
    const page = await phone();
    await page.goto(`${base}/manage/${meetup.id}#token=${meetup.token}`);
    const ask = page.getByLabel('Ask people “Still coming?”');
    await ask.waitFor();
    // On by default, as it has a limit on places; release off until chosen.
    expect(await ask.isChecked()).toBe(true);
    const release = page.getByLabel('Give unanswered places to the waitlist');
    expect(await release.isChecked()).toBe(false);
    expect(await page.locator('#release-hours-field').isHidden()).toBe(true);

    await page.locator('#check-hours').fill('5');
    await page.locator('#check-hours-unit').selectOption('days');
    await release.check();
    await page.locator('#release-hours-field').waitFor();
    await page.locator('#release-hours').fill('36');
    await page.locator('#release-hours-unit').selectOption('hours');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Save RSVP settings' }).click();
    await expect.poll(() => page.locator('#rsvp-settings-status').textContent()).toContain(
      'We will ask people “Still coming?” 5 days before the start, and give places unanswered 36 hours before it to the waitlist.',
    );
    expect((await stack.deps.events.get(meetup.id))!.attendance).toMatchObject({ checkHours: 120, release: true, releaseHours: 36 });

    await page.reload();
    await ask.waitFor();
    await expect.poll(() => page.locator('#check-hours').inputValue()).toBe('5');
    expect(await ask.isChecked()).toBe(true);
    expect(await page.locator('#check-hours-unit').inputValue()).toBe('days');
    expect(await release.isChecked()).toBe(true);
    expect(await page.locator('#release-hours-field').isVisible()).toBe(true);
    expect(await page.locator('#release-hours').inputValue()).toBe('36');
    expect(await page.locator('#release-hours-unit').inputValue()).toBe('hours');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  }, 90_000);

  let over: Page;

  it('shows how a meetup that is over went: booked, still coming, checked in, walk-ins, no-show rate', async () => {
    const token = newToken();
    const event = await pastMeetup(token);
    over = await phone();
    await over.goto(`${base}/manage/${event.id}#token=${token}`);
    const numbers = over.locator('.attendance-numbers');
    await numbers.getByRole('heading', { name: 'How it went' }).waitFor();
    const items = (await numbers.locator('li').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(items).toEqual([
      '5 booked',
      '4 answered “still coming” (of 6 asked; 1 gave their place up)',
      '3 checked in, and 1 walk-in: 4 came',
      '40% no-shows (2 of 5 booked did not check in)',
    ]);
    expect(await numbers.innerText()).toContain('These counts are kept, without names, after the attendee list is deleted 30 days after the meetup.');
    expect(await scrollWidth(over)).toBeLessThanOrEqual(375);
    // From "How it went" down through the attendee cards (the walk-in is the last): the whole page is 10,000 px tall.
    const top = await numbers.evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
    await over.screenshot({ path: SHOT, fullPage: true, clip: { x: 0, y: Math.max(0, top - 60), width: 375, height: 1500 } });
  }, 90_000);

  // Its list has a walk-in who gave no email address, as the check-in page allows.
  it('is axe-clean, the walk-in without an email included', async () => {
    expect(over, 'the page of the meetup that is over').toBeDefined();
    expect(await axeViolations(over)).toEqual([]);
    await over.close();
  }, 30_000);
});
