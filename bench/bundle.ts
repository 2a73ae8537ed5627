// Bench: the API Lambda bundle's minified size and a cold-start proxy (a fresh `node` importing it),
// beside a baseline fresh `node` importing an empty module, in the same run.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { lambdaAliases, requireBanner } from '#infra/constructs/signpost-function.ts';
import { appEnv, sized, type BenchOptions, type Figures } from './harness.ts';
import { percentile, table } from './stats.ts';

const OUT = resolve('.bench');

function importTimes(file: string, runs: number): { importMs: number; processMs: number } {
  // The API function's environment, as the Lambda gets it (its configuration is validated when the bundle loads).
  const env = { ...process.env, ...appEnv({ TABLE_NAME: 'bench', MAIL_FROM: 'Signpost <e@example.org>' }) };
  const imports: number[] = [];
  const processes: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    let out: string;
    try {
      out = execFileSync(process.execPath, ['--input-type=module', '-e', `const t = performance.now(); const m = await import(${JSON.stringify(file)}); if (m.handler === undefined && !m.empty) process.exit(3); console.log(performance.now() - t);`], { env, encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      // Its stderr quotes a line of the minified bundle: keep the error lines only.
      const { status, stderr } = error as { status: number | null; stderr?: string };
      const said = String(stderr ?? '').split('\n').filter((l) => /^\s*(\w*Error|Invalid|at file)/.test(l) && l.length < 500).slice(0, 3).join('\n');
      throw new Error(`Importing ${file} in a fresh node exited with ${status}${said ? `:\n${said}` : ''}`);
    }
    processes.push(performance.now() - started);
    imports.push(Number(out.trim()));
  }
  imports.sort((a, b) => a - b);
  processes.sort((a, b) => a - b);
  return { importMs: percentile(imports, 50), processMs: percentile(processes, 50) };
}

export async function benchBundle(options: BenchOptions = {}): Promise<Figures> {
  const runs = sized(options, { full: 9, smoke: 1 });
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
  const api = importTimes(bundle, runs);
  const base = importTimes(empty, runs);
  table(
    `API Lambda bundle (median of ${runs} fresh node processes)`,
    [
      ['API bundle', `${(size / 1024).toFixed(0)} kB`, api.importMs, api.processMs],
      ['baseline: empty module', '0 kB', base.importMs, base.processMs],
    ],
    ['', 'size (minified)', 'import ms', 'whole process ms'],
  );
  // 840 kB since the API also renders the pages that work without JavaScript, sign-in, networks, moderation,
  // following, messages and the CPD log (test/infra/api-bundle.test.ts); the import time is what a cold start pays,
  // and its target stays.
  console.log(`  targets: size under 840 kB -> ${size < 840 * 1024 ? 'met' : 'NOT met'}; import under 150 ms -> ${api.importMs < 150 ? 'met' : 'NOT met'}`);
  return { bundleKb: size / 1024, importMs: api.importMs, processMs: api.processMs, baselineImportMs: base.importMs, baselineProcessMs: base.processMs };
}
