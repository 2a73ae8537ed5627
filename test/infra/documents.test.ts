// Infra tests: the CPD documents function (infra/documents.ts): its shape, its HTTP API routes ahead of the API's
// $default, an IAM role that only reads the person's log and session and the feed secret, and a bundle that carries
// pdfkit (not the API's), the two DejaVu fonts and their licence beside it, and a stub for Brotli.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { marshall } from '@aws-sdk/util-dynamodb';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDocumentsConfig } from '#functions/apps/config.ts';
import { hashSecret } from '#functions/core/ids.ts';
import { personId } from '#functions/core/person.ts';
import { SESSION_COOKIE } from '#functions/core/viewer.ts';
import { isCpdDocumentPath } from '#functions/cpd/documents.ts';
import { functionBundles, type FunctionBundle } from '#infra/bundle-report.ts';
import { bundledFontFiles, documentPartitions, documentRoutes } from '#infra/documents.ts';
import { stackNames } from '#infra/signpost-app.ts';
import {
  actionsOf,
  distributionSiteUrl,
  functionById,
  only,
  removeTempDirs,
  resolveCrossStack,
  tempDir,
  resourcesOf,
  roleOf,
  statementsFor,
  synthesize,
  type Json,
} from './support.ts';

const repoRoot = join(import.meta.dirname, '../..');
let storage: Template;
let app: Template;
let documents: Json;
let documentsId: string;
let bundle: FunctionBundle;
let api: FunctionBundle;

beforeAll(() => {
  const synth = synthesize({ bundle: true });
  storage = Template.fromStack(synth.storage);
  app = Template.fromStack(synth.stateless);
  documents = functionById(app, 'DocumentsHandler');
  documentsId = Object.entries(app.findResources('AWS::Lambda::Function')).find(([, f]) => f === documents)![0];
  const bundles = functionBundles(synth.assembly.directory, stackNames.app);
  bundle = bundles.find((b) => b.logicalId.startsWith('DocumentsHandler'))!;
  api = bundles.find((b) => b.logicalId.startsWith('ApiHandler'))!;
}, 300_000);
afterAll(removeTempDirs);

const tableArn = () => ({ 'Fn::GetAtt': [only(storage, 'AWS::DynamoDB::GlobalTable').id, 'Arn'] });

describe('CPD documents function', () => {
  it('runs on Node.js 24 on arm64 with 1,024 MB and 15 s, its settings as environment variables', () => {
    expect(documents.Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], MemorySize: 1024, Timeout: 15, Handler: 'index.handler' });
    expect(Object.keys(documents.Properties.Environment.Variables).sort()).toEqual(['FEED_SECRET_ARN', 'LOG_LEVEL', 'SITE_URL', 'TABLE_NAME']);
    expect(documents.Properties.Environment.Variables).toMatchObject({ SITE_URL: distributionSiteUrl(app), LOG_LEVEL: 'info' });
  });

  it('has every variable it validates at start (functions/apps/config.ts), valid', () => {
    const vars = Object.fromEntries(Object.entries(documents.Properties.Environment.Variables).map(([k, v]) => [k, typeof v === 'string' ? v : 'x']));
    const parsed = loadDocumentsConfig({ ...vars, SITE_URL: 'https://d111.cloudfront.net', FEED_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-2:1:secret:x', TABLE_NAME: 't' });
    expect(parsed.SITE_URL).toBe('https://d111.cloudfront.net');
  });

  it('only reads: GetItem and Query on the CPD log and session partitions, no index, no write, no Scan', () => {
    const statements = resolveCrossStack(statementsFor(roleOf(app, documents).statements, 'dynamodb'), storage);
    expect(statements.map((s) => ({ actions: actionsOf(s).sort(), resources: resourcesOf(s), condition: s.Condition }))).toEqual([
      {
        actions: ['dynamodb:GetItem', 'dynamodb:Query'],
        resources: [tableArn()],
        condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['CPDLOG#*', 'SESSION#*'] } },
      },
    ]);
    expect(documentPartitions).toEqual(['CPDLOG#', 'SESSION#']);
    expect(JSON.stringify(statements)).not.toMatch(/dynamodb:(\*|Put|Update|Delete|BatchWrite|Transact|PartiQL|Scan)/);
  });

  it('grants nothing beyond logs, those reads and reading the feed secret', () => {
    const services = [...new Set(roleOf(app, documents).statements.flatMap(actionsOf).map((a) => a.split(':')[0]))].sort();
    expect(services).toEqual(['dynamodb', 'logs', 'secretsmanager']);
    const secrets = resolveCrossStack(statementsFor(roleOf(app, documents).statements, 'secretsmanager'), storage);
    expect(secrets.map((s) => ({ actions: actionsOf(s), resources: resourcesOf(s) }))).toEqual([
      { actions: ['secretsmanager:GetSecretValue'], resources: [{ Ref: only(storage, 'AWS::SecretsManager::Secret').id }] },
    ]);
  });

  it('has alarms on its errors and throttles', () => {
    const alarmed = Object.values(app.findResources('AWS::CloudWatch::Alarm')).filter((a) =>
      (a.Properties.Dimensions as Json[] | undefined)?.some((d) => d.Name === 'FunctionName' && d.Value?.Ref === documentsId),
    );
    expect(alarmed.map((a) => a.Properties.MetricName).sort()).toEqual(['Errors', 'Throttles']);
  });
});

describe('its routes', () => {
  const routesToDocuments = () => {
    const resources = app.toJSON().Resources as Json;
    return Object.values(app.findResources('AWS::ApiGatewayV2::Route'))
      .filter((route) => {
        const integration = resources[route.Properties.Target['Fn::Join'][1][1].Ref].Properties;
        return integration.IntegrationUri['Fn::GetAtt']?.[0] === documentsId;
      })
      .map((route) => route.Properties.RouteKey)
      .sort();
  };

  it('are GET of the summary and a record’s PDF on the HTTP API, more specific than its $default', () => {
    expect(routesToDocuments()).toEqual(['GET /me/cpd/export.pdf', 'GET /me/cpd/records/{id}']);
  });

  it('reach exactly what the documents app answers', () => {
    const example = (path: string) => path.replace('{id}', 'r7f3a9c2e4b1d8f6a0c5e9b3d7.pdf');
    for (const path of documentRoutes.paths) expect(isCpdDocumentPath(example(path)), path).toBe(true);
  });

  it('let API Gateway invoke the function', () => {
    const permissions = Object.values(app.findResources('AWS::Lambda::Permission')).filter((p) => p.Properties.FunctionName['Fn::GetAtt']?.[0] === documentsId);
    expect(permissions.length).toBeGreaterThan(0);
    for (const p of permissions) expect(p.Properties).toMatchObject({ Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com' });
  });
});

describe('its bundle', () => {
  it('has the two DejaVu fonts and their licence where pdf.ts resolves them, byte for byte', () => {
    const dir = dirname(bundle.file);
    for (const file of bundledFontFiles) {
      const copied = join(dir, 'node_modules/dejavu-fonts-ttf', file);
      expect(existsSync(copied), file).toBe(true);
      expect(statSync(copied).size, file).toBe(statSync(join(repoRoot, 'node_modules/dejavu-fonts-ttf', file)).size);
    }
  });

  it('carries pdfkit with the Brotli stub in place of the decompressor, and the API bundle carries no pdfkit', () => {
    const code = readFileSync(bundle.file, 'utf8');
    expect(code).toContain('PDFKit');
    expect(code).toContain('WOFF2 fonts are not used');
    expect(readFileSync(api.file, 'utf8')).not.toContain('PDFKit');
  });
});

/**
 * The bundle run as Lambda runs it, in a bare Node process from its own asset directory (the fonts beside it), against
 * a stand-in for DynamoDB that answers the session's GetItem and the log's Query: a signed-in person gets their record
 * as a PDF that pdftotext reads, in DejaVu Sans.
 */
describe('its bundle, run in a bare Node process', () => {
  const secret = 'a-session-secret-for-the-bundle-test-0123456789';
  const email = 'sian@example.org';
  const record = {
    id: 'r7f3a9c2e4b1d8f6a0c5e9b3d7', personId: personId(email), eventId: 'ev1', name: 'Siân Ní Bhriain', title: 'TeachMeet: information literacy',
    networkName: 'Cardiff Library Network', organisers: ['Łukasz Nowak'], startUtc: '2026-10-08T17:30:00Z', endUtc: '2026-10-08T19:00:00Z',
    timezone: 'Europe/London', date: '2026-10-08', format: 'teachmeet', quarters: 6, outcomes: ['Plan a one-hour session'], areas: ['literacies-learning'],
    role: 'attended', feedbackCollected: true, issuedAt: '2026-10-09T09:00:00Z', shared: true, shareNonce: 'nonce-1',
  };
  const asked: string[] = [];
  let server: Server;
  let endpoint: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const target = String(req.headers['x-amz-target']).split('.')[1]!;
        const input = JSON.parse(body) as Json;
        asked.push(`${target} ${Object.values(input.Key ?? input.ExpressionAttributeValues ?? {}).map((v: any) => v.S).join(' ')}`);
        const out =
          target === 'GetItem'
            ? { Item: marshall({ PK: `SESSION#${hashSecret(secret)}`, SK: 'SESSION', id: hashSecret(secret), personId: personId(email), email, createdAt: '2026-10-01T00:00:00Z', expiresAt: 4_102_444_800 }) }
            : { Items: [marshall({ PK: `CPDLOG#${personId(email)}`, SK: `RECORD#${record.id}`, type: 'cpd-record', ...record })], Count: 1, ScannedCount: 1 };
        res.writeHead(200, { 'Content-Type': 'application/x-amz-json-1.0' }).end(JSON.stringify(out));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const invoke = async (rawPath: string, cookie?: string) => {
    const event = {
      version: '2.0', routeKey: `GET ${rawPath}`, rawPath, rawQueryString: '', ...(cookie ? { cookies: [cookie] } : {}),
      headers: { host: 'example.execute-api.eu-west-2.amazonaws.com' },
      requestContext: { http: { method: 'GET', path: rawPath, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'test' }, requestId: 'test', stage: '$default', timeEpoch: 1767225600000 },
      isBase64Encoded: false,
    };
    const script = `const { handler } = await import('./index.mjs');
const res = await handler(${JSON.stringify(event)}, { awsRequestId: 'test' });
console.log(JSON.stringify({ status: res.statusCode, headers: res.headers, body: res.body, base64: res.isBase64Encoded }));`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      cwd: dirname(bundle.file),
      env: {
        PATH: process.env.PATH, AWS_REGION: 'eu-west-2', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        TABLE_NAME: 'signpost-test', DYNAMODB_ENDPOINT: endpoint, SITE_URL: 'https://events.example.org', LOG_LEVEL: 'silent',
        FEED_SECRET: 'bundle-test-feed-secret-0123456789abcdef',
      },
      timeout: 30_000,
    });
    return JSON.parse(stdout.trim().split('\n').pop()!) as { status: number; headers: Record<string, string>; body: string; base64: boolean };
  };

  it('sends the signed-out to sign in without reading anything', async () => {
    const out = await invoke('/me/cpd/export.pdf');
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe('/sign-in?next=%2Fme%2Fcpd%2Fexport.pdf');
    expect(asked).toEqual([]);
  });

  it('answers the signed-in person their record as a PDF, read from their session and their own log only', async () => {
    const out = await invoke(`/me/cpd/records/${record.id}.pdf`, `${SESSION_COOKIE}=${secret}`);
    expect(out).toMatchObject({ status: 200, base64: true });
    expect(out.headers['content-type']).toBe('application/pdf');
    expect(asked).toEqual([`GetItem SESSION#${hashSecret(secret)} SESSION`, `Query CPDLOG#${personId(email)}`]);
    const file = join(tempDir('documents-pdf'), 'record.pdf');
    writeFileSync(file, Buffer.from(out.body, 'base64'));
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Siân Ní Bhriain');
    expect(text).toContain('TeachMeet: information literacy');
    expect(text).toContain('CPD hours: 1.5 hours');
    // The link wraps over lines, which pdftotext reads as a space.
    expect(text.replace(/ /g, '')).toContain(`https://events.example.org/records/${record.id}#`);
    expect(execFileSync('pdffonts', [file], { encoding: 'utf8' })).toContain('DejaVuSans');
  });
});
