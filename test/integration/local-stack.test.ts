// Integration: the local stack's own promises — the table matches the one design CDK deploys, and a person who
// is missing Java or has a busy port gets one clear sentence, not a stack trace; the local server works as npm start
// runs it; a local service that dies is restarted with its data, not the whole stack shut down; and the one-off
// scripts find the running stack, or say how to start one.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createDynamoClient, documentClient } from '#functions/table/client.ts';
import { startDynamoLocal, stop, supervise } from '#local/local-stack.ts';
import type { StackFile } from '#local/stack-file.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSite, listen, socketIp } from '#local/server.ts';
import { createServer } from 'node:net';
import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { assertPortFree, checkJava, ensureTable, freePort, LocalStackError } from '#local/local-stack.ts';
import { tableDesign } from '#functions/table/design.ts';
import { fixedClock, systemClock } from '#functions/core/clock.ts';
import { ACCOUNT_PAGES, NETWORK_PAGES } from '#functions/core/paths.ts';
import { NOT_FOUND_PAGE } from '#web/routes.ts';
import { testStack, waitForEmail } from '../support/stack.ts';

/** Waits until `ready` holds, checking every 200 ms; the limit only catches a hang. */
async function until<T>(what: string, ready: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 150_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await Promise.resolve(ready()).catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Still waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('the local table', () => {
  it('is created once, with the keys, index, TTL and stream of the shared table design', async () => {
    const { dynamo, tableName } = await testStack(fixedClock('2026-11-27T09:00:00Z'));
    expect(await ensureTable(dynamo, tableName)).toBe('existing');
    const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: tableName }));
    expect(Table?.KeySchema).toEqual([
      { AttributeName: tableDesign.partitionKey, KeyType: 'HASH' },
      { AttributeName: tableDesign.sortKey, KeyType: 'RANGE' },
    ]);
    const index = tableDesign.indexes.gsi1;
    expect(Table?.GlobalSecondaryIndexes?.map((i) => [i.IndexName, i.KeySchema?.map((k) => k.AttributeName)])).toEqual([
      [index.name, [index.partitionKey, index.sortKey]],
    ]);
    expect(Table?.StreamSpecification).toMatchObject({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    const ttl = await dynamo.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    expect(ttl.TimeToLiveDescription?.AttributeName).toBe(tableDesign.ttlAttribute);
  });
});

describe('start-up problems', () => {
  it('names a busy port and the flag that changes it', async () => {
    const port = await freePort();
    const busy = createServer().listen(port, '127.0.0.1');
    await new Promise((r) => busy.once('listening', r));
    try {
      await expect(assertPortFree(port, 'the app', '--port')).rejects.toThrowError(
        new LocalStackError(`Port ${port} (the app) is already in use. Stop whatever uses it, or pick another with --port.`),
      );
    } finally {
      busy.close();
    }
    await expect(assertPortFree(port, 'the app', '--port')).resolves.toBeUndefined();
  });

  it('says plainly when Java is missing', () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      expect(() => checkJava()).toThrowError(/^Java 17 or newer is needed for DynamoDB Local, but `java` was not found\./);
    } finally {
      process.env.PATH = path;
    }
    expect(() => checkJava()).not.toThrow();
  });
});

describe('the local server', () => {
  it("takes the client's address from the socket, as npm start does, so listing a meetup works", async () => {
    const stack = await testStack(systemClock);
    const webDir = mkdtempSync(join(tmpdir(), 'signpost-empty-web-'));
    const port = await freePort();
    const server = await listen(createSite({ ...stack.deps, clientIp: socketIp }, webDir), port);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          title: 'Socket test', description: 'x', start: '2030-01-10T12:00', end: '2030-01-10T13:00', timezone: 'Europe/London',
          format: 'online', onlineUrl: 'https://meet.example.org/s', organiserName: 'O', organiserEmail: 'socket@example.org',
        }),
      });
      expect(res.status).toBe(202);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

describe('the local server and the server page families', () => {
  it('answers /sign-in, /networks and /me from the API app, as CloudFront does; /me sends the signed-out to sign in', async () => {
    const stack = await testStack(systemClock);
    const webDir = mkdtempSync(join(tmpdir(), 'signpost-empty-web-'));
    // The static site's not-found page: a family path that fell through to it would answer this.
    writeFileSync(join(webDir, NOT_FOUND_PAGE), '<!doctype html><title>static not found</title>');
    const port = await freePort();
    const server = await listen(createSite({ ...stack.deps, clientIp: socketIp }, webDir), port);
    const get = (path: string) => fetch(`http://127.0.0.1:${port}${path}`, { redirect: 'manual' });
    try {
      for (const path of [ACCOUNT_PAGES.signIn, NETWORK_PAGES.directory]) {
        const res = await get(path);
        const body = await res.text();
        expect({ path, status: res.status, type: res.headers.get('content-type') }).toEqual({ path, status: 200, type: expect.stringMatching(/^text\/html/) });
        expect(body).not.toContain('static not found');
        expect(body).toMatch(/<html lang="en/);
      }
      const me = await get(ACCOUNT_PAGES.me);
      expect(me.status).toBe(303);
      expect(new URL(me.headers.get('location')!, `http://127.0.0.1:${port}`).pathname).toBe(ACCOUNT_PAGES.signIn);
      // A network that does not exist is the API app's own 404 page, not the static one.
      const missing = await get(NETWORK_PAGES.page('no-such-network-here'));
      expect(missing.status).toBe(404);
      expect(await missing.text()).not.toContain('static not found');
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

describe('a crashed DynamoDB Local under supervision', () => {
  it('is restarted on the same port with the same data, logged in plain words', async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'signpost-dynamo-'));
    const log: string[] = [];
    const start = () => startDynamoLocal(port, dataDir);
    const dynamo = supervise('DynamoDB Local', await start(), start, { log: (line) => log.push(line), firstDelayMs: 100 });
    const client = createDynamoClient({ region: 'eu-west-2', endpoint: dynamo.current.endpoint });
    const db = documentClient(client);
    try {
      await ensureTable(client, 'signpost-local');
      const key = { [tableDesign.partitionKey]: 'TEST#crash', [tableDesign.sortKey]: 'A' };
      await db.send(new PutCommand({ TableName: 'signpost-local', Item: { ...key, note: 'written before the crash' } }));

      const first = dynamo.current.process;
      first.kill('SIGKILL');
      await until('the restart', () => log.some((l) => l.startsWith(`DynamoDB Local is running again at ${dynamo.current.endpoint}`)));
      expect(log[0]).toMatch(/^DynamoDB Local stopped unexpectedly \(signal SIGKILL\)\. Restarting it in 0\.1 s; the rest of Signpost keeps running\.$/);
      expect(dynamo.current.process).not.toBe(first);
      const after = await db.send(new GetCommand({ TableName: 'signpost-local', Key: key, ConsistentRead: true }));
      expect(after.Item?.note).toBe('written before the crash');
    } finally {
      client.destroy();
      await dynamo.stop();
    }
    expect(log.filter((l) => l.includes('stopped unexpectedly'))).toHaveLength(1);
  });
});

describe('npm start, as a person runs it', () => {
  const tsx = join(process.cwd(), 'node_modules/.bin/tsx');
  const script = (name: string) => join(process.cwd(), 'local', name);
  let dir: string;
  let stackFile: string;
  let env: NodeJS.ProcessEnv;
  let ports: { app: number; dynamo: number; ses: number };
  let stack: ChildProcess | undefined;
  let output = '';

  /** Runs a one-off script (npm run reminders and the like) as npm does; resolves with what it printed and its exit code. */
  const run = (name: string, args: string[] = [], extra: NodeJS.ProcessEnv = {}) =>
    new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(tsx, [script(name), ...args], { cwd: dir, env: { ...env, ...extra } });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      child.once('exit', (code) => resolve({ code, out }));
    });
  const readStack = () => (existsSync(stackFile) ? (JSON.parse(readFileSync(stackFile, 'utf8')) as StackFile) : undefined);

  it('keeps running when the SES emulator or DynamoDB Local dies, and the scripts find it', async () => {
    dir = mkdtempSync(join(tmpdir(), 'signpost-start-'));
    stackFile = join(dir, 'stack.json');
    const { PORT: _p, DYNAMODB_PORT: _d, SES_PORT: _s, DATA_DIR: _dd, FEED_SECRET: _f, ...rest } = process.env;
    env = { ...rest, SIGNPOST_STACK_FILE: stackFile, LOG_LEVEL: 'warn' };
    ports = { app: await freePort(), dynamo: await freePort(), ses: await freePort() };

    const before = await run('reminders.ts');
    expect(before.code).toBe(1);
    expect(before.out).toContain('No local stack is running. Start it with `npm start`');

    const dataDir = join(dir, 'elsewhere');
    stack = spawn(tsx, [script('start.ts'), '--port', String(ports.app), '--dynamodb-port', String(ports.dynamo), '--ses-port', String(ports.ses), '--data-dir', dataDir, '--fresh'], { cwd: dir, env });
    stack.stdout!.on('data', (d) => (output += d));
    stack.stderr!.on('data', (d) => (output += d));
    await until('Signpost is running', () => output.includes('Signpost is running') || stack!.exitCode !== null);
    expect(output).toContain('Signpost is running');
    const first = readStack()!;
    expect(first).toMatchObject({ appPort: ports.app, dynamodbPort: ports.dynamo, sesPort: ports.ses, dataDir, feedSecret: 'file' });

    // The data directory is not .data/: the script still finds it, from the running stack.
    const sweep = await run('reminders.ts');
    expect(sweep.out).toMatch(/^Reminder sweep: \d+ queued/m);
    expect(sweep.code).toBe(0);

    const app = `http://127.0.0.1:${ports.app}`;
    const ses = `http://127.0.0.1:${ports.ses}`;
    process.kill(first.services.ses, 'SIGKILL');
    const organiser = `start-${ports.app}@example.org`;
    const listed = await fetch(`${app}/api/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'While the inbox was down', description: 'x', start: '2030-01-10T12:00', end: '2030-01-10T13:00', timezone: 'Europe/London', format: 'online', onlineUrl: 'https://meet.example.org/s', organiserName: 'O', organiserEmail: organiser }),
    });
    expect(listed.status).toBe(202);
    await until('the emulator back', () => output.includes(`The SES emulator is running again at ${ses}`));
    expect(output).toMatch(/The SES emulator stopped unexpectedly \(signal SIGKILL\)\. Restarting it in 1 s; the rest of Signpost keeps running\./);
    await waitForEmail(ses, organiser, /./, 120_000);
    expect((await fetch(`${ses}/store`).then((r) => r.json()) as { emails: { destination: { to: string[] } }[] }).emails.filter((e) => e.destination.to.includes(organiser))).toHaveLength(1);
    await until('the stack file to name the new emulator', () => readStack()!.services.ses !== first.services.ses);

    process.kill(first.services.dynamodb, 'SIGKILL');
    await until('DynamoDB Local back', () => output.includes(`DynamoDB Local is running again at http://127.0.0.1:${ports.dynamo}`));
    expect(stack.exitCode).toBeNull();
    const list = await until('the API to answer again', async () => {
      const res = await fetch(`${app}/api/events`);
      return res.status === 200 && res;
    });
    expect(list.status).toBe(200);
    expect((await run('reminders.ts')).code).toBe(0);

    const stopped = new Promise((r) => stack!.once('exit', r));
    stack.kill('SIGTERM');
    await stopped;
    expect(existsSync(stackFile)).toBe(false);
    const after = await run('seed.ts');
    expect(after.code).toBe(1);
    expect(after.out).toContain('No local stack is running. Start it with `npm start`');
  }, 600_000);

  afterAll(async () => {
    await stop(stack);
  });
});
