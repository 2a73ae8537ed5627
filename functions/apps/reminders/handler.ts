// Lambda entry for the sweeps: EventBridge Scheduler invokes it every few minutes (reminders, then announcements to
// followers) and weekly with `{ job: 'digest' }` (the followers' digest too). A thrown error fails the invocation, so
// Scheduler retries it (and dead-letters it after its retries); the claims make retries safe.
import { loadRemindersConfig } from '../config.ts';
import { sweepDeps } from './aws-deps.ts';
import { runSweeps } from './sweeps.ts';
import type { SweepInput } from '#functions/follows/sweep.ts';

const deps = sweepDeps(loadRemindersConfig());

export const handler = async (input?: SweepInput | null) => runSweeps(deps, { ...(input?.job ? { job: input.job } : {}) });
