// Table items of check-in: the tap on an RSVP (`EVENT#<id>` / `RSVP#<key>`), a walk-in's RSVP and its place, and the
// day's self check-in code (`EVENT#<id>` / `CHECKIN_CODE`), a separate item beside the event so no read of the event
// (public pages, listings, feeds) can ever carry it; it expires with TTL.
import type { AttendanceSummary } from '#functions/core/event.ts';
import type { CheckInBy, StoredRsvp } from '#functions/core/rsvp.ts';
import type { GetCommandInput, PutCommandInput, UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Item, TransactItem } from '../client.ts';
import { tableDesign } from '../design.ts';
import { eventKey, eventPartition } from './event.ts';
import { rsvpKey } from './rsvp.ts';

const { partitionKey: PK, sortKey: SK, ttlAttribute: TTL } = tableDesign;

/** The statuses that hold a place, or wait for one: only these can be checked in. */
const PRESENT = [':confirmed', ':waitlisted', ':walkin'] as const;
const PRESENT_VALUES = { ':confirmed': 'confirmed', ':waitlisted': 'waitlisted', ':walkin': 'walkin' };

/**
 * One tap: checked in now by `by`, unless they already were (the first time and who stay). The old item comes back
 * either way: on success to tell a repeat from a first tap, on refusal to tell "no such RSVP" from "holds no place".
 */
export const checkInUpdate = (tableName: string, eventId: string, key: string, by: CheckInBy, now: string): UpdateCommandInput => ({
  TableName: tableName,
  Key: rsvpKey(eventId, key),
  UpdateExpression: 'SET checkedInAt = if_not_exists(checkedInAt, :now), checkedInBy = if_not_exists(checkedInBy, :by), updatedAt = :now',
  ConditionExpression: `attribute_exists(#pk) AND #st IN (${PRESENT.join(', ')})`,
  ExpressionAttributeNames: { '#pk': PK, '#st': 'status' },
  ExpressionAttributeValues: { ':now': now, ':by': by, ...PRESENT_VALUES },
  ReturnValues: 'ALL_OLD',
  ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
});

/** Undoes a tap (not a walk-in's: removing one frees its place). The old item comes back, as for a tap. */
export const undoCheckInUpdate = (tableName: string, eventId: string, key: string, now: string): UpdateCommandInput => ({
  TableName: tableName,
  Key: rsvpKey(eventId, key),
  UpdateExpression: 'SET updatedAt = :now REMOVE checkedInAt, checkedInBy',
  ConditionExpression: 'attribute_exists(#pk) AND #st <> :walkin',
  ExpressionAttributeNames: { '#pk': PK, '#st': 'status' },
  ExpressionAttributeValues: { ':now': now, ':walkin': 'walkin' },
  ReturnValues: 'ALL_OLD',
  ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
});

/** The RSVP as it is after a tap (`checkInUpdate`), from the item as it was. */
export const checkedIn = (old: StoredRsvp, by: CheckInBy, now: string): StoredRsvp => ({
  ...old, checkedInAt: old.checkedInAt ?? now, checkedInBy: old.checkedInBy ?? by, updatedAt: now,
});

/** Walk-ins never confirm by link: this can't be the hash of any token (hashes are 64 hex digits). */
export const WALK_IN_TOKEN_HASH = 'walk-in';

/** A walk-in as stored: checked in as they are added; no email is ever sent to one. */
export function walkInRsvp(input: { eventId: string; key: string; name: string; email?: string | undefined; by: CheckInBy; now: string; expiresAt: number }): StoredRsvp {
  const { eventId, key, name, email, by, now, expiresAt } = input;
  return {
    eventId, key, name, email: email?.trim().toLowerCase() ?? '', status: 'walkin',
    confirmTokenHash: WALK_IN_TOKEN_HASH, confirmTokenExpiresAt: 0,
    createdAt: now, updatedAt: now, checkedInAt: now, checkedInBy: by, expiresAt,
  };
}

/**
 * Adding a walk-in, in one transaction: a place taken on the published event while the capacity allows (action 0;
 * the event as it was comes back on refusal, to tell "full" from "closed"), and their RSVP (action 1), never over one.
 */
export function walkInAdd(tableName: string, rsvp: StoredRsvp): TransactItem[] {
  return [
    {
      Update: {
        TableName: tableName,
        Key: eventKey(rsvp.eventId),
        UpdateExpression: 'SET #c = if_not_exists(#c, :zero) + :one',
        ConditionExpression: '#st = :published AND (attribute_not_exists(#cap) OR attribute_not_exists(#c) OR #c < #cap)',
        ExpressionAttributeNames: { '#c': 'confirmedCount', '#cap': 'capacity', '#st': 'status' },
        ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':published': 'published' },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    },
    {
      Put: {
        TableName: tableName,
        Item: { ...rsvpKey(rsvp.eventId, rsvp.key), type: 'rsvp', ...rsvp, [TTL]: rsvp.expiresAt },
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': PK },
      },
    },
  ];
}

/** Removing a walk-in: their RSVP (only while a walk-in) and the place they held, together. */
export function walkInRemove(tableName: string, eventId: string, key: string): TransactItem[] {
  return [
    walkInDelete(tableName, eventId, key),
    {
      Update: {
        TableName: tableName,
        Key: eventKey(eventId),
        UpdateExpression: 'SET #c = #c - :one',
        ConditionExpression: '#c > :zero',
        ExpressionAttributeNames: { '#c': 'confirmedCount' },
        ExpressionAttributeValues: { ':zero': 0, ':one': 1 },
      },
    },
  ];
}

/** A walk-in's RSVP alone (for a counter already at zero: there is no place to give back). */
export const walkInDelete = (tableName: string, eventId: string, key: string): TransactItem => ({
  Delete: {
    TableName: tableName,
    Key: rsvpKey(eventId, key),
    ConditionExpression: '#st = :walkin',
    ExpressionAttributeNames: { '#st': 'status' },
    ExpressionAttributeValues: { ':walkin': 'walkin' },
  },
});

// ---- The day's code ----

export const checkInCodeKey = (eventId: string) => ({ [PK]: eventPartition(eventId), [SK]: 'CHECKIN_CODE' });

/** A new code replaces the last outright, so the old one stops working at once. */
export const checkInCodePut = (tableName: string, eventId: string, code: string, createdAt: string, expiresAt: number): PutCommandInput => ({
  TableName: tableName,
  Item: { ...checkInCodeKey(eventId), type: 'checkin-code', eventId, code, createdAt, [TTL]: expiresAt },
});

export const checkInCodeGet = (tableName: string, eventId: string): GetCommandInput => ({
  TableName: tableName,
  Key: checkInCodeKey(eventId),
  ConsistentRead: true,
});

/** The code item as the port gives it (whether it is in its window is the use case's rule, codeWindowOpen). */
export const checkInCodeFromItem = (item: Item | undefined) => (item ? { code: String(item.code), createdAt: String(item.createdAt) } : undefined);

// ---- The numbers ----

/** Keeps the meetup's counts on its event item; refused (and so nothing is made) if the event is gone. */
export const attendanceSummaryUpdate = (tableName: string, eventId: string, summary: AttendanceSummary): UpdateCommandInput => ({
  TableName: tableName,
  Key: eventKey(eventId),
  UpdateExpression: 'SET attendanceSummary = :s',
  ConditionExpression: 'attribute_exists(#pk)',
  ExpressionAttributeNames: { '#pk': PK },
  ExpressionAttributeValues: { ':s': summary },
});
