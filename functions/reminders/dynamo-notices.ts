// Reminders adapter: change notices on DynamoDB. A notice is an item beside its event, in a small index partition
// ordered by when it is due; once due it is never written again, so a sweep works on a frozen snapshot.
import { DeleteItemCommand, type DynamoDBClient, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { tableDesign } from '#functions/table/design.ts';
import { cancellationCodes, marshall, transactWrite } from '#functions/table/client.ts';
import { outboxPut } from '#functions/mail/dynamo-outbox.ts';
import type { OutboxMessage } from '#functions/core/email.ts';
import type { StoredRsvp } from '#functions/core/rsvp.ts';
import type { NoticeSnapshot, NoticeWrite } from '#functions/core/notice.ts';

const { partitionKey: PK, sortKey: SK } = tableDesign;
const IDX = tableDesign.indexes.listing;
export const DUE_PARTITION = 'NOTICE#due';

const noticeKey = (eventId: string, id: string) => ({ [PK]: `EVENT#${eventId}`, [SK]: `NOTICE#${id}` });

export interface StoredNotice {
  eventId: string;
  id: string;
  kind: 'updated' | 'cancelled';
  dueAt: string;
  baseline: NoticeSnapshot;
}

/**
 * For the event's save transaction: a new notice, or a check that the open one it joins is still gathering (so an
 * edit never lands in a notice already being sent; the save then fails and the organiser retries).
 */
export function noticeWrite(tableName: string, eventId: string, notice: NoticeWrite, now: string): TransactWriteItem {
  if (!notice.create) {
    return {
      ConditionCheck: {
        TableName: tableName,
        Key: marshall(noticeKey(eventId, notice.id)),
        ConditionExpression: 'dueAt > :now',
        ExpressionAttributeValues: marshall({ ':now': now }),
      },
    };
  }
  return {
    Put: {
      TableName: tableName,
      Item: marshall({
        ...noticeKey(eventId, notice.id),
        [IDX.partitionKey]: DUE_PARTITION,
        [IDX.sortKey]: `${notice.dueAt}#${eventId}#${notice.id}`,
        type: 'notice', eventId, id: notice.id, kind: notice.kind, dueAt: notice.dueAt, baseline: notice.baseline,
      }),
    },
  };
}

/** One person's notice, claimed on their RSVP with its email: sent once however often the sweep runs. */
export async function claimNotice(
  client: DynamoDBClient, tableName: string, notice: StoredNotice, rsvp: StoredRsvp, email: OutboxMessage, cancelTokenHash?: string,
): Promise<boolean> {
  try {
    await transactWrite(client, {
      TransactItems: [
        {
          Update: {
            TableName: tableName,
            Key: marshall({ [PK]: `EVENT#${notice.eventId}`, [SK]: `RSVP#${rsvp.key}` }),
            UpdateExpression: `SET lastNotice = :id${cancelTokenHash ? ', reminderCancelHash = :h' : ''}`,
            ConditionExpression: '#st IN (:confirmed, :waitlisted) AND (attribute_not_exists(lastNotice) OR lastNotice <> :id)',
            ExpressionAttributeNames: { '#st': 'status' },
            ExpressionAttributeValues: marshall({ ':id': notice.id, ':confirmed': 'confirmed', ':waitlisted': 'waitlisted', ...(cancelTokenHash ? { ':h': cancelTokenHash } : {}) }),
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
}

export async function deleteNotice(client: DynamoDBClient, tableName: string, notice: StoredNotice): Promise<void> {
  await client.send(new DeleteItemCommand({ TableName: tableName, Key: marshall(noticeKey(notice.eventId, notice.id)) }));
}
