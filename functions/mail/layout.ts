// Mail domain: the one email layout. An optional heading (the meetup's title) and summary, a greeting, paragraphs,
// labelled links and section headings, a sign-off; plain text and HTML, no tracking. The HTML reads on a 375 px
// phone without sideways scrolling (long words and URLs wrap); the text part is wrapped to TEXT_WIDTH columns.
import { html, joinHtml, withBreaks, type Html } from '#views/html.ts';
import type { OutgoingEmail } from '#functions/core/email.ts';

/**
 * One paragraph, in order:
 * - `text`: keeps its line breaks;
 * - `link`: an HTML link reading `label`; in the text part "label: url" (or "textLabel: url"), or with a `lead`, the
 *   lead's sentence and the url on the next line. `primary` shows it as a button;
 * - `heading`: a section heading ("Join", "Getting there");
 * - `fact`: "fact: value", and with `was`, the value it replaces ("New time: …", "Was: …");
 * - `image`: an inline image attached to the email (its Content-ID, see OutgoingEmail.inlineImages), HTML only: the
 *   text part cannot carry it, so the blocks around it say what it is for.
 */
export type Block =
  | { text: string }
  | { link: string; label: string; lead?: string; textLabel?: string; primary?: boolean }
  | { heading: string }
  | { fact: string; value: string; was?: string }
  | { image: string; alt: string; width: number; height: number };

export interface Letter {
  to: { name: string; email: string };
  subject: string;
  /** Everything between "Hello <name>," and the sign-off, in order. */
  blocks: Block[];
  /** Shown large at the top (e.g. the meetup's title); the first line of the text part. */
  heading?: string;
  /** Under the heading, before the greeting (e.g. the meetup's time and place). */
  summary?: Block[];
  /** The line an inbox shows after the subject; hidden in the message itself. */
  preheader?: string;
}

/** Columns the text part is wrapped to; a word longer than this (a URL) gets a line of its own. */
export const TEXT_WIDTH = 76;

const SIGN_OFF = '— Signpost, free meetups for the library and information community';

/** One line wrapped at spaces, keeping its indent; nothing is ever cut inside a word. */
function wrapLine(line: string, width: number): string[] {
  if (line.length <= width) return [line];
  const indent = /^ */.exec(line)![0];
  const lines: string[] = [];
  let current = '';
  for (const word of line.slice(indent.length).split(/ +/)) {
    if (current && current.length + 1 + word.length > width) {
      lines.push(current);
      current = '';
    }
    current = current ? `${current} ${word}` : indent + word;
  }
  if (current) lines.push(current);
  return lines;
}

/** Text wrapped for the plain-text part: each line at most `width` columns unless one word is longer. */
export const wrapText = (text: string, width = TEXT_WIDTH): string =>
  text.split('\n').flatMap((line) => wrapLine(line.trimEnd(), width)).join('\n');

/**
 * A block as plain text, wrapped. A link's "label: url" line is kept whole, so the label stays beside its URL (only a
 * long URL makes it long); with a lead, the URL follows the lead's sentence on a line of its own.
 */
function textOf(b: Block): string | undefined {
  if ('image' in b) return undefined;
  if ('heading' in b) return `${b.heading}\n${'-'.repeat(b.heading.length)}`;
  if ('fact' in b) return wrapText(`${b.fact}: ${b.value}${b.was ? `\nWas: ${b.was}` : ''}`);
  if ('text' in b) return wrapText(b.text);
  return b.lead ? `${wrapText(b.lead)}\n${b.link}` : `${b.textLabel ?? b.label}: ${b.link}`;
}

const INK = '#0b0c0c';
const QUIET = '#505a5f';
const LINK = 'color:#1d70b8;text-decoration:underline';
const BUTTON =
  'display:inline-block;background:#00703c;color:#ffffff;font-weight:bold;text-decoration:none;padding:8px 14px;border-radius:2px;box-shadow:0 2px 0 #002d18';

function htmlOf(b: Block): Html {
  if ('image' in b) {
    // Its size given, so the layout holds while images are off; shrinks on a narrow screen.
    return html`<p style="margin:0 0 16px"><img src="cid:${b.image}" alt="${b.alt}" width="${String(b.width)}" height="${String(b.height)}" style="display:block;border:0;max-width:100%;height:auto"></p>`;
  }
  if ('heading' in b) return html`<h2 style="font-size:19px;line-height:1.3;margin:24px 0 4px">${b.heading}</h2>`;
  if ('fact' in b) {
    const was = b.was ? html`<br><span style="color:${QUIET}">Was: <s>${b.was}</s></span>` : '';
    return html`<p style="margin:0 0 12px"><strong>${b.fact}:</strong> ${withBreaks(b.value)}${was}</p>`;
  }
  if ('text' in b) return html`<p style="margin:0 0 16px">${withBreaks(b.text)}</p>`;
  const link = html`<a href="${b.link}" style="${b.primary ? BUTTON : LINK}">${b.label}</a>`;
  return b.lead ? html`<p style="margin:0 0 16px">${withBreaks(b.lead)}<br>${link}</p>` : html`<p style="margin:0 0 16px">${link}</p>`;
}

export function compose({ to, subject, blocks, heading, summary = [], preheader }: Letter, extra: Partial<OutgoingEmail> = {}): OutgoingEmail {
  const all: Block[] = [{ text: `Hello ${to.name},` }, ...blocks];
  const top = [...(heading ? [wrapText(heading)] : []), ...summary.map(textOf).filter((t) => t !== undefined)];
  const parts = [...(top.length ? [top.join('\n')] : []), ...all.map(textOf).filter((t) => t !== undefined)];
  const text = `${parts.join('\n\n')}\n\n${wrapText(SIGN_OFF)}\n`;
  // Preheader: hidden text the inbox list shows after the subject. The padding keeps the body's first words out of it.
  const pre = preheader
    ? html`<div style="display:none;max-height:0;overflow:hidden;opacity:0;font-size:1px;line-height:1px;color:#ffffff">${preheader}${'\u00a0\u200c'.repeat(40)}</div>`
    : '';
  const body = html`<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${subject}</title>
</head>
<body style="margin:0;padding:0;background:#ffffff;color:${INK}">
${pre}
<div style="max-width:600px;margin:0 auto;padding:16px;box-sizing:border-box;font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;font-size:16px;line-height:1.5;color:${INK};overflow-wrap:anywhere;word-wrap:break-word;word-break:break-word">
${heading ? html`<h1 style="font-size:24px;line-height:1.25;margin:0 0 12px">${heading}</h1>` : ''}
${summary.length ? html`<div style="border-left:4px solid #b1b4b6;padding-left:12px;margin:0 0 20px">${joinHtml(summary.map(htmlOf), '\n')}</div>` : ''}
${joinHtml(all.map(htmlOf), '\n')}
<p style="margin:32px 0 0;padding-top:12px;border-top:1px solid #b1b4b6;color:${QUIET};font-size:14px">${SIGN_OFF}</p>
</div>
</body>
</html>`;
  return { to: to.email, subject, text, html: body.toString(), ...extra };
}
