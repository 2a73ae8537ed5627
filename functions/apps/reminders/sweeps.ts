// The scheduled sweeps, in order: reminders and change notices first (people hear of changes before anything else),
// then the follows sweep (announcements every run; the digest when the weekly schedule's input asks for it), then the
// meetups' numbers and the records of attendance once check-in has closed (those two log their failures). A failed
// reminder sweep still lets the follows sweep run; either failing fails the run, so it is retried (the claims make
// that safe).
import { followResumers, sweepFollows, type FollowSweepDeps, type FollowSweepResult, type Resumers, type SweepInput } from '#functions/follows/sweep.ts';
import { sweepReminders, type ReminderDeps, type SweepResult } from '#functions/reminders/sweep.ts';
import { sweepSummaries, type SummarySweepDeps } from '#functions/attendance/summary-sweep.ts';
import { sweepStillComing, type StillComingSweepDeps } from '#functions/attendance/still-coming-sweep.ts';
import { sweepRecords, type RecordsSweepDeps } from '#functions/cpd/records-sweep.ts';

export interface SweepsDeps {
  reminders: ReminderDeps;
  follows: FollowSweepDeps;
  /** Added to the follows room's own: other rooms' broadcast kinds (the team's messages). */
  resumers?: Resumers;
  /** "Still coming?" (attendance/still-coming-sweep.ts): after the reminders, before the follows sweep. */
  stillComing?: StillComingSweepDeps;
  /** Keeping the numbers of meetups whose check-in window closed (attendance/summary-sweep.ts), after the others. */
  summaries?: SummarySweepDeps;
  /** Issuing records of attendance to checked-in people once the window has closed (cpd/records-sweep.ts), after the summaries. */
  records?: RecordsSweepDeps;
}

/** The reminder sweep's result (its shape before followers existed), with the follows sweep's beside it. */
export type SweepsResult = SweepResult & { follows: FollowSweepResult };

export async function runSweeps(deps: SweepsDeps, input: SweepInput = {}): Promise<SweepsResult> {
  const reminders = await sweepReminders(deps.reminders).catch((error: unknown) => ({ error }));
  // A failure here lets the others run, then fails the run so it is retried (its claims make that safe).
  const stillComing = deps.stillComing && (await sweepStillComing(deps.stillComing).then(() => undefined, (error: unknown) => ({ error })));
  const follows = await sweepFollows(deps.follows, input, { ...followResumers(deps.follows), ...deps.resumers });
  // After the others, and never in their way: a failure is logged, and the next run looks again.
  if (deps.summaries) await sweepSummaries(deps.summaries).catch((error: unknown) => deps.summaries!.logger.error('Summary sweep failed', { error: String(error) }));
  if (deps.records) await sweepRecords(deps.records).catch((error: unknown) => deps.records!.logger.error('Records sweep failed', { error: String(error) }));
  if ('error' in reminders) throw reminders.error;
  if (stillComing) throw stillComing.error;
  return { ...reminders, follows };
}
