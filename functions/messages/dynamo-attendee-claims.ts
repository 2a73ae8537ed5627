// Messages adapter: attendee claims on DynamoDB. The broadcast's claim item, the RSVP's cancel-link hash and the
// outbox message go in one transaction (table/items broadcast, rsvp and outbox fragments).
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { cancellationReasons, conditionFailed, transactWrite } from '#functions/table/client.ts';
import { broadcastClaimPut } from '#functions/table/items/broadcast.ts';
import { outboxPut } from '#functions/table/items/outbox.ts';
import { rsvpKey } from '#functions/table/items/rsvp.ts';
import type { AttendeeClaims } from './attendee-claims.ts';

export function dynamoAttendeeClaims(client: DynamoDBClient, tableName: string): AttendeeClaims {
  return {
    async claim({ broadcastId, rsvp, cancelTokenHash, message, now }) {
      try {
        await transactWrite(client, {
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
        return true;
      } catch (error) {
        if (conditionFailed(cancellationReasons(error))) return false;
        throw error;
      }
    },
  };
}
