// Bench: GET /api/events (first page) through the real local stack, beside the floor — the very same DynamoDB
// Local Query commands sent straight from the SDK, at the same concurrency, in the same run.
import autocannon from 'autocannon';
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/client-dynamodb';
import { spawn } from 'node:child_process';
import { listEvents } from '#functions/events/use-cases.ts';
import { listQuerySchema } from '#functions/events/event.schema.ts';
import { systemClock } from '#functions/core/clock.ts';
import { loadApiConfig } from '#functions/apps/config.ts';
import { createDynamoClient } from '#functions/table/client.ts';
import { dynamoEventsRepository } from '#functions/events/dynamo-events.repository.ts';
import { ensureTable, freePort, startDynamoLocal, stop } from '#local/local-stack.ts';
import { seedDemo } from '#local/seed-data.ts';
import { load, table } from './stats.ts';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
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

    // The exact Query commands one first-page request makes, recorded through the SDK's middleware stack,
    // are what the floor replays.
    const recorded: QueryCommandInput[] = [];
    const recorder = createDynamoClient({ region: config.AWS_REGION, endpoint: dynamo.endpoint });
    recorder.middlewareStack.add((next, context) => (args) => {
      if (context.commandName === 'QueryCommand') recorded.push(structuredClone(args.input as QueryCommandInput));
      return next(args);
    }, { step: 'initialize', name: 'benchRecorder' });
    const page = await listEvents({ events: dynamoEventsRepository(recorder, config.TABLE_NAME), clock: systemClock, siteUrl: config.SITE_URL }, listQuerySchema.parse({}));
    if (page.items.length !== 20) throw new Error(`Unexpected first page: ${page.items.length} items`);

    const port = await freePort();
    const server = spawn(process.execPath, ['--import', 'tsx', 'bench/serve-api.ts', String(port)], {
      env: { ...process.env, TABLE_NAME: config.TABLE_NAME, SITE_URL: config.SITE_URL, DYNAMODB_ENDPOINT: dynamo.endpoint, LOG_LEVEL: 'silent', CLIENT_IP_SOURCE: 'socket' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      server.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
      server.once('exit', (code) => reject(new Error(`API server exited (${code})`)));
    });
    const warm = await fetch(`http://127.0.0.1:${port}/api/events`);
    if (warm.status !== 200) throw new Error(`API answered ${warm.status}`);

    let serverCpuMs = NaN;
    server.stdout!.on('data', (d: Buffer) => {
      const m = /\{"cpuMs":([\d.]+)\}/.exec(d.toString());
      if (m) serverCpuMs = Number(m[1]);
    });
    const api = await autocannon({ url: `http://127.0.0.1:${port}/api/events`, connections: CONNECTIONS, duration: SECONDS });
    if (api.non2xx || api.errors) throw new Error(`API errors during the run: ${api.non2xx} non-2xx, ${api.errors} errors`);
    await stop(server);

    const floorClient = createDynamoClient({ region: config.AWS_REGION, endpoint: dynamo.endpoint });
    const floorCpu = process.cpuUsage();
    const floor = await load(async () => {
      for (const input of recorded) await floorClient.send(new QueryCommand(input));
    }, CONNECTIONS, SECONDS);
    const { user, system } = process.cpuUsage(floorCpu);

    table(
      `GET /api/events, first page of 20 from 1,000 events (${CONNECTIONS} concurrent, ${SECONDS} s each; floor = the same ${recorded.length} Query call(s) via the SDK)`,
      [
        ['API (own process: Hono + SDK)', api.requests.average, api.latency.p50, api.latency.p99, serverCpuMs / api.requests.total],
        ['floor (SDK Query only)', floor.rps, floor.p50, floor.p99, (user + system) / 1000 / floor.requests],
        ['ratio API / floor', api.requests.average / floor.rps, api.latency.p50 / floor.p50, api.latency.p99 / floor.p99, serverCpuMs / api.requests.total / ((user + system) / 1000 / floor.requests)],
      ],
      ['', 'req/s', 'p50 ms', 'p99 ms', 'CPU ms/request'],
    );
    console.log(`  target: API p50 within 1.5x of the floor's p50 -> ${api.latency.p50 / floor.p50 <= 1.5 ? 'met' : 'NOT met'}`);
  } finally {
    await stop(dynamo.process);
  }
}
