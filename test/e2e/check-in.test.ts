// E2E: check-in at the door in headless Chromium at 375 px, against the local site on DynamoDB Local and the SES
// emulator. A helper of the meetup's network, signed in, finds people by typing and checks three in from the list,
// one of them while the page is offline (shown at once and said to be unsaved, saved once the connection is back);
// then an attendee types the code of the day on the page their "You're in" email opens, and is checked in by code.
// Both pages are axe-clean.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { linkIn, londonIn, postToSite, startTestSite } from '../support/site.ts';
import { axeViolations } from '../support/axe.ts';
import { signInThroughSite, uniqueAddress } from '../support/stack.ts';
import { personId } from '#functions/core/person.ts';

let site: Awaited<ReturnType<typeof startTestSite>>;
let browser: Browser;
let base: string;

const run = Date.now().toString(36);
const organiser = uniqueAddress('door-organiser');
const helperEmail = uniqueAddress('door-helper');
let organiserCookie: string;
let eventId: string;
const names = [`Ada ${run}`, `Bea ${run}`, `Cal ${run}`, `Dee ${run}`];
const emails = names.map((n) => uniqueAddress(n.split(' ')[0]!.toLowerCase()));

const postJson = (path: string, body: unknown, cookie?: string) => postToSite(base, path, body, cookie);

/** `email` with a confirmed place, confirmed from the emailed link. */
async function placeFor(name: string, email: string) {
  expect((await postJson(`/api/events/${eventId}/rsvps`, { name, email })).status).toBe(202);
  const mail = await site.waitForEmail(email, /^Confirm your place/);
  const [, key, token] = /\/rsvp\/[a-z0-9]+\/([\w-]+)#token=([\w-]+)/.exec(mail.body.text ?? '')!;
  const confirmed = await postJson(`/api/events/${eventId}/rsvps/${key}/confirm`, { token });
  expect(((await confirmed.json()) as { status: string }).status).toBe('confirmed');
}

type Person = { name: string; checkedInAt?: string; checkedInBy?: string };
const listed = async () => ((await (await postJson(`/api/events/${eventId}/check-in/list`, {}, organiserCookie)).json()) as { people: Person[] }).people;
const byName = async (name: string) => (await listed()).find((p) => p.name === name)!;

beforeAll(async () => {
  site = await startTestSite();
  browser = site.browser;
  base = site.base;
  const slug = `door-${run}`;
  const at = new Date().toISOString();
  const member = (email: string, role: 'organiser' | 'helper', name: string) => ({ slug, personId: personId(email), email, name, role, showName: true, joinedAt: at });
  expect((await site.networks.create(
    { slug, name: `Door ${run}`, tagline: '', description: '', accent: '#1d6b54', where: { kind: 'online' }, links: {}, contactEmail: organiser, topics: [], status: 'active', createdAt: at, updatedAt: at, createdBy: organiser, version: 1 },
    [member(organiser, 'organiser', 'Morag'), member(helperEmail, 'helper', 'Hamid')],
  )).ok).toBe(true);
  organiserCookie = await signInThroughSite(base, site.sesEndpoint, organiser);
  // Starting in a few minutes: the code of the day works from an hour before.
  const res = await postJson('/api/events', {
    title: `Door meetup ${run}`, description: 'Lunch and a chat.', start: londonIn(10), end: londonIn(130), timezone: 'Europe/London', format: 'in_person',
    venue: 'Central Library\nManchester', organiserName: 'Morag', organiserEmail: organiser, network: slug, capacity: 10,
  }, organiserCookie);
  expect(res.status).toBe(201);
  eventId = ((await res.json()) as { id: string }).id;
  for (const [i, name] of names.entries()) await placeFor(name, emails[i]!);
}, 240_000);

afterAll(async () => {
  await site?.close();
});

describe('check-in at the door', () => {
  let context: BrowserContext;
  let page: Page;
  let code: string;

  it('a helper checks three people in from the list, one while offline', async () => {
    context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    page = await context.newPage();
    await site.signIn(page, helperEmail);
    await page.goto(`${base}/events/${eventId}/check-in`);
    await page.getByRole('heading', { name: /Expected \(4\)/ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // Typing filters the list at once.
    await page.getByLabel('Find a name').fill('ada');
    await expect.poll(() => page.locator('.check-in-person:visible').count()).toBe(1);
    await page.getByRole('button', { name: `Check in ${names[0]}` }).click();
    // Focus moves to the person's Undo, and the status says what happened.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(`Undo check-in for ${names[0]}`);
    await expect.poll(() => page.locator('#check-in-status').textContent()).toContain(`${names[0]} is checked in.`);
    // The list is drawn again when the server answers Ada's check-in, search box and all: a fill that lands on the box
    // just replaced would be lost, so clear it until Bea shows again (a person typing has no such gap).
    await expect.poll(async () => {
      await page.getByLabel('Find a name').fill('');
      return page.getByRole('button', { name: `Check in ${names[1]}` }).isVisible();
    }).toBe(true);
    await page.getByRole('button', { name: `Check in ${names[1]}` }).click();
    await expect.poll(async () => (await byName(names[1]!)).checkedInBy).toBe('Hamid');
    await expect.poll(() => page.locator('#check-in-unsaved').isHidden()).toBe(true);

    // The Wi-Fi drops: the tap shows at once and is said to be unsaved, and the server has not got it.
    await context.setOffline(true);
    await page.getByRole('button', { name: `Check in ${names[2]}` }).click();
    await expect.poll(() => page.locator('#check-in-unsaved').textContent()).toBe('1 check-in not saved yet: waiting for a connection');
    expect(await page.locator('#checked-in').textContent()).toContain(names[2]);
    expect(await page.getByRole('heading', { name: /Checked in \(3\)/ }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    expect((await byName(names[2]!)).checkedInAt).toBeUndefined();

    // Back online: it is sent, and the page says so.
    await context.setOffline(false);
    await expect.poll(async () => (await byName(names[2]!)).checkedInBy, { timeout: 15_000 }).toBe('Hamid');
    await expect.poll(() => page.locator('#check-in-unsaved').isHidden()).toBe(true);
    const people = await listed();
    expect(people.filter((p) => p.checkedInAt).map((p) => p.name).sort()).toEqual(names.slice(0, 3));
    code = (await page.locator('#check-in-code').textContent())!.replace(/\s/g, '');
    expect(code).toMatch(/^[A-Z]{4}$/);
  });

  it('an attendee checks in with the code on the page their “You’re in” email opens', async () => {
    const mail = await site.waitForEmail(emails[3]!, /^You're in/);
    const attendee = await (await browser.newContext({ viewport: { width: 375, height: 740 } })).newPage();
    await attendee.goto(linkIn(mail, /^\/rsvp\/[a-z0-9]+\/[\w-]+\/cancel$/));
    await attendee.getByLabel('Code of the day').waitFor();
    expect(await axeViolations(attendee)).toEqual([]);
    await attendee.getByLabel('Code of the day').fill('WXYW' === code ? 'WXYX' : 'WXYW');
    await attendee.getByRole('button', { name: 'Check in', exact: true }).click();
    await expect.poll(() => attendee.locator('#self-check-in-error').textContent()).toContain('not the code of the day');
    await attendee.getByLabel('Code of the day').fill(code.toLowerCase());
    await attendee.getByRole('button', { name: 'Check in', exact: true }).click();
    await attendee.getByRole('heading', { name: 'You’re checked in' }).waitFor();
    expect(await axeViolations(attendee)).toEqual([]);
    expect((await byName(names[3]!)).checkedInBy).toBe('their code');
  });
});
