// Mail domain: the one email layout. A greeting, paragraphs and links, a sign-off; plain text and HTML, no tracking.
import { html, joinHtml, withBreaks, type Html } from '#views/html.ts';
import type { OutgoingEmail } from '#functions/core/email.ts';

/**
 * One paragraph. Text keeps its line breaks. A link reads "label: url" in the plain-text part; with a `lead`, the
 * lead's sentence comes first and the url follows on the next line.
 */
export type Block = { text: string } | { link: string; label: string; lead?: string };

export interface Letter {
  to: { name: string; email: string };
  subject: string;
  /** Everything between "Hello <name>," and the sign-off, in order. */
  blocks: Block[];
}

const SIGN_OFF = '— Signpost, free meetups for the library and information community';

const textOf = (b: Block): string => ('text' in b ? b.text : b.lead ? `${b.lead}\n${b.link}` : `${b.label}: ${b.link}`);

function htmlOf(b: Block): Html {
  if ('text' in b) return html`<p>${withBreaks(b.text)}</p>`;
  const link = html`<a href="${b.link}">${b.label}</a>`;
  return b.lead ? html`<p>${withBreaks(b.lead)}<br>${link}</p>` : html`<p>${link}</p>`;
}

export function compose({ to, subject, blocks }: Letter, extra: Partial<OutgoingEmail> = {}): OutgoingEmail {
  const all: Block[] = [{ text: `Hello ${to.name},` }, ...blocks];
  const text = `${all.map(textOf).join('\n\n')}\n\n${SIGN_OFF}\n`;
  const body = html`<!doctype html><html lang="en"><body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:36em">
${joinHtml(all.map(htmlOf), '\n')}
</body></html>`;
  return { to: to.email, subject, text, html: body.toString(), ...extra };
}
