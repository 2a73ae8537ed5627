// Integration: the local stack's own promises — the table matches the one design CDK deploys, and a person who
// is missing Java or has a busy port gets one clear sentence, not a stack trace; the local server works as npm start
// runs it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSite, listen, socketIp } from '#local/server.ts';
import { createServer } from 'node:net';
import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { assertPortFree, checkJava, ensureTable, freePort, LocalStackError } from '#local/local-stack.ts';
import { tableDesign } from '#functions/table/design.ts';
import { fixedClock, systemClock } from '#functions/core/clock.ts';
import { testStack } from '../support/stack.ts';

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
