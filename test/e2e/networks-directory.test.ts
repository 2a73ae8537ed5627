// E2E: a network's own page and the directory of networks in headless Chromium against the local site on DynamoDB
// Local — the page's meetups, team and calendar panel; the accent colour under the strict CSP (no inline style);
// the directory's search and filter as a plain GET form without JavaScript; and both pages axe-clean at 1280 and
// 375 px, in light and dark, with no sideways scroll on a phone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestSite } from '../support/site.ts';
import { axeViolations } from '../support/axe.ts';
import { daysAfter } from '../support/published.ts';
import { validMeetup } from '../support/fakes.ts';
import { uniqueAddress } from '../support/stack.ts';
import { createEvent, publishEvent } from '#functions/events/event.ts';
import { eventInputSchema } from '#functions/events/event.schema.ts';
import { hashSecret, newId, newToken } from '#functions/core/ids.ts';
import { personId } from '#functions/core/person.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import type { StoredNetwork, TeamMember } from '#functions/core/network.ts';

let site: Awaited<ReturnType<typeof startTestSite>>;
let browser: Browser;
let base: string;

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 667 };
const ACCENT = '#1d6b54';
/** Unique per run: the test's DynamoDB Local table may already hold other files' networks. */
const run = Date.now().toString(36);
const slugs = { nlpn: `e2e-nlpn-${run}`, chat: `e2e-chat-${run}`, quiet: `e2e-quiet-${run}` };

const network = (slug: string, over: Partial<StoredNetwork>): StoredNetwork => ({
  slug,
  name: slug,
  tagline: '',
  description: '',
  accent: ACCENT,
  where: { kind: 'online' },
  links: {},
  contactEmail: uniqueAddress('contact'),
  topics: [],
  status: 'active',
  createdAt: new Date().toISOString(),
  updatedAt: new Date().toISOString(),
  createdBy: uniqueAddress('founder'),
  version: 1,
  ...over,
});

/** Members join one second apart, in the order made: the page lists first names in that order. */
let joined = Date.parse('2026-01-01T00:00:00Z');
const member = (slug: string, name: string, role: TeamMember['role'], showName: boolean): TeamMember => {
  const email = uniqueAddress(name.split(' ')[0]!.toLowerCase());
  joined += 1000;
  return { slug, personId: personId(email), email, name, role, showName, joinedAt: new Date(joined).toISOString() };
};

/** A published meetup under a network, created before it starts (so it may lie in the past). */
async function meetup(slug: string, name: string, days: number, over: Record<string, unknown> = {}, confirmedCount?: number): Promise<StoredEvent> {
  const now = new Date();
  const created = new Date(now.getTime() + Math.min(0, days - 10) * 86_400_000);
  const input = eventInputSchema.parse(validMeetup({ network: name, start: daysAfter(now, days, '12:30'), end: daysAfter(now, days, '13:30'), ...over }));
  const draft: StoredEvent = { ...createEvent(input, { id: newId(), tokenHash: hashSecret(newToken()) }, created), networkSlug: slug, ...(confirmedCount !== undefined ? { confirmedCount } : {}) };
  if (!(await site.events.create(draft, [], [])).ok) throw new Error('create failed');
  const published = publishEvent(draft, created);
  if (!(await site.events.save(published, draft)).ok) throw new Error('publish failed');
  return published;
}

beforeAll(async () => {
  site = await startTestSite();
  ({ browser, base } = site);
  const nlpn = network(slugs.nlpn, {
    name: `Manchester NLPN ${run}`,
    tagline: 'New library professionals in Greater Manchester',
    description: 'Monthly socials and visits.\n\nJoin the list: https://lists.example.org/nlpn',
    where: { kind: 'place', place: 'Manchester' },
    links: { website: 'https://nlpn.example.org', mailingList: 'https://lists.example.org/nlpn', mastodon: 'https://mastodon.example/@nlpn', bluesky: 'https://bsky.app/profile/nlpn.example.org', linkedin: 'https://www.linkedin.com/company/nlpn' },
    topics: ['New professionals', 'Careers'],
  });
  const made = await site.networks.create(nlpn, [member(slugs.nlpn, 'Sam Jones', 'organiser', true), member(slugs.nlpn, 'Alex Smith', 'helper', true), member(slugs.nlpn, 'Priya Patel', 'helper', false)]);
  expect(made.ok).toBe(true);
  expect((await site.networks.create(network(slugs.chat, { name: `Cataloguing chat ${run}`, tagline: 'A monthly online chat', topics: ['Cataloguing'] }), [member(slugs.chat, 'Robin Lee', 'organiser', true)])).ok).toBe(true);
  expect((await site.networks.create(network(slugs.quiet, { name: `Quiet Circle ${run}`, where: { kind: 'place', place: 'Leeds' }, topics: ['Café chats'] }), [member(slugs.quiet, 'Jo Bloggs', 'organiser', false)])).ok).toBe(true);

  await meetup(slugs.nlpn, nlpn.name, 12, { title: 'December social', capacity: 30 }, 4);
  await meetup(slugs.nlpn, nlpn.name, 40, { title: 'Winter visit' });
  await meetup(slugs.nlpn, nlpn.name, -30, { title: 'October visit', capacity: 20 }, 12);
  await meetup(slugs.chat, `Cataloguing chat ${run}`, 3, { title: 'Chat: RDA', format: 'online', venue: undefined, onlineUrl: 'https://meet.example.org/c' });
});

afterAll(() => site?.close());

/** Every CSP complaint the page makes: none is allowed (the accent must need no inline style). */
function cspErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) errors.push(m.text());
  });
  return errors;
}

describe('a network’s page', () => {
  it('shows the network, its team’s first names, upcoming and past meetups, without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const res = await page.goto(`${base}/networks/${slugs.nlpn}`);
    expect(res!.status()).toBe(200);
    expect(await page.locator('h1').textContent()).toBe(`Manchester NLPN ${run}`);
    expect(await page.locator('#team').textContent()).toBe('Sam and Alex');
    expect(await page.locator('.network-meetups .meetup h3 a').allTextContents()).toEqual(['December social', 'Winter visit']);
    expect(await page.locator('.past-meetups li .past-count').allTextContents()).toEqual(['12 had a place']);
    expect(await page.getByRole('link', { name: `Mastodon of Manchester NLPN ${run}` }).getAttribute('href')).toBe('https://mastodon.example/@nlpn');
    expect(await page.getByRole('link', { name: 'Manage this network' }).getAttribute('href')).toBe(`/networks/${slugs.nlpn}/manage`);
    // The accent bar needs no script: an SVG attribute, not a style.
    expect(await page.locator('.accent-bar rect').getAttribute('fill')).toBe(ACCENT);
    const html = await page.content();
    expect(html).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.-]+/);
    expect(html).not.toContain('Priya');
    await context.close();
  });

  it('takes the network’s accent through the CSSOM with no CSP complaint, and enhances the Subscribe panel', async () => {
    const page = await browser.newPage();
    const errors = cspErrors(page);
    await page.goto(`${base}/networks/${slugs.nlpn}`);
    await expect.poll(() => page.locator('#network').evaluate((el) => getComputedStyle(el).getPropertyValue('--accent').trim())).toBe(ACCENT);
    expect(await page.locator('#subscribe .copy-button').first().isVisible()).toBe(true);
    expect(await page.locator('#subscribe [data-link="https"]').first().inputValue()).toBe(`${base}/calendar/networks/${slugs.nlpn}.ics`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('passes axe at 1280 and 375 px, light and dark, with no sideways scroll on a phone', async () => {
    for (const viewport of [DESKTOP, PHONE])
      for (const colorScheme of ['light', 'dark'] as const) {
        const how = `${viewport.width} px, ${colorScheme}`;
        const context = await browser.newContext({ viewport, colorScheme });
        const page = await context.newPage();
        await page.goto(`${base}/networks/${slugs.nlpn}`);
        await page.locator('#subscribe .copy-button').first().waitFor();
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `no sideways scroll (${how})`).toBeLessThanOrEqual(viewport.width);
        expect(await axeViolations(page), `axe (${how})`).toEqual([]);
        await context.close();
      }
  });

  it('is not found for an unknown network', async () => {
    const page = await browser.newPage();
    expect((await page.goto(`${base}/networks/no-such-network-${run}`))!.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe("We can't find that network");
    await page.close();
  });
});

describe('the directory', () => {
  const shown = (page: Page) => page.locator('.network-entry h2 a').allTextContents();
  const ours = async (page: Page) => (await shown(page)).filter((name) => name.endsWith(run));

  it('lists networks by next meetup, and searches and filters through a plain GET form without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/networks`);
    expect(await ours(page)).toEqual([`Cataloguing chat ${run}`, `Manchester NLPN ${run}`, `Quiet Circle ${run}`]);
    const chat = page.locator('.network-entry', { hasText: `Cataloguing chat ${run}` });
    expect(await chat.locator('.next-meetup a').textContent()).toBe('Chat: RDA');
    expect(await chat.locator('.where').textContent()).toBe('Meets online');

    // A topic, in another case, by part of a word.
    await page.getByLabel('Search networks').fill(`CATALOG`);
    await page.getByRole('button', { name: 'Find networks' }).click();
    await page.waitForURL(/q=CATALOG/);
    expect(await ours(page)).toEqual([`Cataloguing chat ${run}`]);
    expect(await page.getByLabel('Search networks').inputValue()).toBe('CATALOG');

    // A place without its accent, and "in person".
    await page.getByLabel('Search networks').fill('cafe leeds');
    await page.getByLabel('In person').check();
    await page.getByRole('button', { name: 'Find networks' }).click();
    await page.waitForURL(/where=in_person/);
    expect(await ours(page)).toEqual([`Quiet Circle ${run}`]);
    expect(await page.getByLabel('In person').isChecked()).toBe(true);

    // Online only.
    await page.goto(`${base}/networks?where=online`);
    expect(await ours(page)).toEqual([`Cataloguing chat ${run}`]);

    // A bad filter: the error summary names it, and the link moves to the field.
    const bad = await page.goto(`${base}/networks?where=moon`);
    expect(bad!.status()).toBe(400);
    expect(await page.locator('#directory-error-summary a').textContent()).toBe('Where it meets: Choose online or in person');
    expect(await page.getByRole('link', { name: 'Start a network' }).getAttribute('href')).toBe('/networks/new');
    await context.close();
  });

  it('passes axe at 1280 and 375 px, light and dark, with no sideways scroll on a phone', async () => {
    for (const viewport of [DESKTOP, PHONE])
      for (const colorScheme of ['light', 'dark'] as const)
        for (const path of ['/networks', '/networks?where=moon']) {
          const how = `${path} at ${viewport.width} px, ${colorScheme}`;
          const context = await browser.newContext({ viewport, colorScheme });
          const page = await context.newPage();
          await page.goto(`${base}${path}`);
          expect(await page.evaluate(() => document.documentElement.scrollWidth), `no sideways scroll (${how})`).toBeLessThanOrEqual(viewport.width);
          expect(await axeViolations(page), `axe (${how})`).toEqual([]);
          await context.close();
        }
  });
});
