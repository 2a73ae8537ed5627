// Bench smoke test: every benchmark in bench/benches.ts, at smoke size, sharing one DynamoDB Local and one SES emulator.
// Each must finish, print its report (kept quiet unless the test fails) and return its key figures, every one a
// positive finite number. Nothing is timed and no target asserted: the figures are for `npm run bench`.
import { format } from 'node:util';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { benches } from '#bench/benches.ts';
import { startServices, type Services } from '#bench/harness.ts';

let services: Services & { stop(): Promise<void> };

beforeAll(async () => {
  services = await startServices({ smoke: true }, 'dynamo', 'ses');
});
afterAll(async () => {
  await services?.stop();
});

it('has benchmarks to run', () => {
  expect(Object.keys(benches).length).toBeGreaterThan(0);
});

for (const [name, bench] of Object.entries(benches)) {
  it(`${name}: runs at smoke size, prints its report and returns positive figures`, async () => {
    const printed: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void printed.push(format(...args)));
    try {
      const figures = await bench({ smoke: true, services });
      expect(printed.join('\n'), 'a printed table').toMatch(/^ {2}-+( {3}-+)+$/m);
      expect(Object.keys(figures).length, 'figures returned').toBeGreaterThan(0);
      for (const [figure, value] of Object.entries(figures)) {
        expect(Number.isFinite(value) && value > 0, `${name}.${figure} = ${value}`).toBe(true);
      }
    } catch (error) {
      log.mockRestore();
      console.log(printed.join('\n'));
      throw error;
    } finally {
      log.mockRestore();
    }
  });
}
