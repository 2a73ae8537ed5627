// Integration: the check-in adapter on DynamoDB Local — one tap is one conditional UpdateItem on the RSVP (repeats keep
// the first time and who), undo, refusals for people without a place and for another meetup's RSVP, walk-ins taking
// places under the capacity (also when racing), the day's code beside the event, and the numbers kept on the event.
import { beforeAll, describe, expect, it } from 'vitest';
import { BatchWriteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoCheckIns } from '#functions/attendance/dynamo-check-ins.ts';
import type { CheckInsRepository } from '#functions/attendance/check-ins.repository.ts';
import { fixedClock } from '#functions/core/clock.ts';
import type { AttendanceSummary, StoredEvent } from '#functions/core/event.ts';
import { hashSecret, newId, newToken } from '#functions/core/ids.ts';
import type { CheckInBy, StoredRsvp } from '#functions/core/rsvp.ts';
import { createEvent, publishEvent } from '#functions/events/event.ts';
import { eventInputSchema } from '#functions/events/event.schema.ts';
import { rsvpKey as rsvpKeyOf } from '#functions/rsvps/rsvp.ts';
import { documentClient } from '#functions/table/client.ts';
import { eventFromItem, eventKey } from '#functions/table/items/event.ts';
import { checkInCodeKey } from '#functions/table/items/check-in.ts';
import { rsvpKey } from '#functions/table/items/rsvp.ts';
import { validMeetup } from '../support/fakes.ts';
import { testStack } from '../support/stack.ts';

const NOW = new Date('2026-12-10T12:55:00Z');
const clock = fixedClock(NOW.toISOString());
const EXPIRES = Math.floor(NOW.getTime() / 1000) + 31 * 86_400;
const helper: CheckInBy = { via: 'team', name: 'Aoife' };
let stack: Awaited<ReturnType<typeof testStack>>;
let repo: CheckInsRepository;

beforeAll(async () => {
  stack = await testStack(clock);
  repo = dynamoCheckIns(stack.dynamo, stack.tableName);
});

const db = () => documentClient(stack.dynamo);

/** A published meetup today, stored through the events repository. */
async function meetup(capacity?: number): Promise<StoredEvent> {
  const input = eventInputSchema.parse(validMeetup({ start: '2026-12-10T13:00', end: '2026-12-10T15:00', ...(capacity ? { capacity } : {}) }));
  const draft = createEvent(input, { id: newId(), tokenHash: hashSecret(newToken()) }, new Date('2026-12-01T09:00:00Z'));
  expect((await stack.deps.events.create(draft, [], [])).ok).toBe(true);
  const published = publishEvent(draft, new Date('2026-12-01T09:00:00Z'));
  expect((await stack.deps.events.save(published, draft)).ok).toBe(true);
  return published;
}

/** RSVPs in the given statuses, written straight to the table (the counters don't matter to a tap). */
async function rsvps(event: StoredEvent, statuses: StoredRsvp['status'][]): Promise<StoredRsvp[]> {
  const made = statuses.map((status, i): StoredRsvp => {
    const email = `person-${i}-${newId(4)}@example.org`;
    return {
      eventId: event.id, key: rsvpKeyOf(event.id, email), name: `Person ${i}`, email, status, confirmTokenHash: hashSecret(newToken()),
      confirmTokenExpiresAt: 0, createdAt: '2026-12-01T10:00:00.000Z', updatedAt: '2026-12-01T10:00:00.000Z', expiresAt: EXPIRES,
    };
  });
  await db().send(new BatchWriteCommand({
    RequestItems: { [stack.tableName]: made.map((r) => ({ PutRequest: { Item: { ...rsvpKey(event.id, r.key), type: 'rsvp', ...r } } })) },
  }));
  return made;
}

const stored = async (eventId: string, key: string) => (await db().send(new GetCommand({ TableName: stack.tableName, Key: rsvpKey(eventId, key), ConsistentRead: true }))).Item;
const eventItem = async (id: string) => eventFromItem((await db().send(new GetCommand({ TableName: stack.tableName, Key: eventKey(id), ConsistentRead: true }))).Item!);
const later = (ms: number) => new Date(NOW.getTime() + ms);

describe('a tap', () => {
  it('checks someone in once: a second tap, from another helper, keeps the first time and who', async () => {
    const event = await meetup();
    const [person] = await rsvps(event, ['confirmed']);
    const first = await repo.checkIn({ eventId: event.id, key: person!.key, by: helper, now: NOW });
    expect(first).toMatchObject({ ok: true, already: false, rsvp: { key: person!.key, checkedInAt: NOW.toISOString(), checkedInBy: helper, status: 'confirmed' } });
    const again = await repo.checkIn({ eventId: event.id, key: person!.key, by: { via: 'code' }, now: later(60_000) });
    expect(again).toMatchObject({ ok: true, already: true, rsvp: { checkedInAt: NOW.toISOString(), checkedInBy: helper } });
    expect(await stored(event.id, person!.key)).toMatchObject({ checkedInAt: NOW.toISOString(), checkedInBy: helper, email: person!.email });
  });

  it('two taps at the same moment: one is the first, the other a repeat', async () => {
    const event = await meetup();
    const [person] = await rsvps(event, ['confirmed']);
    const taps = await Promise.all([helper, { via: 'manage-link' } as const].map((by) => repo.checkIn({ eventId: event.id, key: person!.key, by, now: NOW })));
    expect(taps.map((t) => t.ok && t.already).sort()).toEqual([false, true]);
    const firstBy = taps.find((t) => t.ok && !t.already)!;
    expect(firstBy.ok && (await stored(event.id, person!.key))?.checkedInBy).toEqual(firstBy.ok && firstBy.rsvp.checkedInBy);
  });

  it('checks in the waitlisted and walk-ins; refuses pending, cancelled and removed people as holding no place', async () => {
    const event = await meetup();
    const people = await rsvps(event, ['waitlisted', 'walkin', 'pending', 'cancelled', 'removed']);
    const outcomes = await Promise.all(people.map((p) => repo.checkIn({ eventId: event.id, key: p.key, by: helper, now: NOW })));
    expect(outcomes.map((o) => (o.ok ? 'in' : o.reason))).toEqual(['in', 'in', 'no_place', 'no_place', 'no_place']);
    for (const p of people.slice(2)) expect((await stored(event.id, p.key))?.checkedInAt).toBeUndefined();
  });

  it("is not_found for an unknown key, and for another meetup's RSVP, which stays untouched", async () => {
    const [a, b] = [await meetup(), await meetup()];
    const [fromA] = await rsvps(a, ['confirmed']);
    expect(await repo.checkIn({ eventId: b.id, key: fromA!.key, by: helper, now: NOW })).toEqual({ ok: false, reason: 'not_found' });
    expect(await repo.checkIn({ eventId: a.id, key: 'f'.repeat(24), by: helper, now: NOW })).toEqual({ ok: false, reason: 'not_found' });
    expect(await stored(b.id, fromA!.key)).toBeUndefined();
    expect((await stored(a.id, fromA!.key))?.checkedInAt).toBeUndefined();
  });
});

describe('undo', () => {
  it('clears the check-in, idempotently; a tap after it checks in afresh', async () => {
    const event = await meetup();
    const [person] = await rsvps(event, ['confirmed']);
    await repo.checkIn({ eventId: event.id, key: person!.key, by: helper, now: NOW });
    const undone = await repo.undoCheckIn({ eventId: event.id, key: person!.key, now: later(1000) });
    expect(undone).toMatchObject({ ok: true, already: false, rsvp: { status: 'confirmed' } });
    expect(undone.ok && undone.rsvp.checkedInAt).toBeUndefined();
    expect(await repo.undoCheckIn({ eventId: event.id, key: person!.key, now: later(2000) })).toMatchObject({ ok: true, already: true });
    const item = await stored(event.id, person!.key);
    expect(item?.checkedInAt).toBeUndefined();
    expect(item?.checkedInBy).toBeUndefined();
    const again = await repo.checkIn({ eventId: event.id, key: person!.key, by: { via: 'code' }, now: later(3000) });
    expect(again).toMatchObject({ ok: true, already: false, rsvp: { checkedInAt: later(3000).toISOString(), checkedInBy: { via: 'code' } } });
  });

  it("refuses a walk-in (that is removeWalkIn) and another meetup's RSVP", async () => {
    const [a, b] = [await meetup(), await meetup()];
    const [walkIn, fromA] = await rsvps(a, ['walkin', 'confirmed']);
    expect(await repo.undoCheckIn({ eventId: a.id, key: walkIn!.key, now: NOW })).toEqual({ ok: false, reason: 'no_place' });
    expect(await repo.undoCheckIn({ eventId: b.id, key: fromA!.key, now: NOW })).toEqual({ ok: false, reason: 'not_found' });
    expect(await stored(b.id, fromA!.key)).toBeUndefined();
  });
});

describe('walk-ins', () => {
  const walkIn = (eventId: string, name: string, over: { email?: string; requestId?: string } = {}) =>
    repo.addWalkIn({ eventId, name, by: helper, now: NOW, expiresAt: EXPIRES, ...over });

  it('take places while the capacity allows, checked in, and are refused when full', async () => {
    const event = await meetup(2);
    const first = await walkIn(event.id, 'Rowan', { email: 'Rowan@Example.org' });
    expect(first).toMatchObject({ ok: true, rsvp: { status: 'walkin', name: 'Rowan', email: 'rowan@example.org', checkedInAt: NOW.toISOString(), checkedInBy: helper } });
    expect((await walkIn(event.id, 'Sasha')).ok).toBe(true);
    expect(await walkIn(event.id, 'Tam')).toEqual({ ok: false, reason: 'full' });
    expect((await eventItem(event.id)).confirmedCount).toBe(2);
    const item = await stored(event.id, first.ok ? first.rsvp.key : '');
    expect(item).toMatchObject({ type: 'rsvp', status: 'walkin', expiresAt: EXPIRES });
    // No confirm link can ever match a walk-in's stored hash.
    expect(item?.confirmTokenHash).not.toMatch(/^[0-9a-f]{64}$/);
  });

  it('10 racing for 3 places: exactly 3 get in, and the counter says 3', async () => {
    const event = await meetup(3);
    const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => walkIn(event.id, `Racer ${i}`)));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(3);
    expect(outcomes.filter((o) => !o.ok && o.reason === 'full')).toHaveLength(7);
    expect((await eventItem(event.id)).confirmedCount).toBe(3);
    const walkIns = (await stack.deps.rsvps.list(event.id)).filter((r) => r.status === 'walkin');
    expect(walkIns).toHaveLength(3);
  });

  it('without a capacity, anyone may walk in; a meetup not published is closed', async () => {
    const open = await meetup();
    expect((await walkIn(open.id, 'Uma')).ok).toBe(true);
    expect((await eventItem(open.id)).confirmedCount).toBe(1);
    expect(await walkIn('no-such-meetup', 'Vic')).toEqual({ ok: false, reason: 'closed' });
    const cancelled = await meetup(5);
    expect((await stack.deps.events.save({ ...cancelled, status: 'cancelled', version: cancelled.version + 1 }, cancelled)).ok).toBe(true);
    expect(await walkIn(cancelled.id, 'Wren')).toEqual({ ok: false, reason: 'closed' });
  });

  it('a resend with the same request id adds once, even once the meetup is full', async () => {
    const event = await meetup(1);
    const requestId = newToken();
    const first = await walkIn(event.id, 'Xan', { requestId });
    const again = await walkIn(event.id, 'Xan', { requestId });
    expect(first.ok && again.ok && again.rsvp.key).toBe(first.ok && first.rsvp.key);
    expect((await eventItem(event.id)).confirmedCount).toBe(1);
    expect(await walkIn(event.id, 'Yan', { requestId: newToken() })).toEqual({ ok: false, reason: 'full' });
  });

  it('removing one frees the place, idempotently; nobody else can be removed this way', async () => {
    const event = await meetup(1);
    const added = await walkIn(event.id, 'Zed');
    const key = added.ok ? added.rsvp.key : '';
    expect(await walkIn(event.id, 'Later')).toEqual({ ok: false, reason: 'full' });
    expect(await repo.removeWalkIn({ eventId: event.id, key })).toEqual({ ok: true });
    expect(await stored(event.id, key)).toBeUndefined();
    expect((await eventItem(event.id)).confirmedCount).toBe(0);
    expect(await repo.removeWalkIn({ eventId: event.id, key })).toEqual({ ok: true });
    expect((await eventItem(event.id)).confirmedCount).toBe(0);
    expect((await walkIn(event.id, 'Later')).ok).toBe(true);
    const [booked] = await rsvps(event, ['confirmed']);
    expect(await repo.removeWalkIn({ eventId: event.id, key: booked!.key })).toEqual({ ok: false });
    expect(await stored(event.id, booked!.key)).toMatchObject({ status: 'confirmed' });
  });
});

describe('the day’s code', () => {
  it('is none until made; a rotation replaces it; it lives beside the event, never on it, and expires', async () => {
    const event = await meetup();
    expect(await repo.code(event.id)).toBeUndefined();
    await repo.rotateCode(event.id, 'ABCD', NOW, EXPIRES);
    expect(await repo.code(event.id)).toEqual({ code: 'ABCD', createdAt: NOW.toISOString() });
    await repo.rotateCode(event.id, 'WXYZ', later(60_000), EXPIRES);
    expect(await repo.code(event.id)).toEqual({ code: 'WXYZ', createdAt: later(60_000).toISOString() });
    const item = (await db().send(new GetCommand({ TableName: stack.tableName, Key: checkInCodeKey(event.id) }))).Item;
    expect(item).toMatchObject({ code: 'WXYZ', expiresAt: EXPIRES });
    expect(JSON.stringify(await stack.deps.events.get(event.id))).not.toContain('WXYZ');
  });
});

describe('the numbers', () => {
  const summary = (came: number): AttendanceSummary => ({
    booked: 10, asked: 8, answeredYes: 5, answeredNo: 1, released: 1, checkedIn: came - 1, walkIns: 1, came, noShows: 11 - came, at: NOW.toISOString(),
  });

  it('are kept on the event and survive a later edit of it', async () => {
    const event = await meetup();
    await repo.saveSummary(event.id, summary(7));
    const read = (await stack.deps.events.get(event.id))!;
    expect(read.attendanceSummary).toEqual(summary(7));
    const edited = { ...read, title: 'Renamed after the day', version: read.version + 1 };
    expect((await stack.deps.events.save(edited, read)).ok).toBe(true);
    expect((await eventItem(event.id)).attendanceSummary).toEqual(summary(7));
    expect((await eventItem(event.id)).title).toBe('Renamed after the day');
    // A correction counted again replaces them.
    await repo.saveSummary(event.id, summary(8));
    expect((await eventItem(event.id)).attendanceSummary).toEqual(summary(8));
  });

  it('are not put back by an edit made from a read taken before a later count', async () => {
    const event = await meetup();
    await repo.saveSummary(event.id, summary(7));
    const stale = (await stack.deps.events.get(event.id))!;
    await repo.saveSummary(event.id, summary(9));
    expect((await stack.deps.events.save({ ...stale, title: 'Edited from an old page', version: stale.version + 1 }, stale)).ok).toBe(true);
    expect((await eventItem(event.id)).attendanceSummary).toEqual(summary(9));
    expect((await eventItem(event.id)).title).toBe('Edited from an old page');
  });

  it('make nothing for a meetup that is gone', async () => {
    await repo.saveSummary('gone-meetup', summary(3));
    expect((await db().send(new GetCommand({ TableName: stack.tableName, Key: eventKey('gone-meetup') }))).Item).toBeUndefined();
  });
});
