// Me: the use case behind "Your meetups": what one signed-in person organises (on their own or through a network's
// team), their networks, the networks they follow, and the places they hold, gathered into the plain data views/me-page.ts renders.
import { eventPath, type StoredEvent } from '#functions/core/event.ts';
import type { StoredNetwork, TeamMember } from '#functions/core/network.ts';
import { eventPagePaths } from '#functions/core/paths.ts';
import type { Viewer } from '#functions/core/viewer.ts';
import type { ListedEvent } from '#functions/events/listing.ts';
import { networkMeetups } from '#functions/events/network-meetups.ts';
import { personalFeedLinks } from '#functions/feeds/use-cases.ts';
import { followerLinks } from '#functions/follows/follower-links.ts';
import type { StoredFollower } from '#functions/core/follow.ts';
import type { FollowLine, MeetupLine, MePageData, NetworkLine, PlaceLine } from '#views/me-page.ts';
import { selfCheckIn, teamChecksIn } from './check-in-links.ts';
import type { MeDeps } from './deps.ts';

/** How far back a network's past meetups are shown, and how many past ones at most. */
const PAST_DAYS = 365;
const PAST_SHOWN = 20;
/** Waitlist positions cost a read each: only for the first few waitlisted places. */
const POSITIONS_READ = 10;

const countsOf = (e: Pick<StoredEvent, 'capacity' | 'confirmedCount' | 'waitlistCount'>) => ({
  confirmed: e.confirmedCount ?? 0,
  waitlist: e.waitlistCount ?? 0,
  ...(e.capacity !== undefined ? { capacity: e.capacity } : {}),
});

function ownLine(e: StoredEvent): MeetupLine {
  return {
    id: e.id, title: e.title, path: eventPath(e), startUtc: e.startUtc, endUtc: e.endUtc, timezone: e.timezone,
    status: e.hidden ? 'hidden' : e.status,
    ...(e.hidden ? { hiddenReason: e.hidden.reason } : {}),
    ...(e.network ? { network: e.network } : {}),
    places: countsOf(e),
    role: 'owner',
  };
}

function networkLine(e: ListedEvent, member: TeamMember): MeetupLine {
  return {
    id: e.id, title: e.title, path: eventPath(e), startUtc: e.startUtc, endUtc: e.endUtc, timezone: e.timezone,
    status: e.status === 'cancelled' ? 'cancelled' : 'published',
    ...(e.network ? { network: e.network } : {}),
    ...(e.counts ? { places: { ...e.counts, ...(e.capacity !== undefined ? { capacity: e.capacity } : {}) } } : {}),
    role: member.role,
  };
}

/**
 * The hidden meetups of the person's networks, which no listing holds: from the moderation register, each checked
 * against its event (an entry may be stale). Their own meetups are already there.
 */
async function hiddenNetworkMeetups(deps: MeDeps, memberships: TeamMember[], known: Map<string, MeetupLine>): Promise<MeetupLine[]> {
  if (!memberships.length) return [];
  const roleIn = new Map(memberships.map((m) => [m.slug, m]));
  const entries = (await deps.hiddenMeetups.list()).filter((h) => h.networkSlug && roleIn.has(h.networkSlug) && !known.has(h.eventId));
  const events = await Promise.all(entries.map((h) => deps.events.get(h.eventId)));
  return events.flatMap((e) => {
    const member = e?.hidden ? roleIn.get(e.networkSlug ?? '') : undefined;
    return e && member ? [{ ...ownLine(e), role: member.role }] : [];
  });
}

export async function yourMeetups(deps: MeDeps, viewer: Viewer): Promise<MePageData> {
  const now = deps.clock.now();
  const [organised, memberships, places, feed, followed] = await Promise.all([
    deps.events.organisedBy(viewer.personId),
    deps.networks.membershipsOf(viewer.personId),
    deps.myPlaces.placesOf(viewer.personId),
    personalFeedLinks(deps, viewer.email),
    deps.followers.followedBy(viewer.personId),
  ]);
  const networks = (await Promise.all(memberships.map((m) => deps.networks.get(m.slug)))).map((n, i) => ({ network: n, member: memberships[i]! }))
    .filter((x): x is { network: StoredNetwork; member: TeamMember } => Boolean(x.network));

  const lines = new Map<string, MeetupLine>(organised.map((e) => [e.id, ownLine(e)]));
  const listed = await Promise.all(networks.map(({ network, member }) => networkMeetups(deps.events, network.slug, new Date(now.getTime() - PAST_DAYS * 86_400_000), now).then((es) => ({ es, member }))));
  for (const { es, member } of listed)
    for (const e of es) {
      const known = lines.get(e.id);
      // Your own meetup stays yours; an organiser's role outranks a helper's where networks overlap.
      if (!known || (known.role === 'helper' && member.role === 'organiser')) lines.set(e.id, networkLine(e, member));
    }
  for (const line of await hiddenNetworkMeetups(deps, networks.map((n) => n.member), lines)) lines.set(line.id, line);
  const all = [...lines.values()].map((l) => (teamChecksIn(l.role, l, now) ? { ...l, checkInPath: eventPagePaths.checkIn(l.id) } : l));
  const byStart = (a: MeetupLine, b: MeetupLine) => (a.startUtc === b.startUtc ? a.id.localeCompare(b.id) : a.startUtc < b.startUtc ? -1 : 1);
  const upcoming = all.filter((l) => Date.parse(l.endUtc) > now.getTime()).sort(byStart);
  const past = all.filter((l) => Date.parse(l.endUtc) <= now.getTime() && Date.parse(l.startUtc) > now.getTime() - PAST_DAYS * 86_400_000)
    .sort((a, b) => byStart(b, a)).slice(0, PAST_SHOWN);

  const networkLines: NetworkLine[] = networks.map(({ network, member }) => ({
    slug: network.slug, name: network.name, role: member.role,
    pending: network.status === 'pending',
    ...(network.hidden ? { hiddenReason: network.hidden.reason } : {}),
  }));

  return {
    email: viewer.email,
    operator: viewer.operator,
    organised: { upcoming, past },
    networks: networkLines,
    places: await placeLines(deps, places, now),
    follows: await followLines(deps, followed),
    ...(feed ? { feedPageUrl: feed.pageUrl } : {}),
  };
}

/**
 * The networks followed, under their current names (one that is gone is left out: its follow ends with it), each
 * with how often and the follow's own settings link, as in its emails.
 */
async function followLines(deps: MeDeps, followed: StoredFollower[]): Promise<FollowLine[]> {
  const networks = await Promise.all(followed.map((f) => deps.networks.get(f.networkSlug)));
  const secret = followed.length ? await deps.feedSecret() : undefined;
  return followed.flatMap((f, i) => {
    const n = networks[i];
    return n && secret ? [{ slug: n.slug, name: n.name, mode: f.mode, settingsUrl: followerLinks('', secret, n.slug, f.id).settings }] : [];
  });
}

/** Places still held (or asked for) at meetups that have not ended, soonest first. */
async function placeLines(deps: MeDeps, places: Awaited<ReturnType<MeDeps['myPlaces']['placesOf']>>, now: Date): Promise<PlaceLine[]> {
  const held = places
    .filter(({ event, rsvp }) => Date.parse(event.endUtc) > now.getTime() && event.status !== 'draft' && (rsvp.status === 'confirmed' || rsvp.status === 'waitlisted' || rsvp.status === 'pending'))
    .sort((a, b) => (a.event.startUtc < b.event.startUtc ? -1 : a.event.startUtc > b.event.startUtc ? 1 : 0));
  let positions = 0;
  return Promise.all(
    held.map(async ({ event, rsvp }): Promise<PlaceLine> => {
      const status = rsvp.status as PlaceLine['status'];
      const position = status === 'waitlisted' && positions++ < POSITIONS_READ ? await deps.rsvps.waitlistPosition(rsvp) : undefined;
      const checkIn = selfCheckIn(event, rsvp, now);
      return {
        id: event.id, title: event.title, startUtc: event.startUtc, endUtc: event.endUtc, timezone: event.timezone, status,
        // A hidden meetup has no public page to link to; its place stays, and can still be given up.
        ...(event.hidden ? { hidden: true } : { path: eventPath(event) }),
        ...(position ? { waitlistPosition: position } : {}),
        ...(checkIn ? { checkIn } : {}),
        cancelled: event.status === 'cancelled',
      };
    }),
  );
}
