// E2E: checking in on the page the "You're in" email's cancel link opens, in headless Chromium at 375 px against the
// local site on DynamoDB Local and the SES emulator. During the code's window (an hour before the start to an hour
// after the end) the page is headed "Your place at <title>" and checking in (the code form, the door's QR code) comes
// first, above the meetup and the cancel button. Checked in, the page says so, and says so again when reloaded (the
// status read carries checkedInAt), with no code form. Outside the window the page is still "Cancel your place",
// with no code form; in the hour after the end the meetup is over, and the code form is still there. axe-clean.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestSite, linkIn } from '../support/site.ts';
import { axeViolations } from '../support/axe.ts';
import { signInThroughSite, uniqueAddress } from '../support/stack.ts';

let site: Awaited<ReturnType<typeof startTestSite>>;
let browser: Browser;
let base: string;

const run = Date.now().toString(36);
const organiser = uniqueAddress('rsvp-door-organiser');
let organiserCookie: string;
const today = { id: '', title: `Door lunch ${run}` };
const later = { id: '', title: `Later lunch ${run}` };
const ada = { name: `Ada ${run}`, email: uniqueAddress('ada') };
const bea = { name: `Bea ${run}`, email: uniqueAddress('bea') };
/** Set to a folder to keep screenshots of the page at 375 px. */
const SHOTS = process.env.SHOTS_DIR;

const postJson = (path: string, body: unknown, cookie?: string) =>
  fetch(`${base}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie, Origin: base } : {}) }, body: JSON.stringify(body) });

/** A London local time `minutes` from now, as the listing form takes it (London is on UTC in winter; BST adds an hour). */
function londonIn(minutes: number) {
  const at = new Date(Date.now() + minutes * 60_000);
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`;
}

async function listMeetup(title: string, startsIn: number): Promise<string> {
  const res = await postJson('/api/events', {
    title, description: 'Lunch and a chat.', start: londonIn(startsIn), end: londonIn(startsIn + 120), timezone: 'Europe/London', format: 'in_person',
    venue: 'Central Library\nManchester', organiserName: 'Morag', organiserEmail: organiser, capacity: 10,
  }, organiserCookie);
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** A confirmed place; returns the "You're in" email's cancel link. */
async function placeFor(eventId: string, who: { name: string; email: string }): Promise<string> {
  expect((await postJson(`/api/events/${eventId}/rsvps`, who)).status).toBe(202);
  const mail = await site.waitForEmail(who.email, /^Confirm your place/);
  const [, key, token] = /\/rsvp\/[a-z0-9]+\/([\w-]+)#token=([\w-]+)/.exec(mail.body.text ?? '')!;
  const confirmed = await postJson(`/api/events/${eventId}/rsvps/${key}/confirm`, { token });
  expect(((await confirmed.json()) as { status: string }).status).toBe('confirmed');
  return linkIn(await site.waitForEmail(who.email, /^You're in/), /^\/rsvp\/[a-z0-9]+\/[\w-]+\/cancel$/);
}

/** Whether `a` comes before `b` on the page. */
const before = (page: Page, a: string, b: string) =>
  page.evaluate(([x, y]) => Boolean(document.querySelector(x!)!.compareDocumentPosition(document.querySelector(y!)!) & Node.DOCUMENT_POSITION_FOLLOWING), [a, b]);

let adaLink: string;
let beaLink: string;

beforeAll(async () => {
  site = await startTestSite();
  browser = site.browser;
  base = site.base;
  organiserCookie = await signInThroughSite(base, site.sesEndpoint, organiser);
  // Starting in a few minutes: the code of the day works from an hour before. The other one is days away.
  today.id = await listMeetup(today.title, 10);
  later.id = await listMeetup(later.title, 3 * 24 * 60);
  adaLink = await placeFor(today.id, ada);
  beaLink = await placeFor(later.id, bea);
}, 240_000);

afterAll(async () => {
  await site?.close();
});

describe('checking in on the “You’re in” email’s page', () => {
  it('during the window: headed for the day, checking in first; checked in, it stays so after a reload', async () => {
    const page = await (await browser.newContext({ viewport: { width: 375, height: 740 } })).newPage();
    await page.goto(adaLink);
    await page.getByLabel('Code of the day').waitFor();
    expect(await page.locator('main h1').textContent()).toBe(`Your place at ${today.title}`);
    expect(await page.getByRole('heading', { name: 'Checking in', level: 2 }).count()).toBe(1);
    expect(await before(page, '#self-check-in', '#door-qr')).toBe(true);
    expect(await before(page, '#door-qr', '#meetup-details')).toBe(true);
    expect(await before(page, '#self-check-in', '#cancel-title')).toBe(true);
    expect(await page.getByRole('button', { name: 'Cancel my place' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/rsvp-at-the-door.png`, fullPage: true });

    const code = ((await (await postJson(`/api/events/${today.id}/check-in/code`, {}, organiserCookie)).json()) as { code: string }).code;
    await page.getByLabel('Code of the day').fill(code);
    await page.getByRole('button', { name: 'Check in', exact: true }).click();
    await page.getByRole('heading', { name: 'You’re checked in' }).waitFor();
    expect(await page.locator('#door-qr').count()).toBe(0);

    await page.reload();
    await page.getByRole('heading', { name: 'You’re checked in' }).waitFor();
    expect(await page.getByLabel('Code of the day').count()).toBe(0);
    expect(await page.locator('#door-qr').count()).toBe(0);
    expect(await page.locator('main h1').textContent()).toBe(`Your place at ${today.title}`);
    expect(await before(page, '#self-check-in', '#meetup-details')).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/rsvp-checked-in.png`, fullPage: true });
  });

  it('outside the window: still “Cancel your place”, with no code form', async () => {
    const page = await (await browser.newContext({ viewport: { width: 375, height: 740 } })).newPage();
    await page.goto(beaLink);
    await page.getByRole('button', { name: 'Cancel my place' }).waitFor();
    expect(await page.locator('main h1').textContent()).toBe('Cancel your place');
    expect(await page.locator('#self-check-in').count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Checking in' }).count()).toBe(0);
    expect(await page.locator('#door-qr').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('in the hour after the end: the meetup is over, and the code form is still offered', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    const page = await context.newPage();
    // The browser's clock 30 minutes after the later meetup's end (it starts in 3 days and lasts 2 hours).
    await page.clock.setFixedTime(new Date(Date.now() + (3 * 24 * 60 + 150) * 60_000));
    await page.goto(beaLink);
    await page.getByLabel('Code of the day').waitFor();
    expect(await page.locator('main h1').textContent()).toBe('This meetup is over');
    expect(await page.getByRole('button', { name: 'Cancel my place' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
