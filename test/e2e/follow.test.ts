// E2E: following a network in headless Chromium against the local site on DynamoDB Local and the SES emulator — the
// "Follow by email" form on the network's page (with JavaScript and without), the confirmation email in the
// emulator's inbox, its link's page and "Confirm" button (a scanner opening the link changes nothing), then the
// network under "Networks you follow" on /me, signed in as that address, and its Unfollow button. Axe-clean (axe runs
// in the pages with JavaScript).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { linkIn, startTestSite } from '../support/site.ts';
import { axeViolations } from '../support/axe.ts';
import { uniqueAddress } from '../support/stack.ts';
import { personId } from '#functions/core/person.ts';

let site: Awaited<ReturnType<typeof startTestSite>>;
let browser: Browser;
let base: string;

const run = Date.now().toString(36);
const slug = `e2e-follow-${run}`;
const networkName = `Follow Circle ${run}`;
const follower = uniqueAddress('follower');

const signIn = (page: Page, email: string) => site.signIn(page, email);

beforeAll(async () => {
  site = await startTestSite();
  ({ browser, base } = site);
  const at = new Date().toISOString();
  const team = uniqueAddress('team');
  const created = await site.networks.create(
    {
      slug, name: networkName, tagline: 'Cataloguers who meet online', description: '', accent: '#1d6b54', where: { kind: 'online' }, links: {},
      contactEmail: team, topics: [], status: 'active', createdAt: at, updatedAt: at, createdBy: team, version: 1,
    },
    [{ slug, personId: personId(team), email: team, name: 'Team', role: 'organiser', showName: true, joinedAt: at }],
  );
  expect(created.ok).toBe(true);
});

afterAll(async () => {
  await site?.close();
});

describe('following a network from its page', () => {
  it('follows by the form, confirms from the inbox, and shows on /me with an Unfollow button that works', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${base}/networks/${slug}`);
    expect(await page.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute('href')).toBe(`/calendar/networks/${slug}.atom`);
    const form = page.locator('#follow-form');
    await form.getByLabel('Your name').fill('Pat');
    await form.getByLabel('Your email address').fill(follower);
    await form.getByLabel('A weekly digest').check();
    await form.getByRole('button', { name: `Follow ${networkName}` }).click();
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
    expect(await page.locator('#follow-check-inbox').textContent()).toContain(follower);
    expect(await axeViolations(page), 'axe: check your inbox').toEqual([]);

    const mail = await site.waitForEmail(follower, new RegExp(`^Confirm you want to follow ${networkName}$`));
    const link = linkIn(mail, /^\/follows\/.+\/confirm$/);

    // A mail scanner opens the link in a browser of its own: it sees the button, and nothing changes.
    const scanner = await browser.newContext();
    const scanned = await scanner.newPage();
    await scanned.goto(link);
    await scanned.getByRole('button', { name: 'Confirm' }).waitFor();
    await scanner.close();

    await page.goto(link);
    expect(await axeViolations(page), 'axe: confirm page').toEqual([]);
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('heading', { name: `You follow ${networkName}` }).waitFor();

    await signIn(page, follower);
    const followed = page.locator('#follows-list');
    await followed.getByRole('link', { name: networkName, exact: true }).waitFor();
    expect(await followed.textContent()).toContain('a weekly digest');
    expect(await axeViolations(page), 'axe: /me').toEqual([]);
    await followed.getByRole('button', { name: `Unfollow ${networkName}` }).click();
    await page.waitForURL(/\/me\?unfollowed=/);
    expect(await page.getByRole('status').filter({ hasText: `You no longer follow ${networkName}` }).count()).toBe(1);
    expect(await page.locator('#follows-list').count()).toBe(0);
    expect(await page.getByText('You don’t follow a network yet.').count()).toBe(1);
    await context.close();
  });

  it('shows the form again with the error and what was typed, without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/networks/${slug}`);
    const form = page.locator('#follow-form');
    await form.getByLabel('Your name').fill('Sam');
    await form.getByLabel('Your email address').fill('not an address');
    await form.getByRole('button', { name: `Follow ${networkName}` }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    expect(await page.title()).toBe(`Error: Follow ${networkName} · Signpost`);
    expect(await page.getByLabel('Your name').inputValue()).toBe('Sam');
    expect(await page.getByLabel('Your email address').inputValue()).toBe('not an address');
    expect(await page.getByLabel('Your email address').getAttribute('aria-invalid')).toBe('true');
    await context.close();
  });
});
