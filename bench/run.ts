// `npm run bench`: every benchmark in bench/benches.ts, each printed beside its baseline from the same run.
// `npm run bench -- list` (or `bundle`, `rsvp`, `feeds`, `reminders`, `announce`, `cost`; several names run several) runs just
// those; `--smoke` runs them at smoke size. Every one named runs even when another fails; then the failures are named
// and the exit code is 1.
import { benches } from './benches.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const only = args.filter((a) => a !== '--smoke');
const unknown = only.filter((name) => !Object.hasOwn(benches, name));
if (unknown.length) {
  console.error(`No benchmark named ${unknown.join(', ')}. The benchmarks: ${Object.keys(benches).join(', ')}.`);
  process.exit(2);
}

const failed: string[] = [];
const chosen = Object.entries(benches).filter(([name]) => !only.length || only.includes(name));
for (const [name, bench] of chosen) {
  try {
    await bench({ smoke });
  } catch (error) {
    failed.push(name);
    console.error(`\nBenchmark "${name}" failed:`, error);
  }
}
if (failed.length) console.error(`\n${failed.length} of ${chosen.length} benchmarks failed: ${failed.join(', ')}`);
else if (chosen.length > 1) console.log(`\nAll ${chosen.length} benchmarks ran.`);
// Exit rather than wait: a failed bench may have left a socket or timer behind (its child processes are stopped).
process.exit(failed.length ? 1 : 0);
