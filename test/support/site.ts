// Test support: the whole local site for browser tests — DynamoDB Local, the SES emulator, the built web pages,
// the outbox poller and headless Chromium — started once per test file.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWeb } from '#web/build.ts';
import { createSite, listen } from '#local/server.ts';
import { freePort } from '#local/local-stack.ts';
import { startOutboxPoller } from '#local/outbox-poller.ts';
import { systemClock } from '#functions/core/clock.ts';
import { testStack, waitForEmail as waitForEmailIn, type StoredEmail } from './stack.ts';
import { launchChromium } from './browser.ts';
import type { Page } from 'playwright-core';

/** The first link in an email's text whose path matches. */
export function linkIn(mail: StoredEmail, path: RegExp): string {
  const url = (mail.body.text ?? '').match(/https?:\/\/[^\s"<>]+/g)?.find((u) => path.test(new URL(u).pathname));
  if (!url) throw new Error(`No ${path} link in "${mail.subject}"`);
  return url;
}

/** A London local time `minutes` from now, as the listing form takes it (London is on UTC in winter; BST adds an hour). */
export function londonIn(minutes: number): string {
  const at = new Date(Date.now() + minutes * 60_000);
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`;
}

/** A JSON POST to the site; with a session cookie, from the site's own origin (as its pages send them). */
export const postToSite = (base: string, path: string, body: unknown, cookie?: string) =>
  fetch(`${base}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie, Origin: base } : {}) }, body: JSON.stringify(body) });

export async function startTestSite() {
  const stack = await testStack(systemClock);
  const webDir = mkdtempSync(join(tmpdir(), 'signpost-web-'));
  await buildWeb(webDir);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const deps = { ...stack.deps, siteUrl: base };
  const server = await listen(createSite(deps, webDir), port);
  const poller = startOutboxPoller(stack.delivery, 100);
  const browser = await launchChromium();

  /** The first email to `to` whose subject matches, once the poller has sent it. */
  const waitForEmail = (to: string, subject: RegExp = /./): Promise<StoredEmail> => waitForEmailIn(stack.sesEndpoint, to, subject);

  return {
    base,
    browser,
    sesEndpoint: stack.sesEndpoint,
    /** The site's events repository, for tests that set up many published meetups at once (as the seed does). */
    events: stack.deps.events,
    /** The site's networks repository, for tests that set up networks and their teams directly. */
    networks: stack.deps.networks,
    /** The site's deps (siteUrl the site's own), for tests that run a sweep with a clock of their own. */
    deps,
    /** The site's DynamoDB Local table, for tests that store items as a sweep would (test/support/cpd-records.ts). */
    table: { dynamo: stack.dynamo, tableName: stack.tableName },
    /** Stands in for the SES events function: SES reports no bounces locally. */
    suppressions: stack.suppressions,
    waitForEmail,
    /** Signs `page`'s browser in as `email` by the emailed link, as a person does; it ends on "Your meetups". */
    async signIn(page: Page, email: string) {
      await page.goto(`${base}/sign-in`);
      await page.getByLabel('Your email address').fill(email);
      await page.getByRole('button', { name: 'Email me a link and a code' }).click();
      await page.getByRole('heading', { name: 'Check your email' }).waitFor();
      await page.goto(linkIn(await waitForEmail(email, /^Sign in to Signpost$/), /^\/sign-in\/link$/));
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(`${base}/me`);
    },
    async close() {
      await browser.close();
      await poller.stop();
      server.close();
    },
  };
}
