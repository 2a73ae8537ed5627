// Networks domain: the pure rules of a network's identity. Its address (slug: letters, digits and hyphens, reserved
// words refused, suggested from the name) and its accent colour (WCAG AA contrast against the page, and with white
// button text on it). Browser-safe: no Node, AWS or Hono imports, so a page script can give the same feedback live.
import { slugify } from '#functions/core/slug.ts';

export const SLUG_MIN = 3;
export const SLUG_MAX = 40;

/**
 * Addresses that would read as part of the site rather than a network ("/networks/new", "/networks/manage"), or that
 * impersonate it. Compared after lower-casing.
 */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
  'new', 'manage', 'edit', 'create', 'delete', 'admin', 'administrator', 'api', 'sign-in', 'sign-out', 'signin', 'signout',
  'login', 'logout', 'log-in', 'log-out', 'register', 'me', 'my', 'account', 'operator', 'operators', 'moderator',
  'moderation', 'invitations', 'invitation', 'invite', 'networks', 'network', 'events', 'event', 'calendar', 'feeds',
  'feed', 'rss', 'ics', 'search', 'about', 'privacy', 'terms', 'signpost', 'help', 'support', 'settings', 'assets',
  'static', 'static-files', 'www', 'mail', 'email', 'root', 'system', 'official', 'staff', 'team', 'directory', 'all',
  'null', 'undefined', 'index', 'home', 'contact', 'report', 'reports', 'status', 'security', 'well-known',
]);

const SLUG_SHAPE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** What is wrong with a network address, in the words the form shows; undefined when it is fine. */
export function slugProblem(slug: string): string | undefined {
  if (slug.length < SLUG_MIN) return `The address must be ${SLUG_MIN} characters or more`;
  if (slug.length > SLUG_MAX) return `The address must be ${SLUG_MAX} characters or fewer`;
  if (!/^[a-z0-9-]+$/.test(slug)) return 'The address can only use lower-case letters, digits and hyphens';
  if (!SLUG_SHAPE.test(slug)) return 'The address cannot start or end with a hyphen, or have two hyphens together';
  if (RESERVED_SLUGS.has(slug)) return `“${slug}” is kept for Signpost’s own pages: choose another address`;
  return undefined;
}

/** The address a name suggests: slugify's, cut at a hyphen to fit SLUG_MAX. Checked like a typed one. */
export function suggestSlug(name: string): string {
  const slug = slugify(name);
  if (slug.length <= SLUG_MAX) return slug;
  const cut = slug.slice(0, SLUG_MAX + 1);
  const at = cut.lastIndexOf('-');
  return (at >= SLUG_MIN ? cut.slice(0, at) : slug.slice(0, SLUG_MAX)).replace(/-+$/, '');
}

// ---- Accent colour: WCAG 2 contrast ----

/** The page's background and a button's text, as web/src/styles.css sets them (--bg, --accent-text) in light mode. */
export const PAGE_BACKGROUND = '#ffffff';
export const BUTTON_TEXT = '#ffffff';
/** WCAG AA for normal text. */
export const MIN_CONTRAST = 4.5;
/** Signpost's own accent (styles.css --accent): the form's starting value. */
export const DEFAULT_ACCENT = '#1d4e89';

export const HEX_COLOUR = /^#[0-9a-f]{6}$/;

/** Relative luminance of an `#rrggbb` colour (WCAG 2.x definition). */
export function relativeLuminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** The contrast ratio of two `#rrggbb` colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** "4.4:1": rounded down, so a ratio just short of 4.5 never reads as 4.5. */
export const formatRatio = (ratio: number) => `${Math.floor(ratio * 10) / 10}:1`;

export interface ContrastCheck {
  /** Where the colour is used, in the message's words. */
  against: string;
  ratio: number;
  ok: boolean;
}

/** Both uses of the accent: as text and links on the page, and as a button's background under white text. */
export function accentChecks(accent: string): ContrastCheck[] {
  const uses = [
    { against: 'against the page', ratio: contrastRatio(accent, PAGE_BACKGROUND) },
    { against: 'with white button text on it', ratio: contrastRatio(BUTTON_TEXT, accent) },
  ];
  return uses.map((u) => ({ ...u, ok: u.ratio >= MIN_CONTRAST }));
}

/**
 * What is wrong with an accent colour; undefined when it passes. "#f5c518 has a contrast of 1.6:1 against the page; it
 * needs 4.5:1." Each failing use is named.
 */
export function accentProblem(value: string): string | undefined {
  const accent = value.trim().toLowerCase();
  if (!HEX_COLOUR.test(accent)) return 'Enter the accent colour as # and six hexadecimal digits, like #1d4e89';
  const failing = accentChecks(accent).filter((c) => !c.ok);
  if (!failing.length) return undefined;
  const parts = failing.map((c) => `a contrast of ${formatRatio(c.ratio)} ${c.against}`);
  return `${accent} has ${parts.join(' and ')}; it needs ${MIN_CONTRAST}:1. Choose a darker colour`;
}
