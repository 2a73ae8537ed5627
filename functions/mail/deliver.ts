// Mail service: delivers outbox messages through the Mailer port, at a bounded rate, and marks them sent.
// Used by the stream handler in AWS and by the local poller; delivery is at least once, so it re-checks status.
import type { Clock } from '#functions/core/clock.ts';
import type { Logger } from '#functions/core/log.ts';
import type { Mailer } from './mailer.ts';
import type { Outbox } from './outbox.ts';
import type { SuppressionsRepository } from '#functions/suppression/suppressions.repository.ts';
import type { OutboxMessage } from '#functions/core/email.ts';

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

/**
 * How old a pending message is before the catch-up takes it. The stream delivers within seconds and its own retries
 * (five, straight after each other) are over long before this, so the two rarely overlap; when they do, deliver()
 * re-reads the message first.
 */
export const CATCH_UP_AFTER_MINUTES = 15;
/** Undelivered for this long, a message is given up on: a confirm link or a reminder days late helps nobody. */
export const MAIL_GIVE_UP_DAYS = 3;

/**
 * The scheduled catch-up (every 15 minutes in AWS): sends pending messages the stream gave up on (SES down, the sender
 * identity not yet verified, throttling), oldest first, so a fixed problem needs no manual redrive. Messages older
 * than MAIL_GIVE_UP_DAYS are marked failed instead. Takes what it can send in about 40 s at the configured rate.
 */
export async function catchUp(deps: DeliveryDeps): Promise<{ sent: number; failed: number; givenUp: number }> {
  const now = deps.clock.now();
  const limit = Math.min(500, Math.max(1, Math.floor(deps.ratePerSecond * 40)));
  const messages = await deps.outbox.pending(limit, new Date(now.getTime() - CATCH_UP_AFTER_MINUTES * 60_000));
  const giveUpBefore = now.getTime() - MAIL_GIVE_UP_DAYS * 86_400_000;
  const stale = messages.filter((m) => Date.parse(m.createdAt) < giveUpBefore);
  for (const message of stale) {
    await deps.outbox.markFailed(message.id, now);
    deps.logger.error('email given up: undelivered for too long', { outboxId: message.id, purpose: message.purpose, createdAt: message.createdAt, days: MAIL_GIVE_UP_DAYS });
  }
  const retry = messages.filter((m) => !stale.includes(m));
  const failed = await deliverAll(deps, retry);
  const result = { sent: retry.length - failed.length, failed: failed.length, givenUp: stale.length };
  if (messages.length > 0) deps.logger.info('mail catch-up', result);
  return result;
}

