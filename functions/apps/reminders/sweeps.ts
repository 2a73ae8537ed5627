// The scheduled sweeps, in order: reminders and change notices first (people hear of changes before anything else),
// then the follows sweep (announcements every run; the digest when the weekly schedule's input asks for it). A failed
// reminder sweep still lets the follows sweep run; either failing fails the run, so it is retried (the claims make
// that safe).
import { followResumers, sweepFollows, type FollowSweepDeps, type FollowSweepResult, type Resumers, type SweepInput } from '#functions/follows/sweep.ts';
import { sweepReminders, type ReminderDeps, type SweepResult } from '#functions/reminders/sweep.ts';

export interface SweepsDeps {
  reminders: ReminderDeps;
  follows: FollowSweepDeps;
  /** Added to the follows room's own: other rooms' broadcast kinds (the team's messages). */
  resumers?: Resumers;
}

/** The reminder sweep's result (its shape before followers existed), with the follows sweep's beside it. */
export type SweepsResult = SweepResult & { follows: FollowSweepResult };

export async function runSweeps(deps: SweepsDeps, input: SweepInput = {}): Promise<SweepsResult> {
  const reminders = await sweepReminders(deps.reminders).catch((error: unknown) => ({ error }));
  const follows = await sweepFollows(deps.follows, input, { ...followResumers(deps.follows), ...deps.resumers });
  if ('error' in reminders) throw reminders.error;
  return { ...reminders, follows };
}
