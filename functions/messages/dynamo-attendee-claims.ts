// Messages adapter: attendee claims on DynamoDB. The broadcast's claim item, the RSVP's cancel-link hash and the
// outbox message go in one transaction (table/items broadcast, rsvp and outbox fragments).
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { transactUnlessRefused } from '#functions/table/client.ts';
import { broadcastClaimPut } from '#functions/table/items/broadcast.ts';
import { outboxPut } from '#functions/table/items/outbox.ts';
import { rsvpKey } from '#functions/table/items/rsvp.ts';
import type { AttendeeClaims } from './attendee-claims.ts';

export function dynamoAttendeeClaims(client: DynamoDBClient, tableName: string): AttendeeClaims {
  return {
    async claim({ broadcastId, rsvp, cancelTokenHash, message, now }) {
      return transactUnlessRefused(client, {
        TransactItems: [
          broadcastClaimPut(tableName, broadcastId, rsvp.key, now),
          {
            Update: {
              TableName: tableName,
              Key: rsvpKey(rsvp.eventId, rsvp.key),
              UpdateExpression: 'SET reminderCancelHash = :h',
              ConditionExpression: '#st = :status',
              ExpressionAttributeNames: { '#st': 'status' },
              ExpressionAttributeValues: { ':h': cancelTokenHash, ':status': rsvp.status },
            },
          },
          outboxPut(tableName, message),
        ],
      });
    },
  };
}
