// Events: the storage port for "Report this meetup" reports. The DynamoDB adapter and the in-memory fake implement
// it. A report is stored with its email to the operator and its rate-limit claims, all or nothing.
import type { OutboxMessage } from '#functions/core/email.ts';
import type { StoredReport } from '#functions/core/report.ts';
import type { RateClaim } from '#functions/ratelimit/rate-limit.ts';
import type { QueueOutcome } from './events.repository.ts';

export interface ReportsRepository {
  /** Stores the report, queues its emails and takes the claims in one write; nothing if a claim is over its limit. */
  add(report: StoredReport, emails: OutboxMessage[], claims: RateClaim[]): Promise<QueueOutcome>;
  /** The newest `limit` reports, newest first. */
  recent(limit: number): Promise<StoredReport[]>;
}
