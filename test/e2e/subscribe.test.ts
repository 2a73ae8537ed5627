// E2E: the Subscribe panels on the home, event and "my calendar" pages offer webcal, Google, Outlook and copyable
// https links to feeds that answer, follow the reminder choice, copy (or select the address when the clipboard is
// refused), and a person replaces their own feed's link — headless Chromium against the local site on DynamoDB Local.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { inDays, publishThroughApi, uniqueAddress as unique, type StoredEmail } from '../support/stack.ts';
import { startTestSite } from '../support/site.ts';
import { axeViolations } from '../support/axe.ts';

let site: Awaited<ReturnType<typeof startTestSite>>;
let browser: Browser;
let base: string;
let waitForEmail: (to: string, subject?: RegExp) => Promise<StoredEmail>;

const run = `${Date.now()}`.slice(-6);
const json = { 'Content-Type': 'application/json' };

/** Lists and publishes an online meetup through the API (the listing pages have their own test); returns its id. */
async function publishedMeetup(title: string, extra: { network?: string; tags?: string[] } = {}) {
  const { id } = await publishThroughApi(base, site.sesEndpoint, {
    title, start: inDays(9, '12:30'), end: inDays(9, '13:30'),
    format: 'online', venue: undefined, onlineUrl: 'https://meet.example.org/lunch', ...extra,
  });
  return id;
}

interface Links {
  https: string;
  webcal: string;
  google: string;
  outlook: string;
  outlookWork: string;
}

/** Every link in one feed block (a group named by its heading). */
async function linksIn(feed: Locator): Promise<Links> {
  const href = async (key: string) => (await feed.locator(`a[data-link="${key}"]`).getAttribute('href')) ?? '';
  return {
    https: await feed.locator('input[data-link="https"]').inputValue(),
    webcal: await href('webcal'),
    google: await href('google'),
    outlook: await href('outlook'),
    outlookWork: await href('outlookWork'),
  };
}

/** Each link leads to `url`: webcal directly, Google through `cid`, both Outlooks through `url` (with the name). */
function expectLinksTo(links: Links, url: string, name: string) {
  expect(links.https).toBe(url);
  expect(links.webcal).toBe(url.replace(/^https?:\/\//, 'webcal://'));
  const google = new URL(links.google);
  expect(google.origin + google.pathname).toBe('https://calendar.google.com/calendar/render');
  expect(google.searchParams.get('cid')).toBe(links.webcal);
  for (const [key, host] of [['outlook', 'outlook.live.com'], ['outlookWork', 'outlook.office.com']] as const) {
    const outlook = new URL(links[key]);
    expect(outlook.host).toBe(host);
    expect(outlook.pathname).toBe('/calendar/0/addfromweb');
    expect(outlook.searchParams.get('url')).toBe(url);
    expect(outlook.searchParams.get('name')).toBe(name);
  }
}

/** Fetches a feed from inside the page (same origin, as a calendar app would fetch it); returns status, type, text. */
const fetchFromPage = (page: Page, url: string) =>
  page.evaluate(async (u) => {
    const res = await fetch(u, { cache: 'no-store' });
    return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
  }, url);

async function expectCalendar(page: Page, url: string, contains?: string) {
  const feed = await fetchFromPage(page, url);
  expect(feed.status, url).toBe(200);
  expect(feed.type).toMatch(/^text\/calendar/);
  expect(feed.text).toContain('BEGIN:VCALENDAR');
  if (contains) expect(feed.text).toContain(contains);
  return feed.text;
}

/** RSVPs through the API and confirms from the email, as a person would; the "You're in" email links their feed. */
async function personalLink(eventId: string, email: string): Promise<string> {
  const asked = await fetch(`${base}/api/events/${eventId}/rsvps`, { method: 'POST', headers: json, body: JSON.stringify({ name: 'Ada', email }) });
  expect(asked.status).toBe(202);
  const confirm = /\/rsvp\/([a-z0-9]+)\/([A-Za-z0-9_-]+)#token=([A-Za-z0-9_-]{43})/.exec((await waitForEmail(email, /^Confirm your place/)).body.text ?? '');
  if (!confirm) throw new Error('No confirm link');
  const confirmed = await fetch(`${base}/api/events/${confirm[1]}/rsvps/${confirm[2]}/confirm`, { method: 'POST', headers: json, body: JSON.stringify({ token: confirm[3] }) });
  expect(confirmed.status).toBe(200);
  const mine = /\/my-calendar#token=([0-9a-f]{24}[A-Za-z0-9_-]{43})/.exec((await waitForEmail(email, /^You're in/)).body.text ?? '');
  if (!mine) throw new Error('No my-calendar link');
  return mine[1]!;
}

const openPanel = (page: Page) => page.locator('.subscribe-more > summary').click();

beforeAll(async () => {
  site = await startTestSite();
  ({ browser, base, waitForEmail } = site);
});

afterAll(() => site?.close());

describe('the Subscribe panel on the home page', () => {
  const network = `Leeds Library Chat ${run}`;
  const networkSlug = `leeds-library-chat-${run}`;
  const tag = `Cataloguing${run}`;
  const title = `Feed lunch ${run}`;

  beforeAll(async () => {
    await publishedMeetup(title, { network, tags: [tag] });
  });

  it('offers the whole-site feed without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await openPanel(page);
    const link = page.getByRole('link', { name: 'every meetup (.ics)' });
    expect(await link.getAttribute('href')).toBe('/calendar.ics');
    expect(await page.locator('.alarm-select').isVisible()).toBe(false);
    await context.close();
    const feed = await fetch(`${base}/calendar.ics`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
  });

  it('links every meetup, then the network and tag feeds of the filter, and follows the reminder', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/`);
    await openPanel(page);
    const everything = page.getByRole('group', { name: 'Every meetup' });
    await everything.waitFor();
    expectLinksTo(await linksIn(everything), `${base}/calendar.ics`, 'Signpost: free library and information meetups');
    await expectCalendar(page, `${base}/calendar.ics`, `SUMMARY:${title}`);

    // A link from a meetup card filters by the network's slug; the panel names the feed as the organiser did.
    await page.goto(`${base}/?network=${networkSlug}&tag=${tag.toLowerCase()}`);
    await openPanel(page);
    const byNetwork = page.getByRole('group', { name: `${network} meetups` });
    const byTag = page.getByRole('group', { name: `${tag} meetups` });
    await byNetwork.waitFor();
    await byTag.waitFor();
    expect(await page.locator('.feed').count()).toBe(3);
    const networkUrl = `${base}/calendar/networks/${networkSlug}.ics`;
    const tagUrl = `${base}/calendar/tags/${tag.toLowerCase()}.ics`;
    expectLinksTo(await linksIn(byNetwork), networkUrl, `Signpost: ${network}`);
    expectLinksTo(await linksIn(byTag), tagUrl, `Signpost: ${tag} meetups`);
    await expectCalendar(page, networkUrl, `SUMMARY:${title}`);
    await expectCalendar(page, tagUrl, `SUMMARY:${title}`);

    // The reminder rewrites every link, and the feeds answer with an alarm.
    await page.getByLabel(/^Reminder/).selectOption({ label: '1 hour before' });
    expectLinksTo(await linksIn(byNetwork), `${networkUrl}?alarm=60`, `Signpost: ${network}`);
    expectLinksTo(await linksIn(page.getByRole('group', { name: 'Every meetup' })), `${base}/calendar.ics?alarm=60`, 'Signpost: free library and information meetups');
    expect(await expectCalendar(page, `${networkUrl}?alarm=60`)).toContain('BEGIN:VALARM');
    await page.getByLabel(/^Reminder/).selectOption({ label: 'None' });
    expect(await byNetwork.locator('input').inputValue()).toBe(networkUrl);

    // Typed into the form, the name is slugified as the server does it.
    await page.locator('#more-filters > summary').click();
    await page.getByLabel('Tag', { exact: true }).fill('');
    await page.getByLabel('Network or group').fill(`  ${network.toUpperCase()} `);
    await page.getByRole('button', { name: 'Show meetups' }).click();
    // The form is a plain GET: the server renders the filtered page, whose panel starts folded.
    await page.waitForURL(/network=/);
    await openPanel(page);
    await expect.poll(() => page.locator('.feed').count()).toBe(2);
    expect(await page.getByRole('group', { name: `${network} meetups` }).locator('input').inputValue()).toBe(networkUrl);
    await page.close();
  });

  it('says when a network has no feed, instead of linking to one that is not there', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/?network=nobody-lists-here-${run}`);
    await openPanel(page);
    await page.getByText(`There is no calendar for meetups from “nobody-lists-here-${run}” yet`).waitFor();
    expect(await page.locator('.feed').count()).toBe(1);
    expect(await page.locator('.feed h3').textContent()).toBe('Every meetup');
    await page.close();
  });

  it('copies the address, or selects it and says how when the clipboard is refused', async () => {
    const allowed = await browser.newContext();
    await allowed.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    const page = await allowed.newPage();
    await page.goto(`${base}/`);
    await openPanel(page);
    await page.getByRole('button', { name: 'Copy the address for Every meetup' }).click();
    await expect.poll(() => page.locator('.copy-status').textContent()).toBe('Copied the address for Every meetup.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${base}/calendar.ics`);
    await allowed.close();

    const refused = await browser.newContext();
    await refused.addInitScript(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined }));
    const fallback = await refused.newPage();
    await fallback.goto(`${base}/`);
    await openPanel(fallback);
    await fallback.getByRole('button', { name: 'Copy the address for Every meetup' }).click();
    await expect.poll(() => fallback.locator('.copy-status').textContent()).toMatch(/press Ctrl\+C/);
    const selected = await fallback.evaluate(() => {
      const input = document.activeElement as HTMLInputElement;
      return { id: input.dataset.link, text: input.value.slice(input.selectionStart ?? 0, input.selectionEnd ?? 0) };
    });
    expect(selected).toEqual({ id: 'https', text: `${base}/calendar.ics` });
    await refused.close();
  });
});

describe('"Add to your calendar" on the event page', () => {
  it("downloads the meetup's .ics and subscribes to its network or the whole site", async () => {
    const network = `Bristol Info Pros ${run}`;
    const title = `Network lunch ${run}`;
    const id = await publishedMeetup(title, { network });
    const page = await browser.newPage();
    await page.goto(`${base}/events/${id}`);

    const download = page.getByRole('link', { name: 'Download this meetup (.ics)' });
    expect(await download.getAttribute('href')).toBe(`${base}/calendar/events/${id}.ics`);
    await expectCalendar(page, `${base}/calendar/events/${id}.ics`, `SUMMARY:${title}`);

    await openPanel(page);
    const networkUrl = `${base}/calendar/networks/bristol-info-pros-${run}.ics`;
    const byNetwork = page.getByRole('group', { name: `${network} meetups` });
    expectLinksTo(await linksIn(byNetwork), networkUrl, `Signpost: ${network}`);
    expectLinksTo(await linksIn(page.getByRole('group', { name: 'Every Signpost meetup' })), `${base}/calendar.ics`, 'Signpost: free library and information meetups');
    await expectCalendar(page, networkUrl, `SUMMARY:${title}`);
    expect(await page.locator('.subscribe-notes').textContent()).toContain('Google Calendar can take a day or more to show changes');

    await page.getByLabel(/^Reminder/).selectOption('1440');
    expectLinksTo(await linksIn(byNetwork), `${networkUrl}?alarm=1440`, `Signpost: ${network}`);

    const withoutNetwork = await publishedMeetup(`Solo lunch ${run}`);
    await page.goto(`${base}/events/${withoutNetwork}`);
    expect(await page.locator('.feed h3').allTextContents()).toEqual(['Every Signpost meetup']);
    await page.close();
  });
});

describe('the "my calendar" page', () => {
  it('shows the personal feed, and "Make a new link" kills the old address', async () => {
    const title = `Personal lunch ${run}`;
    const id = await publishedMeetup(title);
    const token = await personalLink(id, unique('ada'));
    const oldFeed = `${base}/calendar/me/${token}.ics`;
    const page = await browser.newPage();
    await page.goto(`${base}/my-calendar#token=${token}`);
    const mine = page.getByRole('group', { name: 'Your meetups' });
    await mine.waitFor();
    expect(await page.locator('#calendar-area').textContent()).toContain("Anyone with it can see which meetups you're going to — don't share it.");
    expectLinksTo(await linksIn(mine), oldFeed, 'Signpost: my meetups');
    await expectCalendar(page, oldFeed, `SUMMARY:${title}`);
    await page.getByLabel(/^Reminder/).selectOption('15');
    expectLinksTo(await linksIn(mine), `${oldFeed}?alarm=15`, 'Signpost: my meetups');

    // The button stays disabled while the request is out.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/api/calendar/me/replace', async (route) => {
      await held;
      await route.continue();
    });
    const button = page.getByRole('button', { name: 'Make a new link' });
    await button.click();
    await expect.poll(() => button.isDisabled()).toBe(true);
    release();
    await expect.poll(() => page.locator('#replace-status').textContent()).toMatch(/^Done: the address above is new/);
    expect(await button.isDisabled()).toBe(false);

    const newToken = new URLSearchParams(new URL(page.url()).hash.slice(1)).get('token')!;
    expect(newToken).toMatch(/^[0-9a-f]{24}[A-Za-z0-9_-]{43}$/);
    expect(newToken).not.toBe(token);
    const newFeed = `${base}/calendar/me/${newToken}.ics`;
    expectLinksTo(await linksIn(mine), `${newFeed}?alarm=15`, 'Signpost: my meetups');
    expect((await fetchFromPage(page, oldFeed)).status).toBe(404);
    await expectCalendar(page, newFeed, `SUMMARY:${title}`);

    // The rewritten fragment is a working bookmark; the old link explains itself.
    await page.getByLabel(/^Reminder/).selectOption('');
    await page.reload();
    await mine.waitFor();
    expect(await mine.locator('input').inputValue()).toBe(newFeed);
    await page.goto(`${base}/my-calendar#token=${token}`);
    await page.getByRole('heading', { name: "This link doesn't work any more" }).waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Use the newest link from your Signpost emails.');
    expect(await page.locator('#calendar-area').isVisible()).toBe(false);
    await page.close();
  });

  it('explains incomplete links', async () => {
    const page = await browser.newPage();
    for (const fragment of ['', '#token=abc', `#token=${'0'.repeat(24)}${'A'.repeat(42)}`]) {
      await page.goto(`${base}/my-calendar${fragment}`);
      await page.getByRole('heading', { name: 'This link looks incomplete' }).waitFor();
    }
    await page.close();
  });
});

describe('Subscribe panels: accessibility', () => {
  it('has no WCAG 2.1 A/AA violations, light and dark', async () => {
    const id = await publishedMeetup(`Access lunch ${run}`, { network: `Access Network ${run}` });
    const token = `${'0'.repeat(24)}${'A'.repeat(43)}`; // well formed, never issued
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ colorScheme });
      const page = await context.newPage();
      await page.goto(`${base}/?network=access-network-${run}`);
      await openPanel(page);
      await page.getByRole('group', { name: `Access Network ${run} meetups` }).waitFor();
      await page.getByRole('button', { name: 'Copy the address for Every meetup' }).click();
      await expect.poll(() => page.locator('.copy-status').textContent()).not.toBe('');
      expect(await axeViolations(page), `home (${colorScheme})`).toEqual([]);

      await page.goto(`${base}/events/${id}`);
      await openPanel(page);
      expect(await axeViolations(page), `event page (${colorScheme})`).toEqual([]);

      await page.goto(`${base}/my-calendar#token=${token}`);
      await page.getByRole('heading', { name: "This link doesn't work any more" }).waitFor();
      expect(await axeViolations(page), `my calendar, old link (${colorScheme})`).toEqual([]);
      await context.close();
    }
  });

  it('has no violations on a working "my calendar" page', async () => {
    const token = await personalLink(await publishedMeetup(`Access personal ${run}`), unique('bea'));
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ colorScheme });
      const page = await context.newPage();
      await page.goto(`${base}/my-calendar#token=${token}`);
      await page.getByRole('group', { name: 'Your meetups' }).waitFor();
      expect(await axeViolations(page), `my calendar (${colorScheme})`).toEqual([]);
      await context.close();
    }
  });
});
