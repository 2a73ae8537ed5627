// Integration: keeping a meetup's numbers on DynamoDB Local, with a clock the tests move. Once the check-in window
// closes, the sweep counts the RSVPs and keeps the counts on the event, once; they stay after the RSVPs go (deleted
// here, standing for the TTL), and the organiser still sees them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createApp } from '#functions/apps/api/app.ts';
import { runSweeps } from '#functions/apps/reminders/sweeps.ts';
import { fixedClock } from '#functions/core/clock.ts';
import { newId } from '#functions/core/ids.ts';
import { createLogger } from '#functions/core/log.ts';
import { dynamoCheckIns } from '#functions/attendance/dynamo-check-ins.ts';
import { sweepSummaries, type SummarySweepDeps } from '#functions/attendance/summary-sweep.ts';
import { documentClient } from '#functions/table/client.ts';
import { rsvpKey } from '#functions/table/items/rsvp.ts';
import type { ReminderDeps } from '#functions/reminders/sweep.ts';
import type { FollowSweepDeps } from '#functions/follows/sweep.ts';
import { dynamoAnnouncementsRepository } from '#functions/follows/dynamo-announcements.repository.ts';
import { sweepDepsFor, testStack } from '../support/stack.ts';
import { peopleWithPlaces, publishedMeetup } from '../support/through-api.ts';

const clock = fixedClock('2026-11-27T09:00:00Z');
let stack: Awaited<ReturnType<typeof testStack>>;
let app: ReturnType<typeof createApp>;
let sweep: SummarySweepDeps;
let checkIns: ReturnType<typeof dynamoCheckIns>;

const post = (path: string, body: unknown) => app.request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

/** A published meetup, 12:30 to 13:30 London (UTC in December) on `day`, listed and confirmed through the API. */
async function meetup(day: string, over: Record<string, unknown> = {}) {
  clock.set('2026-11-27T09:00:00Z');
  const { id, manage } = await publishedMeetup(stack, app, { title: `Numbers ${newId(4)}`, start: `${day}T12:30`, end: `${day}T13:30`, capacity: 5, ...over });
  return { id, manage };
}

const confirmed = async (eventId: string, count: number) => (await peopleWithPlaces(stack, app, clock, eventId, count)).map((p) => p.key);

beforeAll(async () => {
  stack = await testStack(clock);
  app = createApp(stack.deps);
  checkIns = dynamoCheckIns(stack.dynamo, stack.tableName);
  sweep = { events: stack.deps.events, rsvps: stack.deps.rsvps, checkIns, clock, logger: createLogger('silent') };
});

afterAll(() => clock.set('2026-11-27T09:00:00Z'));

describe('the summary sweep', () => {
  it('keeps the counts once the check-in window closes, once, and they outlive the RSVPs', async () => {
    const { id, manage } = await meetup('2026-12-03');
    const [a, b, c] = await confirmed(id, 3);
    // Bo answered "still coming" (set directly: the question's sweep is tested on its own).
    const db = documentClient(stack.dynamo);
    await db.send(new UpdateCommand({
      TableName: stack.tableName, Key: rsvpKey(id, b!), UpdateExpression: 'SET stillComingAskedAt = :asked, stillComing = :yes',
      ExpressionAttributeValues: { ':asked': '2026-11-30T12:30:00.000Z', ':yes': 'yes' },
    }));
    clock.set('2026-12-03T12:35:00Z');
    await checkIns.checkIn({ eventId: id, key: a!, by: { via: 'team', name: 'Sam' }, now: clock.now() });
    await checkIns.checkIn({ eventId: id, key: b!, by: { via: 'code' }, now: clock.now() });
    const walkIn = await checkIns.addWalkIn({ eventId: id, name: 'Walk In', by: { via: 'team', name: 'Sam' }, now: clock.now(), expiresAt: Math.floor(Date.parse('2027-01-03') / 1000) });
    expect(walkIn.ok).toBe(true);

    // The window is still open until 14:30 (an hour after the end): nothing is kept yet.
    clock.set('2026-12-03T14:29:00Z');
    expect(await sweepSummaries(sweep)).toEqual({ kept: 0, failed: 0 });
    expect((await stack.deps.events.get(id))!.attendanceSummary).toBeUndefined();

    clock.set('2026-12-03T14:31:00Z');
    expect(await sweepSummaries(sweep)).toEqual({ kept: 1, failed: 0 });
    const kept = (await stack.deps.events.get(id))!.attendanceSummary;
    expect(kept).toMatchObject({ booked: 3, asked: 1, answeredYes: 1, checkedIn: 2, walkIns: 1, came: 3, noShows: 1, at: '2026-12-03T14:31:00.000Z' });

    // A second sweep (later, or at the same time) changes nothing.
    clock.set('2026-12-03T14:36:00Z');
    const [again, atOnce] = await Promise.all([sweepSummaries(sweep), sweepSummaries(sweep)]);
    expect(again.kept + atOnce.kept).toBe(0);
    expect((await stack.deps.events.get(id))!.attendanceSummary).toEqual(kept);

    // The RSVPs go (TTL, 30 days after): the numbers stay, and the organiser sees them as kept.
    for (const key of [a!, b!, c!, walkIn.ok ? walkIn.rsvp.key : '']) await db.send(new DeleteCommand({ TableName: stack.tableName, Key: rsvpKey(id, key) }));
    clock.set('2027-01-03T09:00:00Z');
    expect(await stack.deps.rsvps.list(id)).toEqual([]);
    expect((await stack.deps.events.get(id))!.attendanceSummary).toEqual(kept);
    const res = await post(`/api/events/${id}/attendees`, { token: manage });
    expect(res.status).toBe(200);
    const list = (await res.json()) as { attendees: unknown[]; numbers?: Record<string, unknown> };
    expect(list.attendees).toEqual([]);
    expect(list.numbers).toMatchObject({ booked: 3, came: 3, walkIns: 1, noShows: 1, noShowRate: 1 / 3, kept: true });
  });

  it('leaves out meetups still running, cancelled ones and ones closed before the lookback', async () => {
    const running = await meetup('2026-12-10', { end: '2026-12-11T13:30' });
    const cancelled = await meetup('2026-12-10');
    const old = await meetup('2026-12-06');
    await confirmed(running.id, 1);
    await confirmed(old.id, 1);
    expect((await post(`/api/events/${cancelled.id}/cancel`, { token: cancelled.manage })).status).toBe(200);

    clock.set('2026-12-10T15:00:00Z');
    expect(await sweepSummaries(sweep)).toEqual({ kept: 0, failed: 0 });
    for (const m of [running, cancelled, old]) expect((await stack.deps.events.get(m.id))!.attendanceSummary).toBeUndefined();
    // The long one closes at 14:30 the next day.
    clock.set('2026-12-11T14:31:00Z');
    expect(await sweepSummaries(sweep)).toEqual({ kept: 1, failed: 0 });
    expect((await stack.deps.events.get(running.id))!.attendanceSummary).toMatchObject({ booked: 1, came: 0, noShows: 1 });
  });

  it('runs as a pass of the scheduled sweeps, after the others, and a failing reminder pass does not stop it', async () => {
    const { id } = await meetup('2026-12-17');
    await confirmed(id, 2);
    clock.set('2026-12-17T14:31:00Z');
    const reminders: ReminderDeps = {
      ...sweepDepsFor(stack, clock),
      secret: () => Promise.reject(new Error('no secret today')),
    };
    const follows: FollowSweepDeps = {
      announcements: dynamoAnnouncementsRepository(stack.dynamo, stack.tableName), broadcasts: stack.deps.broadcasts, followers: stack.deps.followers, events: stack.deps.events,
      networks: stack.deps.networks, suppressions: stack.suppressions, clock, logger: createLogger('silent'), siteUrl: 'http://localhost:3000', feedSecret: stack.deps.feedSecret,
    };
    await expect(runSweeps({ reminders, follows, summaries: sweep })).rejects.toThrow('no secret today');
    expect((await stack.deps.events.get(id))!.attendanceSummary).toMatchObject({ booked: 2, came: 0 });
  });
});
