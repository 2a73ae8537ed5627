// E2E: the record of attendance's verification page, /records/<id>#<token>, in headless Chromium against the local
// site on DynamoDB Local: it shows the record's public fields (never the reflection), is axe-clean and printable; a
// wrong or turned-off link says the record can't be shown; too many tries and an unreachable Signpost each say so once;
// without JavaScript it says only that checking needs it (the secret part stays in the browser) and what else to do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerType } from '@hono/node-server';
import { buildWeb } from '#web/build.ts';
import { RECORD_NO_SCRIPT } from '#views/record-page.ts';
import { createSite, listen } from '#local/server.ts';
import { freePort } from '#local/local-stack.ts';
import { systemClock } from '#functions/core/clock.ts';
import type { CpdRecord } from '#functions/core/cpd.ts';
import { newRecordId, recordToken } from '#functions/cpd/records.ts';
import { testStack } from '../support/stack.ts';
import { aRecord, storeRecord } from '../support/cpd-records.ts';
import { launchChromium } from '../support/browser.ts';
import { axeViolations } from '../support/axe.ts';

let stack: Awaited<ReturnType<typeof testStack>>;
let server: ServerType;
let browser: Browser;
let base: string;

/** A record stored as the issuing transaction stores it, with its link's token. */
async function storedRecord(over: Partial<CpdRecord> = {}): Promise<CpdRecord & { token: string }> {
  const record = await storeRecord(stack, aRecord(over));
  return { ...record, token: recordToken(await stack.deps.feedSecret(), record.id, record.shareNonce) };
}

beforeAll(async () => {
  stack = await testStack(systemClock);
  const webDir = mkdtempSync(join(tmpdir(), 'signpost-web-'));
  await buildWeb(webDir);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = await listen(createSite({ ...stack.deps, siteUrl: base }, webDir), port);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  server?.close();
});

describe('the record of attendance page', () => {
  it('shows the record from the link, printable and axe-clean, and never the reflection', async () => {
    const record = await storedRecord();
    const page = await browser.newPage({ viewport: { width: 360, height: 780 } });
    await page.goto(`${base}/records/${record.id}#${record.token}`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Record of attendance: Cataloguing café');
    const facts = await page.locator('#record-facts').innerText();
    for (const text of ['Siân Attendee', 'Manchester NLPN', 'Aoife, Bea', 'Workshop', '1.75 hours', 'Attendees were asked for feedback', record.id]) expect(facts).toContain(text);
    expect(await page.locator('#record-outcomes-list').innerText()).toContain('Catalogue a serial');
    expect(await page.locator('#record-areas-list').innerText()).toContain('Organising knowledge and information');
    const body = await page.locator('body').innerText();
    expect(body).not.toContain('My private reflection');
    expect(body).not.toMatch(/accredit/i);
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#record-print').isVisible()).toBe(false);
    expect(await page.locator('#record-facts').isVisible()).toBe(true);
    await page.close();
  });

  it('says the record can’t be shown for a wrong token, a link turned off and an unknown id, the same each time', async () => {
    const record = await storedRecord();
    const off = await storedRecord({ shared: false });
    const page = await browser.newPage();
    for (const path of [`/records/${record.id}#${'A'.repeat(43)}`, `/records/${off.id}#${off.token}`, `/records/${newRecordId()}#${record.token}`, `/records/${record.id}`]) {
      await page.goto('about:blank');
      await page.goto(`${base}${path}`);
      await expect.poll(() => page.locator('h1').textContent()).toBe("This record can't be shown");
      expect(await page.getByRole('alert').innerText()).toContain('the link may be wrong or turned off');
      expect(await page.locator('#record-area').isVisible()).toBe(false);
    }
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('says too many tries (429) and a failure to reach Signpost in one message each, the record hidden', async () => {
    const record = await storedRecord();
    const page = await browser.newPage();
    await page.route('**/api/records/*/verify', (route) =>
      route.fulfill({ status: 429, headers: { 'Retry-After': '720' }, contentType: 'application/json', body: JSON.stringify({ error: 'rate_limited', message: 'Too many record links tried from here. Please wait a while and try again.' }) }));
    await page.goto(`${base}/records/${record.id}#${record.token}`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Too many tries just now');
    expect(await page.getByRole('alert').innerText()).toBe('Too many record links have been tried from this connection. Please wait about 12 minutes, then reload this page.');
    expect(await page.locator('body').innerText()).not.toMatch(/listings|Checking the record|can't be shown/);
    expect(await page.locator('#record-area').isVisible()).toBe(false);

    // Signpost unreachable: one message and a way to try again, which then shows the record.
    await page.unroute('**/api/records/*/verify');
    await page.route('**/api/records/*/verify', (route) => route.abort());
    await page.goto('about:blank');
    await page.goto(`${base}/records/${record.id}#${record.token}`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Something went wrong');
    expect(await page.getByRole('alert').innerText()).toContain("We couldn't reach Signpost");
    await page.unroute('**/api/records/*/verify');
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Record of attendance: Cataloguing café');
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('says one thing without JavaScript: checking needs it, because the secret part stays in the browser, and what else to do', async () => {
    const record = await storedRecord();
    const context = await browser.newContext({ javaScriptEnabled: false });
    for (const width of [1280, 375]) {
      const page = await context.newPage();
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${base}/records/${record.id}#${record.token}`);
      const main = (await page.locator('main').innerText()).replace(/\s+/g, ' ').trim();
      expect(main).toBe(`Record of attendance ${RECORD_NO_SCRIPT.title} ${RECORD_NO_SCRIPT.why} ${RECORD_NO_SCRIPT.next}`);
      expect(main).toMatch(/needs JavaScript.*secret part of the link.*stays in your browser.*turn JavaScript on.*PDF.*same link/);
      // Nothing the script would fill in or reveal shows: no "Checking…", no problem box, no record, no print button.
      for (const selector of ['#page-status', '#record-problem', '#record-area', '#record-print']) expect(await page.locator(selector).isVisible(), selector).toBe(false);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await page.close();
    }
    await context.close();
  });
});
