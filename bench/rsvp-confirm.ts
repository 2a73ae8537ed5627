// Bench: POST .../rsvps/:key/confirm through the API (own process) at 20 concurrent clients, beside the floor — one
// bare TransactWriteItems of the same shape (event counter, RSVP, outbox item) sent straight from the SDK. Then
// the write capacity one confirm and one cancel-with-promotion consume, read from ReturnConsumedCapacity.
import { TransactWriteItemsCommand, type TransactWriteItemsCommandInput, type TransactWriteItemsCommandOutput } from '@aws-sdk/client-dynamodb';
import { createDynamoClient, marshall, marshallTransactItem } from '#functions/table/client.ts';
import { ensureTable, stop } from '#local/local-stack.ts';
import { dynamoEventsRepository } from '#functions/events/dynamo-events.repository.ts';
import { dynamoRsvpsRepository } from '#functions/rsvps/dynamo-rsvps.repository.ts';
import { dynamoFeedsRepository } from '#functions/feeds/dynamo-feeds.repository.ts';
import { configuredFeedSecret } from '#functions/feeds/secret.ts';
import { eventInputSchema } from '#functions/events/event.schema.ts';
import { createEvent, publishEvent } from '#functions/events/event.ts';
import { newRsvpFields } from '#functions/rsvps/rsvp.ts';
import { outboxPut } from '#functions/table/items/outbox.ts';
import { confirmRsvp } from '#functions/rsvps/use-cases.ts';
import { hashSecret, newId, newToken } from '#functions/core/ids.ts';
import { systemClock } from '#functions/core/clock.ts';
import { cannon, loadCount, table } from './stats.ts';
import { outboxMessage } from '#functions/core/email.ts';
import { appEnv, FEED_SECRET, sized, startServices, type BenchOptions, type Figures } from './harness.ts';
import { startServer, type Server } from './servers.ts';

const SIZES = {
  full: { connections: 20, requests: Number(process.env.BENCH_RSVPS ?? 2000), sampleMs: 1000 },
  smoke: { connections: 4, requests: 20, sampleMs: 50 },
};
const TABLE = 'signpost-bench-rsvp';

export async function benchRsvpConfirm(options: BenchOptions = {}): Promise<Figures> {
  const { connections: CONNECTIONS, requests: REQUESTS, sampleMs } = sized(options, SIZES);
  const services = await startServices(options, 'dynamo');
  const { dynamo } = services;
  let server: Server | undefined;
  try {
    const client = createDynamoClient({ region: 'eu-west-2', endpoint: dynamo.endpoint });
    await ensureTable(client, TABLE);
    const events = dynamoEventsRepository(client, TABLE);
    const rsvps = dynamoRsvpsRepository(client, TABLE);
    const now = new Date();
    const day = new Date(now.getTime() + 7 * 86_400_000).toISOString().slice(0, 10);
    const input = eventInputSchema.parse({
      title: 'Bench meetup', description: 'x', start: `${day}T18:00`, end: `${day}T19:00`, format: 'online',
      onlineUrl: 'https://meet.example.org/b', organiserName: 'B', organiserEmail: 'b@example.org', capacity: REQUESTS * 3,
    });
    const draft = createEvent(input, { id: newId(), tokenHash: hashSecret(newToken()) }, now);
    await events.create(draft, [], []);
    const event = publishEvent(draft, now);
    await events.save(event, draft);

    // Pending RSVPs with known tokens: one per API request, one per floor transaction.
    const makePending = async (n: number) => {
      const made: { key: string; token: string }[] = [];
      for (let i = 0; i < n; i += 50) {
        made.push(...(await Promise.all(Array.from({ length: Math.min(50, n - i) }, async () => {
          const token = newToken();
          const fields = newRsvpFields(event, { name: 'Bench', email: `${newId(12)}@example.org` }, hashSecret(token), now);
          await rsvps.request(fields, [], outboxMessage({ to: fields.email, subject: 's', text: 't', html: 'h' }, 'rsvp-confirm-link', now));
          return { key: fields.key, token };
        }))));
      }
      return made;
    };
    const forApi = await makePending(REQUESTS);
    const forFloor = await makePending(REQUESTS);

    server = await startServer(['bench/serve-api.ts'], appEnv({ TABLE_NAME: TABLE, SITE_URL: 'http://localhost', DYNAMODB_ENDPOINT: dynamo.endpoint, CLIENT_IP_SOURCE: 'socket' }), 'API server');
    let next = 0;
    const api = await cannon({
      url: `http://127.0.0.1:${server.port}`,
      connections: CONNECTIONS,
      amount: REQUESTS,
      requests: [{
        method: 'POST',
        setupRequest: (req) => {
          const p = forApi[next++ % forApi.length]!;
          return { ...req, path: `/api/events/${event.id}/rsvps/${p.key}/confirm`, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: p.token }) };
        },
      }],
    }, sampleMs);
    await stop(server.child);
    if (api.non2xx || api.errors) throw new Error(`API errors during the run: ${api.non2xx} non-2xx, ${api.errors} errors`);

    // The floor: the confirm transaction's shape, nothing else.
    const floorClient = createDynamoClient({ region: 'eu-west-2', endpoint: dynamo.endpoint });
    const floorTx = (p: { key: string; token: string }): TransactWriteItemsCommandInput => ({
      TransactItems: [
        { Update: { TableName: TABLE, Key: marshall({ PK: `EVENT#${event.id}`, SK: 'EVENT' }), UpdateExpression: 'SET #c = if_not_exists(#c, :z) + :o', ConditionExpression: 'attribute_not_exists(#cap) OR attribute_not_exists(#c) OR #c < #cap', ExpressionAttributeNames: { '#c': 'confirmedCount', '#cap': 'capacity' }, ExpressionAttributeValues: marshall({ ':z': 0, ':o': 1 }) } },
        { Update: { TableName: TABLE, Key: marshall({ PK: `EVENT#${event.id}`, SK: `RSVP#${p.key}` }), UpdateExpression: 'SET #st = :c', ConditionExpression: '#st = :p AND confirmTokenHash = :h', ExpressionAttributeNames: { '#st': 'status' }, ExpressionAttributeValues: marshall({ ':c': 'confirmed', ':p': 'pending', ':h': hashSecret(p.token) }) } },
        marshallTransactItem(outboxPut(TABLE, outboxMessage({ to: 'x@example.org', subject: 's', text: 't', html: 'h' }, 'rsvp-confirm-link', now))),
      ],
    });
    const floor = await loadCount((i) => floorClient.send(new TransactWriteItemsCommand(floorTx(forFloor[i]!))), CONNECTIONS, forFloor.length);

    table(
      `POST /api/events/:id/rsvps/:key/confirm, ${REQUESTS} confirms at ${CONNECTIONS} concurrent (floor: the same TransactWriteItems shape via the SDK)`,
      [
        ['API (own process)', api.rps, api.latency.p50, api.latency.p99],
        ['floor (one TransactWriteItems)', floor.rps, floor.p50, floor.p99],
        ['ratio API / floor', api.rps / floor.rps, api.latency.p50 / floor.p50, api.latency.p99 / floor.p99],
      ],
      ['', 'req/s', 'p50 ms', 'p99 ms'],
    );
    console.log(`  target: API p50 within 1.5x of the floor's p50 -> ${api.latency.p50 / floor.p50 <= 1.5 ? 'met' : 'NOT met'}`);

    // Consumed capacity, read from ReturnConsumedCapacity on the app's own transactions.
    const measured = createDynamoClient({ region: 'eu-west-2', endpoint: dynamo.endpoint });
    const units: { items: number; wcu: number }[] = [];
    measured.middlewareStack.add((nextHandler, context) => async (args) => {
      if (context.commandName !== 'TransactWriteItemsCommand') return nextHandler(args);
      const input = args.input as TransactWriteItemsCommandInput;
      input.ReturnConsumedCapacity = 'TOTAL';
      const out = await nextHandler(args);
      const consumed = (out.output as TransactWriteItemsCommandOutput).ConsumedCapacity ?? [];
      units.push({ items: input.TransactItems?.length ?? 0, wcu: consumed.reduce((n, c) => n + (c.CapacityUnits ?? c.WriteCapacityUnits ?? 0), 0) });
      return out;
    }, { step: 'initialize', name: 'consumedCapacity' });
    const deps = {
      events: dynamoEventsRepository(measured, TABLE), rsvps: dynamoRsvpsRepository(measured, TABLE), feeds: dynamoFeedsRepository(measured, TABLE),
      feedSecret: configuredFeedSecret(FEED_SECRET), clock: systemClock, siteUrl: 'http://localhost',
    };
    // A small event to fill, so a cancel promotes someone.
    const small = createEvent({ ...input, capacity: 1 }, { id: newId(), tokenHash: hashSecret(newToken()) }, now);
    await events.create(small, [], []);
    const smallEvent = publishEvent(small, now);
    await events.save(smallEvent, small);
    const two = await Promise.all([0, 1].map(async () => {
      const token = newToken();
      const fields = newRsvpFields(smallEvent, { name: 'C', email: `${newId(12)}@example.org` }, hashSecret(token), now);
      await rsvps.request(fields, [], outboxMessage({ to: fields.email, subject: 's', text: 't', html: 'h' }, 'rsvp-confirm-link', now));
      return { key: fields.key, token };
    }));
    units.length = 0;
    await confirmRsvp(deps, smallEvent.id, two[0]!.key, two[0]!.token);
    const confirmUnits = units.splice(0);
    await confirmRsvp(deps, smallEvent.id, two[1]!.key, two[1]!.token); // waitlisted
    units.length = 0;
    const cancelToken = (await rsvps.get(smallEvent.id, two[0]!.key))!;
    // The cancel token is only in the email; for the bench, cancel as the organiser would (same transaction shape).
    await deps.rsvps.cancel({ eventId: smallEvent.id, key: cancelToken.key, now, promotion: async () => ({ cancelTokenHash: hashSecret(newToken()), email: outboxMessage({ to: 'p@example.org', subject: 's', text: 't', html: 'h' }, 'rsvp-confirm-link', now) }) });
    const cancelUnits = units.splice(0);
    table('Write capacity per operation (ReturnConsumedCapacity, DynamoDB Local)', [
      ['confirm', confirmUnits.map((u) => u.items).join('+'), confirmUnits.reduce((n, u) => n + u.wcu, 0)],
      ['cancel with promotion', cancelUnits.map((u) => u.items).join('+'), cancelUnits.reduce((n, u) => n + u.wcu, 0)],
    ], ['operation', 'items per transaction', 'WCU']);
    console.log(`  target: a confirm writes at most 2 transactional items plus the outbox item -> ${confirmUnits.length === 1 && confirmUnits[0]!.items <= 3 ? 'met' : 'NOT met'}`);
    return {
      apiRps: api.rps, apiConfirms: api.requests.total, floorRps: floor.rps, floorP50Ms: floor.p50,
      confirmWcu: confirmUnits.reduce((n, u) => n + u.wcu, 0), cancelWithPromotionWcu: cancelUnits.reduce((n, u) => n + u.wcu, 0),
    };
  } finally {
    await stop(server?.child);
    await services.stop();
  }
}
