// Events domain: how published events are laid out for listing, and how a list query becomes a plan over that layout.
// Each event is written once per facet ("all", its network, each tag) into month partitions, so no single partition
// holds every event. Lists read the "all" facet: its entries carry folded text (table/items/listing.ts) that filters
// and the keyword search match within, case-insensitively and in part, so no query ever needs a Scan.
import type { ListQuery } from './event.schema.ts';
import { facetsOf, monthOf } from '#functions/core/facets.ts';
import { validationError } from '#functions/core/errors.ts';
import { DEFAULT_TIMEZONE, MAX_DURATION_DAYS, type StoredEvent, type SummarySource } from '#functions/core/event.ts';
import type { Format } from '#functions/core/formats.ts';
import { MATCH_FACET, foldText, foldedWords, listingMatchOf } from '#functions/table/items/listing.ts';
import { tzOffset } from '@date-fns/tz';

export { SUMMARY_FIELDS, type SummarySource } from '#functions/core/event.ts';

export const HORIZON_MONTHS = 24;
/** Dates in filters ("this week", 3 December) are UK dates: the community this site serves. */
export const LISTING_ZONE = DEFAULT_TIMEZONE;
/** A keyword search uses at most this many words; more would only narrow it further. */
export const MAX_SEARCH_WORDS = 8;

export { monthOf } from '#functions/core/facets.ts';

export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

export interface ListingPlan {
  facet: string;
  /** Index sort keys from here (inclusive): early enough for meetups that started before the window and still run. */
  fromSortKey: string;
  /** Index sort keys below this (an instant): meetups starting before the window's end. Unset: to the horizon. */
  toSortKey?: string;
  fromMonth: string;
  lastMonth: string;
  /** Meetups ended by this instant are dropped: now, or the start of the chosen dates. */
  endsAfter: string;
  format?: Format;
  /** Folded fragments, matched within the network's name and within one tag. */
  network?: string;
  tag?: string;
  /** Folded words, each of which must appear within a word of the meetup's text. */
  words: string[];
}

/** True when the plan filters beyond time: most entries read may be dropped, so reads should be larger. */
export const isFiltered = (plan: ListingPlan) => Boolean(plan.format || plan.network || plan.tag || plan.words.length);

/** Counts read beside a listed event, for its card (only for meetups with a capacity that are not cancelled). */
export interface ListedCounts {
  confirmed: number;
  waitlist: number;
}
export type ListedEvent = SummarySource & { counts?: ListedCounts };

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

// ---- Dates in the listing zone ----

/** Today's date (YYYY-MM-DD) in the listing zone. */
export function localDate(now: Date, zone = LISTING_ZONE): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The instant a day begins in the listing zone (its clocks never change at midnight). */
function dayStart(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d);
  return new Date(wall - tzOffset(LISTING_ZONE, new Date(wall)) * 60_000);
}

/** Monday is 1, Sunday 7, as the date falls (a date is a day of the calendar, whatever the zone). */
const weekday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay() || 7;

/**
 * The instant the chosen dates end (exclusive), or undefined for no end: "this week" runs to the end of Sunday,
 * "this month" to the end of its last day, a `to` date to the end of that day; together, the earliest.
 */
function windowEnd(query: Pick<ListQuery, 'when' | 'to'>, now: Date): Date | undefined {
  const today = localDate(now);
  const ends: Date[] = [];
  if (query.when === 'week') ends.push(dayStart(addDays(today, 8 - weekday(today))));
  if (query.when === 'month') ends.push(dayStart(`${nextMonth(today.slice(0, 7))}-01`));
  if (query.to) ends.push(dayStart(addDays(query.to, 1)));
  return ends.length ? new Date(Math.min(...ends.map((d) => d.getTime()))) : undefined;
}

/** The search's words, folded, at most MAX_SEARCH_WORDS. */
export const searchWords = (q: string | undefined): string[] => (q ? foldedWords(q).slice(0, MAX_SEARCH_WORDS) : []);

/**
 * A list query as a plan: always within the upcoming window (from now to the horizon), narrowed by the dates chosen;
 * meetups still running count as upcoming. Filters that fold to nothing ("!!") filter nothing.
 */
export function planListing(query: ListQuery, now: Date): ListingPlan & { cursor?: Cursor } {
  const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
  const from = query.from ? dayStart(query.from) : undefined;
  const start = from && from > now ? from : now;
  const end = windowEnd(query, now);
  const earliest = new Date(start.getTime() - MAX_DURATION_DAYS * 86_400_000).toISOString();
  const horizon = horizonMonth(now);
  const endMonth = end ? monthOf(new Date(end.getTime() - 1).toISOString()) : horizon;
  const network = query.network ? foldText(query.network) : '';
  const tag = query.tag ? foldText(query.tag) : '';
  return {
    facet: MATCH_FACET,
    fromSortKey: earliest,
    ...(end ? { toSortKey: end.toISOString() } : {}),
    fromMonth: monthOf(earliest),
    lastMonth: endMonth < horizon ? endMonth : horizon,
    endsAfter: start.toISOString(),
    ...(query.format ? { format: query.format } : {}),
    ...(network ? { network } : {}),
    ...(tag ? { tag } : {}),
    words: searchWords(query.q),
    ...(cursor ? { cursor } : {}),
  };
}

/** True when the chosen dates leave nothing to read (they end before the window starts). */
export const isEmptyWindow = (plan: ListingPlan) => plan.toSortKey !== undefined && plan.toSortKey <= plan.endsAfter;

/** The same rule the index query applies, for in-memory use: only the plan's facet (hidden meetups are in none). */
export function matchesPlan(e: SummarySource & Partial<Pick<StoredEvent, 'description' | 'hidden'>>, plan: ListingPlan): boolean {
  const match = listingMatchOf({ ...e, description: e.description ?? '' });
  return (
    e.status !== 'draft' &&
    facetsOf(e).includes(plan.facet) &&
    e.startUtc >= plan.fromSortKey &&
    (plan.toSortKey === undefined || e.startUtc < plan.toSortKey) &&
    e.endUtc > plan.endsAfter &&
    (!plan.format || e.format === plan.format) &&
    (!plan.network || match.network.includes(plan.network)) &&
    (!plan.tag || match.tags.includes(plan.tag)) &&
    plan.words.every((w) => match.words.includes(w))
  );
}
