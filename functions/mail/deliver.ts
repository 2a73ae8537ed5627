// Mail service: delivers outbox messages through the Mailer port, at a bounded rate, and marks them sent.
// Used by the stream handler in AWS and by the local poller; delivery is at least once, so it re-checks status.
import type { Clock } from '../shared/clock.ts';
import type { Logger } from '../shared/log.ts';
import type { Mailer } from './mailer.ts';
import type { Outbox, OutboxMessage } from './outbox.ts';
import type { SuppressionsRepository } from '../suppression/suppressions.repository.ts';

export interface DeliveryDeps {
  outbox: Outbox;
  mailer: Mailer;
  /** Addresses SES reported as bouncing or complaining: never mailed again. */
  suppressions: Pick<SuppressionsRepository, 'find'>;
  clock: Clock;
  logger: Logger;
  /** Messages per second; SES's default production quota is 14/s. */
  ratePerSecond: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Sends one message unless it was already handled, or its address is suppressed (then it is marked so, never sent).
 * Throws if sending fails, leaving it pending for a retry.
 */
export async function deliver(deps: DeliveryDeps, message: OutboxMessage): Promise<'sent' | 'already-sent' | 'suppressed'> {
  const [current, suppressed] = await Promise.all([deps.outbox.get(message.id), deps.suppressions.find([message.to])]);
  if (!current || current.status !== 'pending') return 'already-sent';
  const suppression = suppressed.get(message.to);
  if (suppression) {
    await deps.outbox.markSuppressed(message.id, deps.clock.now(), suppression.reason);
    deps.logger.info('email not sent: address suppressed', { outboxId: message.id, purpose: message.purpose, reason: suppression.reason });
    return 'suppressed';
  }
  await deps.mailer.send(current);
  await deps.outbox.markSent(message.id, deps.clock.now());
  deps.logger.info('email sent', { outboxId: message.id, purpose: message.purpose });
  return 'sent';
}

/** Delivers messages one after another, no faster than the configured rate. Returns the ids that failed. */
export async function deliverAll(deps: DeliveryDeps, messages: OutboxMessage[]): Promise<string[]> {
  const failed: string[] = [];
  const gapMs = 1000 / deps.ratePerSecond;
  for (const message of messages) {
    const started = Date.now();
    try {
      await deliver(deps, message);
    } catch (error) {
      failed.push(message.id);
      deps.logger.warn('email delivery failed; will retry', { outboxId: message.id, purpose: message.purpose, error: (error as Error).name });
    }
    const wait = gapMs - (Date.now() - started);
    if (wait > 0) await sleep(wait);
  }
  return failed;
}

/** One pass over pending messages: the local dev server's stand-in for the stream trigger, and a catch-up sweep. */
export async function deliverPending(deps: DeliveryDeps, batch = 25): Promise<{ sent: number; failed: number }> {
  const messages = await deps.outbox.pending(batch);
  const failed = await deliverAll(deps, messages);
  return { sent: messages.length - failed.length, failed: failed.length };
}
