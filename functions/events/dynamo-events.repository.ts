// Events adapter: EventsRepository on DynamoDB. The items, keys and fragments are table/items'; this composes them
// into the create and save transactions and pages through the listing index.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { cancellationReasons, conditionFailed, documentClient, firstConditionFailed, transactWrite, type TransactItem } from '#functions/table/client.ts';
import { eventCreate, eventEdit, eventFromItem, eventKey } from '#functions/table/items/event.ts';
import { listingFromItem, listingKey, listingQuery, listingResumeKey, listingSortKey, listingSortKeyOf, listingToItem } from '#functions/table/items/listing.ts';
import { rateClaimUpdate } from '#functions/table/items/rate-claim.ts';
import { outboxPut } from '#functions/table/items/outbox.ts';
import { feedVersionBumps } from '#functions/table/items/feed-version.ts';
import { noticeWrite } from '#functions/table/items/notice.ts';
import type { EventPage, EventsRepository } from './events.repository.ts';
import { encodeCursor, nextMonth, type ListingPlan, type SummarySource } from './listing.ts';
import { facetsOf } from '#functions/core/facets.ts';

const READ_BUDGET = 8; // queries per page, across months and filtered-out items

export function dynamoEventsRepository(client: DynamoDBClient, tableName: string): EventsRepository {
  const db = documentClient(client);
  return {
    async create(event, claims, emails) {
      const items: TransactItem[] = [
        ...claims.map((c) => rateClaimUpdate(tableName, c)),
        eventCreate(tableName, event),
        ...emails.map((m) => outboxPut(tableName, m)),
      ];
      try {
        await transactWrite(client, { TransactItems: items });
        return { ok: true };
      } catch (error) {
        const failed = firstConditionFailed(cancellationReasons(error));
        if (failed >= 0 && failed < claims.length) return { ok: false, reason: 'rate_limited', claim: claims[failed]! };
        if (failed === claims.length) return { ok: false, reason: 'id_taken' };
        throw error;
      }
    },

    async get(id) {
      const out = await db.send(new GetCommand({ TableName: tableName, Key: eventKey(id), ConsistentRead: true }));
      return out.Item ? eventFromItem(out.Item) : undefined;
    },

    async save(next, previous, notice) {
      const keep = new Set(facetsOf(next));
      const items: TransactItem[] = [
        eventEdit(tableName, next, previous),
        ...[...keep].map((facet) => ({ Put: { TableName: tableName, Item: listingToItem(next, facet) } })),
        ...facetsOf(previous)
          .filter((f) => !keep.has(f))
          .map((facet) => ({ Delete: { TableName: tableName, Key: listingKey(next.id, facet) } })),
        // Calendar feeds answer polls from these versions, so they move with the event, in the same transaction.
        ...feedVersionBumps(tableName, previous, next),
        ...(notice ? [noticeWrite(tableName, next.id, notice, next.updatedAt)] : []),
      ];
      try {
        await transactWrite(client, { TransactItems: items });
        return { ok: true };
      } catch (error) {
        // The event changed meanwhile, or the change notice it joins was sent meanwhile: either way, reload and retry.
        if (conditionFailed(cancellationReasons(error))) return { ok: false, reason: 'conflict' };
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
        const out = await db.send(queryMonth(tableName, plan, month, startAfter, limit - items.length));
        for (const item of out.Items ?? []) {
          items.push(listingFromItem(item));
          if (items.length === limit) {
            const last = items[items.length - 1]!;
            return { items, nextCursor: encodeCursor(month, listingSortKey(last)) };
          }
        }
        if (out.LastEvaluatedKey) {
          startAfter = listingSortKeyOf(out.LastEvaluatedKey);
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
  const query = listingQuery(tableName, plan.facet, month, { from: plan.fromSortKey });
  const filters = ['endUtc > :now'];
  const values: Record<string, unknown> = { ...query.ExpressionAttributeValues, ':now': plan.now };
  const names: Record<string, string> = { ...query.ExpressionAttributeNames };
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
    ...query,
    FilterExpression: filters.join(' AND '),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    // Read a little more than we need, since the filter may drop some.
    Limit: Math.min(100, want + 10),
    ...(startAfter ? { ExclusiveStartKey: listingResumeKey(plan.facet, month, startAfter) } : {}),
  });
}
