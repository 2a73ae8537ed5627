// Views: the one way views write HTML: hono/html's template, which escapes every interpolation that is not already Html.
import { html as template, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

/** Markup safe to place as is: built by `html` below, or passed through `raw` on purpose (already-escaped HTML). */
export type Html = HtmlEscapedString;

/** hono/html's `html`, kept synchronous: views interpolate no promises, so the result is Html, never a Promise. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  const out = template(strings, ...values);
  if (out instanceof Promise) throw new TypeError('views: html`` was given a promise');
  return out;
}

/** Pieces of Html one after another, with `separator` (literal markup such as "\n") between them. */
export const joinHtml = (parts: readonly Html[], separator = ''): Html => raw(parts.join(separator));

/** Text with each line break shown as <br>. */
export const withBreaks = (text: string): Html => joinHtml(text.split('\n').map((line) => html`${line}`), '<br>');

export { raw };
