// RSVPs adapter: confirming on DynamoDB. One TransactWriteItems takes a place if one is free (or joins the waitlist
// if not) by conditions on the event's counters, never by reading and then writing; lost races are retried.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { backoff, cancellationReasons, conditionFailed, transactWrite, type CancellationReason } from '#functions/table/client.ts';
import { eventFromItem, eventKey } from '#functions/table/items/event.ts';
import { outboxPut } from '#functions/table/items/outbox.ts';
import { rsvpFromItem, rsvpKey, waitlistEntry } from '#functions/table/items/rsvp.ts';
import { MAX_ATTEMPTS, names } from './dynamo-rsvp-places.ts';
import type { ConfirmOutcome, RsvpsRepository } from './rsvps.repository.ts';
import type { OutboxMessage } from '#functions/core/email.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import { rsvpAvailability } from '#functions/core/availability.ts';
import type { StoredRsvp } from '#functions/core/rsvp.ts';

/** The event is open for RSVPs: published, not started, not closed by the organiser. */
const OPEN = '#st = :published AND #start > :nowIso AND (attribute_not_exists(#closed) OR #closed = :false)';

export function dynamoRsvpConfirm(client: DynamoDBClient, tableName: string): Pick<RsvpsRepository, 'confirm'> {
  /**
   * The path of a confirm whose RSVP update was refused: a used link answers how things stand (a place, a place in
   * line, cancelled, or removed by the organiser: never a place back); a fresh link of someone already going (they
   * asked again meanwhile) is marked used and re-mails a fresh cancel link, once.
   */
  async function alreadyDone(
    eventId: string, key: string, rsvp: StoredRsvp | undefined, confirmTokenHash: string, cancelTokenHash: string,
    now: Date, emails: Record<'confirmed' | 'waitlisted', OutboxMessage[]>,
  ): Promise<ConfirmOutcome> {
    if (!rsvp || rsvp.confirmTokenHash !== confirmTokenHash) return { ok: false, reason: 'invalid_token' };
    if (rsvp.status === 'removed') return { ok: true, status: 'removed', already: true };
    // A walk-in was added at the door and has no confirm link to use.
    if (rsvp.status === 'walkin') return { ok: false, reason: 'invalid_token' };
    if (rsvp.confirmTokenUsedAt && rsvp.status !== 'pending') return { ok: true, status: rsvp.status, already: true };
    if (rsvp.confirmTokenExpiresAt * 1000 <= now.getTime()) return { ok: false, reason: 'invalid_token' };
    if (rsvp.status !== 'confirmed' && rsvp.status !== 'waitlisted') return { ok: false, reason: 'invalid_token' };
    try {
      await transactWrite(client, {
        TransactItems: [
          {
            Update: {
              TableName: tableName,
              Key: rsvpKey(eventId, key),
              UpdateExpression: 'SET cancelTokenHash = :cth, confirmTokenUsedAt = :nowIso',
              ConditionExpression: '#st = :status AND confirmTokenHash = :h AND attribute_not_exists(confirmTokenUsedAt)',
              ExpressionAttributeNames: names('#st'),
              ExpressionAttributeValues: { ':cth': cancelTokenHash, ':nowIso': now.toISOString(), ':status': rsvp.status, ':h': confirmTokenHash },
            },
          },
          ...emails[rsvp.status].map((m) => outboxPut(tableName, m)),
        ],
      });
    } catch (error) {
      if (!cancellationReasons(error)) throw error;
    }
    return { ok: true, status: rsvp.status, already: true };
  }

  return {
    async confirm({ event, key, confirmTokenHash, cancelTokenHash, now, emails }) {
      const nowIso = now.toISOString();
      // The two outcomes differ only in which counter moves and what the RSVP becomes.
      const outcomes = {
        confirmed: {
          counter: '#c' as const,
          room: '(attribute_not_exists(#cap) OR attribute_not_exists(#c) OR #c < #cap)',
          rsvp: 'SET #st = :to, confirmedAt = :nowIso, updatedAt = :nowIso, cancelTokenHash = :cth, confirmTokenUsedAt = :nowIso REMOVE #gpk, #gsk, waitlistedAt, cancelledAt',
          values: {},
        },
        waitlisted: {
          counter: '#w' as const,
          room: 'attribute_exists(#cap) AND #c >= #cap',
          rsvp: 'SET #st = :to, waitlistedAt = :nowIso, updatedAt = :nowIso, cancelTokenHash = :cth, confirmTokenUsedAt = :nowIso, #gpk = :wpk, #gsk = :wsk REMOVE cancelledAt',
          values: waitlistEntry(event.id, nowIso, key),
        },
      };
      /** One TransactWriteItems: the event's counter, the RSVP, the emails. Undefined when it went through. */
      const attemptAs = async (status: keyof typeof outcomes): Promise<CancellationReason[] | undefined> => {
        const o = outcomes[status];
        try {
          await transactWrite(client, {
            TransactItems: [
              {
                Update: {
                  TableName: tableName,
                  Key: eventKey(event.id),
                  // joinCount tells the reminder sweep that someone new may need a reminder (reminders/reminder.ts).
                  UpdateExpression: `SET ${o.counter} = if_not_exists(${o.counter}, :zero) + :one, #j = if_not_exists(#j, :zero) + :one`,
                  ConditionExpression: `${OPEN} AND ${o.room}`,
                  ExpressionAttributeNames: names(o.counter, '#c', '#cap', '#st', '#start', '#closed', '#j'),
                  ExpressionAttributeValues: { ':published': 'published', ':nowIso': nowIso, ':false': false, ':zero': 0, ':one': 1 },
                  ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
                },
              },
              {
                Update: {
                  TableName: tableName,
                  Key: rsvpKey(event.id, key),
                  UpdateExpression: o.rsvp,
                  // A used link never takes a place again: asking again issues a fresh one.
                  ConditionExpression: '#st IN (:pending, :cancelled) AND confirmTokenHash = :h AND confirmTokenExpiresAt > :nowSec AND attribute_not_exists(confirmTokenUsedAt)',
                  ExpressionAttributeNames: names('#st', '#gpk', '#gsk'),
                  ExpressionAttributeValues: {
                    ':to': status, ':h': confirmTokenHash, ':cth': cancelTokenHash, ':nowIso': nowIso,
                    ':nowSec': Math.floor(now.getTime() / 1000), ':pending': 'pending', ':cancelled': 'cancelled', ...o.values,
                  },
                  ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
                },
              },
              ...emails[status].map((m) => outboxPut(tableName, m)),
            ],
          });
          return undefined;
        } catch (error) {
          const reasons = cancellationReasons(error);
          if (!reasons) throw error;
          return reasons;
        }
      };
      /** The event as it refused, when it refused for itself (closed, started, cancelled) rather than being full or free. */
      const refused = (reasons: CancellationReason[]): StoredEvent | undefined => {
        const current = reasons[0]?.item ? eventFromItem(reasons[0].item) : undefined;
        return conditionFailed(reasons, 0) && current && (!rsvpAvailability(current, now).open || current.status !== 'published') ? current : undefined;
      };

      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        // 1. Take a place if one is free; 2. if full, join the waitlist, unless a place freed up meanwhile.
        for (const status of ['confirmed', 'waitlisted'] as const) {
          const reasons = await attemptAs(status);
          if (!reasons) return { ok: true, status, already: false };
          if (conditionFailed(reasons, 1)) {
            const item = reasons[1]?.item;
            return alreadyDone(event.id, key, item ? rsvpFromItem(item) : undefined, confirmTokenHash, cancelTokenHash, now, emails);
          }
          const closed = refused(reasons);
          if (closed) return { ok: false, reason: 'closed', event: closed };
          if (!conditionFailed(reasons, 0)) break; // a conflict that outlived transactWrite's retries: start again
        }
        await backoff(attempt);
      }
      return { ok: false, reason: 'busy' };
    },
  };
}
