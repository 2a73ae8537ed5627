// Mail use case: a broadcast's fan-out. Each recipient is claimed with their email in one transaction (BroadcastStore
// claim), a few in flight, so running it twice, crashing halfway or resuming it from the sweep mails everyone once.
// Suppressed addresses are left out before claiming (the mailer would skip them too, but the writes would be wasted).
// Once every recipient was claimed or skipped, the broadcast is finished.
import type { Clock } from '#functions/core/clock.ts';
import type { StoredBroadcast } from '#functions/core/broadcast.ts';
import { outboxMessage, type EmailPurpose, type OutgoingEmail } from '#functions/core/email.ts';
import type { SuppressionsRepository } from '#functions/suppression/suppressions.repository.ts';
import type { BroadcastStore } from './broadcasts.ts';

export interface FanOutDeps {
  broadcasts: BroadcastStore;
  suppressions: Pick<SuppressionsRepository, 'find'>;
  clock: Clock;
}

export interface FanOutOptions<R> {
  /** Stable per recipient and broadcast: the claim's key (a follower's or an RSVP's id). */
  keyOf: (recipient: R) => string;
  addressOf: (recipient: R) => string;
  /** Their email, made as they are claimed (`at`: the clock then). */
  emailOf: (recipient: R, at: Date) => OutgoingEmail;
  purpose: EmailPurpose;
  /** Claims in flight at once; the mailer paces the sending itself. */
  concurrency?: number;
}

export interface FanOutResult {
  /** Emails queued by this run. */
  queued: number;
  /** Suppressed, or claimed by an earlier run. */
  skipped: number;
}

export async function fanOut<R>(deps: FanOutDeps, broadcast: StoredBroadcast, recipients: R[], options: FanOutOptions<R>): Promise<FanOutResult> {
  const suppressed = await deps.suppressions.find(recipients.map(options.addressOf));
  const reachable = recipients.filter((r) => !suppressed.has(options.addressOf(r)));
  let queued = 0;
  let earlier = 0;
  const queue = [...reachable];
  let failure: { error: unknown } | undefined;
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 8, queue.length) }, async () => {
    // After a failure no new claims start; those in flight end before it is thrown, so nothing is left running.
    for (let r = queue.shift(); r !== undefined && !failure; r = queue.shift()) {
      const at = deps.clock.now();
      try {
        const message = outboxMessage(options.emailOf(r, at), options.purpose, at);
        if (await deps.broadcasts.claim(broadcast.id, options.keyOf(r), message, at)) queued++;
        else earlier++;
      } catch (error) {
        failure ??= { error };
      }
    }
  }));
  // Unfinished: the broadcast stays open and the sweep resumes it.
  if (failure) throw failure.error;
  // What it reached in all: this run's and those claimed by a run that stopped short.
  await deps.broadcasts.finish(broadcast.id, queued + earlier, deps.clock.now());
  return { queued, skipped: recipients.length - queued };
}
