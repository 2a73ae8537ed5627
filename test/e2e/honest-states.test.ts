// E2E: the pages reached by emailed links say what is true after every action — the badge after publishing, the
// counts after "You're in!", a used confirm or cancel link reopened (its state as it opens, no button), the waitlist, a
// removed person, the organiser's own counts and saves — say so when JavaScript is off (never speaking of a button
// that is not there) or the link is cut short, fit a 375 px phone, and pass axe; plus the privacy notice and the about page.
// Headless Chromium against the local site on DynamoDB Local. SHOTS_DIR=/some/dir also saves screenshots.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { inDays, linkFrom, listThroughApi, publishThroughApi, uniqueAddress as unique, type StoredEmail } from '../support/stack.ts';
import { startTestSite } from '../support/site.ts';
import { axeViolations } from '../support/axe.ts';
import { PRIVACY_FACTS } from '#views/info-pages.ts';
import { SESSION_DAYS } from '#functions/auth/cookie.ts';
import { RSVP_RETENTION_DAYS_AFTER_END } from '#functions/rsvps/rsvp.ts';
import { DRAFT_LIFETIME_DAYS, MANAGE_LINK_DAYS_AFTER_END } from '#functions/events/event.ts';
import { SENT_RETENTION_DAYS } from '#functions/mail/outbox.ts';

let site: Awaited<ReturnType<typeof startTestSite>>;
let browser: Browser;
let base: string;
let waitForEmail: (to: string, subject?: RegExp) => Promise<StoredEmail>;

const post = (path: string, body: unknown) =>
  fetch(`${base}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const PHONE = { width: 375, height: 740 };
const DESKTOP = { width: 1280, height: 900 };

/** Saves a full-page screenshot when SHOTS_DIR is set (for people to look at; nothing asserts on it). */
async function shot(page: Page, name: string) {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const width = page.viewportSize()?.width ?? 0;
  await page.screenshot({ path: join(dir, `${name}-${width}.png`), fullPage: true });
}

/** Both widths, for pages worth seeing on a phone and a desktop. */
async function shots(page: Page, name: string) {
  if (!process.env.SHOTS_DIR) return;
  const before = page.viewportSize();
  for (const size of [PHONE, DESKTOP]) {
    await page.setViewportSize(size);
    await shot(page, name);
  }
  if (before) await page.setViewportSize(before);
}

/** The page path of an RSVP link in an email ("confirm" or "cancel"). */
function rsvpLink(mail: StoredEmail, kind: 'confirm' | 'cancel'): string {
  const text = mail.body.text ?? '';
  const pattern =
    kind === 'confirm'
      ? /https?:\/\/[^\s"]+(\/rsvp\/[a-z0-9]+\/[A-Za-z0-9_-]+#token=[A-Za-z0-9_-]{43})/
      : /https?:\/\/[^\s"]+(\/rsvp\/[a-z0-9]+\/[A-Za-z0-9_-]+\/cancel#token=[A-Za-z0-9_-]{43}(?:&[a-z]+=[a-z0-9]+)?)/;
  const match = pattern.exec(text);
  if (!match) throw new Error(`No RSVP ${kind} link in "${mail.subject}"`);
  return `${base}${match[1]}`;
}

/** Lists a meetup through the API and returns the link from its confirmation email (unpublished). */
const listedMeetup = (title: string, extra: Record<string, unknown> = {}) =>
  listThroughApi(base, site.sesEndpoint, {
    title, description: 'A lunchtime chat about cataloguing and metadata.',
    venue: 'Central Library\nSt Peter’s Square\nManchester', capacity: 3, ...extra,
  });

const publishedMeetup = (title: string, extra: Record<string, unknown> = {}) =>
  publishThroughApi(base, site.sesEndpoint, {
    title, description: 'A lunchtime chat about cataloguing and metadata.',
    venue: 'Central Library\nSt Peter’s Square\nManchester', capacity: 3, ...extra,
  });

/** Reserves through the API and returns the emailed confirm link. */
async function reserved(eventId: string, name: string, email: string, note?: string): Promise<string> {
  expect((await post(`/api/events/${eventId}/rsvps`, { name, email, ...(note ? { note } : {}) })).status).toBe(202);
  return rsvpLink(await waitForEmail(email, /^Confirm (your place|to join the waitlist)/), 'confirm');
}

const heading = (page: Page) => page.locator('h1').textContent();
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id);
const mainText = (page: Page) => page.locator('#main').innerText();
/** True when the page is wider than the window: the reader would have to scroll sideways. */
const scrollsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

beforeAll(async () => {
  site = await startTestSite();
  ({ browser, base, waitForEmail } = site);
});

afterAll(() => site?.close());

describe('the organiser: publishing, and the manage page on a phone', () => {
  it('says Published everywhere once "Confirm and publish" is pressed, and the used link says it is already published', async () => {
    const meetup = await listedMeetup(`Metadata lunch ${Date.now()}`);
    const page = await browser.newPage({ viewport: DESKTOP });
    await page.goto(`${base}/confirm/${meetup.id}#token=${meetup.token}`);
    const publish = page.getByRole('button', { name: 'Confirm and publish' });
    await publish.waitFor();
    expect(await page.locator('.badge').textContent()).toBe('Not published yet');
    expect(await page.locator('#page-status').textContent()).toBe('');
    await shots(page, 'confirm-draft');

    await publish.click();
    await page.getByRole('heading', { level: 1, name: 'Your meetup is published' }).waitFor();
    expect(await focusedId(page)).toBe('page-title');
    expect(await page.locator('.badge').allTextContents()).toEqual(['Published']);
    expect(await mainText(page)).not.toMatch(/not published yet|Nothing is public yet/i);
    expect(await page.title()).toBe('Your meetup is published · Signpost');
    await shots(page, 'confirm-published');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Your meetup is already published' }).waitFor();
    expect(await page.getByRole('button', { name: 'Confirm and publish' }).count()).toBe(0);
    expect(await mainText(page)).not.toContain('Loaded your meetup');
    await page.close();
  });

  it('lists from the form (its intro goes with it) and, once published, says which emailed link manages the meetup', async () => {
    const page = await browser.newPage({ viewport: PHONE });
    const email = unique('organiser');
    await page.goto(`${base}/new`);
    expect(await page.getByText('All fields are needed unless marked optional.').isVisible()).toBe(true);
    await page.getByLabel('Title').fill(`Browser listing ${Date.now()}`);
    await page.getByLabel('What will happen').fill('Short talks about reading groups.');
    await page.getByLabel('Starts').fill(inDays(10, '16:00'));
    await page.getByLabel('Ends').fill(inDays(10, '18:00'));
    await page.getByRole('radio', { name: 'Online' }).check();
    await page.getByLabel('Joining link').fill('https://meet.example.org/reading');
    await page.getByLabel('Your name').fill('Morag');
    await page.getByLabel('Your email address').fill(email);
    await page.getByRole('button', { name: 'Send me the confirmation link' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    expect(await mainText(page)).not.toContain('All fields are needed');

    const mail = await waitForEmail(email, /./);
    // The email has two links: confirm, then manage (labelled "Manage your meetup"); the pages say just that.
    expect(mail.body.html).toContain('Manage your meetup');
    expect(mail.body.text).toMatch(/\/confirm\/[\s\S]*\/manage\//);
    const { id, token } = linkFrom(mail, 'confirm');
    await page.goto(`${base}/confirm/${id}#token=${token}`);
    await page.getByRole('button', { name: 'Confirm and publish' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your meetup is published' }).waitFor();
    const done = await page.locator('#confirm-done').innerText();
    expect(done).toContain('Keep the email we sent you: its second link, “Manage your meetup”, is how you edit or cancel the meetup later.');
    expect(done).not.toContain('its link is also your manage link');
    await page.close();
  });

  it('fits a 375 px phone: no sideways scroll, every note and Remove in view; removing sends a message and lists them as removed', async () => {
    const title = `Cataloguing clinic with a rather long title so it wraps ${Date.now()}`;
    const meetup = await publishedMeetup(title);
    const ada = unique('ada.lovelace.with.a.very.long.address');
    const confirmLink = await reserved(meetup.id, 'Ada Lovelace', ada, 'I use a wheelchair: please tell me about step-free access to the room.');
    const page = await browser.newPage({ viewport: PHONE });
    await page.goto(confirmLink);
    await page.getByRole('button', { name: 'Confirm my place' }).click();
    await page.getByRole('heading', { level: 1, name: "You're in!" }).waitFor();

    await page.goto(`${base}/manage/${meetup.id}#token=${meetup.token}`);
    const table = page.getByRole('table', { name: /Everyone who has replied/ });
    await table.waitFor();
    expect(await mainText(page)).not.toContain('Loaded your meetup');
    expect(await scrollsSideways(page)).toBe(false);
    const remove = page.getByRole('button', { name: 'Remove Ada Lovelace' });
    const note = page.getByText('I use a wheelchair');
    for (const target of [remove, note]) {
      await target.scrollIntoViewIfNeeded();
      const box = (await target.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    }
    expect(await page.getByLabel('Email me when someone cancels').count()).toBe(1);
    // The organiser sees the counts, not the public "Full — join the waitlist".
    expect(await page.locator('#overview-body').innerText()).toContain('1 of 3 places taken');
    expect(await axeViolations(page), 'manage page at 375 px').toEqual([]);

    // Saving the settings keeps focus on the outcome; "Save changes" with nothing changed says so and sends nothing.
    await page.getByRole('button', { name: 'Save RSVP settings' }).click();
    await expect.poll(() => page.locator('#rsvp-settings-status').textContent()).toMatch(/^Saved\./);
    expect(await focusedId(page)).toBe('rsvp-settings-status');
    let edits = 0;
    page.on('request', (r) => void (r.method() === 'PUT' && edits++));
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => page.locator('#saved-notice').textContent()).toBe("Nothing to save: you haven't changed anything.");
    expect(await focusedId(page)).toBe('saved-notice');
    expect(edits).toBe(0);
    await shots(page, 'manage');

    await remove.click();
    const message = page.getByLabel(/Message to them/);
    await message.fill('Sorry: this session is for members of the cataloguing group only.');
    expect(await scrollsSideways(page)).toBe(false);
    await shot(page, 'manage-remove-confirm');
    await page.getByRole('button', { name: 'Yes, remove' }).click();
    await expect.poll(() => page.locator('#attendees-status').textContent()).toMatch(/^Removed Ada Lovelace\./);
    expect(await table.getByRole('row', { name: /Ada Lovelace/ }).textContent()).toContain('Removed by the organiser');
    expect(await page.getByRole('button', { name: 'Remove Ada Lovelace' }).count()).toBe(0);
    const removal = await waitForEmail(ada, /remov/i);
    expect(removal.body.text).toContain('members of the cataloguing group only');
    await page.close();
  });

  it('deletes a cancelled meetup and its attendee data after a confirmation', async () => {
    const meetup = await publishedMeetup(`Cancelled chat ${Date.now()}`);
    expect((await post(`/api/events/${meetup.id}/cancel`, { token: meetup.token })).status).toBe(200);
    const page = await browser.newPage({ viewport: PHONE });
    await page.goto(`${base}/manage/${meetup.id}#token=${meetup.token}`);
    const start = page.getByRole('button', { name: 'Delete this meetup and its attendee data' });
    await start.waitFor();
    expect(await page.locator('#cancel-section').isHidden()).toBe(true);
    await start.click();
    await page.getByRole('button', { name: 'No, keep it' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('delete-start');
    // Until the cancellation emails have gone out the API answers 409; the page says so and offers the button again.
    const deleted = page.getByRole('heading', { level: 1, name: 'Meetup deleted' });
    await expect
      .poll(async () => {
        if (await deleted.isVisible()) return true;
        if (await start.isVisible()) await start.click();
        await page.getByRole('button', { name: 'Yes, delete it' }).click();
        await page.waitForFunction(() => document.getElementById('page-status')?.textContent !== 'Deleting…');
        return deleted.isVisible();
      }, { timeout: 60_000, interval: 1000 })
      .toBe(true);
    expect((await fetch(`${base}/api/events/${meetup.id}`)).status).toBe(404);
    await page.close();
  });
});

describe('attendees: every state after every action', () => {
  it('shows the counts after "You\'re in!"; reopened, used confirm and cancel links show where things stand, with no button', async () => {
    const meetup = await publishedMeetup(`Counts check ${Date.now()}`);
    const bea = unique('bea');
    const confirmLink = await reserved(meetup.id, 'Bea', bea);
    const page = await browser.newPage({ viewport: PHONE });
    await page.goto(confirmLink);
    await page.getByRole('button', { name: 'Confirm my place' }).waitFor();
    expect(await page.locator('#places-line').textContent()).toBe('3 left of 3');
    expect(await axeViolations(page), 'RSVP confirm page at 375 px').toEqual([]);
    await shots(page, 'rsvp-confirm');

    await page.getByRole('button', { name: 'Confirm my place' }).click();
    await page.getByRole('heading', { level: 1, name: "You're in!" }).waitFor();
    expect(await focusedId(page)).toBe('page-title');
    expect(await page.locator('#places-line').textContent()).toBe('2 left of 3');
    expect(await scrollsSideways(page)).toBe(false);
    await shots(page, 'rsvp-in');

    // Reopened, the used link says where she stands at once, with nothing to press.
    await page.goto(`${base}/`);
    await page.goto(confirmLink);
    await page.getByRole('heading', { level: 1, name: "You're in" }).waitFor();
    expect(await page.getByRole('button').count()).toBe(0);
    expect(await mainText(page)).toContain('Your place is confirmed');
    expect(await page.locator('#places-line').textContent()).toBe('2 left of 3');

    // Her cancel link: frees the place, and once used says it is already cancelled.
    const cancelLink = rsvpLink(await waitForEmail(bea, /^You're in/), 'cancel');
    await page.goto(cancelLink);
    await page.getByRole('button', { name: 'Cancel my place' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your place is freed' }).waitFor();
    expect(await mainText(page)).toContain('Your place is free for someone else.');
    expect(await mainText(page)).not.toContain('If you have a place');
    expect(await page.locator('#places-line').textContent()).toBe('3 left of 3');
    await page.goto(`${base}/`);
    await page.goto(cancelLink);
    await page.getByRole('heading', { level: 1, name: 'Your place was already cancelled' }).waitFor();
    expect(await page.getByRole('button', { name: 'Cancel my place' }).count()).toBe(0);
    expect(await mainText(page)).not.toMatch(/Can't come after all/);

    // And her confirm link, reopened after cancelling: no button, and the way to reserve again.
    await page.goto(`${base}/`);
    await page.goto(confirmLink);
    await page.getByRole('heading', { level: 1, name: 'You cancelled this place' }).waitFor();
    expect(await page.getByRole('button').count()).toBe(0);
    expect(await mainText(page)).not.toMatch(/join the waitlist/i);
    expect(await page.getByRole('link', { name: 'reserve again on the meetup page' }).getAttribute('href')).toMatch(new RegExp(`^/events/${meetup.id}/.*#rsvp$`));
    expect((await (await post(`/api/events/${meetup.id}/attendees`, { token: meetup.token })).json()) as unknown).toMatchObject({ confirmed: 0 });
    await page.close();
  });

  it('speaks of the waitlist, never "Full — join the waitlist" to a place-holder, and deletes an RSVP on request', async () => {
    const meetup = await publishedMeetup(`Waitlist check ${Date.now()}`, { capacity: 1 });
    const cai = unique('cai');
    const dee = unique('dee');
    const page = await browser.newPage({ viewport: PHONE });
    await page.goto(await reserved(meetup.id, 'Cai', cai));
    await page.getByRole('button', { name: 'Confirm my place' }).click();
    await page.getByRole('heading', { level: 1, name: "You're in!" }).waitFor();
    expect(await page.locator('#places-line').textContent()).toBe('Full: the one place is taken');

    // Cai holds the place: his cancel page says the meetup is full, without inviting him to join the waitlist.
    const caiCancel = rsvpLink(await waitForEmail(cai, /^You're in/), 'cancel');
    await page.goto(caiCancel);
    await page.getByRole('button', { name: 'Cancel my place' }).waitFor();
    expect(await mainText(page)).not.toMatch(/join the waitlist/i);
    await shots(page, 'rsvp-cancel');

    await page.goto(await reserved(meetup.id, 'Dee', dee));
    const join = page.getByRole('button', { name: 'Join the waitlist' });
    await join.waitFor();
    expect(await heading(page)).toBe('Join the waitlist');
    expect(await page.getByRole('button', { name: 'Confirm my place' }).count()).toBe(0);
    await join.click();
    await page.getByRole('heading', { level: 1, name: "You're number 1 on the waitlist" }).waitFor();
    expect(await mainText(page)).not.toContain('Confirm my place');
    await shots(page, 'rsvp-waitlisted');
    // Reopened: still number 1, nothing to press.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: "You're number 1 on the waitlist" }).waitFor();
    expect(await page.getByRole('button').count()).toBe(0);

    // Cai asks for his details to be deleted: his place goes to Dee.
    await page.goto(caiCancel);
    await page.getByRole('button', { name: 'Delete my RSVP and my details' }).click();
    await page.getByRole('button', { name: 'Yes, delete my details' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your details are deleted' }).waitFor();
    await waitForEmail(dee, /freed up/);
    const list = (await (await post(`/api/events/${meetup.id}/attendees`, { token: meetup.token })).json()) as { attendees: { email: string }[] };
    expect(list.attendees.map((a) => a.email)).toEqual([dee]);
    await page.close();
  });

  it('tells a removed person the organiser removed them, and shows a confirmed place its joining link', async () => {
    const meetup = await publishedMeetup(`Online chat ${Date.now()}`, { format: 'online', venue: undefined, onlineUrl: 'https://meet.example.org/very-long-room-name-that-must-wrap-on-a-phone-0123456789' });
    const eli = unique('eli');
    const fay = unique('fay');
    const page = await browser.newPage({ viewport: PHONE });
    await page.goto(await reserved(meetup.id, 'Eli', eli));
    await page.getByRole('button', { name: 'Confirm my place' }).click();
    await page.getByRole('heading', { level: 1, name: "You're in!" }).waitFor();
    const joining = page.locator('#join-link');
    expect(await joining.getByRole('heading', { name: 'Joining link' }).count()).toBe(1);
    expect(await joining.getByRole('link').getAttribute('href')).toBe('https://meet.example.org/very-long-room-name-that-must-wrap-on-a-phone-0123456789');
    expect(await scrollsSideways(page)).toBe(false);
    await shots(page, 'rsvp-in-online');

    await page.goto(await reserved(meetup.id, 'Fay', fay));
    await page.getByRole('button', { name: 'Confirm my place' }).click();
    await page.getByRole('heading', { level: 1, name: "You're in!" }).waitFor();
    const fayKey = /\/rsvp\/[a-z0-9]+\/([A-Za-z0-9_-]+)\//.exec(rsvpLink(await waitForEmail(fay, /^You're in/), 'cancel'))![1]!;
    expect((await post(`/api/events/${meetup.id}/attendees/${fayKey}/remove`, { token: meetup.token })).status).toBe(200);
    await page.goto(rsvpLink(await waitForEmail(fay, /^You're in/), 'cancel'));
    await page.getByRole('heading', { level: 1, name: 'The organiser removed you from this meetup' }).waitFor();
    expect(await page.getByRole('button', { name: 'Cancel my place' }).count()).toBe(0);
    expect(await page.locator('#join-link').count()).toBe(0);
    await shots(page, 'rsvp-removed');
    await page.close();
  });
});

describe('links that need JavaScript, or are cut short', () => {
  const pages = (id: string, key: string, token: string) => [
    `/confirm/${id}#token=${token}`,
    `/manage/${id}#token=${token}`,
    `/rsvp/${id}/${key}#token=${token}`,
    `/rsvp/${id}/${key}/cancel#token=${token}`,
    `/reminders-off/${id}/${key}#token=${token}`,
    `/my-calendar#token=${'0'.repeat(24)}${token}`,
  ];

  it('say they need JavaScript, and why, when it is off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
    const page = await context.newPage();
    for (const path of pages('k7f3q9x2mn', '0123456789abcdef01234567', 'A'.repeat(43))) {
      await page.goto(`${base}${path}`);
      const notice = page.getByRole('heading', { name: 'This page needs JavaScript' });
      expect(await notice.isVisible(), path).toBe(true);
      expect(await mainText(page), path).toContain('never leaves your browser');
      // No button is drawn without JavaScript, so nothing may speak of one.
      expect(await mainText(page), path).not.toMatch(/button/i);
    }
    await page.goto(`${base}/rsvp/k7f3q9x2mn/0123456789abcdef01234567#token=${'A'.repeat(43)}`);
    await shots(page, 'rsvp-no-js');
    await context.close();
  });

  it('say the link is incomplete when the fragment is missing', async () => {
    const page = await browser.newPage({ viewport: PHONE });
    for (const path of pages('k7f3q9x2mn', '0123456789abcdef01234567', 'short')) {
      await page.goto(`${base}${path.replace(/#.*/, '')}`);
      await page.getByRole('heading', { level: 1, name: 'This link looks incomplete' }).waitFor();
      expect(await page.getByRole('alert').textContent(), path).toContain('Open it from your email again');
      expect(await page.getByRole('button').count(), path).toBe(0);
    }
    await page.close();
  });
});

describe('the privacy notice and the about page', () => {
  it('states the rules the code keeps', () => {
    expect(PRIVACY_FACTS).toEqual({
      rsvpDaysAfterMeetup: RSVP_RETENTION_DAYS_AFTER_END,
      unconfirmedListingDays: DRAFT_LIFETIME_DAYS,
      sentEmailRecordDays: SENT_RETENTION_DAYS,
      manageLinkDaysAfterMeetup: MANAGE_LINK_DAYS_AFTER_END,
      sessionDays: SESSION_DAYS,
    });
  });

  it('are linked from every page footer, answer at /privacy and /about, and pass axe on a phone', async () => {
    const page = await browser.newPage({ viewport: PHONE });
    await page.goto(`${base}/my-calendar`);
    await page.getByRole('contentinfo').getByRole('link', { name: 'Privacy' }).click();
    await page.getByRole('heading', { level: 1, name: 'Privacy notice' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/privacy');
    const text = await mainText(page);
    expect(text).toContain("seen only by the meetup's organiser");
    expect(text).toContain('30 days after the meetup ends');
    expect(text).toContain('Delete my RSVP and my details');
    expect(text).toMatch(/sets one cookie, only when you sign in/i);
    expect(text).toContain('your reply goes to the network\'s team');
    expect(await scrollsSideways(page)).toBe(false);
    expect(await axeViolations(page), 'privacy at 375 px').toEqual([]);
    await shots(page, 'privacy');

    await page.getByRole('contentinfo').getByRole('link', { name: 'About' }).click();
    await page.getByRole('heading', { level: 1, name: 'About Signpost' }).waitFor();
    expect(await mainText(page)).toContain('open to everyone');
    expect(await axeViolations(page), 'about at 375 px').toEqual([]);
    await shots(page, 'about');
    await page.close();
  });
});
