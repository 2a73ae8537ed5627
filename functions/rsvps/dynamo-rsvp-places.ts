// RSVPs adapter: the transactions that free places on DynamoDB (cancel, and fill from the waitlist), each promoting
// the first in line in the same write. Capacity is enforced by conditions on the event's counters inside each
// TransactWriteItems, never by reading and then writing; lost races are retried.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { backoff, cancellationReasons, conditionFailed, documentClient, transactWrite, type TransactItem } from '#functions/table/client.ts';
import { eventKey } from '#functions/table/items/event.ts';
import { outboxPut } from '#functions/table/items/outbox.ts';
import { rsvpFromItem, rsvpKey, waitlistAttributeNames, waitlistQuery } from '#functions/table/items/rsvp.ts';
import type { Promotion, RsvpsRepository } from './rsvps.repository.ts';
import type { StoredRsvp } from '#functions/core/rsvp.ts';

/** Optimistic retries for one state change; each lost race means someone else's change went through. */
export const MAX_ATTEMPTS = 60;

/** Names used by every RSVP expression; DynamoDB rejects unused ones, so each call picks what it uses. */
const N = {
  '#st': 'status', '#c': 'confirmedCount', '#w': 'waitlistCount', '#cap': 'capacity', '#closed': 'rsvpsClosed',
  '#start': 'startUtc', ...waitlistAttributeNames,
} as const;
export const names = (...keys: (keyof typeof N)[]) => Object.fromEntries(keys.map((k) => [k, N[k]]));

type Places = Pick<RsvpsRepository, 'cancel' | 'fillFromWaitlist'>;

export function dynamoRsvpPlaces(
  client: DynamoDBClient,
  tableName: string,
  get: (eventId: string, key: string) => Promise<StoredRsvp | undefined>,
): Places {
  const db = documentClient(client);

  async function firstWaitlisted(eventId: string): Promise<StoredRsvp | undefined> {
    const out = await db.send(new QueryCommand({ ...waitlistQuery(tableName, eventId), Limit: 1 }));
    return out.Items?.[0] ? rsvpFromItem(out.Items[0]) : undefined;
  }

  async function promoteItems(eventId: string, candidate: StoredRsvp, now: Date, promotion: Promotion): Promise<TransactItem[]> {
    const { cancelTokenHash, email } = await promotion(candidate);
    return [
      {
        Update: {
          TableName: tableName,
          Key: rsvpKey(eventId, candidate.key),
          UpdateExpression: 'SET #st = :confirmed, confirmedAt = :nowIso, updatedAt = :nowIso, cancelTokenHash = :cth REMOVE #gpk, #gsk, waitlistedAt',
          ConditionExpression: '#st = :waitlisted',
          ExpressionAttributeNames: names('#st', '#gpk', '#gsk'),
          ExpressionAttributeValues: { ':confirmed': 'confirmed', ':waitlisted': 'waitlisted', ':nowIso': now.toISOString(), ':cth': cancelTokenHash },
        },
      },
      outboxPut(tableName, email),
    ];
  }


  return {
    async cancel({ eventId, key, cancelTokenHash, now, promotion }) {
      const nowIso = now.toISOString();
      let plainFree = false;
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const rsvp = await get(eventId, key);
        if (!rsvp) return { ok: false, reason: 'not_found' };
        // The link from the confirmation email or from the latest reminder.
        if (cancelTokenHash !== undefined && rsvp.cancelTokenHash !== cancelTokenHash && rsvp.reminderCancelHash !== cancelTokenHash) return { ok: false, reason: 'invalid_token' };
        if (rsvp.status === 'cancelled' || rsvp.status === 'pending') return { ok: true, promoted: false };
        const tokenCheck = cancelTokenHash === undefined ? '' : ' AND (cancelTokenHash = :cth OR reminderCancelHash = :cth)';
        const cancelRsvp = (from: 'confirmed' | 'waitlisted'): TransactItem => ({
          Update: {
            TableName: tableName,
            Key: rsvpKey(eventId, key),
            // The cancel token stays, so pressing the button twice is answered the same both times.
            UpdateExpression: 'SET #st = :cancelled, cancelledAt = :nowIso, updatedAt = :nowIso REMOVE #gpk, #gsk',
            ConditionExpression: `#st = :from${tokenCheck}`,
            ExpressionAttributeNames: names('#st', '#gpk', '#gsk'),
            ExpressionAttributeValues: { ':cancelled': 'cancelled', ':from': from, ':nowIso': nowIso, ...(cancelTokenHash !== undefined ? { ':cth': cancelTokenHash } : {}) },
          },
        });
        let items: TransactItem[];
        let promoted = false;
        if (rsvp.status === 'waitlisted') {
          items = [
            {
              Update: {
                TableName: tableName, Key: eventKey(eventId),
                UpdateExpression: 'SET #w = #w - :one', ConditionExpression: '#w > :zero',
                ExpressionAttributeNames: names('#w'), ExpressionAttributeValues: { ':one': 1, ':zero': 0 },
              },
            },
            cancelRsvp('waitlisted'),
          ];
        } else {
          const candidate = plainFree ? undefined : await firstWaitlisted(eventId);
          if (candidate && candidate.key !== key) {
            // The freed place goes straight to the first in line: the confirmed count stays the same.
            promoted = true;
            items = [
              {
                Update: {
                  TableName: tableName, Key: eventKey(eventId),
                  UpdateExpression: 'SET #w = #w - :one',
                  ConditionExpression: '#w > :zero AND (attribute_not_exists(#cap) OR #c <= #cap)',
                  ExpressionAttributeNames: names('#w', '#c', '#cap'), ExpressionAttributeValues: { ':one': 1, ':zero': 0 },
                },
              },
              cancelRsvp('confirmed'),
              ...(await promoteItems(eventId, candidate, now, promotion)),
            ];
          } else {
            // Nobody to promote (or capacity was lowered below the confirmed count): the place simply frees up.
            items = [
              {
                Update: {
                  TableName: tableName, Key: eventKey(eventId),
                  UpdateExpression: 'SET #c = #c - :one',
                  ConditionExpression: '#c > :zero AND (attribute_not_exists(#w) OR #w = :zero OR #c > #cap)',
                  ExpressionAttributeNames: names('#c', '#w', '#cap'), ExpressionAttributeValues: { ':one': 1, ':zero': 0 },
                },
              },
              cancelRsvp('confirmed'),
            ];
          }
        }
        try {
          await transactWrite(client, { TransactItems: items });
          return { ok: true, promoted };
        } catch (error) {
          const reasons = cancellationReasons(error);
          if (!reasons) throw error;
          // The event refused this path: with capacity lowered below the confirmed count there is no room to
          // promote into, so free the place plainly; if that is refused too, someone joined the waitlist meanwhile.
          if (rsvp.status === 'confirmed' && conditionFailed(reasons, 0)) plainFree = !plainFree;
          // Someone else changed the event, this RSVP or the candidate first: look again and retry.
          await backoff(attempt);
        }
      }
      return { ok: false, reason: 'busy' };
    },

    async fillFromWaitlist({ eventId, now, promotion }) {
      let promoted = 0;
      for (let attempt = 0; attempt < 1000; attempt++) {
        const candidate = await firstWaitlisted(eventId);
        if (!candidate) return promoted;
        try {
          await transactWrite(client, {
            TransactItems: [
              {
                Update: {
                  TableName: tableName, Key: eventKey(eventId),
                  UpdateExpression: 'SET #c = if_not_exists(#c, :zero) + :one, #w = #w - :one',
                  ConditionExpression: '#st = :published AND #w > :zero AND (attribute_not_exists(#cap) OR attribute_not_exists(#c) OR #c < #cap)',
                  ExpressionAttributeNames: names('#c', '#w', '#cap', '#st'),
                  ExpressionAttributeValues: { ':one': 1, ':zero': 0, ':published': 'published' },
                  ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
                },
              },
              ...(await promoteItems(eventId, candidate, now, promotion)),
            ],
          });
          promoted++;
        } catch (error) {
          const reasons = cancellationReasons(error);
          if (!reasons) throw error;
          if (conditionFailed(reasons, 0)) return promoted; // full again, or the waitlist emptied
        }
      }
      return promoted;
    },
  };
}
