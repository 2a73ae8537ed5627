// Integration: the mailer's stream handler fed with real records read from DynamoDB Local's stream.
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '#functions/apps/api/app.ts';
import { streamHandler } from '#functions/mail/stream.ts';
import { createSesClient, sesMailer } from '#functions/mail/ses-mailer.ts';
import { freePort } from '#local/local-stack.ts';
import { fixedClock } from '#functions/core/clock.ts';
import { inbox, testStack } from '../support/stack.ts';
import { streamReader } from '../support/streams.ts';

let stack: Awaited<ReturnType<typeof testStack>>;
let app: ReturnType<typeof createApp>;
let newRecords: Awaited<ReturnType<typeof streamReader>>;

const list = (email: string) =>
  app.request('/api/events', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      title: 'Stream-driven meetup', description: 'x', start: '2026-12-10T13:00', end: '2026-12-10T14:00',
      format: 'online', onlineUrl: 'https://meet.example.org/x', organiserName: 'Ana', organiserEmail: email,
    }),
  });

beforeAll(async () => {
  stack = await testStack(fixedClock('2026-11-27T09:00:00Z'));
  app = createApp(stack.deps);
  newRecords = await streamReader(stack.dynamo, stack.dynamoEndpoint, stack.tableName);
});

describe('mailer stream handler', () => {
  it('sends each new outbox message once, ignores other records, and shrugs off redelivery', async () => {
    expect((await list('stream-one@example.org')).status).toBe(202);
    const batch = await newRecords();
    expect(batch.Records.length).toBeGreaterThanOrEqual(1);
    const handle = streamHandler(stack.delivery);
    expect(await handle(batch)).toEqual({ batchItemFailures: [] });
    expect(await inbox(stack.sesEndpoint, 'stream-one@example.org')).toHaveLength(1);

    // At-least-once delivery: the same batch again sends nothing more.
    expect(await handle(batch)).toEqual({ batchItemFailures: [] });
    expect(await inbox(stack.sesEndpoint, 'stream-one@example.org')).toHaveLength(1);
  });

  it('reports the failed record by sequence number so Lambda retries it, and a retry delivers it', async () => {
    expect((await list('stream-two@example.org')).status).toBe(202);
    const batch = await newRecords();
    const outboxRecord = batch.Records.find((r) => r.eventName === 'INSERT' && r.dynamodb?.NewImage?.type?.S === 'outbox')!;
    const deadSes = createSesClient({ region: 'eu-west-2', endpoint: `http://127.0.0.1:${await freePort()}` });
    const failing = streamHandler({ ...stack.delivery, mailer: sesMailer(deadSes, 'Signpost <events@signpost.test>') });
    expect(await failing(batch)).toEqual({ batchItemFailures: [{ itemIdentifier: outboxRecord.dynamodb!.SequenceNumber }] });
    expect(await inbox(stack.sesEndpoint, 'stream-two@example.org')).toHaveLength(0);

    expect(await streamHandler(stack.delivery)(batch)).toEqual({ batchItemFailures: [] });
    expect(await inbox(stack.sesEndpoint, 'stream-two@example.org')).toHaveLength(1);
  });
});
