// Unit: the CPD PDFs (cpd/pdf.ts), parsed back with an independent tool (poppler's pdftotext and pdfinfo): the record of
// attendance and the portfolio summary carry their details as real text in a Unicode font, are tagged, in en-GB, with
// a title the viewer shows; a long reflection runs over pages and stays tagged; and the module still works when
// esbuild bundles it the way the Lambdas are bundled, given the two font files beside the bundle.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portfolioPdf, recordPdf, type PortfolioForPdf } from '#functions/cpd/pdf.ts';
import type { RecordForPdf } from '#functions/cpd/record.ts';
import { requireBanner } from '#infra/constructs/signpost-function.ts';

const repoRoot = join(import.meta.dirname, '../..');
const dirs: string[] = [];
const temp = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), `signpost-${prefix}-`));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const save = (bytes: Uint8Array, name: string) => {
  const file = join(temp('pdf'), name);
  writeFileSync(file, bytes);
  return file;
};
const run = (tool: string, ...args: string[]) => execFileSync(tool, args, { encoding: 'utf8' });
/** The text as a reader gets it, with line breaks and runs of spaces as one space. */
const textOf = (file: string, ...pages: string[]) => run('pdftotext', '-enc', 'UTF-8', ...pages, file, '-').replace(/\s+/g, ' ');
const infoOf = (file: string) => run('pdfinfo', '-enc', 'UTF-8', file);

const record: RecordForPdf = {
  id: 'r7f3a9c2e4b1d8f6a0c5e9b3d7a1f4c8e',
  name: 'Siân Zoë Ní Bhriain',
  title: 'TeachMeet: information literacy in the winter term',
  networkName: 'Łódź & Cardiff Library Network',
  organisers: ['Łukasz Nowak', 'Ζωή Παπαδοπούλου', 'Жанна Иванова'],
  startUtc: '2026-12-03T18:30:00Z',
  endUtc: '2026-12-03T20:00:00Z',
  timezone: 'Europe/London',
  format: 'teachmeet',
  quarters: 6,
  outcomes: ['Plan a one-hour information literacy session for first-year students', 'Use three free tools to check a source'],
  areas: ['it-communication', 'literacies-learning'],
  feedbackCollected: true,
  issuedAt: '2026-12-04T09:00:00Z',
  verifyUrl: 'https://events.example.org/records/r7f3a9c2e4b1d8f6a0c5e9b3d7a1f4c8e#k9QzT4',
  accent: '#7b2d8e',
};

describe('the record of attendance', () => {
  let file: string;
  let text: string;
  beforeAll(async () => {
    file = save(await recordPdf(record), 'record.pdf');
    text = textOf(file);
  });

  it('is called a record of attendance, never accredited', () => {
    expect(text).toContain('Record of attendance');
    expect(text).not.toMatch(/accredit/i);
    expect(text).not.toMatch(/certificate/i);
  });

  it('carries the name as given, with its diacritics, and the organisers in Greek and Cyrillic, as real text', () => {
    expect(text).toContain('Siân Zoë Ní Bhriain');
    expect(text).toContain('Łukasz Nowak, Ζωή Παπαδοπούλου and Жанна Иванова');
    expect(text).toContain('Łódź & Cardiff Library Network');
  });

  it('carries the title, date and times in the meetup zone, format, hours, outcomes, PKSB areas and feedback', () => {
    expect(text).toContain('TeachMeet: information literacy in the winter term');
    expect(text).toContain('Thursday, 3 December 2026, 18:30 – 20:00');
    expect(text).toContain('Format: TeachMeet');
    expect(text).toContain('CPD hours: 1.5 hours');
    for (const outcome of record.outcomes) expect(text).toContain(outcome);
    // In the PKSB's order, whatever order they were chosen in.
    expect(text).toMatch(/Literacies and learning .*IT and communication/);
    expect(text).toContain('Attendees were asked for feedback');
  });

  it('carries its id, the verification link as text and as a link, and the issue date', () => {
    expect(text).toContain(`Record ID: ${record.id}`);
    expect(text).toContain(record.verifyUrl);
    expect(readFileSync(file, 'latin1')).toContain(`/URI (${record.verifyUrl})`);
    expect(text).toContain('Issued 4 December 2026');
  });

  it('is one tagged A4 page in en-GB, with its title shown and the font embedded', () => {
    const info = infoOf(file);
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^Title:\s+Record of attendance: TeachMeet: information literacy in the winter term$/m);
    expect(info).toMatch(/^Pages:\s+1$/m);
    expect(info).toMatch(/^Page size:\s+595\.28 x 841\.89 pts \(A4\)$/m);
    const raw = readFileSync(file, 'latin1');
    expect(raw).toContain('/Lang (en-GB)');
    expect(raw).toContain('/DisplayDocTitle true');
    const fonts = run('pdffonts', file);
    expect(fonts).toMatch(/DejaVuSans\s/);
    expect(fonts).not.toMatch(/Helvetica/);
    const struct = run('pdfinfo', '-struct', file);
    for (const tag of ['Document', 'H1', 'H2', 'P', 'L', 'LI', 'LBody']) expect(struct).toMatch(new RegExp(`^\\s*${tag}\\b`, 'm'));
  });

  it('prints a real verification link whole on one line, never broken at a hyphen in its token, and stays on one page', async () => {
    const verifyUrl = `https://events.example.org/records/${'k'.repeat(26)}#Ab3-dE6fGh9-JkLmN0pQrS-tUvWxYz12-3456789abcdEF`;
    const long = save(await recordPdf({ ...record, verifyUrl }), 'record-long-link.pdf');
    expect(infoOf(long)).toMatch(/^Pages:\s+1$/m);
    expect(readFileSync(long, 'latin1')).toContain(`/URI (${verifyUrl})`);
    // pdftotext keeps a PDF's lines: the address is one of them, as it is.
    const lines = run('pdftotext', '-enc', 'UTF-8', long, '-').split('\n').map((l) => l.trim());
    expect(lines).toContain(verifyUrl);
    // A domain so long that even the smaller size won't hold it: two lines, split only before the `#`.
    const far = `https://cpd-evidence.library-network.example.org/records/${'k'.repeat(26)}#Ab3-dE6fGh9-JkLmN0pQrS-tUvWxYz12-3456789abcdEF`;
    const split = save(await recordPdf({ ...record, verifyUrl: far }), 'record-far-link.pdf');
    const farLines = run('pdftotext', '-enc', 'UTF-8', split, '-').split('\n').map((l) => l.trim());
    const at = far.indexOf('#');
    expect(farLines).toContain(far.slice(0, at));
    expect(farLines).toContain(far.slice(at));
    expect(infoOf(split)).toMatch(/^Pages:\s+1$/m);
  });

  it('leaves out what is not set: format, feedback, the link; and shows short hours in minutes', async () => {
    const { format: _format, verifyUrl: _verifyUrl, networkName: _networkName, ...rest } = record;
    const bare = textOf(save(await recordPdf({ ...rest, feedbackCollected: false, quarters: 3, outcomes: [], areas: [], accent: 'not a colour' }), 'bare.pdf'));
    expect(bare).toContain('Siân Zoë Ní Bhriain');
    expect(bare).toContain('CPD hours: 45 minutes');
    expect(bare).not.toContain('Format');
    expect(bare).not.toContain('Attendees were asked for feedback');
    expect(bare).not.toContain('Check this record');
    expect(bare).not.toContain('Learning outcomes');
    expect(bare).toContain('Organised by Łukasz Nowak');
  });
});

/** One paragraph long enough to need more than one page on its own. */
const longReflection = Array.from({ length: 90 }, (_, i) => `Sentence ${i + 1} of what I took from the day and what I will change in my teaching.`).join(' ') + ' The last words.';

const portfolio: PortfolioForPdf = {
  name: 'Łukasz Ní Bhriain',
  from: '2026-01-01',
  to: '2026-12-31',
  yearKind: 'july',
  generatedAt: '2026-12-04T09:00:00Z',
  accent: '#1f5f5b',
  activities: [
    { date: '2026-09-10', title: 'Records webinar', provider: 'ARA', quarters: 3, areas: ['records-management', 'customer-focus'], reflection: longReflection },
    {
      date: '2026-03-05',
      title: 'Library Camp 2026',
      provider: 'Library Camp',
      quarters: 24,
      areas: ['customer-focus', 'leadership-advocacy'],
      reflection: { what: 'We talked about outreach with Zoë.', soWhat: 'It matters to our users.', nowWhat: 'I will try a pop-up library.' },
    },
    { date: '2026-06-30', title: 'Reading: a book on cataloguing', quarters: 4, areas: [] },
  ],
};

describe('the portfolio summary', () => {
  let file: string;
  let text: string;
  beforeAll(async () => {
    file = save(await portfolioPdf(portfolio), 'portfolio.pdf');
    text = textOf(file);
  });

  it('carries the name, the period, the total and the hours per CPD year (1 July to 30 June)', () => {
    expect(text).toContain('CPD log summary');
    expect(text).toContain('Łukasz Ní Bhriain');
    expect(text).toContain('Activities from 1 January 2026 to 31 December 2026');
    expect(text).toContain('Total: 7.75 hours over 3 activities');
    expect(text).toContain('2025–26: 7 hours (2 activities)');
    expect(text).toContain('2026–27: 45 minutes (1 activity)');
    expect(text).not.toMatch(/accredit/i);
  });

  it('counts the PKSB areas covered, in the PKSB order', () => {
    expect(text).toMatch(/Records management and archiving: 1 activity .*Leadership and advocacy: 1 activity .*Customer focus, service design and marketing: 2 activities/);
  });

  it('lists each activity by date with its provider, hours, areas and reflection in full', () => {
    expect(text).toMatch(/Library Camp 2026 .*Reading: a book on cataloguing .*Records webinar/);
    expect(text).toContain('Date: 5 March 2026 Provider: Library Camp CPD hours: 6 hours');
    expect(text).toContain('PKSB areas: Leadership and advocacy; Customer focus, service design and marketing');
    expect(text).toContain('What? We talked about outreach with Zoë. So what? It matters to our users. Now what? I will try a pop-up library.');
    expect(text).toContain('Date: 30 June 2026 CPD hours: 1 hour');
    expect(text).toContain('No reflection written.');
    expect(text).toContain(longReflection);
  });

  it('runs a long reflection over pages, each page with text, and keeps it in the structure tree', () => {
    const pages = Number(/^Pages:\s+(\d+)$/m.exec(infoOf(file))![1]);
    expect(pages).toBeGreaterThanOrEqual(3);
    // The one paragraph starts on one page and ends on a later one.
    const pageOf = (words: string) => Array.from({ length: pages }, (_, i) => i + 1).find((n) => textOf(file, '-f', String(n), '-l', String(n)).includes(words));
    expect(pageOf('Sentence 90 of what I took')).toBeGreaterThan(pageOf('Sentence 1 of what I took')!);
    // And the words on the later pages are in the structure tree, in the reflection's one P (poppler quotes each page's
    // piece of it), not untagged content.
    expect(run('pdfinfo', '-struct-text', file).replace(/\s+/g, ' ').replaceAll('" "', '')).toContain('Sentence 90 of what I took from the day and what I will change in my teaching. The last words.');
  });

  it('is tagged, in en-GB, with its title shown', () => {
    const info = infoOf(file);
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^Title:\s+CPD log: Łukasz Ní Bhriain, 1 January 2026 to 31 December 2026$/m);
    const raw = readFileSync(file, 'latin1');
    expect(raw).toContain('/Lang (en-GB)');
    expect(raw).toContain('/DisplayDocTitle true');
    const struct = run('pdfinfo', '-struct', file);
    for (const tag of ['H1', 'H2', 'H3', 'P', 'L', 'LI']) expect(struct).toMatch(new RegExp(`^\\s*${tag}\\b`, 'm'));
  });

  it('says so when the period is empty', async () => {
    const empty = textOf(save(await portfolioPdf({ ...portfolio, activities: [] }), 'empty.pdf'));
    expect(empty).toContain('Total: 0 hours over 0 activities');
    expect(empty).toContain('No activities in this period.');
  });
});

/** Bundles cpd/pdf.ts as infra/constructs/signpost-function.ts bundles a Lambda, into a fresh directory. */
async function bundle(alias: Record<string, string> = {}) {
  const dir = temp('cpd-bundle');
  await build({
    entryPoints: [join(repoRoot, 'functions/cpd/pdf.ts')],
    outfile: join(dir, 'index.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    mainFields: ['module', 'main'],
    minify: true,
    banner: { js: requireBanner },
    alias,
    logLevel: 'silent',
  });
  return dir;
}

/** Makes a record's PDF with the bundle in a bare Node process (no node_modules above /tmp), and reads it back. */
function recordFromBundle(dir: string) {
  const script = `const m = await import('./index.mjs'); const pdf = await m.recordPdf(${JSON.stringify(record)}); (await import('node:fs')).writeFileSync('out.pdf', pdf);`;
  execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, env: { PATH: process.env.PATH }, encoding: 'utf8', stdio: 'pipe', timeout: 30_000 });
  return join(dir, 'out.pdf');
}

/** What the Lambda asset needs beside index.mjs: the two fonts (and their licence), where the module resolves them. */
function carryFonts(dir: string) {
  const fonts = join(dir, 'node_modules/dejavu-fonts-ttf/ttf');
  mkdirSync(fonts, { recursive: true });
  for (const font of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf']) copyFileSync(join(repoRoot, 'node_modules/dejavu-fonts-ttf/ttf', font), join(fonts, font));
  copyFileSync(join(repoRoot, 'node_modules/dejavu-fonts-ttf/LICENSE'), join(dir, 'node_modules/dejavu-fonts-ttf/LICENSE'));
}

const kB = (dir: string) => Math.round(statSync(join(dir, 'index.mjs')).size / 1024);

describe('bundled as the Lambdas are (esbuild, ESM, node20)', () => {
  it('makes a PDF in a bare Node process given the two DejaVu files beside the bundle, and fails loudly without them', async () => {
    const dir = await bundle();
    expect(() => recordFromBundle(dir)).toThrow(/dejavu-fonts-ttf/);
    carryFonts(dir);
    const file = recordFromBundle(dir);
    expect(textOf(file)).toContain('Siân Zoë Ní Bhriain');
    expect(infoOf(file)).toMatch(/^Tagged:\s+yes$/m);
    // pdfkit, fontkit and fontkit's Brotli decoder (for WOFF2 fonts, ~475 kB of it).
    expect(kB(dir)).toBeLessThan(1000);
  }, 60_000);

  it('needs no Brotli (WOFF2 only): with brotli/decompress.js aliased to a stub the bundle halves and still works', async () => {
    const stub = join(temp('cpd-stub'), 'no-brotli.mjs');
    writeFileSync(stub, "export default function decompress() { throw new Error('WOFF2 fonts are not bundled'); }\n");
    const dir = await bundle({ 'brotli/decompress.js': stub });
    carryFonts(dir);
    expect(kB(dir)).toBeLessThan(450);
    const file = recordFromBundle(dir);
    expect(textOf(file)).toContain('Record of attendance');
    expect(textOf(file)).toContain('Жанна Иванова');
  }, 60_000);
});
