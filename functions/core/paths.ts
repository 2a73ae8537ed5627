// Feeds domain: where each feed lives, what calendars call it, and the reminder choices. Browser-safe (no imports),
// so the pages build exactly the URLs the feeds answer. feed.ts re-exports the parts server code already took from it.

export type FeedRef =
  | { kind: 'all' }
  | { kind: 'network'; slug: string }
  | { kind: 'tag'; slug: string };

/** Reminder choices offered in feed URLs (?alarm=minutes). A short list keeps CDN cache keys few. */
export const ALARM_CHOICES = [15, 30, 60, 120, 1440] as const;

export const feedPaths = {
  all: '/calendar.ics',
  network: (slug: string) => `/calendar/networks/${slug}.ics`,
  tag: (slug: string) => `/calendar/tags/${slug}.ics`,
  event: (id: string) => `/calendar/events/${id}.ics`,
  personal: (token: string) => `/calendar/me/${token}.ics`,
  /** The page that shows a person their feed and lets them replace its link. */
  personalPage: (token: string) => `/my-calendar#token=${token}`,
} as const;

export function feedName(ref: FeedRef, title?: string): string {
  if (ref.kind === 'all') return 'Signpost: free library and information meetups';
  return `Signpost: ${title ?? ref.slug}${ref.kind === 'tag' ? ' meetups' : ''}`;
}

/** A person's own feed: its X-WR-CALNAME, and what the page calls it. */
export const PERSONAL_FEED_NAME = 'Signpost: my meetups';
