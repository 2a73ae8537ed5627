// Reminders adapter: RemindersRepository on DynamoDB. The sweep reads the listing index (facet "all") for the few
// months the window touches; claims are one TransactWriteItems each: the event still on, the RSVP updated, the email.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { batchGet, documentClient, isConditionFailed, queryAll, transactUnlessRefused } from '#functions/table/client.ts';
import { eventFromItem, eventKey } from '#functions/table/items/event.ts';
import { listingQuery, startingBy } from '#functions/table/items/listing.ts';
import { dueNoticesQuery, noticeFromItem } from '#functions/table/items/notice.ts';
import { outboxPut } from '#functions/table/items/outbox.ts';
import { eventRsvpsQuery, rsvpFromItem, rsvpKey } from '#functions/table/items/rsvp.ts';
import { monthOf, nextMonth } from '#functions/events/listing.ts';
import { RESCHEDULE_MINUTES, remindedAttribute, remindedJoinsAttribute, startEpoch, type RemindedFields } from './reminder.ts';
import type { RemindersRepository } from './reminders.repository.ts';
import { claimNotice, deleteNotice } from './dynamo-notices.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import type { StoredRsvp } from '#functions/core/rsvp.ts';

const NOT_OFF = '(attribute_not_exists(remindersOff) OR remindersOff = :false)';

export function dynamoRemindersRepository(client: DynamoDBClient, tableName: string): RemindersRepository {
  const db = documentClient(client);
  return {
    async dueNotices(now) {
      return (await queryAll(client, dueNoticesQuery(tableName, now))).map(noticeFromItem);
    },
    async event(id) {
      const out = await db.send(new GetCommand({ TableName: tableName, Key: eventKey(id), ConsistentRead: true }));
      return out.Item ? eventFromItem(out.Item) : undefined;
    },
    claimNotice: (notice, rsvp, email, cancelTokenHash) => claimNotice(client, tableName, notice, rsvp, email, cancelTokenHash),
    deleteNotice: (notice) => deleteNotice(client, tableName, notice),

    async startingBetween(from, to) {
      const ids: string[] = [];
      for (let month = monthOf(from); month <= monthOf(to); month = nextMonth(month)) {
        const query = listingQuery(tableName, 'all', month, { from: startingBy(from), to: startingBy(to) });
        const items = await queryAll(client, {
          ...query,
          ExpressionAttributeNames: { ...query.ExpressionAttributeNames, '#id': 'id' },
          ProjectionExpression: '#id',
        });
        ids.push(...items.map((i) => i.id as string));
      }
      const events = await batchGet(client, tableName, ids.map(eventKey), { consistent: true });
      return events.map((e) => eventFromItem(e) as StoredEvent & RemindedFields);
    },

    // Every RSVP of the event; the reminded_<kind> attributes come along with each item.
    rsvps: async (eventId) => (await queryAll(client, eventRsvpsQuery(tableName, eventId))).map(rsvpFromItem) as (StoredRsvp & RemindedFields)[],

    async claim({ event, rsvp, kind, covers = [kind], now, cancelTokenHash, email }) {
      const start = startEpoch(event);
      const recorded = [...new Set([kind, ...covers])];
      return transactUnlessRefused(client, {
        TransactItems: [
          {
            ConditionCheck: {
              TableName: tableName,
              Key: eventKey(event.id),
              ConditionExpression: `#st = :published AND startUtc = :start AND startUtc > :now AND ${NOT_OFF}`,
              ExpressionAttributeNames: { '#st': 'status' },
              ExpressionAttributeValues: { ':published': 'published', ':start': event.startUtc, ':now': now.toISOString(), ':false': false },
            },
          },
          {
            Update: {
              TableName: tableName,
              Key: rsvpKey(event.id, rsvp.key),
              // Conditioned on this kind alone; the longer ones it stands for are recorded with it.
              UpdateExpression: `SET ${recorded.map((_, i) => `#r${i} = :start`).join(', ')}${cancelTokenHash ? ', reminderCancelHash = :h' : ''}`,
              ConditionExpression: `#st = :status AND ${NOT_OFF} AND (attribute_not_exists(#r0) OR #r0 < :lo OR #r0 > :hi)`,
              ExpressionAttributeNames: { '#st': 'status', ...Object.fromEntries(recorded.map((k, i) => [`#r${i}`, remindedAttribute(k)])) },
              ExpressionAttributeValues: {
                ':start': start, ':status': rsvp.status, ':false': false,
                ':lo': start - RESCHEDULE_MINUTES * 60, ':hi': start + RESCHEDULE_MINUTES * 60,
                ...(cancelTokenHash ? { ':h': cancelTokenHash } : {}),
              },
            },
          },
          outboxPut(tableName, email),
        ],
      });
    },

    async markDone(event, kinds) {
      if (!kinds.length) return;
      try {
        await db.send(new UpdateCommand({
          TableName: tableName,
          Key: eventKey(event.id),
          // The joinCount as read before the RSVPs were: anyone who joined since makes the next sweep look again.
          UpdateExpression: `SET ${kinds.map((_, i) => `#r${i} = :start, #j${i} = :joins`).join(', ')}`,
          ConditionExpression: 'startUtc = :startIso',
          ExpressionAttributeNames: Object.fromEntries(kinds.flatMap((k, i) => [[`#r${i}`, remindedAttribute(k)], [`#j${i}`, remindedJoinsAttribute(k)]])),
          ExpressionAttributeValues: { ':start': startEpoch(event), ':startIso': event.startUtc, ':joins': event.joinCount ?? 0 },
        }));
      } catch (error) {
        // The start moved meanwhile: the next sweep looks at the event afresh.
        if (!isConditionFailed(error)) throw error;
      }
    },
  };
}
