// Infra tests: the Lambda bundles CDK builds (esbuild, no Docker) are small, carry only their own libraries, and start
// in a bare Node process.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionBundles, type FunctionBundle } from '#infra/bundle-report.ts';
import { stackNames } from '#infra/signpost-app.ts';
import { removeTempDirs, synthesize, tempDir } from './support.ts';

afterAll(removeTempDirs);

const repoRoot = join(import.meta.dirname, '../..');
let api: FunctionBundle;
let feeds: FunctionBundle;
let mailer: FunctionBundle;
let reminders: FunctionBundle;
let sesEvents: FunctionBundle;
let documents: FunctionBundle;
let all: [string, FunctionBundle][];

beforeAll(() => {
  expect(existsSync(join(repoRoot, 'node_modules/.bin/esbuild')), 'local esbuild').toBe(true);
  const { assembly } = synthesize({ bundle: true });
  const bundles = functionBundles(assembly.directory, stackNames.app);
  expect(bundles.map((b) => b.logicalId.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual(['ApiHandler', 'DocumentsHandler', 'FeedsHandler', 'MailerHandler', 'RemindersHandler', 'SesEventsHandler']);
  api = bundles.find((b) => b.logicalId.startsWith('ApiHandler'))!;
  feeds = bundles.find((b) => b.logicalId.startsWith('FeedsHandler'))!;
  mailer = bundles.find((b) => b.logicalId.startsWith('MailerHandler'))!;
  reminders = bundles.find((b) => b.logicalId.startsWith('RemindersHandler'))!;
  sesEvents = bundles.find((b) => b.logicalId.startsWith('SesEventsHandler'))!;
  documents = bundles.find((b) => b.logicalId.startsWith('DocumentsHandler'))!;
  all = [['API', api], ['feeds', feeds], ['mailer', mailer], ['reminders', reminders], ['SES events', sesEvents], ['documents', documents]];
});

/** Copies a bundle somewhere with no node_modules above it and runs a script beside it in a fresh Node process. */
function runInBareNode(bundle: FunctionBundle, script: string): string {
  const dir = tempDir('lambda');
  copyFileSync(bundle.file, join(dir, 'index.mjs'));
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      AWS_REGION: 'eu-west-2',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      TABLE_NAME: 'signpost-test',
      SITE_URL: 'https://events.example.org',
      MAIL_FROM: 'Signpost <events@example.org>',
      CLIENT_IP_SOURCE: 'cloudfront',
      LOG_LEVEL: 'silent',
      // The value itself, as locally: with FEED_SECRET_ARN the first personal-feed request would call Secrets Manager.
      FEED_SECRET: 'bundle-test-feed-secret-0123456789abcdef',
    },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

const exportsHandler = "const m = await import('./index.mjs'); console.log(typeof m.handler);";

/** Markers that survive minifying: SES's operation name, nodemailer's user agent, the timezone library's data, and the
 * calendar builder's (ical-generator) output. */
const contents = (bundle: FunctionBundle) => readFileSync(bundle.file, 'utf8');
const carriesSes = (code: string) => code.includes('SendRawEmail');
const carriesNodemailer = (code: string) => code.includes('"nodemailer/"');
const carriesTimezones = (code: string) => code.includes('BEGIN:VTIMEZONE') && code.includes('"America/New_York"');
const carriesIcalGenerator = (code: string) => code.includes('BEGIN:VCALENDAR');

/** Each AWS SDK client, by a string only its own code carries: its JSON target prefix or its operation name. */
const sdkClients = {
  dynamodb: (code: string) => code.includes('DynamoDB_20120810'),
  ses: carriesSes,
  secretsmanager: (code: string) => code.includes('GetSecretValue'),
} as const;
const clientsIn = (bundle: FunctionBundle) => Object.entries(sdkClients).filter(([, has]) => has(contents(bundle))).map(([name]) => name);

describe('every bundle', () => {
  // The API also renders the server pages that work without JavaScript (home, listing form, RSVP and report forms,
  // sign-in, networks, "your meetups", moderation, following, the team's messages, the CPD log): it gets 840 kB (680
  // until following, messages and series added ~55 kB, 760 until the CPD log's pages and records added ~60 kB); every
  // other function stays under 500 kB. Moving the CPD pages into the documents function would win that back.
  // `npm run bench -- bundle` measures what a cold start costs (its import-time target is unchanged).
  // The mailer draws each email's .ics and the door QR code (the "You're in" email's inline GIF) as it sends.
  // The CPD documents function carries pdfkit and its font library (fontkit ~230 kB, pdfkit ~125 kB, with Brotli
  // stubbed out) besides the SDK, Hono and zod: ~815 kB with the CPD log page it renders for a bad period;
  // test/infra/documents.test.ts checks its fonts.
  const budget = (name: string) => (name === 'API' ? 840 : name === 'documents' ? 850 : name === 'mailer' ? 540 : 500) * 1024;
  it('is a single ESM file under its budget minified (API 840 kB, documents 850 kB, the mailer 540 kB, the others 500 kB)', () => {
    for (const [name, bundle] of all) {
      expect(bundle.file.endsWith('index.mjs'), name).toBe(true);
      expect(bundle.bytes, name).toBeGreaterThan(10_000);
      expect(bundle.bytes, name).toBeLessThan(budget(name));
    }
  });

  it('carries exactly the SDK clients its function calls, no others', () => {
    expect(Object.fromEntries(all.map(([name, bundle]) => [name, clientsIn(bundle)]))).toEqual({
      API: ['dynamodb', 'secretsmanager'], // personal feed links in RSVP emails need the feed key
      feeds: ['dynamodb', 'secretsmanager'],
      mailer: ['dynamodb', 'ses'],
      reminders: ['dynamodb', 'secretsmanager'], // "no more reminders" links are signed with the feed key
      'SES events': ['dynamodb'],
      documents: ['dynamodb', 'secretsmanager'], // a shared record's verification link is signed with the feed key
    });
  });
});

/** An API Gateway HTTP API (payload v2) request that the app answers without touching AWS. */
const httpEvent = (method: string, rawPath: string, rawQueryString = '') => ({
  version: '2.0',
  routeKey: '$default',
  rawPath,
  rawQueryString,
  headers: { host: 'example.execute-api.eu-west-2.amazonaws.com', accept: 'application/json' },
  requestContext: {
    accountId: '123456789012',
    apiId: 'example',
    domainName: 'example.execute-api.eu-west-2.amazonaws.com',
    http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'test' },
    requestId: 'test',
    routeKey: '$default',
    stage: '$default',
    time: '01/Jan/2026:00:00:00 +0000',
    timeEpoch: 1767225600000,
  },
  isBase64Encoded: false,
});

/** Invokes the bundle's handler once with the event; its status, headers and JSON body. */
function answer(bundle: FunctionBundle, event: unknown): { status: number; headers: Record<string, string>; body: Record<string, unknown> } {
  const script = `const { handler } = await import('./index.mjs');
const res = await handler(${JSON.stringify(event)}, { awsRequestId: 'test' });
console.log(JSON.stringify({ status: res.statusCode, headers: res.headers, body: JSON.parse(res.body) }));`;
  return JSON.parse(runInBareNode(bundle, script).trim().split('\n').pop()!);
}

describe('API bundle', () => {
  it('imports in a bare Node process and exports a handler function', () => {
    expect(runInBareNode(api, exportsHandler).trim()).toBe('function');
  });

  it('answers a request without touching AWS (an unknown API path)', () => {
    const out = answer(api, httpEvent('GET', '/api/no-such-thing'));
    expect(out).toMatchObject({ status: 404, body: { error: 'not_found' } });
    expect(out.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('carries neither the calendar libraries (the feeds function has them) nor SES and nodemailer (the mailer has them)', () => {
    const code = contents(api);
    expect(code.includes('BEGIN:VTIMEZONE'), 'timezone data').toBe(false);
    expect(carriesSes(code), '@aws-sdk/client-ses').toBe(false);
    expect(carriesNodemailer(code), 'nodemailer').toBe(false);
  });
});

describe('feeds bundle', () => {
  it('carries ical-generator and the VTIMEZONE data (timezones-ical-library keeps it in code, so it survives bundling)', () => {
    expect(carriesIcalGenerator(contents(feeds))).toBe(true);
    expect(carriesTimezones(contents(feeds))).toBe(true);
  });

  it('carries neither @aws-sdk/client-ses nor nodemailer', () => {
    const code = contents(feeds);
    expect(carriesSes(code), '@aws-sdk/client-ses').toBe(false);
    expect(carriesNodemailer(code), 'nodemailer').toBe(false);
  });

  it('imports in a bare Node process and answers a bad ?alarm= with 400 before any read', () => {
    expect(runInBareNode(feeds, exportsHandler).trim()).toBe('function');
    const out = answer(feeds, httpEvent('GET', '/calendar.ics', 'alarm=7'));
    expect(out).toMatchObject({ status: 400, body: { error: 'validation_failed' } });
  });
});

describe('mailer bundle', () => {
  it('imports in a bare Node process (nodemailer needs the require banner) and exports a handler function', () => {
    expect(runInBareNode(mailer, exportsHandler).trim()).toBe('function');
  });

  it('is where SES and nodemailer live (so the markers the other bundles are checked for are real)', () => {
    const code = contents(mailer);
    expect(carriesSes(code)).toBe(true);
    expect(carriesNodemailer(code)).toBe(true);
  });
});

describe('reminders bundle', () => {
  it('carries neither SES and nodemailer (it only queues emails) nor the calendar libraries (the mailer renders the .ics)', () => {
    const code = contents(reminders);
    expect(carriesSes(code), '@aws-sdk/client-ses').toBe(false);
    expect(carriesNodemailer(code), 'nodemailer').toBe(false);
    expect(carriesIcalGenerator(code), 'ical-generator').toBe(false);
    expect(code.includes('BEGIN:VTIMEZONE'), 'timezone data').toBe(false);
  });

  it('imports in a bare Node process and exports a handler function', () => {
    expect(runInBareNode(reminders, exportsHandler).trim()).toBe('function');
  });
});

describe('SES events bundle', () => {
  it('carries neither the mail nor the calendar libraries', () => {
    const code = contents(sesEvents);
    expect(carriesNodemailer(code), 'nodemailer').toBe(false);
    expect(carriesIcalGenerator(code), 'ical-generator').toBe(false);
    expect(code.includes('BEGIN:VTIMEZONE'), 'timezone data').toBe(false);
  });

  it('imports in a bare Node process and exports a handler function', () => {
    expect(runInBareNode(sesEvents, exportsHandler).trim()).toBe('function');
  });
});
