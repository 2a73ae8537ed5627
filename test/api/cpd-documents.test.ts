// API: the CPD documents (functions/cpd/documents.ts, the documents app): the portfolio summary for a period and a
// record of attendance as PDFs, signed in, the person's own only, read back with poppler's pdftotext; a bad period
// answered with the very log page the CSV's gets (400), today as the log counts it, and the records' provider as the CSV's.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createDocumentsApp } from '#functions/apps/documents/app.ts';
import { fixedClock } from '#functions/core/clock.ts';
import type { CpdActivity, CpdRecord } from '#functions/core/cpd.ts';
import { personId } from '#functions/core/person.ts';
import { isCpdDocumentPath } from '#functions/cpd/documents.ts';
import type { memoryCpdLog } from '#functions/cpd/memory-log.ts';
import { recordToken } from '#functions/cpd/records.ts';
import { createSite } from '#local/server.ts';
import { inMemoryApp, TEST_FEED_SECRET } from '../support/fakes.ts';
import { signIn, type Ctx } from '../support/signed-in.ts';

const dir = mkdtempSync(join(tmpdir(), 'signpost-cpd-documents-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let saved = 0;
/** The PDF's text as a reader gets it, runs of white space as one space. */
const textOf = async (res: Response) => {
  const file = join(dir, `${++saved}.pdf`);
  writeFileSync(file, new Uint8Array(await res.arrayBuffer()));
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
};

const ME = 'siân@example.org';
const OTHER = 'other@example.org';

const record = (email: string, over: Partial<CpdRecord> = {}): CpdRecord => ({
  id: 'r7f3a9c2e4b1d8f6a0c5e9b3d7',
  personId: personId(email),
  eventId: 'ev1',
  name: 'Siân Ní Bhriain',
  title: 'TeachMeet: information literacy',
  networkName: 'Cardiff Library Network',
  organisers: ['Łukasz Nowak'],
  startUtc: '2026-10-08T17:30:00Z',
  endUtc: '2026-10-08T19:00:00Z',
  timezone: 'Europe/London',
  date: '2026-10-08',
  format: 'teachmeet',
  quarters: 6,
  outcomes: ['Plan a one-hour session'],
  areas: ['literacies-learning'],
  role: 'attended',
  feedbackCollected: true,
  issuedAt: '2026-10-09T09:00:00Z',
  shared: true,
  shareNonce: 'nonce-1',
  reflection: 'I learnt to plan a short session.',
  ...over,
});

const activity = (email: string, over: Partial<CpdActivity> = {}): CpdActivity => ({
  id: 'a1',
  personId: personId(email),
  date: '2026-09-15',
  title: 'Webinar on records retention',
  provider: 'ARA',
  quarters: 3,
  areas: ['records-management'],
  reflection: 'Retention schedules matter.',
  createdAt: '2026-09-15T12:00:00Z',
  updatedAt: '2026-09-15T12:00:00Z',
  ...over,
});

let ctx: Ctx;
let documents: ReturnType<typeof createDocumentsApp>;
let me: string;
const get = (path: string, cookie?: string) => documents.request(path, cookie ? { headers: { Cookie: cookie } } : {});

beforeEach(async () => {
  ctx = inMemoryApp();
  documents = createDocumentsApp(ctx.deps);
  me = signIn(ctx, ME);
  const log = ctx.deps.cpdLog as ReturnType<typeof memoryCpdLog>;
  log.records.set('r7f3a9c2e4b1d8f6a0c5e9b3d7', record(ME));
  // Before the period, and another person's record.
  log.records.set('rold000000000000000000000a', record(ME, { id: 'rold000000000000000000000a', title: 'Last year’s unconference', date: '2025-06-01', issuedAt: '2025-06-02T09:00:00Z', name: 'Siân B.', quarters: 8 }));
  log.records.set('rtheirs00000000000000000ab', record(OTHER, { id: 'rtheirs00000000000000000ab', title: 'Someone else’s meetup', name: 'Other Person' }));
  await log.putActivity(activity(ME));
  await log.putActivity(activity(ME, { id: 'a2', date: '2027-01-10', title: 'Conference after the period', quarters: 20 }));
  await log.putActivity(activity(OTHER, { id: 'a3', title: 'Their own reading' }));
  await log.saveSettings(personId(ME), { yearKind: 'july' });
});

describe('signed out', () => {
  it('sends the person to sign in, and back to the same PDF afterwards', async () => {
    for (const path of ['/me/cpd/export.pdf?from=2026-01-01&to=2026-12-31', '/me/cpd/records/r7f3a9c2e4b1d8f6a0c5e9b3d7.pdf']) {
      const res = await get(path);
      expect(res.status).toBe(303);
      expect(res.headers.get('Location')).toBe(`/sign-in?next=${encodeURIComponent(path)}`);
    }
  });
});

describe('the portfolio summary for a period', () => {
  it('is a PDF attachment named for the period, never cached', async () => {
    const res = await get('/me/cpd/export.pdf?from=2026-07-01&to=2026-12-31', me);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/pdf');
    expect(res.headers.get('Content-Disposition')).toBe('attachment; filename="cpd-log-2026-07-01-2026-12-31.pdf"');
    expect(res.headers.get('Cache-Control')).toBe('no-store, private');
    expect(res.headers.get('Content-Security-Policy')).toBeTruthy();
    expect(new TextDecoder().decode((await res.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
  });

  it('carries their name from the latest record, the titles, hours, totals per CPD year and PKSB areas of the period only', async () => {
    const text = await textOf(await get('/me/cpd/export.pdf?from=2026-07-01&to=2026-12-31', me));
    expect(text).toContain('Siân Ní Bhriain');
    expect(text).toContain('TeachMeet: information literacy');
    expect(text).toContain('Webinar on records retention');
    expect(text).toContain('CPD hours: 1.5 hours');
    expect(text).toContain('CPD hours: 45 minutes');
    expect(text).toContain('Total: 2.25 hours over 2 activities');
    // Their CPD year runs 1 July to 30 June.
    expect(text).toContain('2026–27: 2.25 hours (2 activities)');
    expect(text).toContain('Literacies and learning: 1 activity');
    expect(text).toContain('Records management and archiving: 1 activity');
    expect(text).toContain('I learnt to plan a short session.');
    for (const outside of ['Last year’s unconference', 'Conference after the period', 'Someone else’s meetup', 'Their own reading', 'Siân B.']) {
      expect(text).not.toContain(outside);
    }
  });

  it('counts the first and last days of the period in it', async () => {
    const text = await textOf(await get('/me/cpd/export.pdf?from=2026-09-15&to=2026-10-08', me));
    expect(text).toContain('Total: 2.25 hours over 2 activities');
  });

  it('goes by their address before they have a record', async () => {
    const log = ctx.deps.cpdLog as ReturnType<typeof memoryCpdLog>;
    for (const [id, r] of log.records) if (r.personId === personId(ME)) log.records.delete(id);
    const text = await textOf(await get('/me/cpd/export.pdf?from=2026-01-01&to=2026-12-31', me));
    expect(text).toContain('siân');
    expect(text).toContain('Webinar on records retention');
    expect(text).not.toContain('TeachMeet');
  });

  it('takes the whole log when the dates are left empty, as the log page\'s form sends them: its first entry to today', async () => {
    const res = await get('/me/cpd/export.pdf?from=&to=', me);
    expect(res.status).toBe(200);
    // The in-memory app's clock is at 27 November 2026; a later entry stretches the period to it.
    expect(res.headers.get('Content-Disposition')).toBe('attachment; filename="cpd-log-2025-06-01-2027-01-10.pdf"');
    const text = await textOf(res);
    for (const title of ['Last year’s unconference', 'TeachMeet: information literacy', 'Conference after the period']) expect(text).toContain(title);
    expect(text).toContain('Total: 9.25 hours over 4 activities');
    expect(text).not.toContain('Their own reading');
    const from = await get('/me/cpd/export.pdf?from=2026-01-01', me);
    expect(from.headers.get('Content-Disposition')).toBe('attachment; filename="cpd-log-2026-01-01-2027-01-10.pdf"');
  });

  it('answers a bad period as the CSV does: the log page (400), its export form sent back with each field’s problem and what was typed', async () => {
    const cases: [string, string, RegExp][] = [
      ['from=2026-02-30&to=2026-12-31', 'from', /Enter the date as a real date, like 2026-11-27/],
      ['from=2026-01-01&to=31%2F12%2F2026', 'to', /Enter the date as a real date, like 2026-11-27/],
      ['to=yesterday', 'to', /Enter the date as a real date, like 2026-11-27/],
      ['from=2026-12-31&to=2026-01-01', 'to', /The end of the period must be on or after its start/],
    ];
    for (const [query, field, words] of cases) {
      const res = await get(`/me/cpd/export.pdf?${query}`, me);
      expect(res.status, query).toBe(400);
      expect(res.headers.get('Content-Type'), query).toMatch(/^text\/html/);
      expect(res.headers.get('Cache-Control'), query).toBe('no-store');
      const page = await res.text();
      expect(page, query).toContain('<h1>Your CPD log</h1>');
      expect(page, query).toMatch(words);
      expect(page, query).toMatch(new RegExp(`<input id="export-${field}" name="${field}" type="date" value="${new URLSearchParams(query).get(field)!.replace(/[/]/g, '\\/')}"[^>]* aria-invalid="true">`));
      // The very page the CSV's button gets for the same period.
      const csv = await ctx.app.request(`/me/cpd/export.csv?${query}`, { headers: { Cookie: me } });
      expect(csv.status, query).toBe(400);
      expect(page, query).toBe(await csv.text());
    }
  });

  it('takes today as the log does (its latest date, today somewhere on Earth), not UTC’s', async () => {
    const log = ctx.deps.cpdLog as ReturnType<typeof memoryCpdLog>;
    await log.deleteActivity(personId(ME), 'a2');
    // Noon UTC on 27 November: already 28 November in Kiritimati, so an activity may be dated the 28th.
    const noon = createDocumentsApp({ ...ctx.deps, clock: fixedClock('2026-11-27T12:00:00Z') });
    const res = await noon.request('/me/cpd/export.pdf?from=&to=', { headers: { Cookie: me } });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Disposition')).toBe('attachment; filename="cpd-log-2025-06-01-2026-11-28.pdf"');
  });

  it('names each record’s provider as the CSV does: the network, else the organisers, else Signpost', async () => {
    const log = ctx.deps.cpdLog as ReturnType<typeof memoryCpdLog>;
    log.records.set('rnonet00000000000000000000', record(ME, { id: 'rnonet00000000000000000000', title: 'Lunch club', networkName: undefined, organisers: ['Łukasz Nowak', 'Priya'], date: '2026-10-01' }));
    log.records.set('rnobody0000000000000000000', record(ME, { id: 'rnobody0000000000000000000', title: 'Quiz night', networkName: undefined, organisers: [], date: '2026-10-02' }));
    const text = await textOf(await get('/me/cpd/export.pdf?from=2026-07-01&to=2026-12-31', me));
    const csv = await (await ctx.app.request('/me/cpd/export.csv?from=2026-07-01&to=2026-12-31', { headers: { Cookie: me } })).text();
    for (const [title, provider] of [['TeachMeet: information literacy', 'Cardiff Library Network'], ['Lunch club', 'Łukasz Nowak, Priya'], ['Quiz night', 'Signpost']]) {
      expect(text, title).toMatch(new RegExp(`${title} .*?Provider: ${provider} `));
      expect(csv, title).toContain(`"${title}","${provider}"`);
    }
  });

});

describe('a record of attendance', () => {
  it('is the record’s PDF, with its title, hours and the verification link while shared', async () => {
    const res = await get('/me/cpd/records/r7f3a9c2e4b1d8f6a0c5e9b3d7.pdf', me);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/pdf');
    expect(res.headers.get('Content-Disposition')).toBe('attachment; filename="record-of-attendance-2026-10-08-r7f3a9c2e4b1d8f6a0c5e9b3d7.pdf"');
    expect(res.headers.get('Cache-Control')).toBe('no-store, private');
    const text = await textOf(res);
    expect(text).toContain('Record of attendance');
    expect(text).toContain('Siân Ní Bhriain');
    expect(text).toContain('TeachMeet: information literacy');
    expect(text).toContain('CPD hours: 1.5 hours');
    expect(text).toContain('Record ID: r7f3a9c2e4b1d8f6a0c5e9b3d7');
    const token = recordToken(Buffer.from(TEST_FEED_SECRET, 'utf8'), 'r7f3a9c2e4b1d8f6a0c5e9b3d7', 'nonce-1');
    expect(text.replace(/ /g, '')).toContain(`https://events.example.org/records/r7f3a9c2e4b1d8f6a0c5e9b3d7#${token}`);
  });

  it('has no verification link once the person turns sharing off', async () => {
    const log = ctx.deps.cpdLog as ReturnType<typeof memoryCpdLog>;
    log.records.get('r7f3a9c2e4b1d8f6a0c5e9b3d7')!.shared = false;
    const text = await textOf(await get('/me/cpd/records/r7f3a9c2e4b1d8f6a0c5e9b3d7.pdf', me));
    expect(text).toContain('Record ID: r7f3a9c2e4b1d8f6a0c5e9b3d7');
    expect(text).not.toContain('/records/');
    expect(text).not.toContain('Check this record');
  });

  it('is a 404 for someone else’s record and for no record, as for any unknown page', async () => {
    for (const id of ['rtheirs00000000000000000ab', 'rnosuch00000000000000000ab']) {
      const res = await get(`/me/cpd/records/${id}.pdf`, me);
      expect(res.status, id).toBe(404);
      expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
      expect(await res.text()).not.toContain('Other Person');
    }
    expect((await get('/me/cpd/records/rtheirs00000000000000000ab.pdf', signIn(ctx, OTHER))).status).toBe(200);
  });
});

describe('paths', () => {
  it('are the documents app’s: the summary and a record’s .pdf, nothing else under /me', () => {
    expect(isCpdDocumentPath('/me/cpd/export.pdf')).toBe(true);
    expect(isCpdDocumentPath('/me/cpd/records/r7f3a9c2e4b1d8f6a0c5e9b3d7.pdf')).toBe(true);
    for (const path of ['/me', '/me/cpd', '/me/cpd/export.csv', '/me/cpd/records/abc', '/me/cpd/records/abc/reflection', '/me/cpd/records/a/b.pdf']) {
      expect(isCpdDocumentPath(path), path).toBe(false);
    }
  });

  it('are served by the local site beside the API app (one origin, as CloudFront and API Gateway route them)', async () => {
    const site = createSite(ctx.deps, dir);
    const res = await site.request('/me/cpd/records/r7f3a9c2e4b1d8f6a0c5e9b3d7.pdf', { headers: { Cookie: me } });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/pdf');
  });
});
