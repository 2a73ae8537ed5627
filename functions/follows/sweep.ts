// Follows use case: one follows sweep, run after the reminder sweep by the same schedule. It seals due announcements,
// on the weekly run (`{ job: 'digest' }`) makes this week's digests, then resumes every open broadcast it has a
// resumer for: new ones, and any a crashed or timed-out run left unfinished. Kinds another room sends (the team's
// messages) are resumed by the resumers the app adds; others are left open for whoever knows them.
import type { BroadcastKind } from '#functions/core/broadcast.ts';
import { resumeAnnouncement, sealDueAnnouncements } from './announce.ts';
import { resumeDigest, startDigests } from './digest.ts';
import type { BroadcastResumer, FollowSweepDeps } from './sweep-deps.ts';

export type { BroadcastResumer, FollowSweepDeps } from './sweep-deps.ts';

/** Open broadcasts read per sweep; more wait for the next one. */
const OPEN_READ = 100;

export type Resumers = Partial<Record<BroadcastKind, BroadcastResumer>>;

/** The follows room's own kinds: announcements and digests. */
export const followResumers = (deps: FollowSweepDeps): Resumers => ({
  announcement: (b) => resumeAnnouncement(deps, b),
  digest: (b) => resumeDigest(deps, b),
});

/** What the scheduled invocation says: the weekly one asks for the digest. */
export interface SweepInput {
  job?: string;
}

export interface FollowSweepResult {
  sealed: number;
  digests: number;
  broadcasts: number;
  queued: number;
  skipped: number;
}

export async function sweepFollows(deps: FollowSweepDeps, input: SweepInput = {}, resumers: Resumers = followResumers(deps)): Promise<FollowSweepResult> {
  const result: FollowSweepResult = { sealed: await sealDueAnnouncements(deps), digests: 0, broadcasts: 0, queued: 0, skipped: 0 };
  if (input.job === 'digest') result.digests = (await startDigests(deps)).created;
  const failed: string[] = [];
  for (const broadcast of await deps.broadcasts.open(OPEN_READ)) {
    const resume = resumers[broadcast.kind];
    if (!resume) continue;
    // One broadcast failing (a throttled write) leaves it open for the next sweep; the others still go first.
    try {
      const out = await resume(broadcast);
      result.broadcasts++;
      result.queued += out.queued;
      result.skipped += out.skipped;
    } catch (error) {
      deps.logger.warn('broadcast fan-out stopped; the next sweep resumes it', { broadcast: broadcast.id, kind: broadcast.kind, error: (error as Error).message });
      failed.push(broadcast.id);
    }
  }
  deps.logger.info('follows sweep', { ...result, failed: failed.length });
  // Thrown so the invocation fails (retried, alarmed on); the claims make the retry safe.
  if (failed.length) throw new Error(`follows sweep: ${failed.length} broadcast fan-outs stopped (${failed.join(', ')})`);
  return result;
}
