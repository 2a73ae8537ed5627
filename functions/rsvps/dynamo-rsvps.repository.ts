// RSVPs adapter: RsvpsRepository on DynamoDB. Capacity is enforced by conditions on the event's counters inside
// each TransactWriteItems, never by reading and then writing; lost races are retried.
import {
  GetItemCommand,
  QueryCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { tableDesign } from '#functions/table/design.ts';
import { backoff, marshall, queryAll, transactWrite, unmarshall } from '#functions/table/client.ts';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { AppError } from '#functions/core/errors.ts';
import { rateLimited } from '#functions/ratelimit/rate-limit.ts';
import { rateClaimUpdate } from '#functions/ratelimit/dynamo-rate-claims.ts';
import { outboxPut } from '#functions/mail/dynamo-outbox.ts';
import { personRsvpItems } from '#functions/feeds/dynamo-feeds.repository.ts';
import { newNonce } from '#functions/feeds/personal-token.ts';
import type { ConfirmOutcome, Promotion, RsvpsRepository } from './rsvps.repository.ts';
import { personId } from '#functions/core/person.ts';
import type { OutboxMessage } from '#functions/core/email.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import { CLOSED_MESSAGES, rsvpAvailability } from '#functions/core/availability.ts';
import type { StoredRsvp } from '#functions/core/rsvp.ts';

const { partitionKey: PK, sortKey: SK } = tableDesign;
const IDX = tableDesign.indexes.listing;
/** Optimistic retries for one state change; each lost race means someone else's change went through. */
const MAX_ATTEMPTS = 60;

const eventKey = (eventId: string) => marshall({ [PK]: `EVENT#${eventId}`, [SK]: 'EVENT' });
const rsvpKeyOf = (eventId: string, key: string) => marshall({ [PK]: `EVENT#${eventId}`, [SK]: `RSVP#${key}` });
const waitPartition = (eventId: string) => `WAIT#${eventId}`;

/** Names used by every expression here; DynamoDB rejects unused ones, so each call picks what it uses. */
const N = {
  '#st': 'status', '#c': 'confirmedCount', '#w': 'waitlistCount', '#cap': 'capacity', '#closed': 'rsvpsClosed',
  '#start': 'startUtc', '#gpk': IDX.partitionKey, '#gsk': IDX.sortKey,
} as const;
const names = (...keys: (keyof typeof N)[]) => Object.fromEntries(keys.map((k) => [k, N[k]]));

type Reasons = { code?: string; item?: Record<string, unknown> }[];

function reasonsOf(error: unknown): Reasons | undefined {
  if (!(error instanceof TransactionCanceledException) && (error as { name?: string })?.name !== 'TransactionCanceledException') return undefined;
  return ((error as TransactionCanceledException).CancellationReasons ?? []).map((r) => ({
    ...(r.Code ? { code: r.Code } : {}),
    ...(r.Item ? { item: unmarshall(r.Item) } : {}),
  }));
}

const failed = (reasons: Reasons | undefined, index: number) => reasons?.[index]?.code === 'ConditionalCheckFailed';

function closedError(event: StoredEvent, now: Date): AppError {
  const availability = rsvpAvailability(event, now);
  const reason = availability.open ? 'closed' : availability.reason;
  return new AppError('conflict', 'rsvps_closed', CLOSED_MESSAGES[reason]);
}

const invalidToken = () =>
  new AppError('forbidden', 'invalid_token', 'This link is not valid or has expired. Use the latest link from your email, or reserve again.');

/** The event is open for RSVPs: published, not started, not closed by the organiser. */
const OPEN = '#st = :published AND #start > :nowIso AND (attribute_not_exists(#closed) OR #closed = :false)';

export function dynamoRsvpsRepository(client: DynamoDBClient, tableName: string): RsvpsRepository {
  const fromItem = (item: Record<string, unknown>) => {
    const { [PK]: _pk, [SK]: _sk, [IDX.partitionKey]: _g, [IDX.sortKey]: _s, type: _t, ...rsvp } = item;
    return rsvp as unknown as StoredRsvp;
  };
  const toRsvp = (raw: Record<string, AttributeValue>) => fromItem(unmarshall(raw));

  async function firstWaitlisted(eventId: string): Promise<StoredRsvp | undefined> {
    const out = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: IDX.name,
        KeyConditionExpression: '#gpk = :p',
        ExpressionAttributeNames: names('#gpk'),
        ExpressionAttributeValues: marshall({ ':p': waitPartition(eventId) }),
        Limit: 1,
      }),
    );
    return out.Items?.[0] ? toRsvp(out.Items[0]) : undefined;
  }

  async function promoteItems(eventId: string, candidate: StoredRsvp, now: Date, promotion: Promotion): Promise<TransactWriteItem[]> {
    const { cancelTokenHash, email } = await promotion(candidate);
    return [
      {
        Update: {
          TableName: tableName,
          Key: rsvpKeyOf(eventId, candidate.key),
          UpdateExpression: 'SET #st = :confirmed, confirmedAt = :nowIso, updatedAt = :nowIso, cancelTokenHash = :cth REMOVE #gpk, #gsk, waitlistedAt',
          ConditionExpression: '#st = :waitlisted',
          ExpressionAttributeNames: names('#st', '#gpk', '#gsk'),
          ExpressionAttributeValues: marshall({ ':confirmed': 'confirmed', ':waitlisted': 'waitlisted', ':nowIso': now.toISOString(), ':cth': cancelTokenHash }),
        },
      },
      outboxPut(tableName, email),
    ];
  }

  /** The already-confirmed path of confirm(): idempotent, re-mailing only for a fresh (unused) confirm link. */
  async function resendIfFresh(
    eventId: string, key: string, item: Record<string, unknown> | undefined, confirmTokenHash: string, cancelTokenHash: string,
    now: Date, emails: Record<'confirmed' | 'waitlisted', OutboxMessage[]>,
  ): Promise<ConfirmOutcome> {
    const rsvp = item as unknown as StoredRsvp | undefined;
    if (!rsvp || rsvp.confirmTokenHash !== confirmTokenHash || rsvp.confirmTokenExpiresAt * 1000 <= now.getTime()) throw invalidToken();
    if (rsvp.status !== 'confirmed' && rsvp.status !== 'waitlisted') throw invalidToken();
    if (rsvp.confirmTokenUsedAt) return { status: rsvp.status, already: true };
    // They asked again after confirming (and perhaps lost the email): a fresh cancel link, mailed once.
    try {
      await transactWrite(client, {
        TransactItems: [
          {
            Update: {
              TableName: tableName,
              Key: rsvpKeyOf(eventId, key),
              UpdateExpression: 'SET cancelTokenHash = :cth, confirmTokenUsedAt = :nowIso',
              ConditionExpression: '#st = :status AND confirmTokenHash = :h AND attribute_not_exists(confirmTokenUsedAt)',
              ExpressionAttributeNames: names('#st'),
              ExpressionAttributeValues: marshall({ ':cth': cancelTokenHash, ':nowIso': now.toISOString(), ':status': rsvp.status, ':h': confirmTokenHash }),
            },
          },
          ...emails[rsvp.status].map((m) => outboxPut(tableName, m)),
        ],
      });
    } catch (error) {
      if (!reasonsOf(error)) throw error;
    }
    return { status: rsvp.status, already: true };
  }

  async function get(eventId: string, key: string): Promise<StoredRsvp | undefined> {
    const out = await client.send(new GetItemCommand({ TableName: tableName, Key: rsvpKeyOf(eventId, key), ConsistentRead: true }));
    return out.Item ? toRsvp(out.Item) : undefined;
  }

  return {
    async request(rsvp, claims, email) {
      const claimUpdates = claims.map((c) => rateClaimUpdate(tableName, c));
      const upsert: TransactWriteItem = {
        Update: {
          TableName: tableName,
          Key: rsvpKeyOf(rsvp.eventId, rsvp.key),
          // A new RSVP starts pending; an existing one keeps its status and gets a fresh, unused confirm link.
          UpdateExpression: [
            'SET #type = :type, eventId = :eventId, #key = :key, #name = :name, email = :email,',
            'confirmTokenHash = :cth, confirmTokenExpiresAt = :cexp, updatedAt = :now,',
            'createdAt = if_not_exists(createdAt, :now), #st = if_not_exists(#st, :pending), #ttl = :ttl',
            rsvp.note ? ', note = :note' : '',
            rsvp.note ? 'REMOVE confirmTokenUsedAt' : 'REMOVE confirmTokenUsedAt, note',
          ].join(' '),
          ExpressionAttributeNames: { '#type': 'type', '#key': 'key', '#name': 'name', '#st': 'status', '#ttl': tableDesign.ttlAttribute },
          ExpressionAttributeValues: marshall({
            ':type': 'rsvp', ':eventId': rsvp.eventId, ':key': rsvp.key, ':name': rsvp.name, ':email': rsvp.email,
            ':cth': rsvp.confirmTokenHash, ':cexp': rsvp.confirmTokenExpiresAt, ':now': rsvp.now, ':pending': 'pending',
            ':ttl': rsvp.expiresAt, ...(rsvp.note ? { ':note': rsvp.note } : {}),
          }),
        },
      };
      try {
        // The person's feed record and their link to this event come with the RSVP, so their personal feed can find it.
        const person = personRsvpItems(tableName, {
          personId: personId(rsvp.email), nonce: newNonce(), eventId: rsvp.eventId, rsvpKey: rsvp.key, rsvpExpiresAt: rsvp.expiresAt, now: new Date(rsvp.now),
        });
        await transactWrite(client, { TransactItems: [...claimUpdates, upsert, ...person, outboxPut(tableName, email)] });
      } catch (error) {
        const reasons = reasonsOf(error);
        const over = claims.findIndex((_, i) => failed(reasons, i));
        if (over >= 0) throw rateLimited(claims[over]!);
        throw error;
      }
    },

    get,

    async confirm({ event, key, confirmTokenHash, cancelTokenHash, now, emails }): Promise<ConfirmOutcome> {
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
          values: { ':wpk': waitPartition(event.id), ':wsk': `${nowIso}#${key}` },
        },
      };
      /** One TransactWriteItems: the event's counter, the RSVP, the emails. Undefined when it went through. */
      const attemptAs = async (status: keyof typeof outcomes): Promise<Reasons | undefined> => {
        const o = outcomes[status];
        try {
          await transactWrite(client, {
            TransactItems: [
              {
                Update: {
                  TableName: tableName,
                  Key: eventKey(event.id),
                  UpdateExpression: `SET ${o.counter} = if_not_exists(${o.counter}, :zero) + :one`,
                  ConditionExpression: `${OPEN} AND ${o.room}`,
                  ExpressionAttributeNames: names(o.counter, '#c', '#cap', '#st', '#start', '#closed'),
                  ExpressionAttributeValues: marshall({ ':published': 'published', ':nowIso': nowIso, ':false': false, ':zero': 0, ':one': 1 }),
                  ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
                },
              },
              {
                Update: {
                  TableName: tableName,
                  Key: rsvpKeyOf(event.id, key),
                  UpdateExpression: o.rsvp,
                  ConditionExpression: '#st IN (:pending, :cancelled) AND confirmTokenHash = :h AND confirmTokenExpiresAt > :nowSec',
                  ExpressionAttributeNames: names('#st', '#gpk', '#gsk'),
                  ExpressionAttributeValues: marshall({
                    ':to': status, ':h': confirmTokenHash, ':cth': cancelTokenHash, ':nowIso': nowIso,
                    ':nowSec': Math.floor(now.getTime() / 1000), ':pending': 'pending', ':cancelled': 'cancelled', ...o.values,
                  }),
                  ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
                },
              },
              ...emails[status].map((m) => outboxPut(tableName, m)),
            ],
          });
          return undefined;
        } catch (error) {
          const reasons = reasonsOf(error);
          if (!reasons) throw error;
          return reasons;
        }
      };
      /** Whether the event itself refused (closed, started, cancelled) rather than being full or free. */
      const refused = (reasons: Reasons) => {
        const current = reasons[0]?.item as unknown as StoredEvent | undefined;
        return failed(reasons, 0) && current && (!rsvpAvailability(current, now).open || current.status !== 'published') ? current : undefined;
      };

      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        // 1. Take a place if one is free; 2. if full, join the waitlist, unless a place freed up meanwhile.
        for (const status of ['confirmed', 'waitlisted'] as const) {
          const reasons = await attemptAs(status);
          if (!reasons) return { status, already: false };
          if (failed(reasons, 1)) return resendIfFresh(event.id, key, reasons[1]?.item, confirmTokenHash, cancelTokenHash, now, emails);
          const closed = refused(reasons);
          if (closed) throw closedError(closed, now);
          if (!failed(reasons, 0)) break; // a conflict that outlived transactWrite's retries: start again
        }
        await backoff(attempt);
      }
      throw new AppError('conflict', 'busy', 'Lots of people are reserving right now. Please try again in a moment.');
    },

    async cancel({ eventId, key, cancelTokenHash, now, promotion }) {
      const nowIso = now.toISOString();
      let plainFree = false;
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const rsvp = await get(eventId, key);
        if (!rsvp) throw new AppError('not_found', 'not_found', 'That RSVP does not exist.');
        // The link from the confirmation email or from the latest reminder.
        if (cancelTokenHash !== undefined && rsvp.cancelTokenHash !== cancelTokenHash && rsvp.reminderCancelHash !== cancelTokenHash) throw invalidToken();
        if (rsvp.status === 'cancelled' || rsvp.status === 'pending') return { promoted: false };
        const tokenCheck = cancelTokenHash === undefined ? '' : ' AND (cancelTokenHash = :cth OR reminderCancelHash = :cth)';
        const cancelRsvp = (from: 'confirmed' | 'waitlisted'): TransactWriteItem => ({
          Update: {
            TableName: tableName,
            Key: rsvpKeyOf(eventId, key),
            // The cancel token stays, so pressing the button twice is answered the same both times.
            UpdateExpression: 'SET #st = :cancelled, cancelledAt = :nowIso, updatedAt = :nowIso REMOVE #gpk, #gsk',
            ConditionExpression: `#st = :from${tokenCheck}`,
            ExpressionAttributeNames: names('#st', '#gpk', '#gsk'),
            ExpressionAttributeValues: marshall({ ':cancelled': 'cancelled', ':from': from, ':nowIso': nowIso, ...(cancelTokenHash !== undefined ? { ':cth': cancelTokenHash } : {}) }),
          },
        });
        let items: TransactWriteItem[];
        let promoted = false;
        if (rsvp.status === 'waitlisted') {
          items = [
            {
              Update: {
                TableName: tableName, Key: eventKey(eventId),
                UpdateExpression: 'SET #w = #w - :one', ConditionExpression: '#w > :zero',
                ExpressionAttributeNames: names('#w'), ExpressionAttributeValues: marshall({ ':one': 1, ':zero': 0 }),
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
                  ExpressionAttributeNames: names('#w', '#c', '#cap'), ExpressionAttributeValues: marshall({ ':one': 1, ':zero': 0 }),
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
                  ExpressionAttributeNames: names('#c', '#w', '#cap'), ExpressionAttributeValues: marshall({ ':one': 1, ':zero': 0 }),
                },
              },
              cancelRsvp('confirmed'),
            ];
          }
        }
        try {
          await transactWrite(client, { TransactItems: items });
          return { promoted };
        } catch (error) {
          const reasons = reasonsOf(error);
          if (!reasons) throw error;
          // The event refused this path: with capacity lowered below the confirmed count there is no room to
          // promote into, so free the place plainly; if that is refused too, someone joined the waitlist meanwhile.
          if (rsvp.status === 'confirmed' && failed(reasons, 0)) plainFree = !plainFree;
          // Someone else changed the event, this RSVP or the candidate first: look again and retry.
          await backoff(attempt);
        }
      }
      throw new AppError('conflict', 'busy', 'Lots of people are changing their plans right now. Please try again in a moment.');
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
                  ExpressionAttributeValues: marshall({ ':one': 1, ':zero': 0, ':published': 'published' }),
                  ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
                },
              },
              ...(await promoteItems(eventId, candidate, now, promotion)),
            ],
          });
          promoted++;
        } catch (error) {
          const reasons = reasonsOf(error);
          if (!reasons) throw error;
          if (failed(reasons, 0)) return promoted; // full again, or the waitlist emptied
        }
      }
      return promoted;
    },

    async list(eventId) {
      const items = await queryAll(client, {
        TableName: tableName,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
        ExpressionAttributeNames: { '#pk': PK, '#sk': SK },
        ExpressionAttributeValues: marshall({ ':pk': `EVENT#${eventId}`, ':prefix': 'RSVP#' }),
        ConsistentRead: true,
      });
      return items.map(fromItem);
    },

    async setRemindersOff(eventId, key) {
      try {
        await client.send(new UpdateItemCommand({
          TableName: tableName,
          Key: rsvpKeyOf(eventId, key),
          UpdateExpression: 'SET remindersOff = :true',
          ConditionExpression: 'attribute_exists(#st)',
          ExpressionAttributeNames: names('#st'),
          ExpressionAttributeValues: marshall({ ':true': true }),
        }));
        return true;
      } catch (error) {
        if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
        throw error;
      }
    },

    async waitlistPosition(rsvp) {
      const out = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: IDX.name,
          KeyConditionExpression: '#gpk = :p AND #gsk <= :me',
          ExpressionAttributeNames: names('#gpk', '#gsk'),
          ExpressionAttributeValues: marshall({ ':p': waitPartition(rsvp.eventId), ':me': `${rsvp.waitlistedAt}#${rsvp.key}` }),
          Select: 'COUNT',
        }),
      );
      return out.Count ?? 0;
    },
  };
}
