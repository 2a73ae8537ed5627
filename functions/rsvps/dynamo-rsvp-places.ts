// RSVPs adapter: the transactions that free places on DynamoDB (cancel, remove, delete, and fill from the waitlist),
// each promoting the first in line in the same write. Capacity is enforced by conditions on the event's counters
// inside each TransactWriteItems, never by reading and then writing; lost races are retried.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { backoff, batchDelete, cancellationReasons, conditionFailed, documentClient, transactWrite, type TransactItem } from '#functions/table/client.ts';
import { deletedRsvpFromItem, deletedRsvpKey, deletedRsvpPut } from '#functions/table/items/deletion.ts';
import { eventKey } from '#functions/table/items/event.ts';
import { activityPut } from '#functions/table/items/activity.ts';
import { outboxPut } from '#functions/table/items/outbox.ts';
import { personLinkKey } from '#functions/table/items/person.ts';
import { rsvpFromItem, rsvpKey, waitlistAttributeNames, waitlistQuery } from '#functions/table/items/rsvp.ts';
import { rsvpCounterKeys } from './dynamo-rsvp-deletion.ts';
import { cancelMode, cancelOutcome, leaveRefused, type LeaveOutcome as BaseLeaveOutcome, type CancelInput, type CountsAfter, type Promotion, type RsvpsRepository } from './rsvps.repository.ts';
import { personId } from '#functions/core/person.ts';
import type { StoredRsvp } from '#functions/core/rsvp.ts';

/** Optimistic retries for one state change; each lost race means someone else's change went through. */
export const MAX_ATTEMPTS = 60;

/** Names used by every RSVP expression; DynamoDB rejects unused ones, so each call picks what it uses. */
const N = {
  '#st': 'status', '#c': 'confirmedCount', '#w': 'waitlistCount', '#cap': 'capacity', '#closed': 'rsvpsClosed',
  '#start': 'startUtc', '#j': 'joinCount', ...waitlistAttributeNames,
} as const;
export const names = (...keys: (keyof typeof N)[]) => Object.fromEntries(keys.map((k) => [k, N[k]]));

type Places = Pick<RsvpsRepository, 'cancel' | 'deleteRsvp' | 'fillFromWaitlist'>;

/** As the port's LeaveOutcome, with the RSVP as it was (a deletion's tombstone keeps its link hashes). */
type LeaveOutcome = Exclude<BaseLeaveOutcome, { already: false }> | (Extract<BaseLeaveOutcome, { already: false }> & { rsvp: StoredRsvp });

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

  /** The counters as they are, for notices that give the counts after a change (and conditions that keep them true). */
  async function counters(eventId: string): Promise<CountsAfter> {
    const out = await db.send(new GetCommand({ TableName: tableName, Key: eventKey(eventId), ConsistentRead: true, ProjectionExpression: '#c, #w', ExpressionAttributeNames: names('#c', '#w') }));
    return { confirmedCount: Number(out.Item?.confirmedCount ?? 0), waitlistCount: Number(out.Item?.waitlistCount ?? 0) };
  }

  /**
   * Someone leaves: cancels, is removed, or deletes their RSVP. One TransactWriteItems moves the counters (a freed
   * place goes to the first in line), changes or deletes the RSVP, and queues the emails; lost races are retried.
   */
  async function leave(input: CancelInput, mode: 'cancelled' | 'removed' | 'deleted'): Promise<LeaveOutcome> {
    const { eventId, key, cancelTokenHash, now, promotion, emails, exactCounts, activity = [], record = {}, release } = input;
    const nowIso = now.toISOString();
    let plainFree = false;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const rsvp = await get(eventId, key);
      if (!rsvp) return { ok: false, reason: 'not_found' };
      // The link from the confirmation email or from the latest reminder.
      if (cancelTokenHash !== undefined && rsvp.cancelTokenHash !== cancelTokenHash && rsvp.reminderCancelHash !== cancelTokenHash) return { ok: false, reason: 'invalid_token' };
      const from = rsvp.status;
      // Nothing to change: already cancelled or removed (or still pending, for a cancel). A deletion still deletes.
      if (mode !== 'deleted' && (from === 'cancelled' || from === 'removed' || (from === 'pending' && mode === 'cancelled'))) return { ok: true, already: true, status: from };
      if (leaveRefused(input, rsvp)) return { ok: true, already: true, status: from };
      const tokenCheck = cancelTokenHash === undefined ? '' : ' AND (cancelTokenHash = :cth OR reminderCancelHash = :cth)';
      // A release holds only while they have neither answered nor been checked in.
      const unanswered = release ? ' AND attribute_not_exists(stillComing) AND attribute_not_exists(checkedInAt)' : '';
      const recorded = Object.entries(record);
      const guard = {
        ConditionExpression: `#st = :from${tokenCheck}${unanswered}`,
        ExpressionAttributeNames: names('#st', ...(mode === 'deleted' ? [] : (['#gpk', '#gsk'] as const))),
        ExpressionAttributeValues: { ':from': from, ...(cancelTokenHash !== undefined ? { ':cth': cancelTokenHash } : {}) },
      };
      const rsvpItems: TransactItem[] = mode === 'deleted'
        ? [
            { Delete: { TableName: tableName, Key: rsvpKey(eventId, key), ...guard } },
            // Everything else kept about them for this meetup: their personal feed's link to it.
            { Delete: { TableName: tableName, Key: personLinkKey(personId(rsvp.email), eventId) } },
            deletedRsvpPut(tableName, eventId, key, { cancelTokenHash: rsvp.cancelTokenHash, reminderCancelHash: rsvp.reminderCancelHash, expiresAt: rsvp.expiresAt }),
          ]
        : [{
            Update: {
              TableName: tableName,
              Key: rsvpKey(eventId, key),
              // The cancel token stays, so pressing the button twice is answered the same both times.
              UpdateExpression: `SET #st = :to, ${mode}At = :nowIso, updatedAt = :nowIso${recorded.map((_, i) => `, #rec${i} = :rec${i}`).join('')} REMOVE #gpk, #gsk`,
              ...guard,
              ExpressionAttributeNames: { ...guard.ExpressionAttributeNames, ...Object.fromEntries(recorded.map(([name], i) => [`#rec${i}`, name])) },
              ExpressionAttributeValues: {
                ...guard.ExpressionAttributeValues, ':to': mode, ':nowIso': nowIso, ...Object.fromEntries(recorded.map(([, value], i) => [`:rec${i}`, value])),
              },
            },
          }];
      const before = emails || exactCounts ? await counters(eventId) : undefined;
      // With exact counts, the write holds only if nobody else moved the counters since they were read.
      const is = (name: '#c' | '#w', value: ':c0' | ':w0', count: number) => (count === 0 ? `(attribute_not_exists(${name}) OR ${name} = ${value})` : `${name} = ${value}`);
      const exact = exactCounts && before
        ? { cond: ` AND ${is('#c', ':c0', before.confirmedCount)} AND ${is('#w', ':w0', before.waitlistCount)}`, values: { ':c0': before.confirmedCount, ':w0': before.waitlistCount } }
        : { cond: '', values: {} };
      let eventItems: TransactItem[] = [];
      let promoted = false;
      let after = before;
      if (from === 'waitlisted') {
        eventItems = [{
          Update: {
            TableName: tableName, Key: eventKey(eventId),
            UpdateExpression: 'SET #w = #w - :one', ConditionExpression: `#w > :zero${exact.cond}`,
            ExpressionAttributeNames: names('#w', ...(exact.cond ? (['#c'] as const) : [])),
            ExpressionAttributeValues: { ':one': 1, ':zero': 0, ...exact.values },
          },
        }];
        after = before && { ...before, waitlistCount: before.waitlistCount - 1 };
      } else if (from === 'confirmed' || from === 'walkin') {
        const candidate = plainFree || !promotion ? undefined : await firstWaitlisted(eventId);
        if (candidate && promotion && candidate.key !== key) {
          // The freed place goes straight to the first in line: the confirmed count stays the same.
          promoted = true;
          eventItems = [
            {
              Update: {
                TableName: tableName, Key: eventKey(eventId),
                UpdateExpression: 'SET #w = #w - :one, #j = if_not_exists(#j, :zero) + :one',
                ConditionExpression: `#w > :zero AND (attribute_not_exists(#cap) OR #c <= #cap)${exact.cond}`,
                ExpressionAttributeNames: names('#w', '#c', '#cap', '#j'), ExpressionAttributeValues: { ':one': 1, ':zero': 0, ...exact.values },
              },
            },
            ...(await promoteItems(eventId, candidate, now, promotion)),
          ];
          after = before && { ...before, waitlistCount: before.waitlistCount - 1 };
        } else if (release) {
          // Nobody to give the place to: it stays theirs.
          return { ok: true, already: true, status: from };
        } else {
          // Nobody to promote (or capacity was lowered below the confirmed count): the place simply frees up.
          eventItems = [{
            Update: {
              TableName: tableName, Key: eventKey(eventId),
              UpdateExpression: 'SET #c = #c - :one',
              ConditionExpression: `#c > :zero${promotion ? ' AND (attribute_not_exists(#w) OR #w = :zero OR #c > #cap)' : ''}${exact.cond}`,
              ExpressionAttributeNames: names('#c', ...(promotion || exact.cond ? (['#w'] as const) : []), ...(promotion ? (['#cap'] as const) : [])),
              ExpressionAttributeValues: { ':one': 1, ':zero': 0, ...exact.values },
            },
          }];
          after = before && { ...before, confirmedCount: before.confirmedCount - 1 };
        }
      }
      const mails = emails && after && from !== 'cancelled' && from !== 'removed' ? emails({ rsvp, from, promoted, after }) : [];
      try {
        await transactWrite(client, {
          TransactItems: [...eventItems, ...rsvpItems, ...mails.map((m) => outboxPut(tableName, m)), ...activity.map((a) => activityPut(tableName, a))],
        });
        return { ok: true, already: false, from, promoted, rsvp };
      } catch (error) {
        const reasons = cancellationReasons(error);
        if (!reasons) throw error;
        // The event refused this path: with capacity lowered below the confirmed count there is no room to
        // promote into, so free the place plainly; if that is refused too, someone joined the waitlist meanwhile.
        if ((from === 'confirmed' || from === 'walkin') && conditionFailed(reasons, 0)) plainFree = !plainFree;
        // Someone else changed the event, this RSVP or the candidate first: look again and retry.
        await backoff(attempt);
      }
    }
    return { ok: false, reason: 'busy' };
  }

  return {
    async cancel(input) {
      const mode = cancelMode(input);
      return cancelOutcome(await leave(input, mode), mode);
    },

    async deleteRsvp(input) {
      const outcome = await leave(input, 'deleted');
      if (!outcome.ok) {
        const { reason } = outcome;
        if (reason !== 'not_found') return { ok: false, reason };
        // Deleted before: the tombstone says whether this is the same person's link.
        const out = await db.send(new GetCommand({ TableName: tableName, Key: deletedRsvpKey(input.eventId, input.key), ConsistentRead: true }));
        const gone = out.Item ? deletedRsvpFromItem(out.Item) : undefined;
        const theirs = gone && (gone.cancelTokenHash === input.cancelTokenHash || gone.reminderCancelHash === input.cancelTokenHash);
        return theirs ? { ok: true, already: true } : { ok: false, reason: 'invalid_token' };
      }
      if (outcome.already) return { ok: true, already: true };
      // Their per-address rate-limit counters for this meetup go too (best effort: they expire within the hour anyway).
      await batchDelete(client, tableName, rsvpCounterKeys(input.eventId, outcome.rsvp.email, input.now));
      const { from, promoted } = outcome;
      const freed = from === 'confirmed' || from === 'waitlisted' ? { from, promoted } : undefined;
      return { ok: true, already: false, ...(freed ? { freed } : {}) };
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
                  UpdateExpression: 'SET #c = if_not_exists(#c, :zero) + :one, #w = #w - :one, #j = if_not_exists(#j, :zero) + :one',
                  ConditionExpression: '#st = :published AND #w > :zero AND (attribute_not_exists(#cap) OR attribute_not_exists(#c) OR #c < #cap)',
                  ExpressionAttributeNames: names('#c', '#w', '#cap', '#st', '#j'),
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
