// Integration: the anonymous feedback on DynamoDB Local, through the app, from the record email's link. Two presses
// of "Send feedback" at once for one record store one answer and count one (one transaction, conditioned on the
// record having no answer yet); the answer item holds only the rating and texts; the meetup's counters stay on its
// item beside its fields.
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '#functions/apps/api/app.ts';
import { fixedClock } from '#functions/core/clock.ts';
import { newId } from '#functions/core/ids.ts';
import { createLogger } from '#functions/core/log.ts';
import { personId } from '#functions/core/person.ts';
import { feedbackToken } from '#functions/cpd/records.ts';
import { sweepRecords } from '#functions/cpd/records-sweep.ts';
import { documentClient } from '#functions/table/client.ts';
import { eventKey, eventPartition } from '#functions/table/items/event.ts';
import { inbox, testStack } from '../support/stack.ts';
import { peopleWithPlaces, publishedMeetup } from '../support/through-api.ts';

const clock = fixedClock('2026-11-27T09:00:00Z');
let stack: Awaited<ReturnType<typeof testStack>>;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  stack = await testStack(clock);
  app = createApp(stack.deps);
});
afterAll(() => clock.set('2026-11-27T09:00:00Z'));

describe('feedback on DynamoDB', () => {
  it('stores one answer and counts one for two POSTs at once for one record', async () => {
    const day = '2026-12-03';
    const { id } = await publishedMeetup(stack, app, { title: `Feedback ${newId(4)}`, start: `${day}T12:30`, end: `${day}T13:30`, capacity: 10 });
    const [ann] = await peopleWithPlaces(stack, app, clock, id, 1, () => 'Ann Answer');
    clock.set(`${day}T12:40:00Z`);
    await stack.deps.checkIns.checkIn({ eventId: id, key: ann!.key, by: { via: 'team', name: 'Sam' }, now: clock.now() });
    clock.set(`${day}T14:31:00Z`);
    expect((await sweepRecords({ ...stack.deps, clock, logger: createLogger('silent') })).issued).toBe(1);
    const [record] = (await stack.deps.cpdLog.log(personId(ann!.email))).records;
    const token = feedbackToken(await stack.deps.feedSecret(), record!.id);
    // The record email carries the link (the records sweep fills it in).
    await stack.deliver();
    const mail = (await inbox(stack.sesEndpoint, ann!.email)).find((m) => /^Your record of attendance: /.test(m.subject));
    expect(mail?.body.text).toContain(`${stack.deps.siteUrl}/events/${id}/feedback/${record!.id}?token=${token}`);

    // Opening the link changes nothing.
    expect((await app.request(`/events/${id}/feedback/${record!.id}?token=${token}`)).status).toBe(200);
    expect(await stack.deps.feedback.tally(id)).toEqual({ count: 0, sum: 0, ratings: [0, 0, 0, 0, 0] });

    const press = (rating: string, worked: string) => app.request(`/events/${id}/feedback/${record!.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', Origin: stack.deps.siteUrl },
      body: new URLSearchParams({ token, rating, worked, better: '' }).toString(),
    });
    const answers = await Promise.all([press('4', 'First press'), press('2', 'Second press')]);
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    const pages = await Promise.all(answers.map((r) => r.text()));
    expect(pages.filter((p) => p.includes('Thank you for your feedback'))).toHaveLength(1);
    expect(pages.filter((p) => p.includes('You’ve already sent your feedback, thank you'))).toHaveLength(1);

    const tally = await stack.deps.feedback.tally(id);
    expect(tally.count).toBe(1);
    const stored = await stack.deps.feedback.answers(id);
    expect(stored).toHaveLength(1);
    expect(tally.sum).toBe(stored[0]!.rating);
    expect((await stack.deps.cpdLog.recordById(record!.id))!.feedbackGivenAt).toBe(clock.now().toISOString());

    // The answer item: only the rating and the text, no person, record or time.
    const db = documentClient(stack.dynamo);
    const items = (await db.send(new QueryCommand({
      TableName: stack.tableName, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)', ExpressionAttributeValues: { ':pk': eventPartition(id), ':p': 'FEEDBACK#' },
    }))).Items!;
    expect(items).toHaveLength(1);
    expect(Object.keys(items[0]!).sort()).toEqual(['PK', 'SK', 'rating', 'type', 'worked']);

    // A third press later: already, nothing more counted.
    expect(await (await press('5', 'Later')).text()).toContain('You’ve already sent your feedback');
    expect((await stack.deps.feedback.tally(id)).count).toBe(1);
    // Many meetups' counters at once (a network's feedback): a meetup with no answers, or none at all, is absent.
    const { id: quiet } = await publishedMeetup(stack, app, { title: `Quiet ${newId(4)}`, start: '2026-12-20T12:30', end: '2026-12-20T13:30' });
    const tallies = await stack.deps.feedback.tallies([id, quiet, 'nosuchmeetup']);
    expect([...tallies.keys()]).toEqual([id]);
    expect(tallies.get(id)).toEqual(tally);
    const event = (await db.send(new GetCommand({ TableName: stack.tableName, Key: eventKey(id) }))).Item!;
    expect(event.feedbackCount).toBe(1);
    expect(event.title).toMatch(/^Feedback /);
  });
});
