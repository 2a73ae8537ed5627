// Feeds domain: which feeds exist, their URLs, the window of events they hold, and the validators (ETag,
// Last-Modified) that let a poll be answered with 304 before anything is rendered. No AWS or HTTP imports.
import { createHash } from 'node:crypto';
import { validationError } from '#functions/core/errors.ts';
import { HORIZON_MONTHS, horizonMonth, monthOf } from '#functions/events/listing.ts';
import { changedFeeds } from '#functions/core/facets.ts';

import { ALARM_CHOICES, type FeedRef } from '#functions/core/paths.ts';
import { slugify } from '#functions/core/slug.ts';
import type { StoredEvent } from '#functions/core/event.ts';


/** Bump when the rendered text changes for the same data, so clients holding an old ETag fetch the new form. */
export const FEED_FORMAT_VERSION = 2;
/** Feeds keep events that started up to this many days ago, so a calendar keeps recent history. */
export const FEED_PAST_DAYS = 30;
/** What calendar clients are told to poll at (REFRESH-INTERVAL, X-PUBLISHED-TTL). Google ignores it. */
export const FEED_REFRESH_SECONDS = 3600;

export const facetOf = (ref: FeedRef) => (ref.kind === 'all' ? 'all' : ref.kind === 'network' ? `net:${ref.slug}` : `tag:${ref.slug}`);

/** A person's feed record outlives every event they can RSVP to (listings reach HORIZON_MONTHS ahead). */
export const personExpiresAt = (now: Date) => Math.floor(now.getTime() / 1000) + (HORIZON_MONTHS + 2) * 31 * 86_400;

/**
 * The events a feed holds: those starting on or after midnight UTC, FEED_PAST_DAYS ago. Moving once a day (not
 * every request) keeps the bytes, and so the ETag, the same all day unless something is written.
 */
let lastWindow: { day: string; from: string; lastMonth: string } | undefined;

export function feedWindow(now: Date): { from: string; lastMonth: string; day: string } {
  const day = now.toISOString().slice(0, 10);
  // Every poll asks; the answer changes once a day.
  if (lastWindow?.day !== day) {
    const midnight = Date.parse(`${day}T00:00:00.000Z`);
    lastWindow = { day, from: new Date(midnight - FEED_PAST_DAYS * 86_400_000).toISOString(), lastMonth: horizonMonth(new Date(midnight)) };
  }
  return lastWindow;
}

export const inWindow = (e: Pick<StoredEvent, 'startUtc'>, window: { from: string; lastMonth: string }) =>
  e.startUtc >= window.from && monthOf(e.startUtc) <= window.lastMonth;

export function parseAlarm(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const minutes = Number(raw);
  if (!(ALARM_CHOICES as readonly number[]).includes(minutes)) {
    throw validationError([{ field: 'alarm', message: `Use one of ${ALARM_CHOICES.join(', ')} (minutes before the start), or leave it out` }]);
  }
  return minutes;
}

/** A strong validator from the things the bytes depend on. */
export function feedEtag(parts: (string | number | undefined)[]): string {
  const digest = createHash('sha256').update([FEED_FORMAT_VERSION, ...parts].map((p) => p ?? '').join('\u0000')).digest('base64url');
  return `"${digest.slice(0, 32)}"`;
}

/** HTTP dates have whole seconds; the latest of the given instants. */
export function httpDate(...isos: (string | undefined)[]): string {
  const latest = Math.max(...isos.filter((i): i is string => Boolean(i)).map((i) => Date.parse(i)));
  return new Date(Math.floor(latest / 1000) * 1000).toUTCString();
}

/**
 * RFC 9110 §13.1: If-None-Match wins when present (a weak comparison: "W/" and lists are allowed); otherwise
 * If-Modified-Since, compared at one-second resolution.
 */
export function isNotModified(headers: { ifNoneMatch?: string | undefined; ifModifiedSince?: string | undefined }, etag: string, lastModified: string): boolean {
  if (headers.ifNoneMatch !== undefined) {
    const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
    return headers.ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
  }
  if (headers.ifModifiedSince !== undefined) {
    const since = Date.parse(headers.ifModifiedSince);
    return Number.isFinite(since) && Date.parse(lastModified) <= since;
  }
  return false;
}
