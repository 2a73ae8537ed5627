// E2E: the forms work as plain HTML form posts, with JavaScript turned off in the browser: listing a meetup (the
// confirmation email arrives), an error round trip that keeps every value, and reserving a place (the "Check your
// email" page, then the email). Also the event page as the public sees it: no private joining link, and on a 375 px
// phone no sideways scroll, the RSVP action on the first screen, and no axe violations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { inDays, linkFrom, publishThroughApi, uniqueAddress as unique, type StoredEmail } from '../support/stack.ts';
import { startTestSite } from '../support/site.ts';
import { axeViolations } from '../support/axe.ts';

let site: Awaited<ReturnType<typeof startTestSite>>;
let browser: Browser;
let base: string;
let waitForEmail: (to: string, subject?: RegExp) => Promise<StoredEmail>;
let noScript: BrowserContext;

const PRIVATE_URL = 'https://meet.example.org/private-room-4821';

/** Lists and publishes a meetup through the API; returns its id and its page's path. */
async function publishedMeetup(over: Record<string, unknown> = {}) {
  const { id, path } = await publishThroughApi(base, site.sesEndpoint, {
    title: `Cataloguing lunch ${Date.now()}`,
    description: 'Lunch and a chat about cataloguing. Slides: https://example.org/a-rather-long-address/that-goes-on/and-on-and-on-for-a-phone-screen',
    venue: 'Central Library\nSt Peter’s Square\nManchester',
    capacity: 20,
    network: 'Manchester NLPN',
    tags: ['Cataloguing', 'Lunch club'],
    ...over,
  });
  return { id, path };
}

async function fillListing(page: Page, title: string, email: string, over: { start?: string; end?: string } = {}) {
  await page.goto(`${base}/new`);
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('What will happen').fill('Short talks from school librarians.');
  await page.getByLabel('Starts').fill(over.start ?? inDays(10, '16:00'));
  await page.getByLabel('Ends').fill(over.end ?? inDays(10, '18:00'));
  await page.getByLabel('Time zone', { exact: true }).selectOption('Europe/Dublin');
  await page.getByRole('radio', { name: 'Online' }).check();
  await page.getByLabel('Joining link').fill('https://meet.example.org/teachmeet');
  await page.getByLabel('Number of places').fill('30');
  await page.getByLabel('Tags').fill('TeachMeet, CPD');
  await page.getByLabel('Your name').fill('Morag');
  await page.getByLabel('Your email address').fill(email);
}

beforeAll(async () => {
  site = await startTestSite();
  ({ browser, base, waitForEmail } = site);
  noScript = await browser.newContext({ javaScriptEnabled: false });
});

afterAll(async () => {
  await noScript?.close();
  await site?.close();
});

describe('with JavaScript turned off', () => {
  it('redirects /new/, as people type it, to /new', async () => {
    const res = await fetch(`${base}/new/`, { redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/new');
  });

  it('lists a meetup: a form post to /new, nothing in the URL, and the confirmation email arrives', async () => {
    const page = await noScript.newPage();
    const email = unique('morag');
    await fillListing(page, `TeachMeet ${Date.now()}`, email);
    await page.getByRole('button', { name: 'Send me the confirmation link' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check your email' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/new');
    expect(new URL(page.url()).search).toBe('');
    expect(await page.locator('#main').textContent()).toContain(email);
    const mail = await waitForEmail(email, /./);
    expect(linkFrom(mail, 'confirm').id).toMatch(/^[a-z0-9]+$/);
    await page.close();
  });

  it('sends the form back with every value kept and every problem shown, the summary focused', async () => {
    const page = await noScript.newPage();
    const email = unique('backwards');
    await fillListing(page, 'Backwards meetup', email, { start: inDays(5, '18:00'), end: inDays(5, '17:00') });
    await page.getByLabel('Your email address').fill('not-an-address');
    await page.getByRole('button', { name: 'Send me the confirmation link' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    expect(await page.title()).toMatch(/^Error: /);
    const summary = page.locator('#error-summary');
    expect(await summary.textContent()).toContain('End must be after the start');
    expect(await summary.textContent()).toContain('Enter an email address');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('error-summary');
    expect(await page.getByLabel('Ends').getAttribute('aria-invalid')).toBe('true');
    // Everything typed is still there.
    expect(await page.getByLabel('Title').inputValue()).toBe('Backwards meetup');
    expect(await page.getByLabel('Starts').inputValue()).toBe(inDays(5, '18:00'));
    expect(await page.getByLabel('Time zone', { exact: true }).inputValue()).toBe('Europe/Dublin');
    expect(await page.getByRole('radio', { name: 'Online' }).isChecked()).toBe(true);
    expect(await page.getByLabel('Joining link').inputValue()).toBe('https://meet.example.org/teachmeet');
    expect(await page.getByLabel('Number of places').inputValue()).toBe('30');
    expect(await page.getByLabel('Tags').inputValue()).toBe('TeachMeet, CPD');
    expect(await page.getByLabel('Your email address').inputValue()).toBe('not-an-address');
    // Fixed, it goes through.
    await page.getByLabel('Ends').fill(inDays(5, '19:00'));
    await page.getByLabel('Your email address').fill(email);
    await page.getByRole('button', { name: 'Send me the confirmation link' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check your email' }).waitFor();
    await waitForEmail(email);
    await page.close();
  });

  it('reserves a place on a published meetup: the "Check your email" page, then the email', async () => {
    const { path } = await publishedMeetup();
    const page = await noScript.newPage();
    const ada = unique('ada');
    await page.goto(`${base}${path}`);
    // An error round trip first: the values come back.
    await page.getByLabel('Your name').fill('Ada');
    await page.getByLabel('Access needs or a note to the organiser').fill('Step-free access, please');
    await page.getByRole('button', { name: 'Reserve my place' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('rsvp-error-summary');
    expect(await page.getByLabel('Your name').inputValue()).toBe('Ada');
    expect(await page.getByLabel('Access needs or a note to the organiser').inputValue()).toBe('Step-free access, please');
    expect(await page.getByLabel('Your email address').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Your email address').fill(ada);
    await page.getByRole('button', { name: 'Reserve my place' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check your email' }).waitFor();
    expect(await page.locator('#main').textContent()).toContain(ada);
    expect(new URL(page.url()).search).toBe('');
    const mail = await waitForEmail(ada, /^Confirm your place/);
    expect(mail.body.text).toMatch(/\/rsvp\/[a-z0-9]+\/[A-Za-z0-9_-]+#token=/);
    await page.close();
  });
});

describe('the public event page', () => {
  it('never shows a private joining link, and says who gets it', async () => {
    const { id, path } = await publishedMeetup({ format: 'online', venue: undefined, onlineUrl: PRIVATE_URL });
    const page = await browser.newPage();
    await page.goto(`${base}${path}`);
    const html = await page.content();
    expect(html).not.toContain(PRIVATE_URL);
    expect(await page.locator('.facts').textContent()).toContain('The joining link is sent to everyone with a place');
    const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!) as { location: unknown };
    expect(ld.location).toEqual({ '@type': 'VirtualLocation' });
    expect(JSON.stringify(await (await fetch(`${base}/api/events/${id}`)).json())).not.toContain(PRIVATE_URL);
    await page.close();
  });

  it('fits a 375 px phone: no sideways scroll, the RSVP action on the first screen, and no axe violations', async () => {
    const { path } = await publishedMeetup();
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ viewport: { width: 375, height: 667 }, colorScheme });
      const page = await context.newPage();
      await page.goto(`${base}${path}`);
      await page.waitForLoadState('networkidle');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      const action = page.getByRole('link', { name: 'Reserve a free place' });
      const box = (await action.boundingBox())!;
      expect(box.y + box.height).toBeLessThanOrEqual(667);
      // It goes to the form.
      await action.click();
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('rsvp-name');
      expect(await axeViolations(page), `event page at 375 px (${colorScheme})`).toEqual([]);
      for (const path of ['/new']) {
        await page.goto(`${base}${path}`);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(375);
        expect(await axeViolations(page), `${path} at 375 px (${colorScheme})`).toEqual([]);
      }
      await context.close();
    }
  });
});
