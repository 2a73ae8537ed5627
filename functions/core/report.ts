// Core: a "Report this meetup" report as the table keeps it for the operators' page (functions/events/report.ts takes
// it, functions/moderation shows it). The reporter's address is kept only if they gave one, and shown only to operators.

/** How long a report is kept (the item's TTL): long enough to see a pattern, no longer. */
export const REPORT_DAYS = 180;

export interface StoredReport {
  id: string;
  eventId: string;
  /** The meetup's title and page as they were when reported (the meetup may change or go). */
  eventTitle: string;
  eventPath: string;
  /** A key of REPORT_REASONS (views/report-page.ts). */
  reason: string;
  details?: string;
  /** Only if the reporter gave one: operators may reply. */
  replyTo?: string;
  createdAt: string;
}
