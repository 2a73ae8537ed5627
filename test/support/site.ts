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

export async function startTestSite() {
  const stack = await testStack(systemClock);
  const webDir = mkdtempSync(join(tmpdir(), 'signpost-web-'));
  await buildWeb(webDir);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = await listen(createSite({ ...stack.deps, siteUrl: base }, webDir), port);
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
    /** Stands in for the SES events function: SES reports no bounces locally. */
    suppressions: stack.suppressions,
    waitForEmail,
    async close() {
      await browser.close();
      await poller.stop();
      server.close();
    },
  };
}
