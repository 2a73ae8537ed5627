// Events adapter: EventsRepository on DynamoDB. Owns the event and listing item keys.
import {
  GetItemCommand,
  QueryCommand,
  type DynamoDBClient,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { tableDesign } from '#functions/table/design.ts';
import { cancellationCodes, marshall, transactWrite, unmarshall } from '#functions/table/client.ts';
import { AppError } from '#functions/core/errors.ts';
import { rateLimited } from '#functions/ratelimit/rate-limit.ts';
import { rateClaimUpdate } from '#functions/ratelimit/dynamo-rate-claims.ts';
import { outboxPut } from '#functions/mail/dynamo-outbox.ts';
import { feedVersionBumps } from '#functions/feeds/dynamo-feeds.repository.ts';
import { noticeWrite } from '#functions/reminders/dynamo-notices.ts';
import type { EventPage, EventsRepository } from './events.repository.ts';
import { SUMMARY_FIELDS, encodeCursor, listingPartition, listingSortKey, monthOf, nextMonth, type ListingPlan, type SummarySource } from './listing.ts';
import { COUNTER_FIELDS, type StoredEvent } from '#functions/core/event.ts';
import { facetsOf } from '#functions/core/facets.ts';

const { partitionKey: PK, sortKey: SK } = tableDesign;
const IDX = tableDesign.indexes.listing;

export const eventKey = (id: string) => ({ [PK]: `EVENT#${id}`, [SK]: 'EVENT' });
const listingKey = (id: string, facet: string) => ({ [PK]: `EVENT#${id}`, [SK]: `LIST#${facet}` });

function listingItem(e: StoredEvent, facet: string) {
  const summary = Object.fromEntries(SUMMARY_FIELDS.map((f) => [f, e[f]]));
  return {
    ...listingKey(e.id, facet),
    [IDX.partitionKey]: listingPartition(facet, monthOf(e.startUtc)),
    [IDX.sortKey]: listingSortKey(e),
    type: 'listing',
    facets: facetsOf(e),
    ...summary,
  };
}

const READ_BUDGET = 8; // queries per page, across months and filtered-out items

export function dynamoEventsRepository(client: DynamoDBClient, tableName: string): EventsRepository {
  return {
    async create(event, claims, emails) {
      const items: TransactWriteItem[] = [
        ...claims.map((c) => rateClaimUpdate(tableName, c)),
        {
          Put: {
            TableName: tableName,
            Item: marshall({ ...eventKey(event.id), type: 'event', ...event }),
            ConditionExpression: 'attribute_not_exists(#pk)',
            ExpressionAttributeNames: { '#pk': PK },
          },
        },
        ...emails.map((m) => outboxPut(tableName, m)),
      ];
      try {
        await transactWrite(client, { TransactItems: items });
      } catch (error) {
        const codes = cancellationCodes(error);
        const failed = codes?.findIndex((c) => c === 'ConditionalCheckFailed') ?? -1;
        if (failed >= 0 && failed < claims.length) throw rateLimited(claims[failed]!);
        if (failed === claims.length) throw new AppError('conflict', 'id_taken', 'Please try again.');
        throw error;
      }
    },

    async get(id) {
      const out = await client.send(
        new GetItemCommand({ TableName: tableName, Key: marshall(eventKey(id)), ConsistentRead: true }),
      );
      return out.Item ? toEvent(out.Item) : undefined;
    },

    async save(next, previous, notice) {
      const keep = new Set(facetsOf(next));
      const items: TransactWriteItem[] = [
        { Update: eventUpdate(tableName, next, previous) },
        ...[...keep].map((facet) => ({ Put: { TableName: tableName, Item: marshall(listingItem(next, facet)) } })),
        ...facetsOf(previous)
          .filter((f) => !keep.has(f))
          .map((facet) => ({ Delete: { TableName: tableName, Key: marshall(listingKey(next.id, facet)) } })),
        // Calendar feeds answer polls from these versions, so they move with the event, in the same transaction.
        ...feedVersionBumps(tableName, previous, next),
        ...(notice ? [noticeWrite(tableName, next.id, notice, next.updatedAt)] : []),
      ];
      try {
        await transactWrite(client, { TransactItems: items });
      } catch (error) {
        // The event changed meanwhile, or the change notice it joins was sent meanwhile: either way, reload and retry.
        if (cancellationCodes(error)?.includes('ConditionalCheckFailed'))
          throw new AppError('conflict', 'edit_conflict', 'The meetup changed meanwhile. Reload to see the latest version.');
        throw error;
      }
    },

    async list(plan, limit) {
      const items: SummarySource[] = [];
      let month = plan.cursor?.m ?? plan.fromMonth;
      let startAfter = plan.cursor?.k;
      let reads = 0;
      while (month <= plan.lastMonth && reads < READ_BUDGET) {
        reads++;
        const out = await client.send(queryMonth(tableName, plan, month, startAfter, limit - items.length));
        for (const raw of out.Items ?? []) {
          items.push(fromListing(raw));
          if (items.length === limit) {
            const last = items[items.length - 1]!;
            return { items, nextCursor: encodeCursor(month, listingSortKey(last)) };
          }
        }
        if (out.LastEvaluatedKey) {
          startAfter = unmarshall(out.LastEvaluatedKey)[IDX.sortKey] as string;
        } else {
          month = nextMonth(month);
          startAfter = undefined;
        }
      }
      // Out of budget before the horizon: hand back a cursor so the client can keep going.
      const page: EventPage = { items };
      if (month <= plan.lastMonth) page.nextCursor = encodeCursor(month, startAfter ?? '');
      return page;
    },
  };
}

function queryMonth(tableName: string, plan: ListingPlan, month: string, startAfter: string | undefined, want: number) {
  const filters = ['endUtc > :now'];
  const values: Record<string, unknown> = {
    ':pk': listingPartition(plan.facet, month),
    ':from': plan.fromSortKey,
    ':now': plan.now,
  };
  const names: Record<string, string> = { '#pk': IDX.partitionKey, '#sk': IDX.sortKey };
  if (plan.format) {
    filters.push('#format = :format');
    names['#format'] = 'format';
    values[':format'] = plan.format;
  }
  if (plan.networkSlug) {
    // Tag facet narrowed by network: compare the stored network's slug via the facet list on the item.
    filters.push('contains(facets, :net)');
    values[':net'] = `net:${plan.networkSlug}`;
  }
  return new QueryCommand({
    TableName: tableName,
    IndexName: IDX.name,
    KeyConditionExpression: '#pk = :pk AND #sk >= :from',
    FilterExpression: filters.join(' AND '),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: marshall(values),
    // Read a little more than we need, since the filter may drop some.
    Limit: Math.min(100, want + 10),
    ...(startAfter
      ? {
          ExclusiveStartKey: marshall({
            [IDX.partitionKey]: listingPartition(plan.facet, month),
            [IDX.sortKey]: startAfter,
            [PK]: `EVENT#${startAfter.split('#')[1]}`,
            [SK]: `LIST#${plan.facet}`,
          }),
        }
      : {}),
  });
}

/**
 * An edit as an Update of the changed fields, conditioned on the version read: the place counters, which RSVPs
 * change concurrently without touching the version, are never overwritten.
 */
function eventUpdate(tableName: string, next: StoredEvent, previous: StoredEvent) {
  const skip = new Set<string>(COUNTER_FIELDS);
  const names: Record<string, string> = { '#v': 'version' };
  const values: Record<string, unknown> = { ':expected': previous.version };
  const sets: string[] = [];
  const removes: string[] = [];
  const fields = new Set([...Object.keys(previous), ...Object.keys(next)].filter((f) => !skip.has(f)));
  [...fields].forEach((field, i) => {
    const value = next[field as keyof StoredEvent];
    if (value === undefined && previous[field as keyof StoredEvent] === undefined) return;
    names[`#f${i}`] = field;
    if (value === undefined) removes.push(`#f${i}`);
    else {
      values[`:f${i}`] = value;
      sets.push(`#f${i} = :f${i}`);
    }
  });
  return {
    TableName: tableName,
    Key: marshall(eventKey(next.id)),
    UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
    ConditionExpression: '#v = :expected',
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: marshall(values),
  };
}

/** An event item, unmarshalled, as the domain sees it. */
export function eventFromItem(item: Record<string, unknown>): StoredEvent {
  const { [PK]: _pk, [SK]: _sk, type: _type, ...event } = item;
  return { tags: [], ...event } as unknown as StoredEvent;
}

const toEvent = (raw: Record<string, import('@aws-sdk/client-dynamodb').AttributeValue>) => eventFromItem(unmarshall(raw));

function fromListing(raw: Record<string, import('@aws-sdk/client-dynamodb').AttributeValue>): SummarySource {
  const item = unmarshall(raw);
  return Object.fromEntries(SUMMARY_FIELDS.map((f) => [f, item[f]])) as unknown as SummarySource;
}
