// Web: tiny DOM helpers. Text always goes in as text nodes, never as HTML, so anything a user typed stays inert.
import { linkify } from '#functions/core/linkify.ts';

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | boolean | undefined>;

/** Builds an element; string children become text nodes. Boolean attributes are set when true. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === true) node.setAttribute(name, '');
    else if (typeof value === 'string') node.setAttribute(name, value);
  }
  node.append(...(children.filter((c) => c !== null && c !== undefined && c !== false) as (Node | string)[]));
  return node;
}

export const byId = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const node = document.getElementById(id);
  if (!node) throw new Error(`Missing #${id}`);
  return node as T;
};

/** Moves focus to a container (making it focusable if needed) so screen readers read it out. */
export function focusOn(node: HTMLElement): void {
  if (!node.hasAttribute('tabindex') && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(node.tagName)) node.setAttribute('tabindex', '-1');
  node.focus();
  const reduce = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
  node.scrollIntoView({ block: 'nearest', behavior: reduce ? 'auto' : 'smooth' });
}

/** A link for text a user wrote; rel keeps search engines and the target page at arm's length. */
export const userLink = (url: string): HTMLAnchorElement => h('a', { href: url, rel: 'nofollow ugc noopener' }, url);

/** Plain text as paragraphs (blank lines), line breaks kept, web addresses as links. */
export function richText(text: string): DocumentFragment {
  const out = document.createDocumentFragment();
  for (const para of text.split(/\n{2,}/)) {
    if (!para.trim()) continue;
    const p = h('p', { class: 'pre-line' });
    for (const piece of linkify(para)) p.append('url' in piece ? userLink(piece.url) : piece.text);
    out.append(p);
  }
  return out;
}

/** The path of an absolute URL from the API, so links work on any host (local, staging, live). */
export function pathOf(url: string, fallback: string): string {
  try {
    const u = new URL(url, location.origin);
    return u.pathname + u.search;
  } catch {
    return fallback;
  }
}

/**
 * Renames the page after what just happened ("You're in!", "Published"): the h1 and the window title, and moves
 * focus to the heading so a screen reader reads the outcome first. Pass focus=false when the page only loaded.
 */
export function setHeading(text: string, { focus = true } = {}): void {
  const heading = document.querySelector<HTMLElement>('main h1');
  if (heading) {
    heading.textContent = text;
    if (focus) focusOn(heading);
  }
  document.title = `${text} · Signpost`;
}

/** A joining or public link the API gave us, only if it is a web address (never javascript: or data:). */
export const isWebAddress = (url: string | undefined): url is string => !!url && /^https?:\/\//i.test(url);
