// Events adapter: EventsRepository on DynamoDB. The items, keys and fragments are table/items'; this composes them
// into the create and save transactions and pages through the listing index.
import { claimedWrite } from '#functions/ratelimit/claimed-write.ts';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, ScanCommand, UpdateCommand, type BatchGetCommandInput, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { backoff, documentClient, isConditionFailed, queryAll, type TransactItem } from '#functions/table/client.ts';
import {
  eventCreate, eventEdit, eventFromItem, eventKey, eventsLackingOrganiserIndex, organiserEventsQuery, organiserIndexBackfill,
} from '#functions/table/items/event.ts';
import { announcementGather } from '#functions/table/items/announcement.ts';
import { activityPut } from '#functions/table/items/activity.ts';
import {
  MATCH_ATTRIBUTES, countsFromItem, listingMatchBackfill, listingsLackingMatch, listingCountsGet, listingFromItem, listingKey, listingQuery, listingResumeKey, listingSortKey, listingSortKeyOf, listingToItem,
} from '#functions/table/items/listing.ts';
import { outboxPut } from '#functions/table/items/outbox.ts';
import { feedVersionBumps } from '#functions/table/items/feed-version.ts';
import { noticeWrite } from '#functions/table/items/notice.ts';
import type { EventsRepository } from './events.repository.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import { encodeCursor, isFiltered, nextMonth, type ListedCounts, type ListedEvent, type ListingPlan, type SummarySource } from './listing.ts';
import { facetsOf } from '#functions/core/facets.ts';

/**
 * Queries per page, across months and filtered-out items: every month to the horizon, with room for months read in
 * several parts. Only a pathological table reaches it; the page then ends where reading stopped.
 */
const MAX_QUERIES = 60;
/** Months whose first read starts together once a page runs short. */
const READ_AHEAD = 4;
/** DynamoDB's limit on the actions of one transaction. */
const MAX_TRANSACTION_ITEMS = 100;

export function dynamoEventsRepository(client: DynamoDBClient, tableName: string): EventsRepository {
  const db = documentClient(client);

  /**
   * Place counts for the cards: read from the events (counters only, eventually consistent), in one request per page,
   * for the meetups with a capacity that are not cancelled. Keys DynamoDB leaves unprocessed after a few tries go
   * without counts; the card then shows the capacity alone.
   */
  async function withCounts(items: SummarySource[]): Promise<ListedEvent[]> {
    const ids = items.filter((e) => e.capacity !== undefined && e.status !== 'cancelled').map((e) => e.id);
    const counts = new Map<string, ListedCounts>();
    let request: BatchGetCommandInput['RequestItems'] | undefined = ids.length ? listingCountsGet(tableName, ids).RequestItems : undefined;
    for (let attempt = 0; request && Object.keys(request).length && attempt < 4; attempt++) {
      if (attempt > 0) await backoff(attempt, 200);
      const out = await db.send(new BatchGetCommand({ RequestItems: request }));
      for (const item of out.Responses?.[tableName] ?? []) {
        const { id, ...c } = countsFromItem(item);
        counts.set(id, c);
      }
      request = out.UnprocessedKeys;
    }
    return items.map((e) => (counts.has(e.id) ? { ...e, counts: counts.get(e.id)! } : e));
  }

  return {
    async create(event, claims, emails, extras = {}) {
      const items: TransactItem[] = [
        eventCreate(tableName, event),
        // A meetup published at once (listed while signed in) is listed and in its feeds from this write on.
        ...facetsOf(event).map((facet) => ({ Put: { TableName: tableName, Item: listingToItem(event, facet) } })),
        ...(event.status === 'draft' ? [] : feedVersionBumps(tableName, undefined, event)),
        ...emails.map((m) => outboxPut(tableName, m)),
        ...(extras.activity ?? []).map((a) => activityPut(tableName, a)),
        ...(extras.announce ? [announcementGather(tableName, extras.announce.networkSlug, extras.announce.eventIds, new Date(event.updatedAt))] : []),
      ];
      const written = await claimedWrite(client, tableName, claims, items);
      if (written.ok || written.reason === 'rate_limited') return written;
      // Only the event's own put is conditioned (on its id being new).
      return { ok: false, reason: 'id_taken' };
    },

    async createSeries(series, claims, extras = {}) {
      const seriesId = series[0]?.series?.id;
      const stored = await Promise.all(series.map((e) => this.get(e.id)));
      if (stored.some((e) => e && e.series?.id !== seriesId)) return { ok: false, reason: 'id_taken' };
      const missing = series.filter((_, i) => !stored[i]);
      if (!missing.length) return { ok: true };
      const first = missing[0] === series[0];
      const activity = first ? (extras.activity ?? []).map((a) => activityPut(tableName, a)) : [];
      const announce = extras.announce ? [announcementGather(tableName, extras.announce.networkSlug, extras.announce.eventIds, new Date(series[0]!.updatedAt))] : [];
      const own = (e: StoredEvent): TransactItem[] => [eventCreate(tableName, e), ...facetsOf(e).map((facet) => ({ Put: { TableName: tableName, Item: listingToItem(e, facet) } }))];
      // Every meetup of a series is in the same feeds: one version raise per feed and transaction (an item may appear once).
      const bumps = feedVersionBumps(tableName, undefined, missing.at(-1)!);
      const room = MAX_TRANSACTION_ITEMS - claims.length - activity.length - announce.length - bumps.length;
      const perWrite = Math.max(1, Math.floor(room / own(missing[0]!).length));
      for (let i = 0; i < missing.length; i += perWrite) {
        const chunk = missing.slice(i, i + perWrite);
        const last = i + perWrite >= missing.length;
        const written = await claimedWrite(client, tableName, i === 0 && first ? claims : [], [
          ...chunk.flatMap(own), ...bumps, ...(i === 0 ? activity : []), ...(last ? announce : []),
        ]);
        if (written.ok) continue;
        if (written.reason === 'rate_limited') return written;
        return { ok: false, reason: 'id_taken' };
      }
      return { ok: true };
    },

    async queueEmails(emails, claims) {
      const written = await claimedWrite(client, tableName, claims, emails.map((m) => outboxPut(tableName, m)));
      if (written.ok || written.reason === 'rate_limited') return written;
      throw new Error('Queueing emails was refused');
    },

    async get(id) {
      const out = await db.send(new GetCommand({ TableName: tableName, Key: eventKey(id), ConsistentRead: true }));
      return out.Item ? eventFromItem(out.Item) : undefined;
    },

    async organisedBy(person) {
      // The index is eventually consistent: a meetup listed a moment ago may show a moment later.
      const items = await queryAll(client, organiserEventsQuery(tableName, person));
      return items.map(eventFromItem).sort((a, b) => (a.startUtc === b.startUtc ? a.id.localeCompare(b.id) : a.startUtc < b.startUtc ? -1 : 1));
    },

    async backfillOrganiserIndex() {
      let rewritten = 0;
      let start: Record<string, unknown> | undefined;
      do {
        const page = await db.send(new ScanCommand({ ...eventsLackingOrganiserIndex(tableName), ...(start ? { ExclusiveStartKey: start } : {}) }));
        for (const item of page.Items ?? []) {
          try {
            await db.send(new UpdateCommand(organiserIndexBackfill(tableName, eventFromItem(item))));
            rewritten++;
          } catch (error) {
            if (!isConditionFailed(error)) throw error; // deleted, or given its keys by a save meanwhile
          }
        }
        start = page.LastEvaluatedKey;
      } while (start);
      return rewritten;
    },

    async save(next, previous, notice, extras = {}) {
      const keep = new Set(facetsOf(next));
      const claims = extras.claims ?? [];
      const items: TransactItem[] = [
        eventEdit(tableName, next, previous),
        ...[...keep].map((facet) => ({ Put: { TableName: tableName, Item: listingToItem(next, facet) } })),
        ...facetsOf(previous)
          .filter((f) => !keep.has(f))
          .map((facet) => ({ Delete: { TableName: tableName, Key: listingKey(next.id, facet) } })),
        // Calendar feeds answer polls from these versions, so they move with the event, in the same transaction.
        ...feedVersionBumps(tableName, previous, next),
        ...(notice ? [noticeWrite(tableName, next.id, notice, next.updatedAt)] : []),
        ...(extras.emails ?? []).map((m) => outboxPut(tableName, m)),
        ...(extras.activity ?? []).map((a) => activityPut(tableName, a)),
        ...(extras.announce ? [announcementGather(tableName, extras.announce.networkSlug, extras.announce.eventIds, new Date(next.updatedAt))] : []),
      ];
      const written = await claimedWrite(client, tableName, claims, items);
      if (written.ok || written.reason === 'rate_limited') return written;
      // The event changed meanwhile, or the change notice it joins was sent meanwhile: either way, reload and retry.
      return { ok: false, reason: 'conflict' };
    },

    async backfillListingMatch(months) {
      let rewritten = 0;
      for (const month of months) {
        const stale = (await queryAll(client, listingsLackingMatch(tableName, month))).map((item) => listingFromItem(item).id);
        for (const id of stale) {
          const event = await this.get(id);
          if (!event) continue;
          try {
            await db.send(new PutCommand(listingMatchBackfill(tableName, event)));
            rewritten++;
          } catch (error) {
            if (!isConditionFailed(error)) throw error; // a save meanwhile wrote a fresh entry
          }
        }
      }
      return rewritten;
    },

    async list(plan, limit) {
      // One more than the page: a next page is offered only when it will hold at least one meetup.
      const want = limit + 1;
      const found: { item: SummarySource; month: string }[] = [];
      const months: string[] = [];
      for (let m = plan.cursor?.m ?? plan.fromMonth; m <= plan.lastMonth; m = nextMonth(m)) months.push(m);
      let queries = 0;
      const read = (month: string, startAfter: string | undefined) => db.send(queryMonth(tableName, plan, month, startAfter, want - found.length, queries++));
      // Once a whole month has left the page short, the next months' first reads start together: they are independent,
      // and a short list (a narrow filter, the last page) would otherwise wait for one month after another to the horizon.
      const ahead = new Map<string, Promise<QueryCommandOutput>>();
      const readAhead = (from: number) => {
        for (const m of months.slice(from, from + READ_AHEAD)) {
          if (ahead.has(m) || queries >= MAX_QUERIES) continue;
          const pending = read(m, undefined);
          pending.catch(() => undefined); // awaited (and its error thrown) when its month comes, or not needed
          ahead.set(m, pending);
        }
      };
      for (let i = 0; i < months.length && found.length < want; i++) {
        const month = months[i]!;
        let startAfter = i === 0 ? plan.cursor?.k || undefined : undefined;
        if (i > 0) readAhead(i + 1);
        for (;;) {
          if (queries >= MAX_QUERIES && !(startAfter === undefined && ahead.has(month))) {
            // Out of budget (only a pathological table gets here): the page ends where reading stopped.
            const items = await withCounts(found.map((f) => f.item));
            return { items, nextCursor: encodeCursor(month, startAfter ?? '') };
          }
          const out = startAfter === undefined && ahead.has(month) ? await ahead.get(month)! : await read(month, startAfter);
          for (const item of out.Items ?? []) if (found.length < want) found.push({ item: listingFromItem(item), month });
          if (found.length >= want || !out.LastEvaluatedKey) break;
          startAfter = listingSortKeyOf(out.LastEvaluatedKey);
        }
      }
      const last = found.length > limit ? found[limit - 1]! : undefined;
      const items = await withCounts(found.slice(0, limit).map((f) => f.item));
      return { items, ...(last ? { nextCursor: encodeCursor(last.month, listingSortKey(last.item)) } : {}) };
    },
  };
}

/**
 * One Query of a month of the "all" facet, with the plan's filters. A filtered read may drop most of what it reads,
 * so it reads more (and more with each further query); an unfiltered one reads what the page still needs, plus a few
 * for the meetups that ended.
 */
function queryMonth(tableName: string, plan: ListingPlan, month: string, startAfter: string | undefined, want: number, round: number) {
  const query = listingQuery(tableName, plan.facet, month, { from: plan.fromSortKey, ...(plan.toSortKey ? { to: plan.toSortKey } : {}) });
  const filters = ['endUtc > :endsAfter'];
  const values: Record<string, unknown> = { ...query.ExpressionAttributeValues, ':endsAfter': plan.endsAfter };
  const names: Record<string, string> = { ...query.ExpressionAttributeNames };
  if (plan.format) {
    filters.push('#format = :format');
    names['#format'] = 'format';
    values[':format'] = plan.format;
  }
  const within = (attribute: keyof typeof MATCH_ATTRIBUTES, placeholder: string, value: string) => {
    filters.push(`contains(#${attribute}, ${placeholder})`);
    names[`#${attribute}`] = MATCH_ATTRIBUTES[attribute];
    values[placeholder] = value;
  };
  if (plan.network) within('network', ':network', plan.network);
  if (plan.tag) within('tags', ':tag', plan.tag);
  plan.words.forEach((word, i) => within('words', `:w${i}`, word));
  return new QueryCommand({
    ...query,
    FilterExpression: filters.join(' AND '),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    Limit: isFiltered(plan) ? Math.min(1000, Math.max(50, want * 2) * 2 ** round) : Math.min(100, want + 5),
    ...(startAfter ? { ExclusiveStartKey: listingResumeKey(plan.facet, month, startAfter) } : {}),
  });
}
