// E2E: an organiser lists a monthly series from the listing form in headless Chromium (signed in, under their
// network), sees it on the first meetup's page ("Part of a monthly series"), finds every date on the network's page,
// and opens "List another like this" from the manage page: the form filled, all but the dates. Axe-clean.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestSite } from '../support/site.ts';
import { axeViolations } from '../support/axe.ts';
import { inDays, uniqueAddress } from '../support/stack.ts';
import { personId } from '#functions/core/person.ts';
import { seriesDates } from '#functions/core/recurrence.ts';

let site: Awaited<ReturnType<typeof startTestSite>>;
let browser: Browser;
let base: string;

const run = Date.now().toString(36);
const slug = `e2e-series-${run}`;
const networkName = `Series Circle ${run}`;
const team = uniqueAddress('team');

const signIn = (page: Page, email: string) => site.signIn(page, email);

beforeAll(async () => {
  site = await startTestSite();
  ({ browser, base } = site);
  const at = new Date().toISOString();
  const created = await site.networks.create(
    {
      slug, name: networkName, tagline: 'Lunch, monthly', description: '', accent: '#1d6b54', where: { kind: 'online' }, links: {},
      contactEmail: team, topics: [], status: 'active', createdAt: at, updatedAt: at, createdBy: team, version: 1,
    },
    [{ slug, personId: personId(team), email: team, name: 'Team', role: 'organiser', showName: true, joinedAt: at }],
  );
  expect(created.ok).toBe(true);
});

afterAll(async () => {
  await site?.close();
});

describe('a monthly series', () => {
  it('is listed from the form, shown on each meetup’s page and every date on the network’s page', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signIn(page, team);
    const title = `Lunch club ${run}`;
    const start = inDays(9, '12:30');
    await page.goto(`${base}/new`);
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('What will happen').fill('Sandwiches and shop talk.');
    await page.getByLabel('Starts').fill(start);
    await page.getByLabel('Ends').fill(start.replace('T12:30', 'T13:30'));
    await page.getByRole('radio', { name: 'In person' }).check();
    await page.getByLabel('Venue name and address').fill('Central Library\nLevel 2');
    await page.locator('#network').selectOption(slug);
    await page.getByLabel('Your name').fill('Team');
    // The monthly choice names the first date's weekday and its place in the month.
    const monthly = page.locator('#repeat option[value="monthly"]');
    expect(await monthly.textContent()).toMatch(/^Every month on the (first|second|third|fourth|last) (Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day$/);
    expect(await page.getByLabel('How many times').isVisible()).toBe(false);
    await page.getByLabel('Repeats').selectOption('monthly');
    await page.getByLabel('How many times').selectOption('3');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'List this meetup' }).click();

    await page.locator('#series').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(title);
    const dates = seriesDates(start, 'monthly', 3);
    expect(await page.locator('#series-title').textContent()).toMatch(/^Part of a monthly series; next: /);
    expect(await page.locator('#series .series-dates li').count()).toBe(3);
    expect(await axeViolations(page)).toEqual([]);

    // Each date is its own meetup on the network's page.
    await page.goto(`${base}/networks/${slug}`);
    const cards = page.locator('a', { hasText: title });
    await expect.poll(() => cards.count()).toBe(3);
    const hrefs = await cards.evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(new Set(hrefs).size).toBe(3);
    for (const date of dates) {
      const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00Z`));
      expect(await page.locator('main').textContent()).toContain(day);
    }

    // "List another like this" from the first one's manage page: everything but the dates.
    const firstId = /\/events\/([a-z0-9]+)\//.exec(hrefs[0]!)![1]!;
    await page.goto(`${base}/manage/${firstId}`);
    await page.getByRole('link', { name: 'List another like this' }).click();
    await page.waitForURL(`${base}/new?like=${firstId}`);
    expect(await page.getByLabel('Title').inputValue()).toBe(title);
    expect(await page.getByLabel('Venue name and address').inputValue()).toBe('Central Library\nLevel 2');
    expect(await page.locator('#network').inputValue()).toBe(slug);
    expect(await page.getByLabel('Starts').inputValue()).toBe('');
    expect(await page.getByLabel('Repeats').inputValue()).toBe('never');

    // The second one's manage page: a new place for it and every later one; the first keeps its own.
    const ids = hrefs.map((href) => /\/events\/([a-z0-9]+)\//.exec(href!)![1]!);
    await page.goto(`${base}/manage/${ids[1]}`);
    await page.locator('#applyTo-field').waitFor();
    await page.getByLabel('Venue name and address').fill('Room 4, Central Library');
    await page.getByRole('radio', { name: 'This and all later ones in the series' }).check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('#saved-notice').waitFor();
    const venues = await Promise.all(ids.map(async (id) => (await site.events.get(id))!.venue));
    expect(venues).toEqual(['Central Library\nLevel 2', 'Room 4, Central Library', 'Room 4, Central Library']);
    await context.close();
  });
});
