// Follows domain: the emails a network's followers get from the sweep. An announcement of the meetups just published
// (a series as one entry listing its dates, never one email per occurrence), and the weekly digest: new this week
// and coming up. Each meetup with its time in its own zone and, when different, the follower's; where; places left;
// its page, to reserve a place. A single meetup's announcement carries its .ics (the public entry: never a private
// joining link). The caller dresses them as follower emails (follower-email.ts).
import { places } from '#functions/core/availability.ts';
import type { OutgoingEmail } from '#functions/core/email.ts';
import { eventPath, type Repeat, type StoredEvent } from '#functions/core/event.ts';
import type { StoredFollower } from '#functions/core/follow.ts';
import type { StoredNetwork } from '#functions/core/network.ts';
import { differsFromZone, formatWhen } from '#functions/core/time.ts';
import { calendarEntry, whereOf } from '#functions/events/calendar-links.ts';
import { compose, type Block } from '#functions/mail/layout.ts';

type Network = Pick<StoredNetwork, 'name' | 'slug'>;
type Follower = Pick<StoredFollower, 'email' | 'name' | 'timezone'>;

const REPEAT_WORDS: Record<Repeat, string> = { monthly: 'monthly', fortnightly: 'fortnightly', weekly: 'weekly' };

/** Meetups as an email lists them: each on its own, a series' occurrences together (in date order). */
export function groupSeries(events: StoredEvent[]): StoredEvent[][] {
  const groups = new Map<string, StoredEvent[]>();
  for (const e of [...events].sort((a, b) => a.startUtc.localeCompare(b.startUtc))) {
    const key = e.series ? `series:${e.series.id}` : `event:${e.id}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  return [...groups.values()];
}

/** When, in the meetup's zone; and in the follower's own when it shows another time. */
function whenFacts(e: StoredEvent, follower: Follower): Block[] {
  const own = follower.timezone && differsFromZone(e.startUtc, e.timezone, follower.timezone) ? follower.timezone : undefined;
  return [
    { fact: 'When', value: formatWhen(e.startUtc, e.endUtc, e.timezone) },
    ...(own ? [{ fact: 'Your time', value: formatWhen(e.startUtc, e.endUtc, own) }] : []),
  ];
}

function placesLeft(e: StoredEvent): string {
  const p = places(e);
  if (p.left === undefined) return 'No limit on places';
  if (p.left === 0) return 'Full: the waitlist is open';
  return `${p.left} of ${p.capacity} left`;
}

/** One meetup, or one series with its dates. */
function entryBlocks(group: StoredEvent[], follower: Follower, siteUrl: string): Block[] {
  const first = group[0]!;
  const where = whereOf(first);
  const head: Block[] = [{ heading: first.title }];
  const tail: Block[] = [
    ...(where ? [{ fact: 'Where', value: where }] : []),
    { fact: 'Places', value: placesLeft(first) },
    { link: `${siteUrl}${eventPath(first)}`, label: group.length > 1 ? 'See the first one and reserve a place' : 'See it and reserve a place' },
  ];
  if (group.length === 1) return [...head, ...whenFacts(first, follower), ...tail];
  const own = follower.timezone && group.some((e) => differsFromZone(e.startUtc, e.timezone, follower.timezone!)) ? follower.timezone : undefined;
  const dates = group.map((e) => `${formatWhen(e.startUtc, e.endUtc, e.timezone)}${own ? `\n  (${formatWhen(e.startUtc, e.endUtc, own)})` : ''}`);
  return [
    ...head,
    { text: `A ${REPEAT_WORDS[first.series!.repeat]} series of ${group.length} meetups, each with its own places:` },
    { text: dates.join('\n') },
    ...tail,
  ];
}

const greeting = (follower: Follower) => ({ name: follower.name ?? 'there', email: follower.email });

export function announcementSubject(network: Network, groups: StoredEvent[][]): string {
  if (groups.length > 1) return `${groups.length} new meetups from ${network.name}`;
  const group = groups[0]!;
  const first = group[0]!;
  if (group.length > 1) return `New ${REPEAT_WORDS[first.series!.repeat]} series from ${network.name}: ${first.title}`;
  return `New meetup from ${network.name}: ${first.title}`;
}

/** The announcement of `events` (at least one, all still to come) to one follower. */
export function announcementEmail(network: Network, events: StoredEvent[], follower: Follower, siteUrl: string): OutgoingEmail {
  const groups = groupSeries(events);
  const single = events.length === 1 ? events[0] : undefined;
  return compose(
    {
      to: greeting(follower),
      subject: announcementSubject(network, groups),
      heading: `${network.name}: ${single ? 'a new meetup' : groups.length === 1 ? 'a new series' : 'new meetups'}`,
      preheader: single ? [formatWhen(single.startUtc, single.endUtc, single.timezone), whereOf(single)].filter(Boolean).join(' · ') : `Just listed by ${network.name}.`,
      blocks: [
        { text: `${network.name} just listed ${groups.length === 1 && !single ? 'a new series' : single ? 'a new meetup' : 'new meetups'} on Signpost. Places are free; reserve one on the meetup’s page.` },
        ...groups.flatMap((g) => entryBlocks(g, follower, siteUrl)),
        ...(single ? [{ text: 'The calendar file attached adds it to your calendar.' }] : []),
      ],
    },
    single ? { calendar: calendarEntry(single, siteUrl, { audience: 'public' }) } : {},
  );
}

export interface DigestContent {
  /** Published in the last week, still to come. */
  fresh: StoredEvent[];
  /** Starting in the next two weeks (and not listed as new). */
  coming: StoredEvent[];
}

export function digestSubject(network: Network, { fresh, coming }: DigestContent): string {
  const parts = [...(fresh.length ? [`${fresh.length} new`] : []), ...(coming.length ? [`${coming.length} coming up`] : [])];
  return `This week at ${network.name}: ${parts.join(', ')}`;
}

/** The weekly digest to one follower; `content` has at least one meetup. */
export function digestEmail(network: Network, content: DigestContent, follower: Follower, siteUrl: string): OutgoingEmail {
  // New ones as the announcement lists them (a series once, with its dates); those coming up one by one.
  const section = (title: string, groups: StoredEvent[][]): Block[] =>
    groups.length ? [{ heading: title }, ...groups.flatMap((g) => entryBlocks(g, follower, siteUrl))] : [];
  return compose({
    to: greeting(follower),
    subject: digestSubject(network, content),
    heading: `${network.name}: your weekly digest`,
    blocks: [
      { text: `What ${network.name} has on, from Signpost. Places are free; reserve one on the meetup’s page.` },
      ...section('New this week', groupSeries(content.fresh)),
      ...section('Coming up', [...content.coming].sort((a, b) => a.startUtc.localeCompare(b.startUtc)).map((e) => [e])),
    ],
  });
}
