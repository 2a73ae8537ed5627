// Infra tests: the API bundle CDK builds (esbuild, no Docker) is small and starts in a bare Node process.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionBundles, type FunctionBundle } from '#infra/bundle-report.ts';
import { runtimeProvidedModules } from '#infra/constructs/signpost-function.ts';
import { stackNames } from '#infra/signpost-app.ts';
import { removeTempDirs, synthesize, tempDir } from './support.ts';

afterAll(removeTempDirs);

const repoRoot = join(import.meta.dirname, '../..');
let bundle: FunctionBundle;

beforeAll(() => {
  expect(existsSync(join(repoRoot, 'node_modules/.bin/esbuild')), 'local esbuild').toBe(true);
  const { assembly } = synthesize({ bundle: true });
  const bundles = functionBundles(assembly.directory, stackNames.app);
  expect(bundles).toHaveLength(1);
  bundle = bundles[0]!;
}, 180_000);

/**
 * Copies the bundle somewhere with no node_modules above it except what the Lambda runtime provides (the AWS SDK
 * clients), then runs it in a fresh Node process.
 */
function runInBareNode(script: string): string {
  const dir = tempDir('lambda');
  copyFileSync(bundle.file, join(dir, 'index.mjs'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(join(repoRoot, 'node_modules/@aws-sdk'), join(dir, 'node_modules/@aws-sdk'), 'dir');
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

describe('API bundle', () => {
  it('leaves out only what the Lambda runtime provides: the AWS SDK clients (emulated below)', () => {
    expect(runtimeProvidedModules).toEqual(['@aws-sdk/client-*']);
  });

  it('is a single ESM file under 500 kB', () => {
    expect(bundle.file.endsWith('index.mjs')).toBe(true);
    expect(bundle.bytes).toBeGreaterThan(10_000);
    expect(bundle.bytes).toBeLessThan(500_000);
  });

  it('imports in a bare Node process and exports a handler function', () => {
    expect(runInBareNode("const m = await import('./index.mjs'); console.log(typeof m.handler);").trim()).toBe('function');
  });

  it('answers a request without touching AWS (the OpenAPI document)', () => {
    const event = {
      version: '2.0',
      routeKey: '$default',
      rawPath: '/api/openapi.json',
      rawQueryString: '',
      headers: { host: 'example.execute-api.eu-west-2.amazonaws.com', accept: 'application/json' },
      requestContext: {
        accountId: '123456789012',
        apiId: 'example',
        domainName: 'example.execute-api.eu-west-2.amazonaws.com',
        http: { method: 'GET', path: '/api/openapi.json', protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'test' },
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
console.log(JSON.stringify({ status: res.statusCode, csp: res.headers['content-security-policy'], title: JSON.parse(res.body).info.title }));`;
    const out = JSON.parse(runInBareNode(script).trim().split('\n').pop()!);
    expect(out).toMatchObject({ status: 200, title: 'Signpost API' });
    expect(out.csp).toContain("default-src 'self'");
  });
});
