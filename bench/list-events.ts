// Bench: GET /api/events (first page) through the real local stack, beside the floor — the very same DynamoDB
// Local commands (the listing Queries and the BatchGetItem of the cards' place counts) sent straight from the SDK, at
// the same concurrency, in the same run.
import { BatchGetCommand, QueryCommand, type BatchGetCommandInput, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import * as events from '#functions/events/use-cases.ts';
import { listQuerySchema } from '#functions/events/event.schema.ts';
import { systemClock } from '#functions/core/clock.ts';
import { loadApiConfig } from '#functions/apps/config.ts';
import { createDynamoClient, documentClient } from '#functions/table/client.ts';
import { dynamoEventsRepository } from '#functions/events/dynamo-events.repository.ts';
import { ensureTable, stop } from '#local/local-stack.ts';
import { seedDemo } from '#local/seed-data.ts';
import { appEnv, sized, startServices, type BenchOptions, type Figures } from './harness.ts';
import { startServer, type Server } from './servers.ts';
import { cannon, cannonLength, describeLength, loadFor, table, type Length } from './stats.ts';

interface Size { events: number; connections: number; length: Length; sampleMs: number }
const SIZES: { full: Size; smoke: Size } = {
  full: { events: 1000, connections: Number(process.env.BENCH_CONNECTIONS ?? 10), length: { seconds: Number(process.env.BENCH_SECONDS ?? 10) }, sampleMs: 1000 },
  smoke: { events: 25, connections: 2, length: { requests: 10 }, sampleMs: 50 },
};

export async function benchListEvents(options: BenchOptions = {}): Promise<Figures> {
  const { events: EVENTS, connections: CONNECTIONS, length, sampleMs } = sized(options, SIZES);
  const services = await startServices(options, 'dynamo');
  const { dynamo } = services;
  let server: Server | undefined;
  try {
    const env = appEnv({ TABLE_NAME: 'signpost-bench', SITE_URL: 'http://localhost', DYNAMODB_ENDPOINT: dynamo.endpoint, CLIENT_IP_SOURCE: 'socket' });
    const config = loadApiConfig(env);
    const client = createDynamoClient({ region: config.AWS_REGION, endpoint: dynamo.endpoint });
    await ensureTable(client, config.TABLE_NAME);
    const seeded = performance.now();
    await seedDemo(dynamoEventsRepository(client, config.TABLE_NAME), new Date(), EVENTS, 16);
    console.log(`Seeded ${EVENTS.toLocaleString('en-GB')} upcoming events in ${((performance.now() - seeded) / 1000).toFixed(1)} s.`);

    // The exact commands one first-page request makes, recorded through the SDK's middleware stack, are what the
    // floor replays.
    const recorded: ({ query: QueryCommandInput } | { batchGet: BatchGetCommandInput })[] = [];
    const recorder = createDynamoClient({ region: config.AWS_REGION, endpoint: dynamo.endpoint });
    recorder.middlewareStack.add((next, context) => (args) => {
      if (context.commandName === 'QueryCommand') recorded.push({ query: structuredClone(args.input as QueryCommandInput) });
      if (context.commandName === 'BatchGetItemCommand') recorded.push({ batchGet: structuredClone(args.input as BatchGetCommandInput) });
      return next(args);
    }, { step: 'initialize', name: 'benchRecorder' });
    const page = await events.list({ events: dynamoEventsRepository(recorder, config.TABLE_NAME), clock: systemClock, siteUrl: config.SITE_URL }, listQuerySchema.parse({}));
    if (page.items.length !== 20) throw new Error(`Unexpected first page: ${page.items.length} items`);

    server = await startServer(['bench/serve-api.ts'], env, 'API server');
    const url = `http://127.0.0.1:${server.port}/api/events`;
    const warm = await fetch(url);
    if (warm.status !== 200) throw new Error(`API answered ${warm.status}`);

    const api = await cannon({ url, connections: CONNECTIONS, ...cannonLength(length) }, sampleMs);
    if (api.non2xx || api.errors) throw new Error(`API errors during the run: ${api.non2xx} non-2xx, ${api.errors} errors`);
    const serverCpuMs = await server.cpuMs();
    await stop(server.child);

    const floorClient = createDynamoClient({ region: config.AWS_REGION, endpoint: dynamo.endpoint });
    const floorCpu = process.cpuUsage();
    const floor = await loadFor(async () => {
      const db = documentClient(floorClient);
      for (const c of recorded) await ('query' in c ? db.send(new QueryCommand(c.query)) : db.send(new BatchGetCommand(c.batchGet)));
    }, CONNECTIONS, length);
    const { user, system } = process.cpuUsage(floorCpu);

    table(
      `GET /api/events, first page of 20 from ${EVENTS.toLocaleString('en-GB')} events (${CONNECTIONS} concurrent, ${describeLength(length)} each; floor = the same ${recorded.length} call(s) via the SDK: ${recorded.filter((c) => 'query' in c).length} Query, ${recorded.filter((c) => 'batchGet' in c).length} BatchGetItem)`,
      [
        ['API (own process: Hono + SDK)', api.rps, api.latency.p50, api.latency.p99, serverCpuMs / api.requests.total],
        ['floor (SDK calls only)', floor.rps, floor.p50, floor.p99, (user + system) / 1000 / floor.requests],
        ['ratio API / floor', api.rps / floor.rps, api.latency.p50 / floor.p50, api.latency.p99 / floor.p99, serverCpuMs / api.requests.total / ((user + system) / 1000 / floor.requests)],
      ],
      ['', 'req/s', 'p50 ms', 'p99 ms', 'CPU ms/request'],
    );
    console.log(`  target: API p50 within 1.5x of the floor's p50 -> ${api.latency.p50 / floor.p50 <= 1.5 ? 'met' : 'NOT met'}`);
    return { apiRps: api.rps, apiRequests: api.requests.total, floorRps: floor.rps, floorP50Ms: floor.p50, apiCpuMsPerRequest: serverCpuMs / api.requests.total };
  } finally {
    await stop(server?.child);
    await services.stop();
  }
}
