// Test support for races in the CPD log: the CpdLogRepository port (the DynamoDB or the memory adapter, untouched)
// with something run in between a use case's read and its write, so a race that needs two requests to interleave
// happens every time. Never a mock of an SDK client: every call still goes to the real adapter.
import type { CpdLogRepository } from '#functions/cpd/log.repository.ts';

/**
 * The repository, with `between` run once, right after the next read of a log (`log`, as findActivity does) and
 * before that read's answer reaches the use case. `ran()` says whether it has run.
 */
export function afterNextRead<T extends CpdLogRepository>(repo: T, between: () => Promise<unknown>): T & { ran: () => boolean } {
  let pending: (() => Promise<unknown>) | undefined = between;
  return {
    ...repo,
    async log(personId: string) {
      const log = await repo.log(personId);
      const run = pending;
      pending = undefined;
      if (run) await run();
      return log;
    },
    ran: () => pending === undefined,
  };
}

/**
 * The repository, whose next `count` reads of a record by id (`recordById`, as shareRecord does) each wait until all
 * `count` have read: so that many requests at once all see the record as it was before any of them writes.
 */
export function readsTogether<T extends CpdLogRepository>(repo: T, count: number): T {
  let waiting = count;
  let release!: () => void;
  const together = new Promise<void>((resolve) => (release = resolve));
  return {
    ...repo,
    async recordById(id: string) {
      const record = await repo.recordById(id);
      if (waiting > 0) {
        waiting--;
        if (waiting === 0) release();
        await together;
      }
      return record;
    },
  };
}

/**
 * The repository, whose reads of the log answer `before` (taken earlier): a use case that reads at all sees the log as
 * it was before whatever the test does next, as a request whose read came first would.
 */
export function readsAsBefore<T extends CpdLogRepository>(repo: T, before: Awaited<ReturnType<CpdLogRepository['log']>>): T {
  return { ...repo, log: async () => structuredClone(before) };
}
