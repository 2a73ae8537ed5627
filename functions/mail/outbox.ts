// Mail domain: the outbox. Every email is stored as a message in the same transaction as the change that causes
// it, then delivered by the mailer (DynamoDB Stream in AWS, a poller locally). No AWS imports.
import type { OutboxMessage, OutboxStatus } from '#functions/core/email.ts';
import type { SuppressionReason } from '#functions/core/person.ts';

export type { OutboxStatus };

/** How long a delivered message's bookkeeping row lingers (without its body) before TTL removes it. */
export const SENT_RETENTION_DAYS = 7;

/** The store the mailer drains. The DynamoDB adapter implements it; writes happen inside other transactions. */
export interface Outbox {
  /** Oldest first; with `createdBefore`, only messages created before then. */
  pending(limit: number, createdBefore?: Date): Promise<OutboxMessage[]>;
  /** Re-reads a message, so a duplicate delivery of a stream record can see it was already sent. */
  get(id: string): Promise<(OutboxMessage & { status: OutboxStatus }) | undefined>;
  /** Marks a message sent and drops its body (it may hold a link token), keeping only bookkeeping. */
  markSent(id: string, now: Date): Promise<void>;
  /** As markSent, for a message not sent because SES told us its address bounces or complained. */
  markSuppressed(id: string, now: Date, reason: SuppressionReason): Promise<void>;
  /** As markSent, for a message the mailer gave up on. */
  markFailed(id: string, now: Date): Promise<void>;
}
