// Events use case: the lines a meetup's change adds to its network's activity list (who did what, when), written in
// the same transaction as the change (SaveExtras.activity). Only for meetups of a network that exists: an older
// meetup's free-text label with no network behind it has no list to write to.
import { newId } from '#functions/core/ids.ts';
import { networkSlugOf, type ActivityEntry, type Actor } from '#functions/core/network.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import type { EventsDeps } from './deps.ts';

export type MeetupAction = 'listed' | 'published' | 'edited' | 'cancelled' | 'deleted' | 'rsvp-settings' | 'attendee-removed' | 'messaged';

const SUMMARIES: Record<MeetupAction, (title: string) => string> = {
  listed: (t) => `Listed “${t}”`,
  published: (t) => `Published “${t}”`,
  edited: (t) => `Edited “${t}”`,
  cancelled: (t) => `Cancelled “${t}”`,
  deleted: (t) => `Deleted “${t}” and its attendee data`,
  'rsvp-settings': (t) => `Changed the RSVP settings of “${t}”`,
  // Never the person's name or address: the activity list is for the whole team, helpers' view aside.
  'attendee-removed': (t) => `Removed someone from “${t}”`,
  // The messages room replaces it with who it reached and the subject (messages/use-cases.ts).
  messaged: (t) => `Emailed the attendees of “${t}”`,
};

/** One of a series is named by its date too, since every date has the same title: "(Tue, 9 Feb 2027)". */
const dateOf = (e: StoredEvent) =>
  e.series ? ` (${new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: e.timezone }).format(new Date(e.startUtc))})` : '';

/**
 * One entry per network the change concerns (a meetup moved between networks shows in both lists), for networks
 * that exist. `events` are the meetup before and after the change.
 */
export async function meetupActivity(
  deps: Pick<EventsDeps, 'networks'>, events: (StoredEvent | undefined)[], actor: Actor, action: MeetupAction, now: Date,
): Promise<ActivityEntry[]> {
  const latest = events.filter((e): e is StoredEvent => Boolean(e)).at(-1);
  if (!latest) return [];
  const slugs = [...new Set(events.map((e) => (e ? networkSlugOf(e) : undefined)).filter((s): s is string => Boolean(s)))];
  const existing = (await Promise.all(slugs.map(async (slug) => ((await deps.networks.get(slug)) ? slug : undefined)))).filter((s): s is string => Boolean(s));
  const at = now.toISOString();
  return existing.map((slug) => ({
    slug, id: newId(16), at, actor, action: `meetup.${action}`, summary: `${SUMMARIES[action](latest.title)}${dateOf(latest)}`, eventId: latest.id,
  }));
}
