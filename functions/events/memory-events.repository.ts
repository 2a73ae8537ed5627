// Events adapter: an in-memory EventsRepository for API tests and demos. Same contract as the DynamoDB one.
import type { Announce, EventsRepository, GatheringAnnouncement } from './events.repository.ts';
import { ANNOUNCE_WINDOW_MINUTES } from '#functions/table/items/announcement.ts';
import { SUMMARY_FIELDS, encodeCursor, matchesPlan, monthOf, type ListedEvent, type SummarySource } from './listing.ts';
import { listingSortKey } from '#functions/table/items/listing.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import type { OutboxMessage } from '#functions/core/email.ts';
import { changedFeeds, type FeedVersion } from '#functions/core/facets.ts';
import type { NoticeWrite } from '#functions/core/notice.ts';
import { personId } from '#functions/core/person.ts';
import type { ActivityEntry } from '#functions/core/network.ts';

/** `activities`: where network activity lines go (the in-memory networks repository's list, to read them back). */
export function memoryEventsRepository(options: { activities?: ActivityEntry[] } = {}): EventsRepository & {
  events: Map<string, StoredEvent>;
  outbox: OutboxMessage[];
  feedVersions: Map<string, FeedVersion>;
  notices: (NoticeWrite & { eventId: string })[];
  activities: ActivityEntry[];
  /** Each network's announcement still gathering, by slug (the follows room's in-memory repository seals them). */
  announcements: Map<string, GatheringAnnouncement>;
} {
  const activities = options.activities ?? [];
  const events = new Map<string, StoredEvent>();
  const feedVersions = new Map<string, FeedVersion>();
  const notices: (NoticeWrite & { eventId: string })[] = [];
  const outbox: OutboxMessage[] = [];
  const counters = new Map<string, number>();
  const copy = (e: StoredEvent) => structuredClone(e);
  const announcements = new Map<string, GatheringAnnouncement>();
  const gather = (announce: Announce | undefined, at: string) => {
    if (!announce) return;
    const was = announcements.get(announce.networkSlug);
    const dueAt = was?.dueAt ?? new Date(Date.parse(at) + ANNOUNCE_WINDOW_MINUTES * 60_000).toISOString();
    const eventIds = [...new Set([...(was?.eventIds ?? []), ...announce.eventIds])];
    announcements.set(announce.networkSlug, { networkSlug: announce.networkSlug, eventIds, dueAt, joins: (was?.joins ?? 0) + 1 });
  };
  const bumpFeeds = (previous: StoredEvent | undefined, next: StoredEvent) => {
    for (const { facet, title } of changedFeeds(previous, next)) {
      const was = feedVersions.get(facet);
      feedVersions.set(facet, { version: (was?.version ?? 0) + 1, changedAt: next.updatedAt, ...((title ?? was?.title) ? { title: title ?? was!.title! } : {}) });
    }
  };
  return {
    events,
    outbox,
    feedVersions,
    notices,
    activities,
    announcements,
    async create(event, claims, emails, extras = {}) {
      const over = claims.find((c) => (counters.get(c.key) ?? 0) >= c.limit);
      if (over) return { ok: false, reason: 'rate_limited', claim: over };
      if (events.has(event.id)) return { ok: false, reason: 'id_taken' };
      claims.forEach((c) => counters.set(c.key, (counters.get(c.key) ?? 0) + 1));
      events.set(event.id, copy(event));
      outbox.push(...structuredClone(emails));
      activities.push(...structuredClone(extras.activity ?? []));
      gather(extras.announce, event.updatedAt);
      if (event.status !== 'draft') bumpFeeds(undefined, event);
      return { ok: true };
    },
    async createSeries(series, claims, extras = {}) {
      const seriesId = series[0]?.series?.id;
      if (series.some((e) => events.has(e.id) && events.get(e.id)!.series?.id !== seriesId)) return { ok: false, reason: 'id_taken' };
      const missing = series.filter((e) => !events.has(e.id));
      if (!missing.length) return { ok: true };
      const first = missing[0] === series[0];
      if (first) {
        const over = claims.find((c) => (counters.get(c.key) ?? 0) >= c.limit);
        if (over) return { ok: false, reason: 'rate_limited', claim: over };
        claims.forEach((c) => counters.set(c.key, (counters.get(c.key) ?? 0) + 1));
        activities.push(...structuredClone(extras.activity ?? []));
      }
      for (const e of missing) {
        events.set(e.id, copy(e));
        bumpFeeds(undefined, e);
      }
      gather(extras.announce, series[0]!.updatedAt);
      return { ok: true };
    },
    async queueEmails(emails, claims) {
      const over = claims.find((c) => (counters.get(c.key) ?? 0) >= c.limit);
      if (over) return { ok: false, reason: 'rate_limited', claim: over };
      claims.forEach((c) => counters.set(c.key, (counters.get(c.key) ?? 0) + 1));
      outbox.push(...structuredClone(emails));
      return { ok: true };
    },
    async get(id) {
      const e = events.get(id);
      return e && copy(e);
    },
    async organisedBy(person) {
      return [...events.values()]
        .filter((e) => personId(e.organiserEmail) === person)
        .sort((a, b) => (a.startUtc === b.startUtc ? a.id.localeCompare(b.id) : a.startUtc < b.startUtc ? -1 : 1))
        .map(copy);
    },
    async save(next, previous, notice, extras = {}) {
      const over = (extras.claims ?? []).find((c) => (counters.get(c.key) ?? 0) >= c.limit);
      if (over) return { ok: false, reason: 'rate_limited', claim: over };
      if (notice) notices.push({ eventId: next.id, ...structuredClone(notice) });
      if (events.get(next.id)?.version !== previous.version) return { ok: false, reason: 'conflict' };
      (extras.claims ?? []).forEach((c) => counters.set(c.key, (counters.get(c.key) ?? 0) + 1));
      outbox.push(...structuredClone(extras.emails ?? []));
      // Like the DynamoDB adapter, an edit never overwrites the place counters that RSVPs own.
      const current = events.get(next.id)!;
      events.set(next.id, { ...copy(next), confirmedCount: current.confirmedCount, waitlistCount: current.waitlistCount });
      activities.push(...structuredClone(extras.activity ?? []));
      gather(extras.announce, next.updatedAt);
      bumpFeeds(previous, next);
      return { ok: true };
    },
    async backfillListingMatch() {
      return 0; // entries are computed from the events whenever they are listed
    },
    async backfillOrganiserIndex() {
      return 0; // organisedBy reads the events themselves
    },
    async list(plan, limit) {
      const after = plan.cursor ? `${plan.cursor.m}|${plan.cursor.k}` : '';
      const sorted = [...events.values()]
        .filter((e) => !e.hidden && monthOf(e.startUtc) >= plan.fromMonth && monthOf(e.startUtc) <= plan.lastMonth && matchesPlan(e, plan))
        .map((e) => ({ e, key: `${monthOf(e.startUtc)}|${listingSortKey(e)}` }))
        .filter(({ key }) => key > after)
        .sort((a, b) => (a.key < b.key ? -1 : 1));
      const page = sorted.slice(0, limit).map(({ e }) => listed(e));
      const last = page[page.length - 1];
      return sorted.length > limit && last
        ? { items: page, nextCursor: encodeCursor(monthOf(last.startUtc), listingSortKey(last)) }
        : { items: page };
    },
  };
}

/** A listed event as the DynamoDB adapter answers it: the summary fields, and counts where a card shows places. */
function listed(e: StoredEvent): ListedEvent {
  const summary = structuredClone(Object.fromEntries(SUMMARY_FIELDS.map((f) => [f, e[f]])) as unknown as SummarySource);
  return e.capacity !== undefined && e.status !== 'cancelled'
    ? { ...summary, counts: { confirmed: e.confirmedCount ?? 0, waitlist: e.waitlistCount ?? 0 } }
    : summary;
}
