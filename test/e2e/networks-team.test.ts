// E2E: a network's team in headless Chromium against the local site on DynamoDB Local and the SES emulator — signing
// in with the emailed link and with the 6-digit code, creating a network, inviting a co-organiser who accepts and
// edits the network's meetup, signing out (here and everywhere), and the account pages axe-clean at 1280 and 375 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { linkIn, startTestSite } from '../support/site.ts';
import { axeViolations } from '../support/axe.ts';
import { inDays, inbox, uniqueAddress, type StoredEmail } from '../support/stack.ts';
import { SESSION_COOKIE } from '#functions/core/viewer.ts';

let site: Awaited<ReturnType<typeof startTestSite>>;
let browser: Browser;
let base: string;
let waitForEmail: (to: string, subject?: RegExp) => Promise<StoredEmail>;

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 667 };
const SHOTS = '/tmp/shots';
const ACCENT = '#1d6b54';
/** Unique per run: the test's DynamoDB Local table may already hold other files' networks. */
const run = Date.now().toString(36);
const slug = `e2e-team-${run}`;
const networkName = `Leeds Library Circle ${run}`;

const ada = uniqueAddress('ada');
const bea = uniqueAddress('bea');
/** Ada's browser (signed in by the link), kept for the network's creator's steps. */
let adaContext: BrowserContext;

/** The first address in an email's text whose path matches. */
const hasSession = async (context: BrowserContext) => (await context.cookies()).some((c) => c.name === SESSION_COOKIE);

/** Where /me takes this browser: "Your meetups" when signed in, the sign-in form otherwise. */
async function meAnswer(context: BrowserContext): Promise<{ path: string; heading: string | null }> {
  const page = await context.newPage();
  await page.goto(`${base}/me`);
  const answer = { path: new URL(page.url()).pathname, heading: await page.locator('h1').textContent() };
  await page.close();
  return answer;
}
const SIGNED_OUT = { path: '/sign-in', heading: 'Sign in' };
const SIGNED_IN = { path: '/me', heading: 'Your meetups' };

async function askToSignIn(page: Page, email: string) {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Your email address').fill(email);
  await page.getByRole('button', { name: 'Email me a link and a code' }).click();
  await page.getByRole('heading', { name: 'Check your email' }).waitFor();
}

const signInEmails = async (to: string) => (await inbox(site.sesEndpoint, to)).filter((m) => m.subject === 'Sign in to Signpost');

/** The sign-in email sent after `before` (the address's earlier ones, whose links are used). */
async function newSignInEmail(to: string, before: StoredEmail[]): Promise<StoredEmail> {
  const seen = new Set(before.map((m) => m.messageId));
  let found: StoredEmail | undefined;
  await expect.poll(async () => (found = (await signInEmails(to)).find((m) => !seen.has(m.messageId))), { timeout: 45_000 }).toBeDefined();
  return found!;
}

/** A fresh browser signed in as `email` through the emailed link. */
async function signedInContext(email: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  const before = await signInEmails(email);
  await askToSignIn(page, email);
  await page.goto(linkIn(await newSignInEmail(email, before), /^\/sign-in\/link$/));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${base}/me`);
  await page.close();
  return context;
}

async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  site = await startTestSite();
  ({ browser, base, waitForEmail } = site);
});

afterAll(async () => {
  await adaContext?.close();
  await site?.close();
});

describe('signing in by email', () => {
  it('signs in with the emailed link: opening it signs nothing in, the button does', async () => {
    adaContext = await browser.newContext({ viewport: DESKTOP });
    const page = await adaContext.newPage();
    await askToSignIn(page, ada);
    expect(await page.locator('.lead').textContent()).toContain(ada);
    const link = linkIn(await waitForEmail(ada, /^Sign in to Signpost$/), /^\/sign-in\/link$/);
    expect(link.startsWith(`${base}/sign-in/link?token=`)).toBe(true);

    // A mail scanner opens the link first, in a browser of its own: it sees the button and nothing more.
    const scanner = await browser.newContext();
    const scanned = await scanner.newPage();
    await scanned.goto(link);
    await scanned.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await hasSession(scanner)).toBe(false);
    expect(await meAnswer(scanner)).toEqual(SIGNED_OUT);
    await scanner.close();

    await page.goto(link);
    expect(await page.locator('h1').textContent()).toBe('Sign in to Signpost');
    expect(await hasSession(adaContext)).toBe(false);
    expect(await meAnswer(adaContext)).toEqual(SIGNED_OUT);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/me`);
    expect(await page.locator('h1').textContent()).toBe('Your meetups');
    expect(await page.locator('.lead').textContent()).toBe(`Signed in as ${ada}.`);
    // The session cookie is kept on this http://127.0.0.1 origin (Secure, __Host-), and stays across pages.
    const [cookie] = (await adaContext.cookies()).filter((c) => c.name === SESSION_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
    expect(await meAnswer(adaContext)).toEqual(SIGNED_IN);

    // The link works once: opened again, it says so, with no button.
    await page.goto(link);
    expect(await page.getByRole('button', { name: 'Sign in' }).count()).toBe(0);
    expect(await page.locator('h1').textContent()).toBe('This sign-in link has been used');
    await page.close();
  });

  it('signs in with the 6-digit code typed into the code form, in another browser', async () => {
    const cy = uniqueAddress('cy');
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await askToSignIn(page, cy);
    const text = (await waitForEmail(cy, /^Sign in to Signpost$/)).body.text ?? '';
    const code = /Your code\D*(\d{6})\b/.exec(text)?.[1];
    expect(code).toMatch(/^\d{6}$/);
    // A wrong code first: said at the field, the form kept.
    await page.getByLabel('Your 6-digit code').fill(code === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.getByLabel('Your 6-digit code').getAttribute('aria-invalid')).toBe('true');
    expect(await hasSession(context)).toBe(false);

    await page.getByLabel('Your 6-digit code').fill(code!);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/me`);
    expect(await page.locator('.lead').textContent()).toBe(`Signed in as ${cy}.`);
    expect(await meAnswer(context)).toEqual(SIGNED_IN);
    await context.close();
  });
});

describe('a network and its team', () => {
  const title = `Cataloguing lunch ${run}`;

  it('creates a network at /networks/new and shows its page', async () => {
    const page = await adaContext.newPage();
    await page.goto(`${base}/networks/new`);
    await page.getByLabel('Name', { exact: true }).fill(networkName);
    await page.getByRole('textbox', { name: 'Address (optional)', exact: true }).fill(slug);
    await page.getByLabel('Tagline').fill('New professionals in West Yorkshire libraries');
    await page.getByLabel('Accent colour').fill(ACCENT);
    await page.getByRole('radio', { name: 'In a town or region' }).check();
    await page.getByRole('textbox', { name: 'Town or region (optional)' }).fill('Leeds');
    await page.getByLabel('Your name').fill('Ada Lovelace');
    await page.getByLabel('Show my first name on the network page').check();
    await page.getByRole('button', { name: 'Create the network' }).click();
    expect(await page.locator('h1').textContent()).toBe(`${networkName} is ready`);

    await page.getByRole('link', { name: `/networks/${slug}` }).click();
    await page.waitForURL(`${base}/networks/${slug}`);
    expect(await page.locator('h1').textContent()).toBe(networkName);
    expect(await page.locator('#main').textContent()).toContain('New professionals in West Yorkshire libraries');
    expect(await page.locator('#main').textContent()).toContain('Ada');
    expect(await page.locator('.accent-bar rect').getAttribute('fill')).toBe(ACCENT);
    expect(await page.content()).not.toContain(ada);
    await page.close();
  });

  it('lists a meetup under the network from /new, signed in: live at once, with nothing to confirm', async () => {
    const page = await adaContext.newPage();
    await page.goto(`${base}/new`);
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('What will happen').fill('Sandwiches and RDA questions.');
    await page.getByLabel('Starts').fill(inDays(12, '12:30'));
    await page.getByLabel('Ends').fill(inDays(12, '13:30'));
    await page.getByRole('radio', { name: 'Online' }).check();
    await page.getByLabel('Joining link').fill('https://meet.example.org/lunch');
    expect(await page.getByLabel('Your email address').inputValue()).toBe(ada);
    await page.getByLabel('Your name').fill('Ada Lovelace');
    await page.getByLabel('Network').selectOption({ label: networkName });
    await page.locator('#submit-button').click();
    await expect.poll(() => page.url()).toMatch(/\/events\/[a-z0-9]+\/[^?]*\?listed=1$/);
    await page.locator('#listed-notice').waitFor();
    expect(await page.locator('h1').textContent()).toBe(title);
    expect(await page.getByRole('link', { name: networkName }).first().getAttribute('href')).toBe(`/networks/${slug}`);
    await page.close();
  });

  it('invites a second organiser, who accepts from the email, is signed in and edits the network’s meetup', async () => {
    // The meetup Ada listed, as "Your meetups" shows it to her.
    const mine = await adaContext.newPage();
    await mine.goto(`${base}/me`);
    const meetupPath = await mine.getByRole('link', { name: title, exact: true }).getAttribute('href');
    const meetupId = meetupPath?.split('/')[2];
    expect(meetupId).toMatch(/^[a-z0-9]+$/);
    await mine.close();

    // Ada invites Bea as an organiser.
    const manage = await adaContext.newPage();
    await manage.goto(`${base}/networks/${slug}/manage`);
    await manage.getByLabel('Their email address').fill(bea);
    await manage.getByRole('radio', { name: /^Organiser/ }).check();
    await manage.getByRole('button', { name: 'Send the invitation' }).click();
    await manage.waitForURL(new RegExp(`/networks/${slug}/manage`));
    expect(await manage.locator('.invitation-list').textContent()).toContain(bea);

    // Bea, in her own browser, opens the invitation: the page changes nothing until she presses the button.
    const invitation = await waitForEmail(bea, new RegExp(`invited you to help run ${networkName}`));
    const beaContext = await browser.newContext({ viewport: DESKTOP });
    const join = await beaContext.newPage();
    await join.goto(linkIn(invitation, /^\/invitations\/[^/]+$/));
    expect(await join.locator('h1').textContent()).toBe(`Join the team of ${networkName}`);
    expect(await hasSession(beaContext)).toBe(false);
    await join.getByLabel('Your name').fill('Bea Smith');
    await join.getByRole('button', { name: 'Join the team' }).click();
    expect(await join.locator('h1').textContent()).toBe(`Welcome to the team of ${networkName}`);
    expect(await meAnswer(beaContext)).toEqual(SIGNED_IN);
    await join.goto(`${base}/me`);
    expect(await join.locator('.lead').textContent()).toBe(`Signed in as ${bea}.`);
    expect(await join.locator('section[aria-labelledby="networks-title"]').textContent()).toContain(`${networkName} (Organiser)`);
    expect(await join.locator('section[aria-labelledby="organised-title"]').textContent()).toContain(title);

    // Bea edits the meetup from its manage page (signed in, no emailed link), and the event page shows it.
    const edited = `Cataloguing lunch and learn ${run}`;
    await join.getByRole('link', { name: `Manage “${title}”` }).click();
    await join.waitForURL(`${base}/manage/${meetupId}`);
    const titleField = join.getByLabel('Title');
    await expect.poll(() => titleField.inputValue()).toBe(title);
    // Its network shows as chosen (Bea organises it too, but a meetup's own network is always a choice).
    expect(await join.getByLabel('Network').inputValue()).toBe(slug);
    await titleField.fill(edited);
    await join.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => join.locator('#saved-notice').textContent()).toContain('Saved.');
    await join.route('**/*', (route) => route.continue());
    await join.goto(`${base}/events/${meetupId}`);
    expect(await join.locator('h1').textContent()).toBe(edited);
    await beaContext.close();

    // Ada sees the team and who did what on the network's manage page.
    await manage.reload();
    expect(await manage.locator('.team-list').textContent()).toContain('Bea Smith');
    const activity = await manage.locator('.activity-list li').allTextContents();
    // Newest first, each saying who did it.
    expect(activity[0]).toMatch(new RegExp(`(Bea Smith|${bea}): Edited “${edited}”$`));
    expect(activity.some((line) => line.endsWith(`Ada Lovelace: Listed “${title}”`))).toBe(true);
    await manage.close();
  });
});

describe('signing out', () => {
  it('signs this browser out, and signs out everywhere', async () => {
    const dee = uniqueAddress('dee');
    const here = await signedInContext(dee);
    const page = await here.newPage();
    await page.goto(`${base}/me`);
    await page.locator('#main').getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(`${base}/`);
    expect(await meAnswer(here)).toEqual(SIGNED_OUT);
    await here.close();

    // Two browsers signed in as one address: "Sign out everywhere" in one ends the other's session too.
    const laptop = await signedInContext(dee);
    const phone = await signedInContext(dee);
    expect(await meAnswer(phone)).toEqual(SIGNED_IN);
    const laptopPage = await laptop.newPage();
    await laptopPage.goto(`${base}/me`);
    await laptopPage.locator('#main').getByRole('button', { name: 'Sign out everywhere' }).click();
    await laptopPage.waitForURL(`${base}/`);
    expect(await meAnswer(laptop)).toEqual(SIGNED_OUT);
    expect(await meAnswer(phone)).toEqual(SIGNED_OUT);
    await laptop.close();
    await phone.close();
  });
});

describe('the account pages on a desktop and a phone', () => {
  const pages = [
    { name: 'sign-in', path: '/sign-in', heading: 'Sign in' },
    { name: 'me', path: '/me', heading: 'Your meetups' },
    { name: 'networks-new', path: '/networks/new', heading: 'Create a network' },
    { name: 'network-manage', path: `/networks/${slug}/manage`, heading: `Manage ${networkName}` },
  ];

  it('passes axe at 1280 and 375 px with no sideways scroll on a phone', async () => {
    const signedIn = await signedInContext(ada);
    const state = await signedIn.storageState();
    await signedIn.close();
    for (const viewport of [DESKTOP, PHONE]) {
      const context = await browser.newContext({ viewport, storageState: state });
      for (const { name, path, heading } of pages) {
        const how = `${path} at ${viewport.width} px`;
        const page = await context.newPage();
        await page.goto(`${base}${path}`);
        expect(await page.locator('h1').textContent(), how).toBe(heading);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `no sideways scroll (${how})`).toBeLessThanOrEqual(viewport.width);
        expect(await axeViolations(page), `axe (${how})`).toEqual([]);
        if (viewport === PHONE) await screenshot(page, name);
        await page.close();
      }
      await context.close();
    }
  });
});
