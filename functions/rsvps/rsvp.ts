// RSVPs domain: one RSVP per address per event, its states, places left, and what people and organisers see.
// No AWS or HTTP imports.
import { csvCell } from '#functions/core/csv.ts';
import { hashSecret } from '#functions/core/ids.ts';
import { rsvpStatusLabel, type StoredRsvp } from '#functions/core/rsvp.ts';
import { zoneName } from '#functions/core/time.ts';
import type { SuppressionReason } from '#functions/core/person.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import { ATTENDANCE_ANSWER_LABELS, attendanceAnswer } from '#functions/core/attendance.ts';
import { checkedInByText } from './rsvp.schema.ts';

export const RSVP_RETENTION_DAYS_AFTER_END = 30;

/** The RSVP's id within its event: derived from the address, so asking twice finds the same RSVP without a read. */
export const rsvpKey = (eventId: string, email: string) => hashSecret(`${eventId}:${email.trim().toLowerCase()}`).slice(0, 24);

const epochSeconds = (iso: string | Date) => Math.floor(new Date(iso).getTime() / 1000);

export function newRsvpFields(event: StoredEvent, request: { name: string; email: string; note?: string | undefined }, confirmTokenHash: string, now: Date) {
  return {
    eventId: event.id,
    key: rsvpKey(event.id, request.email),
    name: request.name,
    email: request.email.toLowerCase(),
    ...(request.note ? { note: request.note } : {}),
    confirmTokenHash,
    confirmTokenExpiresAt: epochSeconds(event.startUtc),
    now: now.toISOString(),
    expiresAt: epochSeconds(event.endUtc) + RSVP_RETENTION_DAYS_AFTER_END * 86_400,
  };
}
export type NewRsvp = ReturnType<typeof newRsvpFields>;

/** `mailSuppressed`: SES reported this address bouncing or complaining, so Signpost no longer emails it. */
export function toAttendee(r: StoredRsvp, waitlistPosition?: number, mailSuppressed?: SuppressionReason) {
  const answer = attendanceAnswer(r);
  return {
    key: r.key,
    name: r.name,
    email: r.email,
    status: r.status,
    ...(r.note ? { note: r.note } : {}),
    createdAt: r.createdAt,
    ...(r.confirmedAt ? { confirmedAt: r.confirmedAt } : {}),
    ...(waitlistPosition ? { waitlistPosition } : {}),
    ...(mailSuppressed ? { mailSuppressed } : {}),
    ...(answer ? { stillComing: answer } : {}),
    ...(r.checkedInAt ? { checkedInAt: r.checkedInAt } : {}),
    ...(r.checkedInAt && r.checkedInBy ? { checkedInBy: r.checkedInBy } : {}),
  };
}

/** Waitlisted RSVPs in the order places are offered: first come, first served. */
export const byWaitlistOrder = (a: StoredRsvp, b: StoredRsvp) =>
  (a.waitlistedAt ?? '').localeCompare(b.waitlistedAt ?? '') || a.key.localeCompare(b.key);

/** A spreadsheet-friendly "2026-12-03 12:30" in the meetup's zone. */
export function localTime(utc: string, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(utc)).map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** "new-professionals-lunch-2026-12-03-attendees.csv": the meetup's slug and local date. */
export const attendeesCsvName = (event: Pick<StoredEvent, 'slug' | 'startLocal'>) => `${event.slug}-${event.startLocal.slice(0, 10)}-attendees.csv`;

/**
 * The attendee list as CSV: readable statuses ("Waitlisted (3)", "Removed by the organiser", "Walk-in"), the answer to
 * "Still coming?" and the check-in, times in `timeZone`.
 */
export function attendeesCsv(rows: ReturnType<typeof toAttendee>[], timeZone: string): string {
  // Quote everything; neutralise spreadsheet formulas so an attendee's name can't run in Excel.
  const cell = csvCell;
  const zone = zoneName(timeZone);
  const header = ['Name', 'Email', 'Status', 'Note', `RSVPed at (${zone})`, `Confirmed at (${zone})`, 'Email problem', 'Still coming?', `Checked in at (${zone})`, 'Checked in by'];
  const problem = { bounce: 'bounces', complaint: 'marked as spam' } as const;
  const at = (utc: string | undefined) => (utc ? localTime(utc, timeZone) : undefined);
  const lines = rows.map((r) =>
    [
      r.name, r.email, rsvpStatusLabel(r.status, r.waitlistPosition), r.note, at(r.createdAt), at(r.confirmedAt), r.mailSuppressed && problem[r.mailSuppressed],
      r.stillComing && ATTENDANCE_ANSWER_LABELS[r.stillComing], at(r.checkedInAt), r.checkedInBy && checkedInByText(r.checkedInBy),
    ].map(cell).join(','),
  );
  return [header.map(cell).join(','), ...lines].join('\r\n') + '\r\n';
}
