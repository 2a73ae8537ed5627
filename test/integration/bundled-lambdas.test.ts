// Integration: the artifacts we would deploy. Synthesizes the CDK app, takes each function's bundled asset from the
// cloud assembly, and runs it in a fresh Node process with real-shaped Lambda events against DynamoDB Local and
// the SES emulator: list a meetup, deliver its email from a stream batch, publish it, read its page.
import { execFileSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { functionBundles, type FunctionBundle } from '#infra/bundle-report.ts';
import { stackNames } from '#infra/signpost-app.ts';
import { removeTempDirs, synthesize, tempDir } from '#test/infra/support.ts';
import { fixedClock } from '#functions/shared/clock.ts';
import { inbox, linkFrom, testStack } from '#test/support/stack.ts';
import { streamReader } from '#test/support/streams.ts';

let stack: Awaited<ReturnType<typeof testStack>>;
let api: FunctionBundle;
let mailer: FunctionBundle;
let newRecords: Awaited<ReturnType<typeof streamReader>>;

beforeAll(async () => {
  stack = await testStack(fixedClock('2026-11-27T09:00:00Z'));
  newRecords = await streamReader(stack.dynamo, stack.dynamoEndpoint, stack.tableName);
  const { assembly } = synthesize({ bundle: true });
  const bundles = functionBundles(assembly.directory, stackNames.app);
  api = bundles.find((b) => b.logicalId.startsWith('ApiHandler'))!;
  mailer = bundles.find((b) => b.logicalId.startsWith('MailerHandler'))!;
}, 240_000);

afterAll(removeTempDirs);

/** Invokes a bundled handler once, in a fresh Node process with nothing but the bundle beside it. */
function invoke<T>(bundle: FunctionBundle, event: unknown): T {
  const dir = tempDir('lambda-run');
  copyFileSync(bundle.file, join(dir, 'index.mjs'));
  const script = `const { handler } = await import('./index.mjs');
const result = await handler(JSON.parse(process.env.EVENT), { awsRequestId: 'bundle-test' });
process.stdout.write('\\n' + JSON.stringify(result));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      EVENT: JSON.stringify(event),
      AWS_REGION: 'eu-west-2',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      TABLE_NAME: stack.tableName,
      DYNAMODB_ENDPOINT: stack.dynamoEndpoint,
      SES_ENDPOINT: stack.sesEndpoint,
      SITE_URL: 'https://events.example.org',
      MAIL_FROM: 'Signpost <events@signpost.test>',
      CLIENT_IP_SOURCE: 'cloudfront',
      LOG_LEVEL: 'silent',
    },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return JSON.parse(out.trim().split('\n').pop()!) as T;
}

/** An API Gateway HTTP API (payload v2) request, as CloudFront forwards it. */
function httpEvent(method: string, path: string, body?: unknown, viewerIp = '203.0.113.50') {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: {
      host: 'abc123.execute-api.eu-west-2.amazonaws.com',
      'cloudfront-viewer-address': `${viewerIp}:51234`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    requestContext: {
      accountId: '123456789012', apiId: 'abc123', domainName: 'abc123.execute-api.eu-west-2.amazonaws.com',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '130.176.0.1', userAgent: 'Amazon CloudFront' },
      requestId: 'req-1', routeKey: '$default', stage: '$default', time: '27/Nov/2026:09:00:00 +0000', timeEpoch: 1795770000000,
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
    isBase64Encoded: false,
  };
}

interface HttpResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

describe('the bundled functions', () => {
  it('list, mail, publish and render a meetup end to end', async () => {
    const meetup = {
      title: 'Bundled TeachMeet', description: 'Short talks.', start: '2027-01-14T16:00', end: '2027-01-14T18:00',
      timezone: 'Europe/London', format: 'online', onlineUrl: 'https://meet.example.org/tm', organiserName: 'Morag',
      organiserEmail: 'bundled@example.org', tags: ['TeachMeet'],
    };
    const created = invoke<HttpResult>(api, httpEvent('POST', '/api/events', meetup));
    expect(created.statusCode).toBe(202);
    const { id } = JSON.parse(created.body) as { id: string };

    const batch: DynamoDBStreamEvent = await newRecords();
    expect(invoke(mailer, batch)).toEqual({ batchItemFailures: [] });
    const [mail] = await inbox(stack.sesEndpoint, 'bundled@example.org');
    expect(mail).toBeDefined();
    const { token } = linkFrom(mail!, 'confirm');

    expect(invoke<HttpResult>(api, httpEvent('GET', `/api/events/${id}`)).statusCode).toBe(404);
    expect(invoke<HttpResult>(api, httpEvent('POST', `/api/events/${id}/publish`, { token })).statusCode).toBe(200);
    const page = invoke<HttpResult>(api, httpEvent('GET', `/events/${id}/bundled-teachmeet`));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<meta property="og:title" content="Bundled TeachMeet">');
    expect(page.body).toMatch(/Thursday,? 14 January 2027, 16:00 – 18:00 GMT/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('rate-limits by the viewer address CloudFront reports, not by CloudFront\'s own IP', () => {
    const list = (i: number, viewerIp: string) =>
      invoke<HttpResult>(api, httpEvent('POST', '/api/events', {
        title: 'Rate test', description: 'x', start: '2027-01-14T16:00', end: '2027-01-14T18:00', format: 'online',
        onlineUrl: 'https://meet.example.org/x', organiserName: 'R', organiserEmail: `rate-${viewerIp}-${i}@example.org`,
      }, viewerIp)).statusCode;
    // Eleven people behind the same CloudFront edge IP: nobody is limited.
    expect(Array.from({ length: 11 }, (_, i) => list(i, `198.51.100.${i + 1}`)).every((s) => s === 202)).toBe(true);
    // One viewer listing eleven times: the eleventh is refused.
    const one = Array.from({ length: 11 }, (_, i) => list(i, '192.0.2.77'));
    expect(one.slice(0, 10).every((s) => s === 202)).toBe(true);
    expect(one[10]).toBe(429);
  });
});
