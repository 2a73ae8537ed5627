// Bench: the API Lambda bundle's minified size and a cold-start proxy (a fresh `node` importing it),
// beside a baseline fresh `node` importing an empty module, in the same run.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { lambdaAliases, requireBanner } from '#infra/constructs/signpost-function.ts';
import { percentile, table } from './stats.ts';

const OUT = resolve('.bench');
const RUNS = 9;

function importTimes(file: string): { importMs: number; processMs: number } {
  const env = { ...process.env, TABLE_NAME: 'bench', SITE_URL: 'https://events.example.org', MAIL_FROM: 'Signpost <e@example.org>', AWS_REGION: 'eu-west-2', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
  const imports: number[] = [];
  const processes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', `const t = performance.now(); const m = await import(${JSON.stringify(file)}); if (m.handler === undefined && !m.empty) process.exit(3); console.log(performance.now() - t);`], { env, encoding: 'utf8' });
    processes.push(performance.now() - started);
    imports.push(Number(out.trim()));
  }
  imports.sort((a, b) => a - b);
  processes.sort((a, b) => a - b);
  return { importMs: percentile(imports, 50), processMs: percentile(processes, 50) };
}

export async function benchBundle(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const bundle = resolve(OUT, 'api-handler.mjs');
  // The same esbuild settings SignpostFunction gives NodejsFunction.
  await build({
    entryPoints: [resolve('functions/apps/api/handler.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    mainFields: ['module', 'main'],
    minify: true,
    banner: { js: requireBanner },
    alias: lambdaAliases,
    logLevel: 'error',
  });
  const empty = resolve(OUT, 'empty.mjs');
  writeFileSync(empty, 'export const empty = true;\n');

  const size = statSync(bundle).size;
  const api = importTimes(bundle);
  const base = importTimes(empty);
  table(
    `API Lambda bundle (median of ${RUNS} fresh node processes)`,
    [
      ['API bundle', `${(size / 1024).toFixed(0)} kB`, api.importMs, api.processMs],
      ['baseline: empty module', '0 kB', base.importMs, base.processMs],
    ],
    ['', 'size (minified)', 'import ms', 'whole process ms'],
  );
  console.log(`  targets: size under 500 kB -> ${size < 500 * 1024 ? 'met' : 'NOT met'}; import under 150 ms -> ${api.importMs < 150 ? 'met' : 'NOT met'}`);
}
