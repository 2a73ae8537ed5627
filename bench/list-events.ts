// Bench: GET /api/events (first page) through the real local stack, beside the floor — the very same DynamoDB
// Local Query commands sent straight from the SDK, at the same concurrency, in the same run.
import autocannon from 'autocannon';
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/client-dynamodb';
import { awsDeps } from '#functions/api/aws-deps.ts';
import { loadApiConfig } from '#functions/shared/config.ts';
import { createDynamoClient } from '#functions/storage/dynamo.ts';
import { dynamoEventsRepository } from '#functions/events/dynamo-events.repository.ts';
import { createApp } from '#functions/api/app.ts';
import { ensureTable, freePort, startDynamoLocal, stop } from '#functions/local/local-stack.ts';
import { listen } from '#functions/local/server.ts';
import { seedDemo } from '#functions/local/seed-data.ts';
import { load, table } from './stats.ts';

const CONNECTIONS = 10;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

export async function benchListEvents(): Promise<void> {
  const dynamo = await startDynamoLocal(await freePort());
  try {
    const config = loadApiConfig({
      TABLE_NAME: 'signpost-bench', SITE_URL: 'http://localhost',
      DYNAMODB_ENDPOINT: dynamo.endpoint, CLIENT_IP_SOURCE: 'socket', LOG_LEVEL: 'silent',
    });
    const client = createDynamoClient({ region: config.AWS_REGION, endpoint: dynamo.endpoint });
    await ensureTable(client, config.TABLE_NAME);
    const seeded = performance.now();
    await seedDemo(dynamoEventsRepository(client, config.TABLE_NAME), new Date(), 1000, 16);
    console.log(`Seeded 1,000 upcoming events in ${((performance.now() - seeded) / 1000).toFixed(1)} s.`);

    // Record the exact Query commands one API call makes, to replay them as the floor.
    const appClient = createDynamoClient({ region: config.AWS_REGION, endpoint: dynamo.endpoint });
    const recorded: QueryCommandInput[] = [];
    let recording = true;
    appClient.middlewareStack.add((next, context) => (args) => {
      if (recording && context.commandName === 'QueryCommand') recorded.push(structuredClone(args.input as QueryCommandInput));
      return next(args);
    }, { step: 'initialize', name: 'benchRecorder' });
    const deps = awsDeps(config, { events: dynamoEventsRepository(appClient, config.TABLE_NAME), clientIp: () => '127.0.0.1' });
    const port = await freePort();
    const server = await listen(createApp(deps) as never, port);
    const first = await fetch(`http://127.0.0.1:${port}/api/events`);
    const page = (await first.json()) as { items: unknown[] };
    recording = false;
    if (first.status !== 200 || page.items.length !== 20) throw new Error(`Unexpected first page: ${first.status}, ${page.items.length} items`);

    const api = await autocannon({ url: `http://127.0.0.1:${port}/api/events`, connections: CONNECTIONS, duration: SECONDS });
    if (api.non2xx || api.errors) throw new Error(`API errors during the run: ${api.non2xx} non-2xx, ${api.errors} errors`);
    server.close();

    const floorClient = createDynamoClient({ region: config.AWS_REGION, endpoint: dynamo.endpoint });
    const floor = await load(async () => {
      for (const input of recorded) await floorClient.send(new QueryCommand(input));
    }, CONNECTIONS, SECONDS);

    table(
      `GET /api/events, first page of 20 from 1,000 events (${CONNECTIONS} concurrent, ${SECONDS} s each; floor = the same ${recorded.length} Query call(s) via the SDK)`,
      [
        ['API (Hono + DynamoDB Local)', api.requests.average, api.latency.p50, api.latency.p99],
        ['floor (SDK Query only)', floor.rps, floor.p50, floor.p99],
        ['ratio API / floor', api.requests.average / floor.rps, api.latency.p50 / floor.p50, api.latency.p99 / floor.p99],
      ],
      ['', 'req/s', 'p50 ms', 'p99 ms'],
    );
    console.log(`  target: API p50 within 1.5x of the floor's p50 -> ${api.latency.p50 / floor.p50 <= 1.5 ? 'met' : 'NOT met'}`);
  } finally {
    await stop(dynamo.process);
  }
}
