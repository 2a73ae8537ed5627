// RSVPs adapter: RsvpsRepository on DynamoDB. Requests, reads and the reminders switch are here; the transactions
// that move places are in dynamo-rsvp-confirm.ts (confirm) and dynamo-rsvp-places.ts (cancel, remove, delete, fill
// from the waitlist), and deleting a whole meetup's data in dynamo-rsvp-deletion.ts.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { cancellationReasons, conditionFailed, documentClient, queryAll, transactWrite, updateUnlessRefused } from '#functions/table/client.ts';
import { outboxPut } from '#functions/table/items/outbox.ts';
import { personRsvpItems } from '#functions/table/items/person.ts';
import { rateClaimUpdate } from '#functions/table/items/rate-claim.ts';
import { eventRsvpsQuery, rsvpFromItem, rsvpKey, rsvpRequestUpsert, waitlistQuery } from '#functions/table/items/rsvp.ts';
import { personExpiresAt } from '#functions/feeds/feed.ts';
import { newNonce } from '#functions/feeds/personal-token.ts';
import { personId } from '#functions/core/person.ts';
import type { StoredRsvp } from '#functions/core/rsvp.ts';
import { dynamoRsvpConfirm } from './dynamo-rsvp-confirm.ts';
import { dynamoRsvpPlaces } from './dynamo-rsvp-places.ts';
import { dynamoRsvpDeletion } from './dynamo-rsvp-deletion.ts';
import type { RsvpsRepository } from './rsvps.repository.ts';

export function dynamoRsvpsRepository(client: DynamoDBClient, tableName: string): RsvpsRepository {
  const db = documentClient(client);

  async function get(eventId: string, key: string): Promise<StoredRsvp | undefined> {
    const out = await db.send(new GetCommand({ TableName: tableName, Key: rsvpKey(eventId, key), ConsistentRead: true }));
    return out.Item ? rsvpFromItem(out.Item) : undefined;
  }

  return {
    async request(rsvp, claims, email) {
      try {
        // The person's feed record and their link to this event come with the RSVP, so their personal feed can find it.
        const person = personRsvpItems(tableName, {
          personId: personId(rsvp.email), nonce: newNonce(), eventId: rsvp.eventId, rsvpKey: rsvp.key, rsvpExpiresAt: rsvp.expiresAt,
          personExpiresAt: personExpiresAt(new Date(rsvp.now)),
        });
        await transactWrite(client, {
          TransactItems: [...claims.map((c) => rateClaimUpdate(tableName, c)), rsvpRequestUpsert(tableName, rsvp), ...person, ...(email ? [outboxPut(tableName, email)] : [])],
        });
        return { ok: true };
      } catch (error) {
        const reasons = cancellationReasons(error);
        const over = claims.findIndex((_, i) => conditionFailed(reasons, i));
        if (over >= 0) return { ok: false, reason: 'rate_limited', claim: claims[over]! };
        throw error;
      }
    },

    async requestAgain({ eventId, key, status, cancelTokenHash }, claims, email) {
      const still = {
        TableName: tableName,
        Key: rsvpKey(eventId, key),
        ConditionExpression: '#st = :status',
        ExpressionAttributeNames: { '#st': 'status' },
      };
      try {
        await transactWrite(client, {
          TransactItems: [
            ...claims.map((c) => rateClaimUpdate(tableName, c)),
            // A fresh cancel link replaces the last one; nothing else about them changes without a confirmed link.
            cancelTokenHash
              ? { Update: { ...still, UpdateExpression: 'SET cancelTokenHash = :h', ExpressionAttributeValues: { ':status': status, ':h': cancelTokenHash } } }
              : { ConditionCheck: { ...still, ExpressionAttributeValues: { ':status': status } } },
            outboxPut(tableName, email),
          ],
        });
        return { ok: true };
      } catch (error) {
        const reasons = cancellationReasons(error);
        const over = claims.findIndex((_, i) => conditionFailed(reasons, i));
        if (over >= 0) return { ok: false, reason: 'rate_limited', claim: claims[over]! };
        if (conditionFailed(reasons, claims.length)) return { ok: false, reason: 'changed' };
        throw error;
      }
    },

    get,

    ...dynamoRsvpConfirm(client, tableName),
    ...dynamoRsvpPlaces(client, tableName, get),
    ...dynamoRsvpDeletion(client, tableName),

    async list(eventId) {
      return (await queryAll(client, eventRsvpsQuery(tableName, eventId))).map(rsvpFromItem);
    },

    async setRemindersOff(eventId, key) {
      return updateUnlessRefused(client, {
        TableName: tableName,
        Key: rsvpKey(eventId, key),
        UpdateExpression: 'SET remindersOff = :true',
        ConditionExpression: 'attribute_exists(#st)',
        ExpressionAttributeNames: { '#st': 'status' },
        ExpressionAttributeValues: { ':true': true },
      });
    },

    async waitlistPosition(rsvp) {
      const out = await db.send(new QueryCommand({ ...waitlistQuery(tableName, rsvp.eventId, rsvp), Select: 'COUNT' }));
      return out.Count ?? 0;
    },
  };
}
