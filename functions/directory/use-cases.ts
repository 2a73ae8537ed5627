// Directory use cases: the directory of networks (each with its next meetup) and one network's page (its team's first
// names, upcoming and past meetups). Plain functions over the ports in DirectoryDeps; every read is of public data.
import { notFound } from '#functions/core/errors.ts';
import { MAX_DURATION_DAYS, type EventSummary } from '#functions/core/event.ts';
import { monthOf } from '#functions/core/facets.ts';
import { networkSlugOf, type PublicNetwork, type StoredNetwork } from '#functions/core/network.ts';
import { places } from '#functions/core/availability.ts';
import { toSummary } from '#functions/events/event.ts';
import { listQuerySchema } from '#functions/events/event.schema.ts';
import { planListing, type ListedEvent, type ListingPlan } from '#functions/events/listing.ts';
import type { DirectoryDeps } from './deps.ts';
import { directoryOf, isPublic, shownNetworks, toPublicNetwork, type DirectoryEntry, type DirectoryQuery } from './directory.ts';

type Deps = Pick<DirectoryDeps, 'networks' | 'events' | 'clock' | 'siteUrl'>;

/** Upcoming meetups a network's page and API answer list; "more" says when there are others after them. */
export const UPCOMING_LIMIT = 20;
/** Past meetups shown: the most recent, from at most PAST_MONTHS back. */
export const PAST_LIMIT = 10;
export const PAST_MONTHS = 12;
/** Meetups read per page of the directory's pass over the upcoming listing, and at most how many pages. */
const DIRECTORY_PAGE = 100;
const DIRECTORY_PAGES = 20;

/**
 * A past meetup, how many had a place (undefined for a cancelled one), and how many came, once its numbers are kept
 * (functions/attendance): a count only.
 */
export type PastMeetup = EventSummary & { hadPlace?: number; came?: number };

export interface NetworkPage {
  network: PublicNetwork;
  upcoming: EventSummary[];
  moreUpcoming: boolean;
  past: PastMeetup[];
}

/** Slugs are letters, digits and hyphens (core/network.ts); anything else is no network, without a read. */
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$/;

/** A listed meetup as a card shows it, under the network's current name. */
function summaryOf(deps: Deps, { counts, ...e }: ListedEvent, network?: Pick<StoredNetwork, 'name' | 'slug'>): EventSummary {
  return {
    ...toSummary(e, deps.siteUrl),
    ...(network ? { network: { name: network.name, slug: network.slug } } : {}),
    ...(counts ? { places: places({ capacity: e.capacity, confirmedCount: counts.confirmed, waitlistCount: counts.waitlist }) } : {}),
  };
}

/** The public network of this slug: hidden, pending and unknown networks are all "not found". */
export async function publicNetwork(deps: Pick<Deps, 'networks'>, slug: string): Promise<StoredNetwork> {
  const network = SLUG.test(slug) ? await deps.networks.get(slug) : undefined;
  if (!network || !isPublic(network)) throw notFound('network');
  return network;
}

/**
 * The home page's upcoming window, unfiltered: from now to the horizon, meetups still running count. (The page size is
 * what the listing is asked for, not part of the plan.)
 */
const upcomingWindow = (now: Date, cursor?: string) => planListing(listQuerySchema.parse(cursor ? { cursor } : {}), now);

/** The upcoming window of the network's facet. */
const upcomingPlan = (slug: string, now: Date): ListingPlan => ({ ...upcomingWindow(now), facet: `net:${slug}` });

/**
 * Meetups of the network's facet that started in the last PAST_MONTHS and have ended, most recent first. One plan
 * over those months (the listing reads them in start order); a network runs a few meetups a month, so the read is
 * small, and PAST_READ bounds it for one that runs far more.
 */
const PAST_READ = 200;
function pastPlan(slug: string, now: Date): ListingPlan {
  const from = new Date(now);
  from.setUTCMonth(from.getUTCMonth() - PAST_MONTHS);
  return {
    facet: `net:${slug}`,
    fromSortKey: from.toISOString(),
    toSortKey: now.toISOString(),
    fromMonth: monthOf(from.toISOString()),
    lastMonth: monthOf(now.toISOString()),
    // Started by now, ended at any time: those still running are dropped below (they are upcoming).
    endsAfter: new Date(from.getTime() - MAX_DURATION_DAYS * 86_400_000).toISOString(),
    words: [],
  };
}

async function pastOf(deps: Deps, network: StoredNetwork, now: Date): Promise<PastMeetup[]> {
  const page = await deps.events.list(pastPlan(network.slug, now), PAST_READ);
  const ended = page.items.filter((e) => e.endUtc <= now.toISOString()).reverse().slice(0, PAST_LIMIT);
  // The listing carries counts only for meetups with a limit on places, and never the kept numbers: those come from
  // the meetups themselves.
  return Promise.all(
    ended.map(async (e): Promise<PastMeetup> => {
      const summary = summaryOf(deps, e, network);
      if (e.status === 'cancelled') return summary;
      const event = await deps.events.get(e.id);
      const came = event?.attendanceSummary?.came;
      // Booked places, as the kept numbers count them: a walk-in came without one.
      const hadPlace = event?.attendanceSummary?.booked ?? e.counts?.confirmed ?? event?.confirmedCount ?? 0;
      return { ...summary, hadPlace, ...(came !== undefined ? { came } : {}) };
    }),
  );
}

async function upcomingOf(deps: Deps, network: StoredNetwork, now: Date) {
  const page = await deps.events.list(upcomingPlan(network.slug, now), UPCOMING_LIMIT);
  return { upcoming: page.items.map((e) => summaryOf(deps, e, network)), moreUpcoming: Boolean(page.nextCursor) };
}

export async function networkPage(deps: Deps, slug: string): Promise<NetworkPage> {
  const network = await publicNetwork(deps, slug);
  const now = deps.clock.now();
  const [team, upcoming, past] = await Promise.all([deps.networks.team(network.slug), upcomingOf(deps, network, now), pastOf(deps, network, now)]);
  return { network: toPublicNetwork(network, team, deps.siteUrl), ...upcoming, past };
}

/** The network and its upcoming meetups, as the API answers it (past meetups are on the page). */
export async function networkWithMeetups(deps: Deps, slug: string) {
  const network = await publicNetwork(deps, slug);
  const now = deps.clock.now();
  const [team, upcoming] = await Promise.all([deps.networks.team(network.slug), upcomingOf(deps, network, now)]);
  return { ...toPublicNetwork(network, team, deps.siteUrl), ...upcoming };
}

/**
 * Each network's next meetup (not cancelled), from one pass over the upcoming "all" listing in start order: page
 * after page until every network has one, or the listing (or DIRECTORY_PAGES) ends. Never a query per network.
 */
async function nextMeetups(deps: Deps, networks: StoredNetwork[], now: Date): Promise<Map<string, EventSummary>> {
  const wanted = new Map(networks.map((n) => [n.slug, n]));
  const found = new Map<string, EventSummary>();
  let plan: ListingPlan & { cursor?: { m: string; k: string } } = upcomingWindow(now);
  for (let pages = 0; wanted.size > found.size && pages < DIRECTORY_PAGES; pages++) {
    const page = await deps.events.list(plan, DIRECTORY_PAGE);
    for (const e of page.items) {
      const slug = networkSlugOf(e);
      const network = slug ? wanted.get(slug) : undefined;
      if (network && e.status !== 'cancelled' && !found.has(network.slug)) found.set(network.slug, summaryOf(deps, e, network));
    }
    if (!page.nextCursor) break;
    plan = upcomingWindow(now, page.nextCursor);
  }
  return found;
}

export async function directory(deps: Deps, query: DirectoryQuery): Promise<DirectoryEntry[]> {
  const now = deps.clock.now();
  const shown = shownNetworks(await deps.networks.list(), query);
  const next = shown.length ? await nextMeetups(deps, shown, now) : new Map<string, EventSummary>();
  return directoryOf(shown, next, deps.siteUrl);
}
