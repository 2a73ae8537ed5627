// E2E: a team's message in headless Chromium against the local site on DynamoDB Local and the SES emulator. The
// organiser opens the manage page from the emailed link, writes a message to everyone with a place, previews it (the
// email exactly as it will arrive, sent to nobody), sends it, and it reaches the attendee's inbox once, with their
// own cancel link. The panel is axe-clean at 1280 and 375 px. Without JavaScript, a network organiser signed in does
// the same on the form pages, going back to change what was typed before sending.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestSite } from '../support/site.ts';
import { axeViolations } from '../support/axe.ts';
import { inbox, publishThroughApi, teamThroughSite, uniqueAddress } from '../support/stack.ts';
import { SESSION_COOKIE } from '#functions/core/viewer.ts';

let site: Awaited<ReturnType<typeof startTestSite>>;
let browser: Browser;
let base: string;

const run = Date.now().toString(36);
const subject = `Slides are up ${run}`;

const postJson = (path: string, body: unknown) =>
  fetch(`${base}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

/** `email` with a confirmed place: asked for on the API, confirmed from the emailed link. */
async function placeFor(id: string, email: string) {
  expect((await postJson(`/api/events/${id}/rsvps`, { name: 'Gus', email })).status).toBe(202);
  const mail = await site.waitForEmail(email, /^Confirm your place/);
  const [, key, token] = /\/rsvp\/[a-z0-9]+\/([\w-]+)#token=([\w-]+)/.exec(mail.body.text ?? '')!;
  const confirmed = await postJson(`/api/events/${id}/rsvps/${key}/confirm`, { token });
  expect(((await confirmed.json()) as { status: string }).status).toBe('confirmed');
}

beforeAll(async () => {
  site = await startTestSite();
  browser = site.browser;
  base = site.base;
});

afterAll(async () => {
  await site?.close();
});

describe('a message from the manage page', () => {
  let page: Page;

  it('is written, previewed without sending, sent, and arrives once with the attendee’s own cancel link', async () => {
    const meetup = await publishThroughApi(base, site.sesEndpoint, { title: `Message meetup ${run}`, capacity: 10 });
    const guest = uniqueAddress('guest');
    await placeFor(meetup.id, guest);

    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await page.goto(`${base}/manage/${meetup.id}#token=${meetup.token}`);
    await page.getByRole('heading', { name: 'Email your attendees' }).waitFor();
    await page.getByLabel('Everyone with a place', { exact: true }).check();
    await page.locator('#message-subject').fill(subject);
    await page.locator('#message-body').fill('The slides: https://example.org/slides\n\nThanks for coming!');
    await page.getByRole('button', { name: 'Preview the email' }).click();

    await page.getByRole('heading', { name: 'Check your email before it goes' }).waitFor();
    const shown = page.locator('#message-preview .email-preview');
    await expect.poll(() => shown.textContent()).toContain('Hello [their name],');
    expect(await shown.textContent()).toContain('The slides: https://example.org/slides');
    expect(await shown.textContent()).toContain('(their own link)');
    expect(await axeViolations(page)).toEqual([]);
    expect((await inbox(site.sesEndpoint, guest)).filter((m) => m.subject === subject)).toEqual([]);

    await page.getByRole('button', { name: 'Send it to 1 person' }).click();
    await expect.poll(() => page.locator('#message-status').textContent()).toContain('on its way to 1 person');

    const mail = await site.waitForEmail(guest, new RegExp(`^${subject}$`));
    expect(mail.body.text).toContain('Thanks for coming!');
    expect(mail.body.text).toMatch(new RegExp(`/rsvp/${meetup.id}/[\\w-]+/cancel#token=[\\w-]{43}`));
    expect(mail.replyTo).toEqual([meetup.organiser]);
    // The form is ready for another, and nothing was sent twice.
    expect(await page.locator('#message-subject').inputValue()).toBe('');
    await new Promise((r) => setTimeout(r, 1000));
    expect((await inbox(site.sesEndpoint, guest)).filter((m) => m.subject === subject)).toHaveLength(1);
  });

  it('shows a problem on the form, with what was typed kept, and is axe-clean on a phone', async () => {
    await page.setViewportSize({ width: 375, height: 667 });
    await page.locator('#message-body').fill('Bring your laptop.');
    await page.getByRole('button', { name: 'Preview the email' }).click();
    await expect.poll(() => page.locator('#message-error-summary').isVisible()).toBe(true);
    expect(await page.locator('#message-error-summary').textContent()).toContain('Write a subject');
    expect(await page.locator('#message-body').inputValue()).toBe('Bring your laptop.');
    expect(await axeViolations(page)).toEqual([]);
  });
});

describe('a message without JavaScript', () => {
  it('is written, previewed, changed with what was typed kept, and sent from the form pages', async () => {
    const network = `Message Pages Network ${run}`;
    const meetup = await publishThroughApi(base, site.sesEndpoint, { title: `No-script meetup ${run}`, network });
    const guest = uniqueAddress('noscript-guest');
    await placeFor(meetup.id, guest);
    const { cookie } = await teamThroughSite(base, site.sesEndpoint, network);
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 667 } });
    // The team's session, signed in through the site's own pages: a __Host- cookie (secure, path /, no domain).
    await context.addCookies([{ name: SESSION_COOKIE, value: cookie.slice(SESSION_COOKIE.length + 1), domain: new URL(base).hostname, path: '/', secure: true, httpOnly: true, sameSite: 'Lax' }]);
    const page = await context.newPage();
    await page.goto(`${base}/events/${meetup.id}/messages`);
    await page.getByLabel('Everyone with a place (1 person)').check();
    await page.getByLabel('Subject').fill(`Room changed ${run}`);
    await page.getByLabel('Your message').fill('We are in Room 2.');
    await page.getByRole('button', { name: 'Preview the email' }).click();
    await page.getByRole('heading', { name: 'Check your email before it goes' }).waitFor();
    expect(await page.locator('.email-preview').textContent()).toContain('We are in Room 2.');

    await page.getByRole('button', { name: 'Change it' }).click();
    expect(await page.getByLabel('Your message').inputValue()).toBe('We are in Room 2.');
    await page.getByLabel('Your message').fill('We are in Room 3.');
    await page.getByRole('button', { name: 'Preview the email' }).click();
    await page.getByRole('button', { name: 'Send it to 1 person' }).click();
    await page.getByRole('heading', { name: 'Your message is on its way' }).waitFor();

    const mail = await site.waitForEmail(guest, new RegExp(`^Room changed ${run}$`));
    expect(mail.body.text).toContain('We are in Room 3.');
    // Replies go to the network's contact address: its creator's (teamThroughSite), not the meetup's organiser.
    expect(mail.replyTo).toEqual([expect.stringMatching(/^team-/)]);
    await context.close();
  });
});
