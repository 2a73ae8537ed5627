// Integration: SES bounces and complaints on DynamoDB Local and the SES emulator. The SES events handler marks the
// address; the mailer never sends to it again (its outbox item says why); the organiser sees it in the attendee list.
import { beforeAll, describe, expect, it } from 'vitest';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { createApp } from '#functions/apps/api/app.ts';
import { fixedClock } from '#functions/core/clock.ts';
import { createLogger } from '#functions/core/log.ts';
import { deliver } from '#functions/mail/deliver.ts';
import { transactWrite } from '#functions/table/client.ts';
import { outboxPut } from '#functions/table/items/outbox.ts';
import { sesEventsHandler } from '#functions/suppression/ses-events.ts';
import { suppressionKey } from '#functions/suppression/suppression.ts';
import { inbox, linkFrom, testStack } from '../support/stack.ts';
import { bounceEvent, complaintEvent } from '../support/ses-events.ts';
import { outboxMessage } from '#functions/core/email.ts';

const clock = fixedClock('2026-11-27T09:00:00Z');
let stack: Awaited<ReturnType<typeof testStack>>;
let app: ReturnType<typeof createApp>;
let handleSesEvent: ReturnType<typeof sesEventsHandler>;

const post = (path: string, body: unknown) =>
  app.request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const unique = (name: string) => `${name}-${Math.random().toString(36).slice(2, 8)}@example.org`;

beforeAll(async () => {
  stack = await testStack(clock);
  app = createApp(stack.deps);
  handleSesEvent = sesEventsHandler({ suppressions: stack.suppressions, clock, logger: createLogger('silent') });
});

async function publishedMeetup() {
  const organiser = unique('org');
  const res = await post('/api/events', {
    title: 'Metadata meetup', description: 'Bring questions.', start: '2026-12-10T13:00', end: '2026-12-10T14:00',
    format: 'in_person', venue: 'Central Library', organiserName: 'Aoife', organiserEmail: organiser,
  });
  expect(res.status).toBe(202);
  await stack.deliver();
  const { id, token } = linkFrom((await inbox(stack.sesEndpoint, organiser))[0]!, 'confirm');
  expect((await post(`/api/events/${id}/publish`, { token })).status).toBe(200);
  return { id, manage: token };
}

const outboxItem = async (id: string) =>
  (await stack.dynamo.send(new GetItemCommand({ TableName: stack.tableName, Key: { PK: { S: `OUTBOX#${id}` }, SK: { S: 'OUTBOX' } }, ConsistentRead: true }))).Item;

describe('a bounce or complaint from SES', () => {
  it('stops all mail to that address, marks its queued emails suppressed, and shows the organiser who can\'t be reached', async () => {
    const { id, manage } = await publishedMeetup();
    const [gone, annoyed, fine] = [unique('gone'), unique('annoyed'), unique('fine')];
    for (const email of [gone, annoyed, fine]) expect((await post(`/api/events/${id}/rsvps`, { name: email.split('@')[0], email })).status).toBe(202);
    await stack.deliver();
    for (const email of [gone, annoyed, fine]) expect(await inbox(stack.sesEndpoint, email)).toHaveLength(1);

    expect(await handleSesEvent(bounceEvent([gone.toUpperCase()]))).toEqual({ suppressed: 1 });
    expect(await handleSesEvent(complaintEvent([annoyed]))).toEqual({ suppressed: 1 });
    // SES may deliver an event twice: the same outcome.
    expect(await handleSesEvent(complaintEvent([annoyed]))).toEqual({ suppressed: 1 });

    // Each asks again (a fresh confirm link): only the unsuppressed address gets one.
    for (const email of [gone, annoyed, fine]) expect((await post(`/api/events/${id}/rsvps`, { name: 'again', email })).status).toBe(202);
    const round = await stack.deliver();
    expect(round).toEqual({ sent: 3, failed: 0 }); // three handled: one sent, two marked suppressed
    expect(await inbox(stack.sesEndpoint, gone)).toHaveLength(1);
    expect(await inbox(stack.sesEndpoint, annoyed)).toHaveLength(1);
    expect(await inbox(stack.sesEndpoint, fine)).toHaveLength(2);

    const list = (await (await post(`/api/events/${id}/attendees`, { token: manage })).json()) as { attendees: { email: string; mailSuppressed?: string }[] };
    const status = Object.fromEntries(list.attendees.map((a) => [a.email, a.mailSuppressed ?? null]));
    expect(status).toEqual({ [gone]: 'bounce', [annoyed]: 'complaint', [fine]: null });
    const csv = await (await post(`/api/events/${id}/attendees.csv`, { token: manage })).text();
    expect(csv).toContain(`"${gone}","Not confirmed yet","","2026-11-27 09:00","","bounces"`);
    expect(csv).toContain('"marked as spam"');
  });

  it('leaves the suppressed outbox item without its body (links), kept a week for the record, out of the pending index', async () => {
    const to = unique('bounced');
    await handleSesEvent(bounceEvent([to], 'Permanent', 'OnAccountSuppressionList'));
    const message = outboxMessage({ to, subject: 'Reminder', text: 'secret link', html: '<p>secret link</p>' }, 'reminder-day', clock.now());
    await transactWrite(stack.dynamo, { TransactItems: [outboxPut(stack.tableName, message)] });
    expect(await deliver(stack.delivery, message)).toBe('suppressed');
    const item = await outboxItem(message.id);
    expect(item?.status?.S).toBe('suppressed');
    expect(item?.suppressedFor?.S).toBe('bounce');
    expect(item?.text).toBeUndefined();
    expect(item?.html).toBeUndefined();
    expect(item?.GSI1PK).toBeUndefined();
    expect(Number(item?.expiresAt?.N)).toBe(Math.floor(clock.now().getTime() / 1000) + 7 * 86_400);
    expect(await inbox(stack.sesEndpoint, to)).toEqual([]);
    // Delivered again (a stream retry): still nothing sent.
    expect(await deliver(stack.delivery, message)).toBe('already-sent');
  });

  it('keeps a complaint over a later bounce, and stores no address, only its hash', async () => {
    const to = unique('both');
    await handleSesEvent(complaintEvent([to]));
    await handleSesEvent(bounceEvent([to]));
    const found = await stack.suppressions.find([to]);
    expect(found.get(to)).toMatchObject({ reason: 'complaint', detail: 'abuse' });
    const item = (await stack.dynamo.send(new GetItemCommand({ TableName: stack.tableName, Key: { PK: { S: `PERSON#${suppressionKey(to)}` }, SK: { S: 'SUPPRESSED' } } }))).Item!;
    expect(JSON.stringify(item)).not.toContain(to.split('@')[0]);
    expect(item.firstAt?.S).toBe('2026-11-27T11:00:00.000Z');
  });

  it('looks up a large attendee list in batches (more than BatchGetItem\'s 100 keys)', async () => {
    const addresses = Array.from({ length: 230 }, (_, i) => `batch${i}-${Math.random().toString(36).slice(2, 6)}@example.org`);
    const suppressed = [addresses[3]!, addresses[150]!, addresses[229]!];
    for (const to of suppressed) await handleSesEvent(bounceEvent([to]));
    const found = await stack.suppressions.find(addresses);
    expect([...found.keys()].sort()).toEqual([...suppressed].sort());
  });
});
