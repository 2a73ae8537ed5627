// Core: the facets a meetup is listed under ("all", its network, each tag). Listings, feeds and their versions are
// kept per facet, so this one rule decides where a meetup appears and which feeds a change touches.
import type { StoredEvent } from './event.ts';
import { slugify } from './slug.ts';
import { networkSlugOf } from './network.ts';

/** Listings are kept per facet and month: the month (YYYY-MM) of an ISO instant. */
export const monthOf = (iso: string) => iso.slice(0, 7);

/** A public feed's version: raised by every save that changes what the feed holds, so polls are answered from it. */
export interface FeedVersion {
  version: number;
  changedAt: string;
  title?: string;
}

/** Drafts and hidden meetups are listed nowhere. */
export function facetsOf(e: Pick<StoredEvent, 'status' | 'network' | 'networkSlug' | 'tags' | 'hidden'>): string[] {
  if (e.status === 'draft' || e.hidden) return [];
  const network = networkSlugOf(e);
  return [
    'all',
    ...(network ? [`net:${network}`] : []),
    ...e.tags.map((t) => `tag:${slugify(t)}`),
  ];
}

/**
 * The feeds a save changes: every facet the event was or is listed under, each with the display name to show for
 * it. Drafts are in no feed.
 */
export function changedFeeds(previous: StoredEvent | undefined, next: StoredEvent): { facet: string; title?: string }[] {
  const facets = new Set([...(previous ? facetsOf(previous) : []), ...facetsOf(next)]);
  const names = new Map<string, string>();
  for (const e of [previous, next]) {
    if (!e) continue;
    if (e.network) names.set(`net:${networkSlugOf(e)}`, e.network);
    for (const tag of e.tags) names.set(`tag:${slugify(tag)}`, tag);
  }
  return [...facets].map((facet) => ({ facet, ...(names.has(facet) ? { title: names.get(facet)! } : {}) }));
}

