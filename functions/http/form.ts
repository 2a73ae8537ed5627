// HTTP kit: plain HTML form posts (application/x-www-form-urlencoded), for the pages that work without JavaScript.
// readForm refuses other content types and oversized bodies; formObject turns the fields into the object a zod
// schema expects (numbers, comma-separated lists, checkboxes), so the form and the JSON API share one schema.
import type { Context } from 'hono';
import { html } from '#views/html.ts';
import { renderPage } from '#views/layout.ts';

/** The same ceiling as the JSON API's bodies. */
export const MAX_FORM_BYTES = 64 * 1024;

export type FormRead = { ok: true; fields: URLSearchParams } | { ok: false; reason: 'unsupported_media_type' | 'too_large' };

export const isUrlEncoded = (contentType: string | undefined) =>
  (contentType?.split(';')[0]?.trim().toLowerCase() ?? '') === 'application/x-www-form-urlencoded';

/** Reads a urlencoded body; anything else (JSON, multipart) is refused, as is a body over `maxBytes`. */
export async function readForm(c: Context, maxBytes = MAX_FORM_BYTES): Promise<FormRead> {
  if (!isUrlEncoded(c.req.header('content-type'))) return { ok: false, reason: 'unsupported_media_type' };
  const declared = Number(c.req.header('content-length') ?? '0');
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, reason: 'too_large' };
  const text = await c.req.text();
  if (new TextEncoder().encode(text).length > maxBytes) return { ok: false, reason: 'too_large' };
  return { ok: true, fields: new URLSearchParams(text) };
}

export interface FormShape {
  /** Whole numbers typed with spaces or thousands commas ("1,000"); blank is absent; other text stays text, for the schema to name. */
  numbers?: readonly string[];
  /** Comma-separated lists ("TeachMeet, CPD"); repeated fields are joined. Blank items are dropped. */
  lists?: readonly string[];
  /** Checkboxes: true when sent (a browser sends only ticked boxes), false otherwise. */
  checkboxes?: readonly string[];
  /** Text fields where blank means "not given", so the schema says "This field is required". */
  blankIsMissing?: readonly string[];
}

const NUMBER = /^-?\d+(?:\.\d+)?$/;

/**
 * The object a schema expects from a form body. Text fields are the first value sent; fields not in the body are
 * left out, except checkboxes (false) and lists (empty).
 */
export function formObject(fields: URLSearchParams, shape: FormShape = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const special = new Set([...(shape.numbers ?? []), ...(shape.lists ?? []), ...(shape.checkboxes ?? [])]);
  for (const name of new Set(fields.keys())) {
    if (special.has(name)) continue;
    const value = fields.get(name)!;
    if (shape.blankIsMissing?.includes(name) && !value.trim()) continue;
    out[name] = value;
  }
  for (const name of shape.numbers ?? []) {
    const raw = fields.get(name)?.replace(/[\s,]/g, '') ?? '';
    if (raw === '') continue;
    out[name] = NUMBER.test(raw) ? Number(raw) : fields.get(name);
  }
  for (const name of shape.lists ?? [])
    out[name] = fields
      .getAll(name)
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean);
  for (const name of shape.checkboxes ?? []) out[name] = fields.has(name);
  return out;
}

/** The fields as typed, for showing the form again: first value of each, plus which boxes were ticked. */
export function formValues(fields: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of new Set(fields.keys())) out[name] = fields.get(name) ?? '';
  return out;
}

const PROBLEMS = {
  unsupported_media_type: {
    status: 415,
    title: 'We could not read that form',
    body: 'Your browser sent the form in a way Signpost does not accept. Go back and send it again; if it keeps happening, try another browser.',
  },
  too_large: {
    status: 413,
    title: 'That was too much to send',
    body: 'The form was larger than Signpost accepts. Go back, shorten the longest answers, and send it again.',
  },
} as const;

/** A friendly page for a form post that could not be read: 415 (not urlencoded) or 413 (too large). */
export function formProblemResponse(c: Context, reason: Extract<FormRead, { ok: false }>['reason']): Response {
  const { status, title, body } = PROBLEMS[reason];
  const main = html`<h1>${title}</h1>
<p>${body}</p>
<p><a href="/">See upcoming meetups</a></p>`.toString();
  return c.html(renderPage({ title: `${title} · Signpost`, description: title, head: '<meta name="robots" content="noindex">', main }), status, { 'Cache-Control': 'no-store' });
}
