// Events: "Report this meetup". The form's schema, the limits that keep it from flooding the operator, the email the
// operator gets, and the use case that stores it for the operators' page and queues the email (through the outbox,
// with its rate-limit claims, all or nothing).
import * as z from 'zod';
import { outboxMessage } from '#functions/core/email.ts';
import type { OutgoingEmail } from '#functions/core/email.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import { eventPath } from '#functions/core/event.ts';
import { formatWhen } from '#functions/core/time.ts';
import { newId } from '#functions/core/ids.ts';
import type { StoredReport } from '#functions/core/report.ts';
import { compose } from '#functions/mail/layout.ts';
import { claimFor, rateLimited, type RateRule } from '#functions/ratelimit/rate-limit.ts';
import { REPORT_REASONS, type ReportReason } from '#views/report-page.ts';
import type { EventsDeps } from './deps.ts';

/** A few reports an hour from one address, and a cap per meetup, so the operator's inbox cannot be flooded. */
export const reportRules = {
  perIp: { scope: 'report-ip', limit: 5, windowSeconds: 3600 },
  perEvent: { scope: 'report-event', limit: 20, windowSeconds: 3600 },
} satisfies Record<string, RateRule>;

export const MAX_REPORT_DETAILS = 2000;

const reasons = Object.keys(REPORT_REASONS) as [ReportReason, ...ReportReason[]];

export const reportSchema = z
  .object({
    reason: z.enum(reasons, 'Choose what is wrong'),
    details: z
      .string()
      .trim()
      .max(MAX_REPORT_DETAILS, `Keep what you tell us to ${MAX_REPORT_DETAILS.toLocaleString('en-GB')} characters or fewer`)
      .optional()
      .transform((v) => v || undefined),
    replyTo: z
      .string()
      .trim()
      .max(254, 'Your email address must be 254 characters or fewer')
      .optional()
      .transform((v) => v || undefined)
      .pipe(z.email('Enter an email address in the correct format, like name@example.org').optional()),
  })
  .check(
    z.superRefine(
      (v, ctx) => {
        if (v.reason === 'other' && !v.details)
          ctx.addIssue({ code: 'custom', path: ['details'], message: 'Say what is wrong, as you chose “Something else”' });
      },
      { when: (payload) => !payload.issues.some((i) => i.path?.[0] === 'reason' || i.path?.[0] === 'details') },
    ),
  );
export type Report = z.output<typeof reportSchema>;

/** To the operator: enough to act on (which meetup, who organises it, what is wrong), and a reply address if given. */
export function reportEmail(event: StoredEvent, report: Report, operator: string, siteUrl: string): OutgoingEmail {
  return compose(
    {
      to: { name: 'Signpost operator', email: operator },
      subject: `Report: ${event.title} (${REPORT_REASONS[report.reason]})`,
      heading: 'A meetup was reported',
      blocks: [
        { fact: 'What is wrong', value: REPORT_REASONS[report.reason] },
        { text: report.details ? `What they said:\n${report.details}` : 'They added no details.' },
        { fact: 'Meetup', value: `${event.title} (${event.id}, ${event.status})` },
        { fact: 'When', value: formatWhen(event.startUtc, event.endUtc, event.timezone) },
        { link: `${siteUrl}${eventPath(event)}`, label: 'The meetup page' },
        { fact: 'Organiser', value: `${event.organiserName} <${event.organiserEmail}>` },
        { text: report.replyTo ? `Reply to this email to answer them (${report.replyTo}).` : 'They gave no reply address.' },
      ],
    },
    report.replyTo ? { replyTo: report.replyTo } : {},
  );
}

/** What is kept of a report for the operators' page: the meetup as it was, the reason, and a reply address if given. */
export function storedReport(event: StoredEvent, report: Report, now: Date): StoredReport {
  return {
    id: newId(16),
    eventId: event.id,
    eventTitle: event.title,
    eventPath: eventPath(event),
    reason: report.reason,
    ...(report.details ? { details: report.details } : {}),
    ...(report.replyTo ? { replyTo: report.replyTo } : {}),
    createdAt: now.toISOString(),
  };
}

/**
 * Stores the report for the operators' page and queues its email to the operator, in one write, unless this address
 * or this meetup has sent too many this hour.
 */
export async function sendReport(deps: Pick<EventsDeps, 'reports' | 'clock' | 'siteUrl'>, operator: string, event: StoredEvent, report: Report, ip: string) {
  const now = deps.clock.now();
  const claims = [claimFor(reportRules.perIp, ip, now), claimFor(reportRules.perEvent, event.id, now)];
  const email = outboxMessage(reportEmail(event, report, operator, deps.siteUrl), 'meetup-report', now);
  const queued = await deps.reports.add(storedReport(event, report, now), [email], claims);
  if (!queued.ok) throw rateLimited(queued.claim);
}
