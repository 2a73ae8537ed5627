// Bench helpers: percentiles, a fixed-concurrency load loop for the floor, autocannon with req/s per second, and
// side-by-side printing.
import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
}

/** Runs `op` from `concurrency` workers for `seconds`, timing each call. */
export async function load(op: () => Promise<unknown>, concurrency: number, seconds: number): Promise<LoadResult> {
  const times: number[] = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const t = performance.now();
        await op();
        times.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return { requests: times.length, seconds: elapsed, rps: times.length / elapsed, p50: percentile(times, 50), p99: percentile(times, 99) };
}

/** Runs `op(i)` for i = 0..count-1 from `concurrency` workers, timing each call. */
export async function loadCount(op: (i: number) => Promise<unknown>, concurrency: number, count: number): Promise<LoadResult> {
  const times: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t = performance.now();
        await op(i);
        times.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return { requests: times.length, seconds: elapsed, rps: times.length / elapsed, p50: percentile(times, 50), p99: percentile(times, 99) };
}

/** How long a load run lasts: some seconds (full size), or some requests (smoke size: done however busy the machine). */
export type Length = { seconds: number } | { requests: number };
export const describeLength = (length: Length) => ('seconds' in length ? `${length.seconds} s` : `${length.requests} requests`);
/** autocannon's options for a run of this length. */
export const cannonLength = (length: Length) => ('seconds' in length ? { duration: length.seconds } : { amount: length.requests });
/** `load` for seconds, `loadCount` for a number of calls. */
export const loadFor = (op: () => Promise<unknown>, concurrency: number, length: Length): Promise<LoadResult> =>
  'seconds' in length ? load(op, concurrency, length.seconds) : loadCount(op, concurrency, length.requests);

/**
 * autocannon, sampling every `sampleMs` (its default, 1 s, unless a smoke run asks for less: a run lasts at least one
 * sample), with the mean requests per second scaled from requests per sample.
 */
export async function cannon(options: autocannon.Options, sampleMs = 1000): Promise<autocannon.Result & { rps: number }> {
  const result = await autocannon({ ...options, sampleInt: sampleMs });
  return Object.assign(result, { rps: (result.requests.average * 1000) / sampleMs });
}

export function table(title: string, rows: [string, ...(string | number)[]][], header: string[]): void {
  const cells = [header, ...rows.map((r) => r.map((c) => (typeof c === 'number' ? fmt(c) : c)))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => String(r[i] ?? '').length)));
  console.log(`\n${title}`);
  for (const [i, row] of cells.entries()) {
    console.log('  ' + row.map((c, j) => String(c).padEnd(widths[j]!)).join('   '));
    if (i === 0) console.log('  ' + widths.map((w) => '-'.repeat(w)).join('   '));
  }
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n >= 100 ? n.toFixed(0) : n.toFixed(2));

/** For bench servers in their own process: CPU time since start, as JSON, on SIGUSR2 (and carry on) and SIGTERM (then exit). */
export function reportCpu(): void {
  const started = process.cpuUsage();
  const line = () => {
    const { user, system } = process.cpuUsage(started);
    return JSON.stringify({ cpuMs: (user + system) / 1000 }) + '\n';
  };
  process.on('SIGUSR2', () => process.stdout.write(line()));
  process.once('SIGTERM', () => process.stdout.write(line(), () => process.exit(0)));
}

const ticksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU time of another process (DynamoDB Local's JVM, the SES emulator), from /proc; NaN where there is no /proc. */
export function processCpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return NaN;
  }
}
