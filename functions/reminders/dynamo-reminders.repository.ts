// Reminders adapter: RemindersRepository on DynamoDB. The sweep reads the listing index (facet "all") for the few
// months the window touches; claims are one TransactWriteItems each: the event still on, the RSVP updated, the email.
import { UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { tableDesign } from '#functions/table/design.ts';
import { batchGet, cancellationCodes, marshall, queryAll, transactWrite } from '#functions/table/client.ts';
import { eventFromItem, eventKey } from '#functions/events/dynamo-events.repository.ts';
import { listingPartition, monthOf, nextMonth } from '#functions/events/listing.ts';
import { outboxPut } from '#functions/mail/dynamo-outbox.ts';
import { dynamoRsvpsRepository } from '#functions/rsvps/dynamo-rsvps.repository.ts';
import { RESCHEDULE_MINUTES, remindedAttribute, startEpoch, type RemindedFields } from './reminder.ts';
import type { RemindersRepository } from './reminders.repository.ts';
import { DUE_PARTITION, claimNotice, deleteNotice, type StoredNotice } from './dynamo-notices.ts';
import { dynamoEventsRepository } from '#functions/events/dynamo-events.repository.ts';
import type { StoredRsvp } from '#functions/core/rsvp.ts';

const { partitionKey: PK, sortKey: SK } = tableDesign;
const IDX = tableDesign.indexes.listing;

const NOT_OFF = '(attribute_not_exists(remindersOff) OR remindersOff = :false)';

export function dynamoRemindersRepository(client: DynamoDBClient, tableName: string): RemindersRepository {
  const events = dynamoEventsRepository(client, tableName);
  const rsvpsRepo = dynamoRsvpsRepository(client, tableName);
  return {
    async dueNotices(now) {
      const items = await queryAll(client, {
        TableName: tableName,
        IndexName: IDX.name,
        KeyConditionExpression: '#pk = :pk AND #sk <= :now',
        ExpressionAttributeNames: { '#pk': IDX.partitionKey, '#sk': IDX.sortKey },
        ExpressionAttributeValues: marshall({ ':pk': DUE_PARTITION, ':now': `${now.toISOString()}#~` }),
      });
      return items.map(({ eventId, id, kind, dueAt, baseline }) => ({ eventId, id, kind, dueAt, baseline }) as StoredNotice);
    },
    event: (id) => events.get(id),
    claimNotice: (notice, rsvp, email, cancelTokenHash) => claimNotice(client, tableName, notice, rsvp, email, cancelTokenHash),
    deleteNotice: (notice) => deleteNotice(client, tableName, notice),

    async startingBetween(from, to) {
      const ids: string[] = [];
      for (let month = monthOf(from); month <= monthOf(to); month = nextMonth(month)) {
        const items = await queryAll(client, {
          TableName: tableName,
          IndexName: IDX.name,
          KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
          ExpressionAttributeNames: { '#pk': IDX.partitionKey, '#sk': IDX.sortKey, '#id': 'id' },
          ExpressionAttributeValues: marshall({ ':pk': listingPartition('all', month), ':from': `${from}#~`, ':to': `${to}#~` }),
          ProjectionExpression: '#id',
        });
        ids.push(...items.map((i) => i.id as string));
      }
      const events = await batchGet(client, tableName, ids.map(eventKey), { consistent: true });
      return events.map((e) => eventFromItem(e) as ReturnType<typeof eventFromItem> & RemindedFields);
    },

    // The RSVP adapter's own read; the reminded_<kind> attributes come along with each item.
    rsvps: async (eventId) => (await rsvpsRepo.list(eventId)) as (StoredRsvp & RemindedFields)[],

    async claim({ event, rsvp, kind, now, cancelTokenHash, email }) {
      const start = startEpoch(event);
      try {
        await transactWrite(client, {
          TransactItems: [
            {
              ConditionCheck: {
                TableName: tableName,
                Key: marshall(eventKey(event.id)),
                ConditionExpression: `#st = :published AND startUtc = :start AND startUtc > :now AND ${NOT_OFF}`,
                ExpressionAttributeNames: { '#st': 'status' },
                ExpressionAttributeValues: marshall({ ':published': 'published', ':start': event.startUtc, ':now': now.toISOString(), ':false': false }),
              },
            },
            {
              Update: {
                TableName: tableName,
                Key: marshall({ [PK]: `EVENT#${event.id}`, [SK]: `RSVP#${rsvp.key}` }),
                UpdateExpression: `SET #rk = :start${cancelTokenHash ? ', reminderCancelHash = :h' : ''}`,
                ConditionExpression: `#st = :status AND ${NOT_OFF} AND (attribute_not_exists(#rk) OR #rk < :lo OR #rk > :hi)`,
                ExpressionAttributeNames: { '#st': 'status', '#rk': remindedAttribute(kind) },
                ExpressionAttributeValues: marshall({
                  ':start': start, ':status': rsvp.status, ':false': false,
                  ':lo': start - RESCHEDULE_MINUTES * 60, ':hi': start + RESCHEDULE_MINUTES * 60,
                  ...(cancelTokenHash ? { ':h': cancelTokenHash } : {}),
                }),
              },
            },
            outboxPut(tableName, email),
          ],
        });
        return true;
      } catch (error) {
        if (cancellationCodes(error)?.includes('ConditionalCheckFailed')) return false;
        throw error;
      }
    },

    async markDone(event, kind) {
      try {
        await client.send(new UpdateItemCommand({
          TableName: tableName,
          Key: marshall(eventKey(event.id)),
          UpdateExpression: 'SET #rk = :start',
          ConditionExpression: 'startUtc = :startIso',
          ExpressionAttributeNames: { '#rk': remindedAttribute(kind) },
          ExpressionAttributeValues: marshall({ ':start': startEpoch(event), ':startIso': event.startUtc }),
        }));
      } catch (error) {
        // The start moved meanwhile: the next sweep looks at the event afresh.
        if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
      }
    },
  };
}
