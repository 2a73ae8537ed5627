// Infra tests: the Lambda bundles CDK builds (esbuild, no Docker) are small and start in a bare Node process.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionBundles, type FunctionBundle } from '#infra/bundle-report.ts';
import { stackNames } from '#infra/signpost-app.ts';
import { removeTempDirs, synthesize, tempDir } from './support.ts';

afterAll(removeTempDirs);

const repoRoot = join(import.meta.dirname, '../..');
let api: FunctionBundle;
let mailer: FunctionBundle;

beforeAll(() => {
  expect(existsSync(join(repoRoot, 'node_modules/.bin/esbuild')), 'local esbuild').toBe(true);
  const { assembly } = synthesize({ bundle: true });
  const bundles = functionBundles(assembly.directory, stackNames.app);
  expect(bundles.map((b) => b.logicalId.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual(['ApiHandler', 'MailerHandler']);
  api = bundles.find((b) => b.logicalId.startsWith('ApiHandler'))!;
  mailer = bundles.find((b) => b.logicalId.startsWith('MailerHandler'))!;
}, 180_000);

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
    },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

const exportsHandler = "const m = await import('./index.mjs'); console.log(typeof m.handler);";

describe('API bundle', () => {
  it('is a single ESM file under 500 kB', () => {
    expect(api.file.endsWith('index.mjs')).toBe(true);
    expect(api.bytes).toBeGreaterThan(10_000);
    expect(api.bytes).toBeLessThan(500 * 1024);
  });

  it('imports in a bare Node process and exports a handler function', () => {
    expect(runInBareNode(api, exportsHandler).trim()).toBe('function');
  });

  it('answers a request without touching AWS (an unknown API path)', () => {
    const event = {
      version: '2.0',
      routeKey: '$default',
      rawPath: '/api/no-such-thing',
      rawQueryString: '',
      headers: { host: 'example.execute-api.eu-west-2.amazonaws.com', accept: 'application/json' },
      requestContext: {
        accountId: '123456789012',
        apiId: 'example',
        domainName: 'example.execute-api.eu-west-2.amazonaws.com',
        http: { method: 'GET', path: '/api/no-such-thing', protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'test' },
        requestId: 'test',
        routeKey: '$default',
        stage: '$default',
        time: '01/Jan/2026:00:00:00 +0000',
        timeEpoch: 1767225600000,
      },
      isBase64Encoded: false,
    };
    const script = `const { handler } = await import('./index.mjs');
const res = await handler(${JSON.stringify(event)}, { awsRequestId: 'test' });
console.log(JSON.stringify({ status: res.statusCode, csp: res.headers['content-security-policy'], body: JSON.parse(res.body) }));`;
    const out = JSON.parse(runInBareNode(api, script).trim().split('\n').pop()!);
    expect(out).toMatchObject({ status: 404, body: { error: 'not_found' } });
    expect(out.csp).toContain("default-src 'self'");
  });
});

describe('mailer bundle', () => {
  it('imports in a bare Node process (nodemailer needs the require banner) and exports a handler function', () => {
    expect(mailer.bytes).toBeLessThan(1024 * 1024);
    expect(runInBareNode(mailer, exportsHandler).trim()).toBe('function');
  });
});
