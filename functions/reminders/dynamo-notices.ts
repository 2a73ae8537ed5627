// Reminders adapter: sending change notices on DynamoDB. Each person's notice is claimed on their RSVP in the same
// transaction as its email; the notice item itself (table/items/notice.ts) is written by the event's save.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, transactUnlessRefused } from '#functions/table/client.ts';
import { noticeKey } from '#functions/table/items/notice.ts';
import { outboxPut } from '#functions/table/items/outbox.ts';
import { rsvpKey } from '#functions/table/items/rsvp.ts';
import type { OutboxMessage } from '#functions/core/email.ts';
import type { StoredRsvp } from '#functions/core/rsvp.ts';
import type { StoredNotice } from '#functions/core/notice.ts';

/** One person's notice, claimed on their RSVP with its email: sent once however often the sweep runs. */
export async function claimNotice(
  client: DynamoDBClient, tableName: string, notice: StoredNotice, rsvp: StoredRsvp, email: OutboxMessage, cancelTokenHash?: string,
): Promise<boolean> {
  return transactUnlessRefused(client, {
    TransactItems: [
      {
        Update: {
          TableName: tableName,
          Key: rsvpKey(notice.eventId, rsvp.key),
          UpdateExpression: `SET lastNotice = :id${cancelTokenHash ? ', reminderCancelHash = :h' : ''}`,
          // Still in the state the email was written for: a joining link goes only to someone who still has a place.
          ConditionExpression: '#st = :status AND #st IN (:confirmed, :waitlisted) AND (attribute_not_exists(lastNotice) OR lastNotice <> :id)',
          ExpressionAttributeNames: { '#st': 'status' },
          ExpressionAttributeValues: {
            ':id': notice.id, ':status': rsvp.status, ':confirmed': 'confirmed', ':waitlisted': 'waitlisted', ...(cancelTokenHash ? { ':h': cancelTokenHash } : {}),
          },
        },
      },
      outboxPut(tableName, email),
    ],
  });
}

export async function deleteNotice(client: DynamoDBClient, tableName: string, notice: StoredNotice): Promise<void> {
  await documentClient(client).send(new DeleteCommand({ TableName: tableName, Key: noticeKey(notice.eventId, notice.id) }));
}
