// E2E: the anonymous feedback in headless Chromium against the local site on DynamoDB Local. Three people answer
// from their record emails' links: by keyboard at 375 px, and with JavaScript off (a missing rating comes back with
// the error summary and what was typed), the form and its answer pages axe-clean. Then an organiser sees the meetup
// under "Feedback from meetups" on the network's manage page, at 1280 and 375 px without sideways scrolling, and its
// comments on the meetup's own manage page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { createEvent, publishEvent } from '#functions/events/event.ts';
import { eventInputSchema } from '#functions/events/event.schema.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import { hashSecret, newId, newToken } from '#functions/core/ids.ts';
import { personId } from '#functions/core/person.ts';
import { feedbackUrl } from '#functions/cpd/records.ts';
import { startTestSite } from '../support/site.ts';
import { axeViolations } from '../support/axe.ts';
import { aRecord, storeRecord } from '../support/cpd-records.ts';
import { uniqueAddress } from '../support/stack.ts';
import { validMeetup } from '../support/fakes.ts';

let site: Awaited<ReturnType<typeof startTestSite>>;
let event: StoredEvent;
const links: string[] = [];
const run = Date.now().toString(36);
const slug = `feedback-${run}`;
const organiser = uniqueAddress('feedback-organiser');
const title = `Reading group ${run}`;
const SHOTS = '/tmp/shots';
const PHONE = { width: 375, height: 667 };
const DESKTOP = { width: 1280, height: 800 };

beforeAll(async () => {
  site = await startTestSite();
  mkdirSync(SHOTS, { recursive: true });
  const at = new Date().toISOString();
  expect((await site.networks.create(
    { slug, name: `Feedback Circle ${run}`, tagline: '', description: '', accent: '#7a3b8f', where: { kind: 'online' }, links: {}, contactEmail: organiser, topics: [], status: 'active', createdAt: at, updatedAt: at, createdBy: organiser, version: 1 },
    [{ slug, personId: personId(organiser), email: organiser, name: 'Morag', role: 'organiser', showName: true, joinedAt: at }],
  )).ok).toBe(true);
  // A meetup under the network that ended a week ago, listed three weeks ago.
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const input = eventInputSchema.parse(validMeetup({ title, organiserEmail: organiser, network: `Feedback Circle ${run}`, start: `${day(-7)}T12:30`, end: `${day(-7)}T13:30` }));
  const listed = new Date(Date.now() - 21 * 86_400_000);
  const draft: StoredEvent = { ...createEvent(input, { id: newId(), tokenHash: hashSecret(newToken()) }, listed), networkSlug: slug };
  expect((await site.events.create(draft, [], [])).ok).toBe(true);
  event = publishEvent(draft, listed);
  expect((await site.events.save(event, draft)).ok).toBe(true);
  const secret = await site.deps.feedSecret();
  for (const who of ['ann', 'ben', 'cat']) {
    const record = await storeRecord(site.table, aRecord({ personId: personId(uniqueAddress(who)), eventId: event.id, title, date: day(-7) }));
    links.push(feedbackUrl(site.base, secret, record));
  }
}, 240_000);

afterAll(async () => {
  await site?.close();
});

const sidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

describe('the anonymous feedback', () => {
  it('is answered by keyboard on a phone, axe-clean, and a second send says it was sent already', async () => {
    const page = await site.browser.newPage({ viewport: PHONE });
    await page.goto(links[0]!);
    await page.getByRole('heading', { name: 'Feedback for the organisers' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(await sidewaysScroll(page)).toBe(false);
    // Into the rating group by Tab, then arrows move the choice as radios do.
    await page.getByRole('radio', { name: '1: poor' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('radio', { name: '5: excellent' }).isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.type('The worked examples');
    await page.screenshot({ path: `${SHOTS}/feedback-form-375.png`, fullPage: true });
    await page.getByRole('button', { name: 'Send feedback' }).press('Enter');
    await page.getByRole('heading', { name: 'Thank you for your feedback' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(links[0]!);
    await page.getByRole('heading', { name: 'You’ve already sent your feedback, thank you' }).waitFor();
    // Opened again just to look: received, and links on to the CPD log and the meetup.
    expect(await page.locator('#feedback-next a').allTextContents()).toEqual(['Your CPD log', 'See the meetup’s page']);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/feedback-already-375.png`, fullPage: true });
    await page.close();
  });

  it('works without JavaScript: a missing rating comes back named, with what was typed kept (and axe-clean, checked with scripts on)', async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false, viewport: DESKTOP });
    const page = await context.newPage();
    await page.goto(links[1]!);
    await page.getByLabel(/What could be better\?/).fill('More time for questions');
    await page.getByRole('button', { name: 'Send feedback' }).click();
    const summary = page.getByRole('alert');
    await summary.getByRole('heading', { name: 'There is a problem' }).waitFor();
    expect(await page.title()).toMatch(/^Error: /);
    expect(await summary.getByRole('link', { name: 'Choose how it was, from 1 to 5' }).getAttribute('href')).toBe('#feedback-rating-1');
    expect(await page.getByLabel(/What could be better\?/).inputValue()).toBe('More time for questions');
    await page.getByRole('radio', { name: '4' }).check();
    await page.getByRole('button', { name: 'Send feedback' }).click();
    await page.getByRole('heading', { name: 'Thank you for your feedback' }).waitFor();
    await context.close();
    // The third, with JavaScript: the page with the problem is axe-clean too (axe needs scripts to run).
    const third = await site.browser.newPage();
    await third.goto(links[2]!);
    await third.getByRole('button', { name: 'Send feedback' }).click();
    await third.getByRole('heading', { name: 'There is a problem' }).waitFor();
    expect(await axeViolations(third)).toEqual([]);
    await third.getByRole('radio', { name: '3' }).check();
    await third.getByRole('button', { name: 'Send feedback' }).click();
    await third.getByRole('heading', { name: 'Thank you for your feedback' }).waitFor();
    await third.close();
  });

  it('shows the organiser the meetup under “Feedback from meetups”, and its comments on the meetup’s manage page', async () => {
    const context = await site.browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await site.signIn(page, organiser);
    await page.goto(`${site.base}/networks/${slug}/manage`);
    const section = page.locator('h2#feedback');
    await section.waitFor();
    expect(await page.locator('#feedback + p + p').textContent()).toBe('4.0 out of 5 on average, from 3 answers at 1 meetup.');
    const row = page.getByRole('row', { name: new RegExp(title) });
    expect(await row.getByRole('cell').allTextContents()).toEqual(['3', '4.0']);
    expect(await axeViolations(page)).toEqual([]);
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/network-feedback-1280.png` });
    await page.setViewportSize(PHONE);
    expect(await sidewaysScroll(page)).toBe(false);
    expect(await axeViolations(page)).toEqual([]);
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/network-feedback-375.png` });
    // The meetup's own page has the texts, sorted, with nobody's name.
    await row.getByRole('link', { name: title }).click();
    const feedback = page.locator('#feedback');
    await feedback.waitFor();
    await expect.poll(() => feedback.textContent()).toContain('The worked examples');
    expect(await feedback.textContent()).toContain('More time for questions');
    expect(await feedback.textContent()).toContain('4.0 out of 5, from 3 answers');
    await context.close();
  });
});
