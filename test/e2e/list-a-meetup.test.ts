// E2E: a person lists a meetup through the real pages, confirms it from the email the SES emulator caught,
// and finds it on the home page — headless Chromium against the local site on DynamoDB Local.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { formatWhen } from '#functions/core/time.ts';
import { inDays, linkFrom, type StoredEmail } from '../support/stack.ts';
import { startTestSite } from '../support/site.ts';
import { axeViolations } from '../support/axe.ts';

let site: Awaited<ReturnType<typeof startTestSite>>;
let browser: Browser;
let base: string;
let waitForEmail: (to: string, subject?: RegExp) => Promise<StoredEmail>;



async function fillMeetup(page: Page, title: string, email: string, over: { start?: string; end?: string } = {}) {
  await page.goto(`${base}/new`);
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('What will happen').fill('Short talks from school librarians.\nSlides: https://example.org/slides');
  await page.getByLabel('Starts').fill(over.start ?? inDays(10, '16:00'));
  await page.getByLabel('Ends').fill(over.end ?? inDays(10, '18:00'));
  await page.getByRole('radio', { name: 'Online' }).check();
  await page.getByLabel('Joining link').fill('https://meet.example.org/teachmeet');
  await page.getByLabel('Tags').fill('TeachMeet, CPD');
  await page.getByLabel('Your name').fill('Morag');
  await page.getByLabel('Your email address').fill(email);
}

beforeAll(async () => {
  site = await startTestSite();
  ({ browser, base, waitForEmail } = site);
});

afterAll(() => site?.close());

describe('listing a free meetup in the browser', () => {
  it('lists, confirms from the emailed link, and finds the meetup on the home page', async () => {
    const page = await browser.newPage();
    const title = `TeachMeet ${Date.now()}`;
    const email = `morag-${Date.now()}@example.org`;
    await fillMeetup(page, title, email);
    // An online meetup's link is private unless the organiser ticks the box.
    const publicLink = page.getByLabel('Anyone may join: show the link publicly');
    expect(await publicLink.isVisible()).toBe(true);
    expect(await publicLink.isChecked()).toBe(false);
    // Any IANA zone, found by searching for a place.
    await page.getByLabel('Search for a place or time zone').fill('new york');
    expect(await page.getByLabel('Time zone', { exact: true }).inputValue()).toBe('America/New_York');
    await page.getByLabel('Search for a place or time zone').fill('london');
    expect(await page.getByLabel('Time zone', { exact: true }).inputValue()).toBe('Europe/London');
    // Typed key by key, a search that ends on nothing keeps the zone it had; a UK city finds London.
    const search = page.getByLabel('Search for a place or time zone');
    await search.fill('');
    await search.pressSequentially('Lisbonx');
    expect(await page.getByLabel('Time zone', { exact: true }).inputValue()).toBe('Europe/London');
    expect(await page.locator('#timezone-search-status').textContent()).toMatch(/No time zone matches, so the zone stays/);
    await search.fill('');
    await search.pressSequentially('Manchester');
    expect(await page.getByLabel('Time zone', { exact: true }).inputValue()).toBe('Europe/London');
    await page.getByRole('button', { name: 'Send me the confirmation link' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Check your email' }).isVisible()).toBe(true);
    expect(await page.getByText('Check your email').count()).toBe(1);

    const mail = await waitForEmail(email);
    const link = linkFrom(mail, 'confirm');
    // Opening the link only shows a page: the meetup is still unpublished until the button is pressed.
    await page.goto(link.url.replace('http://localhost:3000', base));
    const confirm = page.getByRole('button', { name: 'Confirm and publish' });
    await confirm.waitFor();
    expect((await fetch(`${base}/api/events/${link.id}`)).status).toBe(404);
    await confirm.click();
    await expect.poll(() => fetch(`${base}/api/events/${link.id}`).then((r) => r.status)).toBe(200);

    await page.goto(`${base}/`);
    const card = page.getByRole('link', { name: title });
    await card.waitFor();
    await card.click();
    await page.waitForURL(new RegExp(`/events/${link.id}/`));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(title);
    expect(await page.locator('meta[property="og:title"]').getAttribute('content')).toBe(title);
    await page.close();

    // Someone in New York sees the London time and their own.
    const elsewhere = await browser.newContext({ timezoneId: 'America/New_York' });
    const nyPage = await elsewhere.newPage();
    await nyPage.goto(`${base}/events/${link.id}`);
    const yourTime = nyPage.locator('.viewer-time');
    await yourTime.waitFor();
    const event = (await (await fetch(`${base}/api/events/${link.id}`)).json()) as { start: { utc: string }; end: { utc: string } };
    expect(await yourTime.textContent()).toBe(`Your time: ${formatWhen(event.start.utc, event.end.utc, 'America/New_York')}`);
    expect(await nyPage.locator('time').textContent()).toBe(formatWhen(event.start.utc, event.end.utc, 'Europe/London'));
    expect(await nyPage.locator('time').textContent()).toMatch(/16:00 – 18:00 London time$/);
    await elsewhere.close();
  });

  it('shows field errors inline, from the shared schema and from the API', async () => {
    const page = await browser.newPage();
    await fillMeetup(page, 'Backwards meetup', 'backwards@example.org', { start: inDays(5, '18:00'), end: inDays(5, '17:00') });
    await page.getByRole('button', { name: 'Send me the confirmation link' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByLabel('Ends').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#main').textContent()).toContain('End must be after the start');

    // A start in the past is caught in the form too, before anything is sent.
    await page.getByLabel('Starts').fill(inDays(-2, '10:00'));
    await page.getByLabel('Ends').fill(inDays(-2, '11:00'));
    await page.getByRole('button', { name: 'Send me the confirmation link' }).click();
    await expect.poll(() => page.getByLabel('Starts').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#error-summary').textContent()).toContain('Start must be in the future');
    await page.close();
  });

  it('keeps HTML typed into fields inert on every page', async () => {
    const page = await browser.newPage();
    const title = `<img src=x onerror="window.__pwned=1">Party ${Date.now()}`;
    const email = `xss-${Date.now()}@example.org`;
    await fillMeetup(page, title, email);
    await page.getByRole('button', { name: 'Send me the confirmation link' }).click();
    const link = linkFrom(await waitForEmail(email), 'confirm');
    await page.goto(link.url.replace('http://localhost:3000', base));
    await page.getByRole('button', { name: 'Confirm and publish' }).click();
    await expect.poll(() => fetch(`${base}/api/events/${link.id}`).then((r) => r.status)).toBe(200);

    for (const path of ['/', `/events/${link.id}`]) {
      await page.goto(`${base}${path}`);
      await page.getByText(title).first().waitFor();
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(await page.locator('img[src="x"]').count()).toBe(0);
    }
    await page.close();
  });
});

describe('accessibility', () => {
  it('has no WCAG 2.1 A/AA violations on any page, in light and dark mode, including a form showing errors', async () => {
    const res = await fetch(`${base}/api/events?limit=1`);
    const [first] = ((await res.json()) as { items: { url: string }[] }).items;
    expect(first, 'an earlier test published a meetup').toBeDefined();
    const eventPath = new URL(first!.url).pathname;
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ colorScheme });
      const page = await context.newPage();
      for (const path of ['/', '/new', eventPath, '/confirm/abcdefghjk#token=missing', '/manage/abcdefghjk', '/no/such/page']) {
        await page.goto(`${base}${path}`);
        await page.waitForLoadState('networkidle');
        expect(await axeViolations(page), `${path} (${colorScheme})`).toEqual([]);
      }
      await page.goto(`${base}/new`);
      await page.getByRole('button', { name: 'Send me the confirmation link' }).click();
      await page.getByRole('alert').waitFor();
      expect(await axeViolations(page), `/new with errors (${colorScheme})`).toEqual([]);
      await context.close();
    }
  });
});

describe('the local site', () => {
  it('serves static pages with the CSP, the OpenAPI document, and a friendly 404', async () => {
    const home = await fetch(`${base}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await home.text()).not.toMatch(/<script>(?!<\/script>)|onclick=|style="/);
    const doc = (await (await fetch(`${base}/api/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths).toHaveProperty('/api/events');
    const missing = await fetch(`${base}/no/such/page`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('<h1');
    const apiMissing = await fetch(`${base}/api/nothing`);
    expect(apiMissing.status).toBe(404);
    expect(((await apiMissing.json()) as { error: string }).error).toBe('not_found');
  });
});
