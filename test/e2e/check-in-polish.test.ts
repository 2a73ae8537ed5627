// E2E: the check-in page at the door, after a walk-through, in headless Chromium at 375 px against the local site on
// DynamoDB Local and the SES emulator. A tap is said once in the status line, by name ("Bea is checked in."), not
// replaced by "All changes are saved." a moment later (that shows in a quiet line of its own, and is said only when a
// tap made offline is saved later). While a search is typed, each section's heading says how many of it match. A
// walk-in added during a search for someone else is shown. Without JavaScript, each form posts back to the row or
// section it acted on, so the page opens there and Tab goes on from there. axe-clean.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { londonIn, postToSite, startTestSite } from '../support/site.ts';
import { axeViolations } from '../support/axe.ts';
import { signInThroughSite, uniqueAddress } from '../support/stack.ts';
import { personId } from '#functions/core/person.ts';
import { SESSION_COOKIE } from '#functions/core/viewer.ts';

let site: Awaited<ReturnType<typeof startTestSite>>;
let browser: Browser;
let base: string;

const run = Date.now().toString(36);
const organiser = uniqueAddress('polish-organiser');
const helperEmail = uniqueAddress('polish-helper');
let organiserCookie: string;
let eventId: string;
const names = [`Ada ${run}`, `Bea ${run}`, `Cal ${run}`, `Dee ${run}`];
const emails = names.map((n) => uniqueAddress(n.split(' ')[0]!.toLowerCase()));
/** Set to a folder to keep screenshots of the page at 375 px. */
const SHOTS = process.env.SHOTS_DIR;

const postJson = (path: string, body: unknown, cookie?: string) => postToSite(base, path, body, cookie);

async function placeFor(name: string, email: string) {
  expect((await postJson(`/api/events/${eventId}/rsvps`, { name, email })).status).toBe(202);
  const mail = await site.waitForEmail(email, /^Confirm your place/);
  const [, key, token] = /\/rsvp\/[a-z0-9]+\/([\w-]+)#token=([\w-]+)/.exec(mail.body.text ?? '')!;
  const confirmed = await postJson(`/api/events/${eventId}/rsvps/${key}/confirm`, { token });
  expect(((await confirmed.json()) as { status: string }).status).toBe('confirmed');
}

type Person = { key: string; name: string; checkedInAt?: string };
const listed = async () => ((await (await postJson(`/api/events/${eventId}/check-in/list`, {}, organiserCookie)).json()) as { people: Person[] }).people;
const byName = async (name: string) => (await listed()).find((p) => p.name === name)!;
const headings = (page: Page) => page.locator('.check-in-section[data-title] h2').allTextContents();

beforeAll(async () => {
  site = await startTestSite();
  browser = site.browser;
  base = site.base;
  const slug = `polish-${run}`;
  const at = new Date().toISOString();
  const member = (email: string, role: 'organiser' | 'helper', name: string) => ({ slug, personId: personId(email), email, name, role, showName: true, joinedAt: at });
  expect((await site.networks.create(
    { slug, name: `Polish ${run}`, tagline: '', description: '', accent: '#1d6b54', where: { kind: 'online' }, links: {}, contactEmail: organiser, topics: [], status: 'active', createdAt: at, updatedAt: at, createdBy: organiser, version: 1 },
    [member(organiser, 'organiser', 'Morag'), member(helperEmail, 'helper', 'Hamid')],
  )).ok).toBe(true);
  organiserCookie = await signInThroughSite(base, site.sesEndpoint, organiser);
  const res = await postJson('/api/events', {
    title: `Polish meetup ${run}`, description: 'Lunch and a chat.', start: londonIn(10), end: londonIn(130), timezone: 'Europe/London', format: 'in_person',
    venue: 'Central Library\nManchester', organiserName: 'Morag', organiserEmail: organiser, network: slug, capacity: 10,
  }, organiserCookie);
  expect(res.status).toBe(201);
  eventId = ((await res.json()) as { id: string }).id;
  for (const [i, name] of names.entries()) await placeFor(name, emails[i]!);
}, 240_000);

afterAll(async () => {
  await site?.close();
});

describe('the check-in page, polished', () => {
  let page: Page;

  it('a tap is said once, by name; “All changes are saved.” shows quietly, and is said for a tap saved later', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    page = await context.newPage();
    await site.signIn(page, helperEmail);
    // The script takes over the server's forms once it has the list: a tap before that is a plain form post.
    const scripted = page.waitForResponse((r) => r.url().endsWith('/check-in/list'));
    await page.goto(`${base}/events/${eventId}/check-in`);
    await scripted;
    await page.getByRole('heading', { name: /Expected \(4\)/ }).waitFor();
    // Everything the live region says, in order.
    await page.evaluate(() => {
      const status = document.getElementById('check-in-status')!;
      const said: string[] = [];
      (window as unknown as { said: string[] }).said = said;
      new MutationObserver(() => said.push(status.textContent!.trim())).observe(status, { childList: true, subtree: true, characterData: true });
    });
    const said = () => page.evaluate(() => (window as unknown as { said: string[] }).said.filter(Boolean));

    await page.getByRole('button', { name: `Check in ${names[1]}` }).click();
    await expect.poll(async () => (await byName(names[1]!)).checkedInAt).toBeTruthy();
    await page.locator('#check-in-saved').waitFor({ state: 'visible' });
    expect(await page.locator('#check-in-saved').textContent()).toBe('All changes are saved.');
    expect((await page.locator('#check-in-status').textContent())?.trim()).toBe(`${names[1]} is checked in.`);
    expect(await said()).toEqual([`${names[1]} is checked in.`]);
    expect(await axeViolations(page)).toEqual([]);

    // Offline the tap is said to be unsaved; once it is sent, that it is saved is said too.
    await context.setOffline(true);
    await page.getByRole('button', { name: `Check in ${names[2]}` }).click();
    await expect.poll(() => page.locator('#check-in-status').textContent()).toContain(`${names[2]} is checked in. Not saved yet`);
    expect(await page.locator('#check-in-saved').isHidden()).toBe(true);
    await context.setOffline(false);
    await expect.poll(() => page.locator('#check-in-status').textContent(), { timeout: 15_000 }).toBe('All changes are saved.');
    // Said in the status line, so not shown twice.
    expect(await page.locator('#check-in-saved').isHidden()).toBe(true);
    expect(await said()).toEqual([`${names[1]} is checked in.`, `${names[2]} is checked in. Not saved yet: it is sent when the connection is back.`, 'All changes are saved.']);
  });

  it('while a search is typed, each heading says how many match; a walk-in added then is shown', async () => {
    await page.getByLabel('Find a name').fill('xyz');
    await expect.poll(() => headings(page)).toEqual(['Expected: none match “xyz”', 'Checked in: none match “xyz”', 'Waitlist (0)', 'Walk-ins (0)']);
    expect(await page.locator('#check-in-no-match').isVisible()).toBe(true);
    await page.getByLabel('Find a name').fill('ada');
    await expect.poll(() => headings(page)).toEqual([`Expected: 1 of 2 match “ada”`, 'Checked in: none match “ada”', 'Waitlist (0)', 'Walk-ins (0)']);
    expect(await page.locator('#check-in-no-match').isHidden()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/check-in-search.png`, fullPage: true });

    const walker = `Walt ${run}`;
    await page.getByLabel('Name', { exact: true }).fill(walker);
    await page.getByRole('button', { name: 'Add walk-in' }).click();
    await expect.poll(() => page.locator('#check-in-status').textContent()).toContain(`${walker} is added as a walk-in`);
    expect(await page.getByLabel('Find a name').inputValue()).toBe('');
    await expect.poll(() => page.locator('#walk-ins .check-in-person:visible').allTextContents()).toEqual([expect.stringContaining(walker)]);
    await expect.poll(() => headings(page)).toEqual(['Expected (2)', 'Checked in (2)', 'Waitlist (0)', 'Walk-ins (1)']);
    await expect.poll(async () => (await listed()).some((p) => p.name === walker)).toBe(true);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/check-in-walk-in.png`, fullPage: true });
  });

  it('without JavaScript, a search says the same, and each form lands on what it acted on', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, javaScriptEnabled: false });
    await context.addCookies([{ name: SESSION_COOKIE, value: organiserCookie.slice(SESSION_COOKIE.length + 1), domain: new URL(base).hostname, path: '/', secure: true, httpOnly: true, sameSite: 'Lax' }]);
    const plain = await context.newPage();
    await plain.goto(`${base}/events/${eventId}/check-in?q=xyz`);
    const searched = await headings(plain);
    expect(searched).toHaveLength(4);
    for (const heading of searched) expect(heading).toMatch(/: none match “xyz”$| \(0\)$/);
    expect(searched[0]).toBe('Expected: none match “xyz”');
    await plain.goto(`${base}/events/${eventId}/check-in`);

    const dee = (await byName(names[3]!)).key;
    await plain.getByRole('button', { name: `Check in ${names[3]}` }).click();
    await plain.waitForURL(`${base}/events/${eventId}/check-in#person-${dee}`);
    expect(await plain.locator('#check-in-status').textContent()).toContain(`${names[3]} is checked in.`);
    await plain.keyboard.press('Tab');
    expect(await plain.evaluate(() => document.activeElement?.id)).toBe(`undo-${dee}`);
    // (No axe here: it needs the page's JavaScript; the same markup is checked above.)
    if (SHOTS) await plain.screenshot({ path: `${SHOTS}/check-in-nojs-tapped.png` });

    await plain.getByLabel('Name', { exact: true }).fill(`Wyn ${run}`);
    await plain.getByRole('button', { name: 'Add walk-in' }).click();
    await plain.waitForURL(`${base}/events/${eventId}/check-in#add-walk-in`);
    await plain.keyboard.press('Tab');
    expect(await plain.evaluate(() => document.activeElement?.id)).toBe('walk-in-name');
    await context.close();
  });
});
