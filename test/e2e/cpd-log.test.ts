// E2E: the personal CPD log (/me/cpd) in headless Chromium at 375 px, against the local site on DynamoDB Local and the
// SES emulator. A person signs in through the site; a record of attendance is in their log (put in the table as the
// issuing sweep would); they write a reflection and see the word count follow (a polite live region); add an activity
// from elsewhere; download the CSV and read it. The page is axe-clean and never scrolls sideways; the add form works
// with JavaScript off, its problems coming back on the page with what was typed.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildWeb } from '#web/build.ts';
import { createSite, listen } from '#local/server.ts';
import { freePort } from '#local/local-stack.ts';
import { startOutboxPoller } from '#local/outbox-poller.ts';
import { systemClock } from '#functions/core/clock.ts';
import type { CpdRecord } from '#functions/core/cpd.ts';
import { personId } from '#functions/core/person.ts';
import { documentClient } from '#functions/table/client.ts';
import { recordKey, recordPointerKey } from '#functions/table/items/cpd.ts';
import { launchChromium } from '../support/browser.ts';
import { axeViolations } from '../support/axe.ts';
import { linkIn } from '../support/site.ts';
import { inbox, testStack, uniqueAddress, waitForEmail } from '../support/stack.ts';

const email = uniqueAddress('cpd-log');
const recordId = `rec${Date.now().toString(36)}abcdef0123456789`;
let stack: Awaited<ReturnType<typeof testStack>>;
let base: string;
let browser: Browser;
let close: () => Promise<void>;
let cookies: Awaited<ReturnType<import('playwright-core').BrowserContext['cookies']>>;

/** The site as test/support/site.ts starts it, keeping hold of the stack so the test can put a record in the log. */
beforeAll(async () => {
  stack = await testStack(systemClock);
  const webDir = mkdtempSync(join(tmpdir(), 'signpost-web-'));
  await buildWeb(webDir);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const server = await listen(createSite({ ...stack.deps, siteUrl: base }, webDir), port);
  const poller = startOutboxPoller(stack.delivery, 100);
  browser = await launchChromium();
  close = async () => {
    await browser.close();
    await poller.stop();
    server.close();
  };
  // A record as the issuing sweep writes it (table/items/cpd.ts recordIssue, without the RSVP it marks).
  const record: CpdRecord = {
    id: recordId, personId: personId(email), eventId: 'e2ecpd', name: 'Siân Jones', title: 'Cataloguing clinic', networkName: 'Library Camp Ōtautahi',
    organisers: ['Pat'], startUtc: '2026-06-30T11:30:00Z', endUtc: '2026-06-30T13:00:00Z', timezone: 'Europe/London', date: '2026-06-30', quarters: 6,
    outcomes: [], areas: ['organising-knowledge'], role: 'attended', feedbackCollected: false, issuedAt: '2026-07-01T00:00:00Z', shared: false, shareNonce: 'n',
  };
  const db = documentClient(stack.dynamo);
  await db.send(new PutCommand({ TableName: stack.tableName, Item: { ...recordKey(record.personId, record.id), type: 'cpd-record', ...record } }));
  await db.send(new PutCommand({ TableName: stack.tableName, Item: { ...recordPointerKey(record.id), type: 'cpd-record-pointer', personId: record.personId } }));
}, 240_000);

afterAll(async () => {
  await close?.();
});

/** The newest sign-in email after `before` of them (a second sign-in must not follow the first, used, link). */
async function newSignInEmail(before: number) {
  const signIns = async () => (await inbox(stack.sesEndpoint, email)).filter((m) => /^Sign in to Signpost$/.test(m.subject));
  if (!before) return waitForEmail(stack.sesEndpoint, email, /^Sign in to Signpost$/);
  await expect.poll(async () => (await signIns()).length, { timeout: 45_000 }).toBeGreaterThan(before);
  return (await signIns()).at(-1)!;
}

/** Signing in through the site from a page of the log (`path`), and back to it. */
async function signIn(page: Page, path = '/me/cpd') {
  const before = (await inbox(stack.sesEndpoint, email)).filter((m) => /^Sign in to Signpost$/.test(m.subject)).length;
  await page.goto(`${base}${path}`);
  await page.getByLabel('Your email address').fill(email);
  await page.getByRole('button', { name: 'Email me a link and a code' }).click();
  await page.getByRole('heading', { name: 'Check your email' }).waitFor();
  await page.goto(linkIn(await newSignInEmail(before), /^\/sign-in\/link$/));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${base}${path}`);
}

const focused = (page: Page) => page.evaluate(() => document.activeElement?.id);
const inView = (page: Page, id: string) =>
  page.evaluate((i) => { const r = document.getElementById(i)!.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }, id);

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

describe('the CPD log', () => {
  it('a person writes a reflection with a live word count, adds an activity, and downloads the CSV', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page);
    await page.getByRole('heading', { name: 'Your CPD log', exact: true }).waitFor();
    expect(await page.getByRole('heading', { name: 'Cataloguing clinic' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(375);

    // The reflection: the count follows as they type, in a polite live region, and the form saves it.
    const item = page.locator(`#record-${recordId}`);
    const reflection = item.getByLabel(/Your reflection/);
    const count = item.locator('.word-count');
    expect(await count.getAttribute('aria-live')).toBe('polite');
    await expect.poll(() => count.textContent()).toBe('0 of 250 words');
    await reflection.pressSequentially('What? Subject headings, finally.', { delay: 5 });
    await expect.poll(() => count.textContent()).toBe('4 of 250 words');
    await reflection.fill('word '.repeat(251));
    await reflection.dispatchEvent('input');
    await expect.poll(() => count.textContent()).toBe('251 of 250 words: more than the 250 most schemes ask for, which is fine');
    expect(await count.getAttribute('class')).toContain('is-over');
    await reflection.fill('Subject headings, finally: I will fix ours.');
    await item.getByRole('button', { name: /Save reflection/ }).click();
    await page.getByText('Reflection saved.').waitFor();
    // The notice is where they are: at the top of that record, in sight, with the focus (a screen reader hears it).
    expect(await page.locator(`#record-${recordId} > #cpd-done`).textContent()).toBe('Reflection saved.');
    expect(await page.locator('#cpd-done').count()).toBe(1);
    await expect.poll(() => focused(page)).toBe('cpd-done');
    expect(await inView(page, 'cpd-done')).toBe(true);
    expect(await page.locator(`#record-${recordId} textarea`).inputValue()).toBe('Subject headings, finally: I will fix ours.');

    // An activity from elsewhere: a bad one first (the same form post as without JavaScript), then a good one.
    // Every problem comes back at once, the date in the future with the rest.
    let form = page.locator('#cpd-add-form');
    await form.getByLabel('Date').fill(`${new Date().getUTCFullYear() + 1}-03-01`);
    await form.getByLabel('What it was').fill('  ');
    await form.getByLabel('Hours').fill('25');
    await form.getByRole('button', { name: 'Add the activity' }).click();
    await page.locator('#add-error-summary').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('add-error-summary');
    expect(await page.locator('#add-error-summary li').allTextContents()).toEqual([
      'The date must be today or earlier', 'Enter what the activity was', 'Give the CPD hours in quarter hours, from 0 to 24, like 1.5 or 0.75',
    ]);
    expect(await axeViolations(page)).toEqual([]);
    form = page.locator('#cpd-add-form');
    await form.getByLabel('Date').fill('2026-11-20');
    await form.getByLabel('What it was').fill('Webinar: “Metadata = magic”');
    await form.getByLabel(/Who ran it/).fill('CILIP');
    await form.getByLabel('Hours').fill('1.25');
    await form.getByLabel('Research skills').check();
    await form.getByLabel(/Your reflection/).fill('-Loved it');
    await form.getByRole('button', { name: 'Add the activity' }).click();
    await page.getByText('Activity added to your log.').waitFor();
    expect(await page.getByRole('heading', { name: 'Webinar: “Metadata = magic”' }).count()).toBe(1);
    expect(await page.locator('.cpd-totals').textContent()).toContain('2.75 hours');
    expect(await axeViolations(page)).toEqual([]);
    expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(375);

    // The CSV, both rows, newest first.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('signpost-cpd-log.csv');
    const text = readFileSync((await file.path())!, 'utf8');
    const lines = text.replace(/^\uFEFF/, '').split('\r\n');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(lines[0]).toBe('"Date","Title","Provider","Hours","PKSB areas","Reflection","Type"');
    expect(lines[1]).toBe('"2026-11-20","Webinar: “Metadata = magic”","CILIP","1.25","Research skills","\'-Loved it","Activity"');
    expect(lines[2]).toBe('"2026-06-30","Cataloguing clinic","Library Camp Ōtautahi","1.5","Organising knowledge and information","Subject headings, finally: I will fix ours.","Record of attendance"');
    cookies = await context.cookies();
    await context.close();
  });

  it('from the record email’s link (/me/cpd?record=<id>), signed out: signing in lands on that record’s reflection, focused', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    const page = await context.newPage();
    await signIn(page, `/me/cpd?record=${recordId}`);
    await expect.poll(() => focused(page)).toBe(`record-${recordId}-reflection`);
    expect(await inView(page, `record-${recordId}-reflection`)).toBe(true);
    // An older email's #record-<id> link still opens there too.
    await page.goto(`${base}/me/cpd#record-${recordId}`);
    await expect.poll(() => focused(page)).toBe(`record-${recordId}-reflection`);
    expect(await inView(page, `record-${recordId}-reflection`)).toBe(true);
    await context.close();
  });

  it('with JavaScript off, the record email’s link focuses its reflection too (autofocus)', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, javaScriptEnabled: false });
    await context.addCookies(cookies);
    const page = await context.newPage();
    await page.goto(`${base}/me/cpd?record=${recordId}`);
    expect(await focused(page)).toBe(`record-${recordId}-reflection`);
    expect(await inView(page, `record-${recordId}-reflection`)).toBe(true);
    await context.close();
  });

  it('with JavaScript off, a reflection saved: its notice, in that record, is in sight with the focus (autofocus)', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, javaScriptEnabled: false });
    await context.addCookies(cookies);
    const page = await context.newPage();
    await page.goto(`${base}/me/cpd`);
    const item = page.locator(`#record-${recordId}`);
    await item.getByLabel(/Your reflection/).fill('Subject headings, finally: I will fix ours. Now what? Ask.');
    await item.getByRole('button', { name: /Save reflection/ }).click();
    await page.waitForURL(/done=reflection/);
    expect(await page.locator(`#record-${recordId} > #cpd-done`).textContent()).toBe('Reflection saved.');
    expect(await focused(page)).toBe('cpd-done');
    expect(await inView(page, 'cpd-done')).toBe(true);
    await context.close();
  });

  it('typing not saved: pressing another form’s button, or leaving, asks first (beforeunload); staying keeps the typing', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: 'Europe/London' });
    await context.addCookies(cookies);
    const page = await context.newPage();
    await page.goto(`${base}/me/cpd`);
    const dialogs: string[] = [];
    let stay = true;
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.type());
      void (stay ? dialog.dismiss() : dialog.accept());
    });
    const item = page.locator(`#record-${recordId}`);
    const reflection = item.getByLabel(/Your reflection/);
    await reflection.fill('');
    await reflection.pressSequentially('Not saved yet', { delay: 5 });
    // Another form's button: asked, and staying keeps the page and the typing.
    await page.getByRole('button', { name: 'Save your CPD year' }).click();
    await expect.poll(() => dialogs).toEqual(['beforeunload']);
    expect(page.url()).toBe(`${base}/me/cpd`);
    expect(await reflection.inputValue()).toBe('Not saved yet');
    // Its own form's button: nothing to ask (that typing is what is being sent).
    await item.getByRole('button', { name: /Save reflection/ }).click();
    await page.getByText('Reflection saved.').waitFor();
    expect(dialogs).toEqual(['beforeunload']);
    // Leaving with typing in the add form: asked; going on leaves.
    await page.locator('#cpd-add-form').getByLabel('What it was').fill('Half-typed');
    stay = false;
    await page.getByRole('link', { name: 'Back to your meetups' }).click();
    await expect.poll(() => dialogs).toEqual(['beforeunload', 'beforeunload']);
    await page.waitForURL(`${base}/me`);
    await context.close();
  });

  it('the date’s latest day is the browser’s own today (the server allows the furthest-ahead zone’s)', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, timezoneId: 'Europe/London' });
    await context.addCookies(cookies);
    const page = await context.newPage();
    await page.goto(`${base}/me/cpd`);
    const londonToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
    await expect.poll(() => page.locator('#add-date').getAttribute('max')).toBe(londonToday);
    expect(await page.locator('#add-date-hint').textContent()).toContain('today or earlier');
    await context.close();
  });

  it('with JavaScript off, the add form comes back with its problems and what was typed, then adds', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, javaScriptEnabled: false });
    await context.addCookies(cookies);
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await page.goto(`${base}/me/cpd`);
    const form = page.locator('#cpd-add-form');
    await form.getByLabel('Date').fill('2026-11-21');
    await form.getByLabel('What it was').fill('Reading group');
    await form.getByLabel('Hours').fill('1.3');
    await form.getByLabel('Literacies and learning').check();
    const answer = page.waitForResponse((r) => r.url().endsWith('/me/cpd/activities'));
    await form.getByRole('button', { name: 'Add the activity' }).click();
    expect((await answer).status()).toBe(400);
    await page.getByRole('heading', { name: 'There is a problem' }).first().waitFor();
    expect(await page.title()).toMatch(/^Error: Your CPD log/);
    expect(await page.locator('#add-hours-error').textContent()).toContain('Give the CPD hours in quarter hours');
    expect(await form.getByLabel('What it was').inputValue()).toBe('Reading group');
    expect(await form.getByLabel('Literacies and learning').isChecked()).toBe(true);
    // (No axe here: it needs the page's JavaScript; the same error markup is checked with it on, above.)
    expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(375);
    await form.getByLabel('Hours').fill('1.5');
    await form.getByRole('button', { name: 'Add the activity' }).click();
    await page.getByText('Activity added to your log.').waitFor();
    expect(await page.getByRole('heading', { name: 'Reading group' }).count()).toBe(1);
    await context.close();
  });
});
