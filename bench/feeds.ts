// Bench: the whole-site calendar feed (/calendar.ics) of 1,000 published events. First what one render costs — the
// DynamoDB reads (requests and read capacity), renderFeed and gzip, each timed on its own — then the feed app in its
// own process under autocannon, beside the floor in the same run: a plain node:http server in its own process
// answering the same bytes with the same headers from memory. Two more floors show where the gap goes: the same
// answers from a bare Hono app on @hono/node-server (the framework the feed app is served with), and, for the 304
// path, the node:http floor plus the one DynamoDB read the app makes per request (the feed's version item).
import type autocannon from 'autocannon';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import { createDynamoClient } from '#functions/table/client.ts';
import { ensureTable, stop } from '#local/local-stack.ts';
import { dynamoEventsRepository } from '#functions/events/dynamo-events.repository.ts';
import { calendarEntry } from '#functions/events/calendar-links.ts';
import { dynamoFeedsRepository } from '#functions/feeds/dynamo-feeds.repository.ts';
import { feedDeps } from '#functions/apps/feeds/aws-deps.ts';
import { renderCache, renderedFeed } from '#functions/feeds/render-cache.ts';
import { renderFeed } from '#functions/calendar/ics.ts';
import { publicFeed } from '#functions/feeds/use-cases.ts';
import { FEED_REFRESH_SECONDS, feedWindow, inWindow } from '#functions/feeds/feed.ts';
import { loadFeedsConfig } from '#functions/apps/config.ts';
import { seedFeedEvents } from './seed-events.ts';
import { cannon, cannonLength, describeLength, percentile, table, type Length } from './stats.ts';
import { processCpuMs } from './stats.ts';
import type { FloorFiles } from './serve-floor.ts';
import { feedName } from '#functions/core/paths.ts';
import { appEnv, sized, startServices, type BenchOptions, type Figures } from './harness.ts';
import { startServer, type Server } from './servers.ts';

interface Size { events: number; runs: number; connections: number; length: Length; warmup: Length; sampleMs: number }
const SIZES: { full: Size; smoke: Size } = {
  full: { events: 1000, runs: 9, connections: Number(process.env.BENCH_CONNECTIONS ?? 10), length: { seconds: Number(process.env.BENCH_SECONDS ?? 10) }, warmup: { seconds: 2 }, sampleMs: 1000 },
  smoke: { events: 12, runs: 1, connections: 2, length: { requests: 20 }, warmup: { requests: 4 }, sampleMs: 50 },
};
const TABLE = 'signpost-bench-feeds';
const OUT = resolve('.bench');

async function median(runs: number, op: () => unknown | Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await op();
    times.push(performance.now() - t);
  }
  return percentile(times.sort((a, b) => a - b), 50);
}

interface Raw {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  ms: number;
}

/** One request with node:http, body as sent (no decompression), on a fresh connection. */
function get(port: number, headers: Record<string, string> = {}): Promise<Raw> {
  const started = performance.now();
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port, path: '/calendar.ics', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks), ms: performance.now() - started }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end();
  });
}

/** The headers to send again, as the app sent them; node:http adds its own Date, Connection and Keep-Alive. */
const replayable = (h: IncomingHttpHeaders): OutgoingHttpHeaders =>
  Object.fromEntries(Object.entries(h).filter(([name]) => !['date', 'connection', 'keep-alive', 'transfer-encoding'].includes(name)));

/** Differences between two answers, ignoring Date and the per-request X-Request-Id value. */
function differences(a: Raw, b: Raw): string[] {
  const out: string[] = [];
  if (a.status !== b.status) out.push(`status ${a.status} vs ${b.status}`);
  if (!a.body.equals(b.body)) out.push(`body (${a.body.length} vs ${b.body.length} bytes)`);
  const names = new Set([...Object.keys(a.headers), ...Object.keys(b.headers)]);
  for (const name of names) {
    if (name === 'date') continue;
    if (name === 'x-request-id' ? !a.headers[name] !== !b.headers[name] : a.headers[name] !== b.headers[name]) out.push(`header ${name}`);
  }
  return out;
}

interface Run {
  rps: number;
  p50: number;
  p99: number;
  responses: number;
  bytesPerResponse: number;
  serverCpuMs: number;
  jvmCpuMs: number;
  loaderCpuMs: number;
}

/** autocannon against one server; every response must carry `status`, and none may fail. */
async function run(server: Server, headers: Record<string, string>, status: 200 | 304, jvmPid: number | undefined, size: Size): Promise<Run> {
  const { connections: CONNECTIONS, length, warmup, sampleMs } = size;
  const url = `http://127.0.0.1:${server.port}/calendar.ics`;
  const check = (r: autocannon.Result, what: string) => {
    const responses = r['1xx'] + r['2xx'] + r['3xx'] + r['4xx'] + r['5xx'];
    const wanted = status === 200 ? r['2xx'] : (r.statusCodeStats?.['304']?.count ?? 0);
    if (r.errors || r.timeouts || wanted !== responses || !responses) {
      throw new Error(`${what}: ${responses} responses, ${wanted} of them ${status}; status counts ${JSON.stringify(r.statusCodeStats)}, ${r.errors} errors, ${r.timeouts} timeouts`);
    }
    return responses;
  };
  check(await cannon({ url, headers, connections: CONNECTIONS, ...cannonLength(warmup) }, sampleMs), 'warm-up');
  const cpu = await server.cpuMs();
  const jvm = processCpuMs(jvmPid);
  const loader = process.cpuUsage();
  const r = await cannon({ url, headers, connections: CONNECTIONS, ...cannonLength(length) }, sampleMs);
  const { user, system } = process.cpuUsage(loader);
  const responses = check(r, 'run');
  return {
    rps: r.rps,
    p50: r.latency.p50,
    p99: r.latency.p99,
    responses,
    bytesPerResponse: r.throughput.total / responses,
    serverCpuMs: ((await server.cpuMs()) - cpu) / responses,
    jvmCpuMs: (processCpuMs(jvmPid) - jvm) / responses,
    loaderCpuMs: (user + system) / 1000 / responses,
  };
}

const kB = (n: number) => `${(n / 1024).toFixed(0)} kB`;

export async function benchFeeds(options: BenchOptions = {}): Promise<Figures> {
  const size = sized(options, SIZES);
  const { events: EVENTS, runs: RUNS, connections: CONNECTIONS } = size;
  const services = await startServices(options, 'dynamo');
  const { dynamo } = services;
  const servers: Server[] = [];
  try {
    const env = appEnv({ TABLE_NAME: TABLE, SITE_URL: 'http://localhost', DYNAMODB_ENDPOINT: dynamo.endpoint });
    const config = loadFeedsConfig(env);
    const client = createDynamoClient({ region: config.AWS_REGION, endpoint: dynamo.endpoint });
    await ensureTable(client, TABLE);
    const seeded = performance.now();
    // Written with a clock a minute back, so the feed's version has settled (SETTLE_MS) and answers carry an ETag.
    await seedFeedEvents(dynamoEventsRepository(client, TABLE), new Date(Date.now() - 60_000), EVENTS, 16);
    console.log(`\nSeeded ${EVENTS.toLocaleString('en-GB')} published events (Europe/London, Europe/Dublin, America/New_York, Australia/Sydney; networks, tags, multibyte titles) in ${((performance.now() - seeded) / 1000).toFixed(1)} s.`);

    // ---- 1. Generation, in this process ----

    // Requests and read capacity of one render, from ReturnConsumedCapacity on every command the app sends.
    const reads = new Map<string, { requests: number; rcu: number }>();
    const measured = createDynamoClient({ region: config.AWS_REGION, endpoint: dynamo.endpoint });
    measured.middlewareStack.add((next, context) => async (args) => {
      (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'TOTAL';
      const out = await next(args);
      const consumed = (out.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] }).ConsumedCapacity;
      const rcu = [consumed ?? []].flat().reduce((n, c) => n + (c.CapacityUnits ?? c.ReadCapacityUnits ?? 0), 0);
      const name = (context.commandName ?? 'unknown').replace(/Command$/, '');
      const seen = reads.get(name) ?? { requests: 0, rcu: 0 };
      reads.set(name, { requests: seen.requests + 1, rcu: seen.rcu + rcu });
      return out;
    }, { step: 'initialize', name: 'consumedCapacity' });
    const counted = feedDeps(config, { feeds: dynamoFeedsRepository(measured, TABLE), events: dynamoEventsRepository(measured, TABLE), renders: renderCache() });
    const feed = await (await publicFeed(counted, { kind: 'all' }, undefined)).body();
    const vevents = feed.text.toString('utf8').split('BEGIN:VEVENT').length - 1;
    const zones = feed.text.toString('utf8').split('BEGIN:VTIMEZONE').length - 1;
    if (vevents !== EVENTS) throw new Error(`The feed holds ${vevents} events, not ${EVENTS}`);

    // Each step timed on its own (median of RUNS), on a client without the capacity middleware.
    const deps = feedDeps(config, { renders: renderCache() });
    const repo = dynamoFeedsRepository(createDynamoClient({ region: config.AWS_REGION, endpoint: dynamo.endpoint }), TABLE);
    const window = feedWindow(new Date());
    const events = (await repo.events('all', window)).filter((e) => inWindow(e, window));
    const entries = events.map((e) => calendarEntry(e, config.SITE_URL));
    const options = { name: feedName({ kind: 'all' }), refreshSeconds: FEED_REFRESH_SECONDS };
    const text = renderFeed(entries, options);
    const json = JSON.stringify(entries);
    const versionMs = await median(RUNS * 5, () => repo.version('all'));
    const queryMs = await median(RUNS, () => repo.events('all', window));
    const entriesMs = await median(RUNS, () => events.map((e) => calendarEntry(e, config.SITE_URL)));
    const renderMs = await median(RUNS, () => renderFeed(entries, options));
    const gzipMs = await median(RUNS, () => renderedFeed(text));
    const jsonMs = await median(RUNS, () => JSON.stringify(entries));
    const missMs = await median(RUNS, async () => (await publicFeed({ ...deps, renders: renderCache() }, { kind: 'all' }, undefined)).body());

    // ---- 2. HTTP: the feed app and the floors, each in its own process ----

    const app = await startServer(['bench/serve-feeds.ts'], env, 'Feed server');
    servers.push(app);
    const cold = await get(app.port);
    const plain = await get(app.port);
    const gzip = await get(app.port, { 'accept-encoding': 'gzip' });
    const etag = String(plain.headers.etag ?? '');
    const notModified = await get(app.port, { 'if-none-match': etag });
    if (cold.status !== 200 || plain.status !== 200 || gzip.status !== 200 || notModified.status !== 304 || !etag) {
      throw new Error(`Feed server answered ${cold.status}, ${plain.status}, ${gzip.status}, ${notModified.status} (ETag ${etag || 'missing'})`);
    }
    if (!plain.body.equals(feed.text) || !gunzipSync(gzip.body).equals(plain.body) || gzip.headers['content-encoding'] !== 'gzip') {
      throw new Error('The feed server did not answer the bytes rendered in this process');
    }

    mkdirSync(OUT, { recursive: true });
    const files: FloorFiles = {
      etag,
      text: resolve(OUT, 'feed.ics'),
      gzip: resolve(OUT, 'feed.ics.gz'),
      headers: { text: replayable(plain.headers), gzip: replayable(gzip.headers), notModified: replayable(notModified.headers) },
    };
    writeFileSync(files.text, plain.body);
    writeFileSync(files.gzip, gzip.body);
    writeFileSync(resolve(OUT, 'feed-floor.json'), JSON.stringify(files));
    // The three floors start together (nothing is measured until all are up).
    const floorFile = resolve(OUT, 'feed-floor.json');
    const started = await Promise.allSettled([
      startServer(['bench/serve-floor.ts', floorFile], env, 'Floor server'),
      startServer(['bench/serve-floor.ts', '--version-read', floorFile], env, 'Floor server (version read)'),
      startServer(['bench/serve-floor.ts', '--hono', floorFile], env, 'Floor server (Hono)'),
    ]);
    for (const s of started) if (s.status === 'fulfilled') servers.push(s.value);
    for (const s of started) if (s.status === 'rejected') throw s.reason;
    const [floor, floorRead, floorHono] = started.map((s) => (s as PromiseFulfilledResult<Server>).value) as [Server, Server, Server];
    const answers: [string, Record<string, string>, Raw][] = [
      ['plain GET', {}, plain],
      ['gzip GET', { 'accept-encoding': 'gzip' }, gzip],
      ['304', { 'if-none-match': etag }, notModified],
    ];
    for (const [what, headers, answer] of answers) {
      for (const server of [floor, floorRead, floorHono]) {
        const diff = differences(answer, await get(server.port, headers));
        if (diff.length) throw new Error(`The floor's ${what} differs from the app's: ${diff.join(', ')}`);
      }
    }

    table(
      `Generating /calendar.ics for ${EVENTS.toLocaleString('en-GB')} events, in this process (median of ${RUNS}; ${vevents} VEVENTs, ${zones} VTIMEZONEs)`,
      [
        ['DynamoDB: version item (GetItem, consistent)', versionMs, '', ''],
        ['DynamoDB: events (Query per month + BatchGetItem)', queryMs, '', ''],
        ['calendarEntry for each event', entriesMs, '', ''],
        ['renderFeed (ical-generator)', renderMs, feed.text.length, kB(feed.text.length)],
        ['Buffer.from + gzip level 6', gzipMs, feed.gzip.length, kB(feed.gzip.length)],
        ['whole miss (publicFeed + body, empty render cache)', missMs, '', ''],
        ['first GET in a fresh server process (cold, over HTTP)', cold.ms, cold.body.length, ''],
        ['second GET, same process (render cache hit)', plain.ms, plain.body.length, ''],
        ['baseline: JSON.stringify of the same entries', jsonMs, Buffer.byteLength(json), kB(Buffer.byteLength(json))],
      ],
      ['', 'ms', 'bytes', 'size'],
    );
    const totals = [...reads.values()].reduce((t, r) => ({ requests: t.requests + r.requests, rcu: t.rcu + r.rcu }), { requests: 0, rcu: 0 });
    table(
      'DynamoDB per render (one GET with an empty render cache; ReturnConsumedCapacity, DynamoDB Local)',
      [...[...reads].map(([name, r]): [string, number, number] => [name, r.requests, r.rcu]), ['total', totals.requests, totals.rcu]],
      ['command', 'requests', 'RCU'],
    );
    console.log(`  gzip: ${(feed.gzip.length / feed.text.length * 100).toFixed(1)}% of the plain size; a 304 costs one GetItem (${(reads.get('GetItem')?.rcu ?? NaN) / (reads.get('GetItem')?.requests ?? 1)} RCU)`);

    const jvm = dynamo.process.pid;
    const scenarios: { what: string; headers: Record<string, string>; status: 200 | 304; target: number }[] = [
      { what: 'warm full GET, identity', headers: {}, status: 200 as const, target: 0.5 },
      { what: 'warm full GET, accept-encoding: gzip', headers: { 'accept-encoding': 'gzip' }, status: 200 as const, target: 0.5 },
      { what: '304 (If-None-Match: current ETag)', headers: { 'if-none-match': etag }, status: 304 as const, target: 0.8 },
    ];
    const results: { what: string; target: number; app: Run; floor: Run; floorHono: Run; floorRead?: Run }[] = [];
    for (const s of scenarios) {
      const appRun = await run(app, s.headers, s.status, jvm, size);
      const floorRun = await run(floor, s.headers, s.status, jvm, size);
      const floorHonoRun = await run(floorHono, s.headers, s.status, jvm, size);
      const floorReadRun = s.status === 304 ? await run(floorRead, s.headers, s.status, jvm, size) : undefined;
      results.push({ what: s.what, target: s.target, app: appRun, floor: floorRun, floorHono: floorHonoRun, ...(floorReadRun ? { floorRead: floorReadRun } : {}) });
    }

    const cpu = (r: Run) => `${r.serverCpuMs.toFixed(3)} / ${r.jvmCpuMs.toFixed(3)} / ${r.loaderCpuMs.toFixed(3)}`;
    const rows: [string, ...(string | number)[]][] = [];
    for (const r of results) {
      rows.push([`${r.what}: feed app`, r.app.rps, r.app.p50, r.app.p99, r.app.rps / r.floor.rps, kB(r.app.bytesPerResponse), cpu(r.app)]);
      rows.push([`${r.what}: floor (node:http)`, r.floor.rps, r.floor.p50, r.floor.p99, 1, kB(r.floor.bytesPerResponse), cpu(r.floor)]);
      rows.push([`${r.what}: floor on Hono`, r.floorHono.rps, r.floorHono.p50, r.floorHono.p99, r.floorHono.rps / r.floor.rps, kB(r.floorHono.bytesPerResponse), cpu(r.floorHono)]);
      if (r.floorRead) rows.push([`${r.what}: floor + version GetItem`, r.floorRead.rps, r.floorRead.p50, r.floorRead.p99, r.floorRead.rps / r.floor.rps, kB(r.floorRead.bytesPerResponse), cpu(r.floorRead)]);
    }
    table(
      `GET /calendar.ics, ${EVENTS.toLocaleString('en-GB')} events (${CONNECTIONS} connections, ${describeLength(size.length)} each after ${describeLength(size.warmup)} warm-up; floor = node:http in its own process, same bytes and headers from memory)`,
      rows,
      ['', 'req/s', 'p50 ms', 'p99 ms', 'x floor', 'bytes/resp', 'CPU ms/req: server / DynamoDB Local / autocannon'],
    );
    const checked = (r: (typeof results)[number]) => r.app.responses + r.floor.responses + r.floorHono.responses + (r.floorRead?.responses ?? 0);
    console.log(`  every response checked: ${results.map((r) => `${checked(r)} ${r.what.startsWith('304') ? '304' : '200'}`).join(', ')}; 0 errors; the floors' bodies and headers equal the app's byte for byte`);
    for (const r of results) {
      const ratio = r.app.rps / r.floor.rps;
      console.log(`  target: ${r.what} at least ${r.target}x the floor's req/s -> ${ratio.toFixed(2)}x, ${ratio >= r.target ? 'met' : 'NOT met'}`);
    }
    const notMod = results.find((r) => r.floorRead)!;
    console.log(`  the 304 path: the version read alone takes the floor to ${(notMod.floorRead!.rps / notMod.floor.rps).toFixed(2)}x, and the app is ${(notMod.app.rps / notMod.floorRead!.rps).toFixed(2)}x of that floor; Hono alone, with no read, is ${(notMod.floorHono.rps / notMod.floor.rps).toFixed(2)}x`);
    const [full, gzipped, revalidated] = results as [(typeof results)[number], (typeof results)[number], (typeof results)[number]];
    return {
      feedBytes: feed.text.length, feedGzipBytes: feed.gzip.length, renderMs, missMs, dynamoRequestsPerRender: totals.requests,
      fullGetRps: full.app.rps, gzipGetRps: gzipped.app.rps, notModifiedRps: revalidated.app.rps,
      fullGetFloorRps: full.floor.rps, gzipGetFloorRps: gzipped.floor.rps, notModifiedFloorRps: revalidated.floor.rps,
    };
  } finally {
    await stop(...servers.map((s) => s.child));
    await services.stop();
  }
}

