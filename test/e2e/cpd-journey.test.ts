// E2E: the CPD journey (issue 16) in headless Chromium at 375 px, against the local site on DynamoDB Local and the SES
// emulator. An attendee with a place at a meetup with CPD details is checked in by the organiser (the check-in API);
// the meetup ends and the records sweep runs with a clock past the window's close (a past meetup can't be listed);
// the attendee gets the record email, signs in through the site, writes a reflection on /me/cpd (the word count
// follows), adds an activity from elsewhere, downloads the CSV (both rows) and the PDF summary (read by pdftotext),
// and the email's verification link shows the record on /records/<id> without the reflection. Both pages axe-clean.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fixedClock } from '#functions/core/clock.ts';
import { localDate } from '#functions/core/cpd.ts';
import { createLogger } from '#functions/core/log.ts';
import { personId } from '#functions/core/person.ts';
import { sweepRecords } from '#functions/cpd/records-sweep.ts';
import { londonIn, postToSite, startTestSite } from '../support/site.ts';
import { axeViolations } from '../support/axe.ts';
import { signInThroughSite, uniqueAddress, type StoredEmail } from '../support/stack.ts';

let site: Awaited<ReturnType<typeof startTestSite>>;
let base: string;

const run = Date.now().toString(36);
const organiser = uniqueAddress('journey-organiser');
const attendee = uniqueAddress('journey-attendee');
const name = `Siân Journey ${run}`;
const title = `Cataloguing clinic ${run}`;
const reflection = 'Subject headings, finally: I will fix ours.';
let organiserCookie: string;
let eventId: string;
let recordMail: StoredEmail;
/** The record's date: the meetup's start on London's clock. */
let recordDate: string;

const postJson = (path: string, body: unknown, cookie?: string) => postToSite(base, path, body, cookie);

/** `date` (YYYY-MM-DD) moved by `days`. */
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The activity from elsewhere: a few days before today in London (the site's today), in the same calendar year as the
 * record (their CPD year by default), so the year's total holds both whatever the day; from 1 to 3 January, that is the
 * record's own date. Either is today or earlier somewhere on Earth, as the log asks.
 */
const activityDateFor = (recordDate: string) => {
  const fewDaysAgo = addDays(localDate(new Date(), 'Europe/London'), -3);
  return fewDaysAgo.slice(0, 4) === recordDate.slice(0, 4) ? fewDaysAgo : recordDate;
};

const verificationLink = (mail: StoredEmail) => {
  const found = /https?:\/\/[^\s"<>]+\/records\/([a-z0-9]{26})#([A-Za-z0-9_-]{43})/.exec(mail.body.text ?? '');
  if (!found) throw new Error('no verification link in the record email');
  return { url: found[0], id: found[1]! };
};

beforeAll(async () => {
  site = await startTestSite();
  base = site.base;
  const slug = `journey-${run}`;
  const at = new Date().toISOString();
  expect((await site.networks.create(
    { slug, name: `Journey ${run}`, tagline: '', description: '', accent: '#1d6b54', where: { kind: 'online' }, links: {}, contactEmail: organiser, topics: [], status: 'active', createdAt: at, updatedAt: at, createdBy: organiser, version: 1 },
    [{ slug, personId: personId(organiser), email: organiser, name: 'Morag', role: 'organiser', showName: true, joinedAt: at }],
  )).ok).toBe(true);
  organiserCookie = await signInThroughSite(base, site.sesEndpoint, organiser);
  // Starting in a few minutes, so the team can check people in now; 90 minutes long.
  const start = londonIn(10);
  recordDate = start.slice(0, 10);
  const res = await postJson('/api/events', {
    title, description: 'Bring a record to fix.', start, end: londonIn(100), timezone: 'Europe/London', format: 'in_person',
    venue: 'Central Library\nManchester', organiserName: 'Morag', organiserEmail: organiser, network: slug, capacity: 10,
    cpd: { hours: 1.5, outcomes: ['Catalogue a serial'], areas: ['organising-knowledge'], format: 'workshop' },
  }, organiserCookie);
  expect(res.status).toBe(201);
  eventId = ((await res.json()) as { id: string }).id;

  // A confirmed place, from the emailed link.
  expect((await postJson(`/api/events/${eventId}/rsvps`, { name, email: attendee })).status).toBe(202);
  const confirm = await site.waitForEmail(attendee, /^Confirm your place/);
  const [, key, token] = /\/rsvp\/[a-z0-9]+\/([\w-]+)#token=([\w-]+)/.exec(confirm.body.text ?? '')!;
  const confirmed = await postJson(`/api/events/${eventId}/rsvps/${key}/confirm`, { token });
  expect(((await confirmed.json()) as { status: string }).status).toBe('confirmed');

  // The organiser checks them in at the door.
  const checked = await postJson(`/api/events/${eventId}/check-in/person`, { key }, organiserCookie);
  expect(checked.status).toBe(200);

  // The meetup ends; the sweep runs once the check-in window has closed (an hour after the end).
  const clock = fixedClock(new Date(Date.now() + (100 + 61) * 60_000).toISOString());
  const swept = await sweepRecords({ ...site.deps, clock, logger: createLogger('silent') });
  expect(swept).toMatchObject({ issued: 1, failed: 0 });
  recordMail = await site.waitForEmail(attendee, /^Your record of attendance: /);
}, 240_000);

afterAll(async () => {
  await site?.close();
});

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

describe('the CPD journey', () => {
  let page: Page;

  it('the record email names the meetup and carries a verification link', () => {
    expect(recordMail.subject).toBe(`Your record of attendance: ${title}`);
    expect(recordMail.body.text).toContain('1.5 hours');
    expect(recordMail.body.text).toContain(`${base}/me/cpd`);
    // "Write your reflection" carries the record as a query, which survives signing in first.
    expect(recordMail.body.text).toContain(`${base}/me/cpd?record=`);
    verificationLink(recordMail);
  });

  it('the attendee signs in, reflects, adds an activity and downloads the CSV and the PDF summary', async () => {
    const context = await site.browser.newContext({ viewport: { width: 375, height: 740 }, acceptDownloads: true });
    page = await context.newPage();
    await site.signIn(page, attendee);
    await page.goto(`${base}/me/cpd`);
    await page.getByRole('heading', { name: 'Your CPD log', exact: true }).waitFor();
    expect(await page.getByRole('heading', { name: title }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(375);

    const { id } = verificationLink(recordMail);
    const item = page.locator(`#record-${id}`);
    const count = item.locator('.word-count');
    await expect.poll(() => count.textContent()).toBe('0 of 250 words');
    await item.getByLabel(/Your reflection/).pressSequentially(reflection, { delay: 5 });
    await expect.poll(() => count.textContent()).toBe('7 of 250 words');
    await item.getByRole('button', { name: /Save reflection/ }).click();
    await page.getByText('Reflection saved.').waitFor();

    const form = page.locator('#cpd-add-form');
    const activityDate = activityDateFor(recordDate);
    await form.getByLabel('Date').fill(activityDate);
    await form.getByLabel('What it was').fill('Webinar: metadata');
    await form.getByLabel(/Who ran it/).fill('CILIP');
    await form.getByLabel('Hours').fill('1.25');
    await form.getByLabel('Research skills').check();
    await form.getByRole('button', { name: 'Add the activity' }).click();
    await page.getByText('Activity added to your log.').waitFor();
    expect(await page.getByRole('heading', { name: 'Webinar: metadata' }).count()).toBe(1);
    // Both in one CPD year: the record's 1.5 hours and the activity's 1.25.
    expect(await page.locator('.cpd-totals tbody tr').count()).toBe(1);
    expect(await page.locator('.cpd-totals').textContent()).toContain('2.75 hours');
    expect(await axeViolations(page)).toEqual([]);
    expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(375);

    // The CSV: the activity and the record, with the reflection.
    const csvDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const csv = readFileSync((await (await csvDownload).path())!, 'utf8').replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
    expect(csv).toHaveLength(3);
    expect(csv[0]).toBe('"Date","Title","Provider","Hours","PKSB areas","Reflection","Type"');
    expect(csv.find((l) => l.includes('"Webinar: metadata"'))).toBe(`"${activityDate}","Webinar: metadata","CILIP","1.25","Research skills","","Activity"`);
    const recordRow = csv.find((l) => l.includes(`"${title}"`))!;
    expect(recordRow).toContain(`"${reflection}"`);
    expect(recordRow).toContain('"1.5"');
    expect(recordRow).toMatch(/"Record of attendance"$/);

    // The PDF summary, read back as text.
    const pdfDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download PDF summary' }).click();
    const pdfPath = (await (await pdfDownload).path())!;
    expect(readFileSync(pdfPath).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain(name);
    expect(text).toContain(title);
    await context.close();
  });

  it('the verification link from the email shows the record, without the reflection', async () => {
    const context = await site.browser.newContext({ viewport: { width: 375, height: 740 } });
    const visitor = await context.newPage();
    const { url } = verificationLink(recordMail);
    await visitor.goto(url);
    await expect.poll(() => visitor.locator('h1').textContent()).toBe(`Record of attendance: ${title}`);
    const facts = await visitor.locator('#record-facts').innerText();
    for (const text of [name, `Journey ${run}`, '1.5 hours']) expect(facts).toContain(text);
    expect(await visitor.locator('body').innerText()).not.toContain(reflection);
    expect(await axeViolations(visitor)).toEqual([]);
    expect(await noSidewaysScroll(visitor)).toBeLessThanOrEqual(375);
    await context.close();
  });
});
