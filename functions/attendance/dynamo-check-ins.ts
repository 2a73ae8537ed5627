// Attendance adapter: CheckInsRepository on DynamoDB. A tap is one conditional UpdateItem on the RSVP, so twenty
// helpers at the door never contend on the event item; only walk-ins, which take a place, move its counter (in a
// transaction with the capacity condition, as RSVPs do). The expressions are in table/items/check-in.ts.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { backoff, cancellationReasons, conditionFailed, documentClient, isConditionFailed, transactWrite } from '#functions/table/client.ts';
import {
  attendanceSummaryUpdate, checkedIn, checkInCodeFromItem, checkInCodeGet, checkInCodePut, checkInUpdate,
  undoCheckInUpdate, walkInAdd, walkInDelete, walkInRemove, walkInRsvp,
} from '#functions/table/items/check-in.ts';
import { rsvpFromItem, rsvpKey } from '#functions/table/items/rsvp.ts';
import { hashSecret, newToken } from '#functions/core/ids.ts';
import type { StoredRsvp } from '#functions/core/rsvp.ts';
import type { CheckInOutcome, CheckInsRepository } from './check-ins.repository.ts';

/** Retries for a walk-in that keeps losing races with other writes to the event item (each loss: theirs went through). */
const MAX_ATTEMPTS = 60;

/**
 * A walk-in's RSVP key: from the client's request id, so a resend finds the walk-in it added; else random. Never an
 * address's key (those hash `<event>:<address>`).
 */
const walkInKey = (eventId: string, requestId: string | undefined) => hashSecret(`walk-in ${eventId} ${requestId ?? newToken()}`).slice(0, 24);

export function dynamoCheckIns(client: DynamoDBClient, tableName: string): CheckInsRepository {
  const db = documentClient(client);

  async function getRsvp(eventId: string, key: string): Promise<StoredRsvp | undefined> {
    const out = await db.send(new GetCommand({ TableName: tableName, Key: rsvpKey(eventId, key), ConsistentRead: true }));
    return out.Item ? rsvpFromItem(out.Item) : undefined;
  }

  /** A refused tap or undo: no such RSVP at this meetup, or one that holds no place. */
  function refused(error: unknown): CheckInOutcome {
    if (!isConditionFailed(error)) throw error;
    // The item as it was (ReturnValuesOnConditionCheckFailure), if there was one; the DocumentClient leaves it in wire form.
    return { ok: false, reason: (error as { Item?: unknown }).Item ? 'no_place' : 'not_found' };
  }

  return {
    async checkIn({ eventId, key, by, now }) {
      const nowIso = now.toISOString();
      try {
        const out = await db.send(new UpdateCommand(checkInUpdate(tableName, eventId, key, by, nowIso)));
        const old = rsvpFromItem(out.Attributes!);
        return { ok: true, already: old.checkedInAt !== undefined, rsvp: checkedIn(old, by, nowIso) };
      } catch (error) {
        return refused(error);
      }
    },

    async undoCheckIn({ eventId, key, now }) {
      const nowIso = now.toISOString();
      try {
        const out = await db.send(new UpdateCommand(undoCheckInUpdate(tableName, eventId, key, nowIso)));
        const { checkedInAt, checkedInBy: _by, ...rest } = rsvpFromItem(out.Attributes!);
        return { ok: true, already: checkedInAt === undefined, rsvp: { ...rest, updatedAt: nowIso } };
      } catch (error) {
        return refused(error);
      }
    },

    async addWalkIn({ eventId, name, email, by, now, expiresAt, requestId }) {
      const rsvp = walkInRsvp({ eventId, key: walkInKey(eventId, requestId), name, email, by, now: now.toISOString(), expiresAt });
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        try {
          await transactWrite(client, { TransactItems: walkInAdd(tableName, rsvp) });
          return { ok: true, rsvp };
        } catch (error) {
          const reasons = cancellationReasons(error);
          if (!reasons) throw error;
          if (conditionFailed(reasons)) {
            // A resend of a walk-in already added answers with that one, even if the meetup filled up since.
            const first = requestId === undefined ? undefined : await getRsvp(eventId, rsvp.key);
            if (first) return { ok: true, rsvp: first };
            if (conditionFailed(reasons, 0)) {
              const event = reasons[0]?.item;
              return { ok: false, reason: event?.status === 'published' ? 'full' : 'closed' };
            }
          }
          // Lost a race for the event item (transactWrite's own retries ran out): try again.
          await backoff(attempt);
        }
      }
      throw new Error(`walk-in at ${eventId}: lost ${MAX_ATTEMPTS} races in a row`);
    },

    async removeWalkIn({ eventId, key }) {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        try {
          await transactWrite(client, { TransactItems: walkInRemove(tableName, eventId, key) });
          return { ok: true };
        } catch (error) {
          const reasons = cancellationReasons(error);
          if (!reasons) throw error;
          if (conditionFailed(reasons, 0)) {
            // Gone already (a repeat) is done; anyone else is not a walk-in, and is left alone.
            const rsvp = await getRsvp(eventId, key);
            return { ok: rsvp === undefined };
          }
          if (conditionFailed(reasons, 1)) {
            // The counter is already at zero: there is no place to give back, only the walk-in to remove.
            try {
              await db.send(new DeleteCommand(walkInDelete(tableName, eventId, key).Delete!));
              return { ok: true };
            } catch (inner) {
              if (!isConditionFailed(inner)) throw inner;
              return { ok: (await getRsvp(eventId, key)) === undefined };
            }
          }
          await backoff(attempt);
        }
      }
      throw new Error(`removing walk-in ${key} at ${eventId}: lost ${MAX_ATTEMPTS} races in a row`);
    },

    async code(eventId) {
      const out = await db.send(new GetCommand(checkInCodeGet(tableName, eventId)));
      return checkInCodeFromItem(out.Item);
    },

    async rotateCode(eventId, code, now, expiresAt) {
      await db.send(new PutCommand(checkInCodePut(tableName, eventId, code, now.toISOString(), expiresAt)));
    },

    async saveSummary(eventId, summary) {
      try {
        await db.send(new UpdateCommand(attendanceSummaryUpdate(tableName, eventId, summary)));
      } catch (error) {
        if (!isConditionFailed(error)) throw error; // the event is gone, and its numbers with it
      }
    },
  };
}
