// Events domain: how published events are laid out for listing. Each event is written once per facet
// ("all", its network, each tag) into month partitions, so no single partition holds every event.
import type { ListQuery } from './event.schema.ts';
import { facetsOf, monthOf } from '#functions/core/facets.ts';

import { validationError } from '#functions/core/errors.ts';
import { MAX_DURATION_DAYS, type SummarySource } from '#functions/core/event.ts';
import { slugify } from '#functions/core/slug.ts';

export { SUMMARY_FIELDS, type SummarySource } from '#functions/core/event.ts';

export const HORIZON_MONTHS = 24;

export { monthOf } from '#functions/core/facets.ts';

export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

export interface ListingPlan {
  facet: string;
  /** Filters the facet itself does not answer. */
  networkSlug?: string;
  tagSlug?: string;
  format?: ListQuery['format'];
  /** Events starting at or after this instant are candidates; those ended by `now` are dropped. */
  fromSortKey: string;
  fromMonth: string;
  lastMonth: string;
  now: string;
}

interface Cursor {
  m: string;
  k: string;
}

export function encodeCursor(month: string, sortKey: string): string {
  return Buffer.from(JSON.stringify({ m: month, k: sortKey } satisfies Cursor)).toString('base64url');
}

function decodeCursor(cursor: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (typeof c.m === 'string' && /^\d{4}-\d{2}$/.test(c.m) && typeof c.k === 'string' && c.k.length < 100) return c as Cursor;
  } catch {
    // fall through
  }
  throw validationError([{ field: 'cursor', message: 'That page cursor is not valid; start from the first page' }]);
}

/** The last month listings and feeds reach: HORIZON_MONTHS after the current one. */
export function horizonMonth(now: Date): string {
  let month = monthOf(now.toISOString());
  for (let i = 0; i < HORIZON_MONTHS; i++) month = nextMonth(month);
  return month;
}

export function planListing(query: ListQuery, now: Date): ListingPlan & { cursor?: Cursor } {
  const earliest = new Date(now.getTime() - MAX_DURATION_DAYS * 86_400_000).toISOString();
  const facet = query.tag ? `tag:${slugify(query.tag)}` : query.network ? `net:${slugify(query.network)}` : 'all';
  const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
  const lastMonth = horizonMonth(now);
  return {
    facet,
    ...(query.tag && query.network ? { networkSlug: slugify(query.network) } : {}),
    ...(query.format ? { format: query.format } : {}),
    fromSortKey: earliest,
    fromMonth: monthOf(earliest),
    lastMonth,
    now: now.toISOString(),
    ...(cursor ? { cursor } : {}),
  };
}

/** The same rule the index query applies, for in-memory use. */
export function matchesPlan(e: SummarySource, plan: ListingPlan): boolean {
  const facets = facetsOf(e);
  return (
    facets.includes(plan.facet) &&
    e.startUtc >= plan.fromSortKey &&
    e.endUtc > plan.now &&
    (!plan.networkSlug || (!!e.network && slugify(e.network) === plan.networkSlug)) &&
    (!plan.format || e.format === plan.format)
  );
}
