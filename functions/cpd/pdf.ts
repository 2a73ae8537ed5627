// CPD: the record of attendance and the CPD portfolio summary as PDFs. Pure: the details in, the PDF's bytes out.
// Accessible: a tagged PDF (H1, H2, P, L/LI in a structure tree), real text in an embedded Unicode font (DejaVu Sans,
// so Siân, Łukasz, Ζωή and Жанна render; the standard 14 fonts are WinAnsi only), the document language and a title
// the viewer shows. Decoration (the accent band, rules) is marked as an artifact so screen readers skip it.
//
// The fonts are read once from the dejavu-fonts-ttf package, resolved from this module: a Lambda bundle carries them
// as node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf and DejaVuSans-Bold.ttf beside the bundle (and the package's
// LICENSE). pdfkit's own default font (Helvetica, read through require) is never opened: the document's font is ours.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { CPD_FORMAT_LABELS, hoursText, orderedAreas, pksbName, totalsByYear, type CpdYearKind, type PksbArea } from '#functions/core/cpd.ts';
import { FEEDBACK_COLLECTED, PKSB_AREAS_LABEL } from '#functions/core/cpd-words.ts';
import { formatWhen } from '#functions/core/time.ts';
import type { RecordForPdf } from './record.ts';

export type { RecordForPdf } from './record.ts';

/** One activity in the portfolio: a record of attendance or something that happened elsewhere. */
export interface PortfolioActivity {
  /** YYYY-MM-DD, as on the activity's wall clock. */
  date: string;
  title: string;
  /** Who ran it: the network, or the conference, publisher, etc. */
  provider?: string;
  quarters: number;
  areas: PksbArea[];
  /** The person's reflection, as one text or under the "What? So what? Now what?" prompts. */
  reflection?: string | { what?: string; soWhat?: string; nowWhat?: string };
}

export interface PortfolioForPdf {
  name: string;
  /** The chosen period, inclusive, YYYY-MM-DD. */
  from: string;
  to: string;
  /** How the person counts their CPD year, for the hours per year. */
  yearKind: CpdYearKind;
  /** The activities in the period (any order: the PDF lists them by date). */
  activities: PortfolioActivity[];
  /** When the summary was made (ISO 8601). */
  generatedAt: string;
  accent?: string;
}

const DEFAULT_ACCENT = '#1f5f5b';
const INK = '#1b1b1b';
const MUTED = '#555555';
const RULE = '#c9c9c9';
const FONT = 'DejaVuSans';
const BOLD = 'DejaVuSans-Bold';
const PAGE = { width: 595.28, height: 841.89 }; // A4 in points
const MARGIN = 64;
const BAND = 18;
const CONTENT_WIDTH = PAGE.width - 2 * MARGIN;

const fromHere = createRequire(import.meta.url);
let fonts: { regular: Uint8Array; bold: Uint8Array } | undefined;
function fontBytes() {
  fonts ??= {
    regular: readFileSync(fromHere.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    bold: readFileSync(fromHere.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  };
  return fonts;
}

const accentOf = (accent: string | undefined) => (accent && /^#[0-9a-f]{6}$/i.test(accent) ? accent : DEFAULT_ACCENT);

/** "3 December 2026", for a YYYY-MM-DD date (no zone: it is already the wall-clock date). */
const longDate = (date: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${date}T12:00:00Z`));
/** An instant's date on a zone's wall clock, "3 December 2026". */
const dateIn = (utc: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(utc));

/** "Ann", "Ann and Bo", "Ann, Bo and Cy". */
const andList = (names: readonly string[]) =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

function newDocument(title: string, subject: string, author: string, accent: string): Doc {
  const { regular, bold } = fontBytes();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN + BAND, bottom: MARGIN, left: MARGIN, right: MARGIN },
    // The document's first font is DejaVu, so pdfkit never loads its standard Helvetica metrics.
    font: regular as unknown as string,
    pdfVersion: '1.7',
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    info: { Title: title, Subject: subject, Author: author, Creator: 'Signpost' },
    autoFirstPage: false,
  });
  doc.registerFont(FONT, regular as unknown as string);
  doc.registerFont(BOLD, bold as unknown as string);
  // The accent band on every page, an artifact. Drawn before pdfkit reopens any marked content on a new page.
  // pdfkit remembers the last fill colour and sets it again for text that runs on to the new page, so it is put back.
  doc.on('pageAdded', () => {
    const fill = (doc as unknown as { _fillColor?: [string, number?] })._fillColor;
    doc.markContent('Artifact', { type: 'Layout' });
    doc.save().rect(0, 0, PAGE.width, BAND).fill(accent).restore();
    doc.save().rect(0, PAGE.height - BAND / 3, PAGE.width, BAND / 3).fill(accent).restore();
    doc.endMarkedContent();
    if (fill) doc.fillColor(...fill);
  });
  doc.addPage();
  return doc;
}

function bytesOf(doc: Doc): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    doc.end();
  });
}

/** A horizontal rule across the text column, as an artifact. */
function rule(doc: Doc, color: string, width = 0.75) {
  const y = doc.y;
  doc.markContent('Artifact', { type: 'Layout' });
  doc.save().moveTo(MARGIN, y).lineTo(PAGE.width - MARGIN, y).lineWidth(width).strokeColor(color).stroke().restore();
  doc.endMarkedContent();
}

/** Adds a structure element whose content is drawn by `draw`, under `parent`. */
function add(doc: Doc, parent: Struct, tag: string, draw: () => void) {
  const element = doc.struct(tag, {}, draw);
  parent.add(element);
  return element;
}

function heading(doc: Doc, parent: Struct, tag: 'H1' | 'H2' | 'H3', text: string, size: number, color = INK, gapAfter = 0.3) {
  // Keep a heading with at least a few lines of what follows it.
  if (doc.y + size * 4 > PAGE.height - MARGIN) doc.addPage();
  add(doc, parent, tag, () => {
    doc.font(BOLD).fontSize(size).fillColor(color).text(text, MARGIN, doc.y, { width: CONTENT_WIDTH });
  });
  doc.moveDown(gapAfter);
}

function paragraph(doc: Doc, parent: Struct, text: string, options: { size?: number; bold?: boolean; color?: string; gapAfter?: number } = {}) {
  add(doc, parent, 'P', () => {
    doc.font(options.bold ? BOLD : FONT).fontSize(options.size ?? 11).fillColor(options.color ?? INK);
    doc.text(text, MARGIN, doc.y, { width: CONTENT_WIDTH, lineGap: 2 });
  });
  doc.moveDown(options.gapAfter ?? 0.4);
}

/** "Label   value" on one line (the value wraps in its own column), one P so it reads as "Label: value". */
function detail(doc: Doc, parent: Struct, label: string, value: string) {
  const labelWidth = 110;
  add(doc, parent, 'P', () => {
    const y = doc.y;
    doc.font(BOLD).fontSize(10).fillColor(MUTED).text(`${label}: `, MARGIN, y, { width: labelWidth - 8 });
    const afterLabel = doc.y;
    doc.font(FONT).fontSize(11).fillColor(INK).text(value, MARGIN + labelWidth, y, { width: CONTENT_WIDTH - labelWidth, lineGap: 2 });
    doc.y = Math.max(doc.y, afterLabel);
  });
  doc.x = MARGIN;
  doc.moveDown(0.35);
}

function list(doc: Doc, parent: Struct, items: readonly string[]) {
  const l = doc.struct('L');
  parent.add(l);
  doc.font(FONT).fontSize(11).fillColor(INK);
  doc.list([...items], MARGIN + 4, doc.y, {
    width: CONTENT_WIDTH - 4,
    bulletRadius: 2,
    bulletIndent: 0,
    textIndent: 14,
    lineGap: 2,
    paragraphGap: 3,
    structParent: l,
    // No Lbl: the bullet is drawn, not text, and an empty label only adds noise for a screen reader.
    structTypes: ['LI', null, 'LBody'],
  });
  l.end();
  doc.x = MARGIN;
  doc.moveDown(0.6);
}

/** The record of attendance, one A4 page (more only if the outcomes are very long). */
export async function recordPdf(record: RecordForPdf): Promise<Uint8Array> {
  const accent = accentOf(record.accent);
  const doc = newDocument(
    `Record of attendance: ${record.title}`,
    `${record.name} attended ${record.title}`,
    record.networkName ?? andList(record.organisers),
    accent,
  );
  const root = doc.struct('Document');
  doc.addStructure(root);

  doc.y = MARGIN + BAND + 8;
  heading(doc, root, 'H1', 'Record of attendance', 26, INK, 0.2);
  doc.y += 4;
  rule(doc, accent, 2);
  doc.moveDown(1.2);

  paragraph(doc, root, 'This records that', { color: MUTED, gapAfter: 0.15 });
  paragraph(doc, root, record.name, { size: 22, bold: true, gapAfter: 0.25 });
  paragraph(doc, root, 'attended', { color: MUTED, gapAfter: 0.15 });
  heading(doc, root, 'H2', record.title, 17, accent, 0.3);
  const by = [
    record.networkName ? `A meetup of ${record.networkName}` : undefined,
    record.organisers.length ? `organised by ${andList(record.organisers)}` : undefined,
  ].filter((s): s is string => s !== undefined);
  if (by.length) paragraph(doc, root, `${by.join(', ')}.`.replace(/^o/, 'O'), { color: MUTED, gapAfter: 1.6 });
  else doc.moveDown(1.2);

  const details = doc.struct('Sect');
  root.add(details);
  detail(doc, details, 'When', formatWhen(record.startUtc, record.endUtc, record.timezone));
  if (record.format) detail(doc, details, 'Format', CPD_FORMAT_LABELS[record.format]);
  detail(doc, details, 'CPD hours', hoursText(record.quarters));
  if (record.feedbackCollected) detail(doc, details, 'Evaluation', FEEDBACK_COLLECTED);
  details.end();
  doc.moveDown(1.2);

  if (record.outcomes.length) {
    const section = doc.struct('Sect');
    root.add(section);
    heading(doc, section, 'H2', 'Learning outcomes', 13);
    list(doc, section, record.outcomes);
    section.end();
  }
  const areas = orderedAreas(record.areas);
  if (areas.length) {
    const section = doc.struct('Sect');
    root.add(section);
    heading(doc, section, 'H2', PKSB_AREAS_LABEL, 13);
    list(doc, section, areas.map(pksbName));
    section.end();
  }

  // The footer: the id, the link that verifies it, and the date of issue, at the foot of the page when there is room.
  const footer = doc.struct('Sect');
  root.add(footer);
  // Measured, not guessed: a footer that runs past the bottom margin would put its last line alone on a second page.
  doc.font(FONT).fontSize(9.5);
  const link = record.verifyUrl ? linkLines(doc, record.verifyUrl) : undefined;
  const footerHeight = 48 + (link ? doc.heightOfString('Check this record at ', { width: CONTENT_WIDTH }) + link.height + 8 : 0);
  const footerTop = PAGE.height - MARGIN - footerHeight;
  if (doc.y > footerTop) doc.addPage();
  doc.y = Math.max(doc.y, footerTop);
  rule(doc, RULE);
  doc.moveDown(0.8);
  paragraph(doc, footer, `Issued ${dateIn(record.issuedAt, record.timezone)}${record.networkName ? ` by ${record.networkName} through Signpost` : ' through Signpost'}.`, { size: 9.5, color: MUTED, gapAfter: 0.2 });
  paragraph(doc, footer, `Record ID: ${record.id}`, { size: 9.5, color: MUTED, gapAfter: 0.2 });
  if (record.verifyUrl && link) {
    const url = record.verifyUrl;
    add(doc, footer, 'P', () => {
      doc.font(FONT).fontSize(9.5).fillColor(MUTED).text('Check this record at ', MARGIN, doc.y, { width: CONTENT_WIDTH });
      doc.fontSize(link.size).fillColor(accent);
      for (const line of link.lines) doc.text(line, MARGIN, doc.y, { link: url, underline: true, width: CONTENT_WIDTH, lineBreak: false });
      doc.fontSize(9.5);
    });
  }
  footer.end();

  root.end();
  return bytesOf(doc);
}

/**
 * The verification link as printed: on one line, in a smaller size if it needs it, so nobody copying it from paper
 * wonders whether a hyphen at a line's end belongs to the token; too long even so (a long domain), it breaks only
 * before the `#`, where nothing can be mistaken. Each line links the whole address.
 */
function linkLines(doc: PDFKit.PDFDocument, url: string): { lines: string[]; size: number; height: number } {
  const SIZE = 9.5;
  const SMALLEST = 7;
  const width = doc.fontSize(SIZE).widthOfString(url);
  const fitted = Math.floor(((SIZE * CONTENT_WIDTH) / width) * 0.98 * 10) / 10;
  const size = Math.min(SIZE, fitted);
  const at = url.indexOf('#');
  const lines = size >= SMALLEST || at < 0 ? [url] : [url.slice(0, at), url.slice(at)];
  const shown = lines.length > 1 ? SIZE : Math.max(size, SMALLEST);
  const height = lines.length * doc.fontSize(shown).currentLineHeight(true);
  doc.fontSize(SIZE);
  return { lines, size: shown, height };
}

const reflectionParts = (reflection: PortfolioActivity['reflection']): { label?: string; text: string }[] => {
  if (!reflection) return [];
  if (typeof reflection === 'string') return reflection.trim() ? [{ text: reflection.trim() }] : [];
  return (
    [
      ['What?', reflection.what],
      ['So what?', reflection.soWhat],
      ['Now what?', reflection.nowWhat],
    ] as const
  )
    .filter(([, text]) => text?.trim())
    .map(([label, text]) => ({ label, text: text!.trim() }));
};

/** The CPD portfolio summary for a period: totals, hours per CPD year, each activity with its reflection in full, and
 * the PKSB areas covered. Runs over as many A4 pages as the reflections need. */
export async function portfolioPdf(summary: PortfolioForPdf): Promise<Uint8Array> {
  const accent = accentOf(summary.accent);
  const period = `${longDate(summary.from)} to ${longDate(summary.to)}`;
  const doc = newDocument(`CPD log: ${summary.name}, ${period}`, `CPD activities from ${period}`, summary.name, accent);
  const root = doc.struct('Document');
  doc.addStructure(root);
  const activities = [...summary.activities].sort((a, b) => a.date.localeCompare(b.date) || a.title.localeCompare(b.title));
  const total = activities.reduce((sum, a) => sum + a.quarters, 0);

  doc.y = MARGIN + BAND + 8;
  heading(doc, root, 'H1', 'CPD log summary', 26, INK, 0.2);
  doc.y += 4;
  rule(doc, accent, 2);
  doc.moveDown(1);
  paragraph(doc, root, summary.name, { size: 18, bold: true, gapAfter: 0.2 });
  paragraph(doc, root, `Activities from ${period}`, { color: MUTED, gapAfter: 0.8 });

  const totals = doc.struct('Sect');
  root.add(totals);
  detail(doc, totals, 'Total', `${hoursText(total)} over ${activities.length} ${activities.length === 1 ? 'activity' : 'activities'}`);
  const years = totalsByYear(activities, summary.yearKind);
  if (years.length) {
    heading(doc, totals, 'H2', summary.yearKind === 'july' ? 'Hours per CPD year (1 July to 30 June)' : 'Hours per CPD year', 13);
    list(doc, totals, [...years].reverse().map((y) => `${y.label}: ${hoursText(y.quarters)} (${y.activities} ${y.activities === 1 ? 'activity' : 'activities'})`));
  }
  const counts = new Map<PksbArea, number>();
  for (const a of activities) for (const area of new Set(a.areas)) counts.set(area, (counts.get(area) ?? 0) + 1);
  heading(doc, totals, 'H2', `${PKSB_AREAS_LABEL} covered`, 13);
  if (counts.size) {
    list(doc, totals, orderedAreas(counts.keys()).map((id) => `${pksbName(id)}: ${counts.get(id)} ${counts.get(id) === 1 ? 'activity' : 'activities'}`));
  } else {
    paragraph(doc, totals, 'None recorded.', { color: MUTED, gapAfter: 0.8 });
  }
  totals.end();

  const log = doc.struct('Sect');
  root.add(log);
  doc.moveDown(0.4);
  heading(doc, log, 'H2', 'Activities', 15, accent, 0.4);
  if (!activities.length) paragraph(doc, log, 'No activities in this period.', { color: MUTED });
  for (const activity of activities) {
    const entry = doc.struct('Sect');
    log.add(entry);
    rule(doc, RULE);
    doc.moveDown(0.6);
    heading(doc, entry, 'H3', activity.title, 12.5, INK, 0.2);
    detail(doc, entry, 'Date', longDate(activity.date));
    if (activity.provider) detail(doc, entry, 'Provider', activity.provider);
    detail(doc, entry, 'CPD hours', hoursText(activity.quarters));
    const areas = orderedAreas(activity.areas);
    if (areas.length) detail(doc, entry, PKSB_AREAS_LABEL, areas.map(pksbName).join('; '));
    const parts = reflectionParts(activity.reflection);
    if (parts.length) {
      doc.moveDown(0.2);
      for (const part of parts) {
        if (part.label) paragraph(doc, entry, part.label, { size: 10, bold: true, color: MUTED, gapAfter: 0.1 });
        // Each paragraph of the reflection its own P, so a long one flows over pages with its lines intact.
        for (const para of part.text.split(/\n\s*\n/)) paragraph(doc, entry, para.trim(), { size: 10.5, gapAfter: 0.5 });
      }
    } else {
      paragraph(doc, entry, 'No reflection written.', { size: 10, color: MUTED });
    }
    entry.end();
    doc.moveDown(0.6);
  }
  log.end();

  doc.moveDown(0.4);
  paragraph(doc, root, `Made ${longDate(summary.generatedAt.slice(0, 10))} with Signpost.`, { size: 9, color: MUTED });
  root.end();
  return bytesOf(doc);
}
