// E2E: finding meetups on the home page — with JavaScript off, searching, filtering and paging through plain GET forms
// and links; with it on, "Show more" that adds the next meetups and moves focus to the first new one; and the page on
// a 375 px phone (no sideways scroll, the first meetup on the first screen, no axe violations) — headless Chromium
// against the local site on DynamoDB Local.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestSite } from '../support/site.ts';
import { axeViolations } from '../support/axe.ts';
import { daysAfter, publishMeetup } from '../support/published.ts';
import { validMeetup } from '../support/fakes.ts';

let site: Awaited<ReturnType<typeof startTestSite>>;
let browser: Browser;
let base: string;

const PHONE = { width: 375, height: 667 };
const cardTitles = (page: Page) => page.locator('.meetup h3 a').allTextContents();

beforeAll(async () => {
  site = await startTestSite();
  ({ browser, base } = site);
  const now = new Date();
  const at = (days: number) => ({ start: daysAfter(now, days, '12:30'), end: daysAfter(now, days, '13:30') });
  // 21 reading groups (a page and one more), and three meetups to find among them.
  for (let i = 1; i <= 21; i++) {
    const n = String(i).padStart(2, '0');
    await publishMeetup(site.events, validMeetup({ title: `Reading group ${n}`, description: 'Books and tea.', network: 'CILIP North West', tags: ['Reading'], ...at(2 + i) }), now);
  }
  await publishMeetup(site.events, validMeetup({ title: 'New professionals lunch club', tags: ['Lunch club', 'CPD'], network: 'Manchester NLPN', capacity: 12, ...at(1) }), now, { confirmedCount: 11 });
  await publishMeetup(site.events, validMeetup({ title: 'Cataloguing cafe online', description: 'RDA questions answered.', format: 'online', venue: undefined, onlineUrl: 'https://meet.example.org/c', network: 'CILIP Scotland', tags: ['Cataloguing'], capacity: 3, ...at(30) }), now, { confirmedCount: 3 });
  await publishMeetup(site.events, validMeetup({ title: 'Cancelled social', tags: ['Social'], ...at(31) }), now, { cancelled: true });
});

afterAll(() => site?.close());

describe('the home page without JavaScript', () => {
  it('lists meetups on the server, and searches, filters and pages through plain GET forms and links', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    expect(await page.locator('#list-count').textContent()).toBe('Showing 20 meetups; there are more below.');
    expect(await page.locator('.meetup').count()).toBe(20);
    const lunch = page.locator('.meetup', { hasText: 'New professionals lunch club' });
    expect(await lunch.locator('.where').textContent()).toBe("In person · Central Library, Manchester");
    expect(await lunch.locator('.card-places').textContent()).toBe('1 place left');

    // Page 2 by the Next page link: the rest, and no further link.
    await page.getByRole('link', { name: 'Next page of meetups' }).click();
    await page.waitForURL(/page=2/);
    expect(await page.locator('#list-status').textContent()).toMatch(/^Page 2: showing 4 meetups\./);
    expect(await cardTitles(page)).toEqual(['Reading group 20', 'Reading group 21', 'Cataloguing cafe online', 'Cancelled social']);
    expect(await page.locator('.meetup', { hasText: 'Cataloguing cafe online' }).locator('.card-places').textContent()).toBe('Full — waitlist open');
    expect(await page.locator('.meetup', { hasText: 'Cataloguing cafe online' }).locator('.where').textContent()).toBe('Online');
    expect(await page.locator('.meetup.is-cancelled .badge').textContent()).toBe('Cancelled');
    expect(await page.locator('#next-page').count()).toBe(0);

    // A keyword from a description, typed in any case.
    await page.goto(`${base}/`);
    await page.getByLabel('Search meetups').fill('rda QUESTIONS');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/q=rda\+QUESTIONS/);
    expect(await cardTitles(page)).toEqual(['Cataloguing cafe online']);
    expect(await page.getByLabel('Search meetups').inputValue()).toBe('rda QUESTIONS');

    // The other filters, folded away under a summary that works without a script: part of a network's name.
    await page.goto(`${base}/`);
    await page.getByLabel('Search meetups').fill('');
    await page.locator('#more-filters > summary').click();
    await page.getByLabel('Network or group').fill('cilip');
    await page.getByRole('button', { name: 'Show meetups' }).click();
    await page.waitForURL(/network=cilip/);
    expect(await page.locator('#list-count').textContent()).toBe('Showing 20 meetups from “cilip”; there are more below.');
    await page.getByRole('link', { name: 'Next page of meetups' }).click();
    await page.waitForURL(/page=2/);
    expect(await cardTitles(page)).toEqual(['Reading group 21', 'Cataloguing cafe online']);

    // A tag by part of it, and a date range of one day.
    await page.goto(`${base}/?tag=LUNCH`);
    expect(await cardTitles(page)).toEqual(['New professionals lunch club']);
    const day = daysAfter(new Date(), 5).slice(0, 10);
    await page.goto(`${base}/`);
    await page.locator('#more-filters > summary').click();
    await page.getByLabel('From date').fill(day);
    await page.getByLabel('To date').fill(day);
    await page.getByRole('button', { name: 'Show meetups' }).click();
    await page.waitForURL(/from=/);
    expect(await cardTitles(page)).toEqual(['Reading group 03']);
    await context.close();
  });
});

describe('the home page with JavaScript', () => {
  it('turns Next page into Show more, which adds the rest and moves focus to the first new meetup', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/`);
    const more = page.getByRole('button', { name: 'Show more meetups' });
    await more.waitFor();
    expect(await page.locator('#next-page').isVisible()).toBe(false);
    await more.click();
    await expect.poll(() => page.locator('.meetup').count()).toBe(24);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Reading group 20');
    expect(await page.locator('#list-count').textContent()).toBe('Showing 24 meetups.');
    expect(await more.isVisible()).toBe(false);
    // The meetups added continue the month they belong to: one heading per month.
    const months = await page.locator('.month').evaluateAll((sections) => sections.map((s) => (s as HTMLElement).dataset.month));
    expect(new Set(months).size).toBe(months.length);
    // With JavaScript a search sends only the fields filled in.
    await page.getByLabel('Search meetups').fill('reading');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/\?/);
    expect(new URL(page.url()).search).toBe('?q=reading');
    await page.close();
  });
});

describe('the home page on a phone', () => {
  it('fits 375 px with the first meetup on the first screen, and passes axe in light and dark', async () => {
    for (const { javaScriptEnabled, colorScheme } of [
      { javaScriptEnabled: false, colorScheme: 'light' },
      { javaScriptEnabled: true, colorScheme: 'light' },
      { javaScriptEnabled: true, colorScheme: 'dark' },
    ] as const) {
      const how = `JavaScript ${javaScriptEnabled ? 'on' : 'off'}, ${colorScheme}`;
      const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled, colorScheme });
      const page = await context.newPage();
      await page.goto(`${base}/`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `no sideways scroll (${how})`).toBeLessThanOrEqual(PHONE.width);
      const first = await page.locator('.meetup').first().boundingBox();
      expect(first).not.toBeNull();
      expect(first!.y + first!.height, `the first card ends within the first screen (${how})`).toBeLessThanOrEqual(PHONE.height);
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
      if (javaScriptEnabled) {
        expect(await axeViolations(page), `axe at 375 px (${how})`).toEqual([]);
        await page.locator('#more-filters > summary').click();
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
        expect(await axeViolations(page), `axe at 375 px, filters open (${how})`).toEqual([]);
      }
      await context.close();
    }
  });
});
