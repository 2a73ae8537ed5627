// RSVPs domain: one RSVP per address per event, its states, places left, and what people and organisers see.
// No AWS or HTTP imports.
import { hashSecret } from '#functions/core/ids.ts';
import type { StoredRsvp } from '#functions/core/rsvp.ts';
import type { SuppressionReason } from '#functions/core/person.ts';
import type { StoredEvent } from '#functions/core/event.ts';

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
  };
}

/** Waitlisted RSVPs in the order places are offered: first come, first served. */
export const byWaitlistOrder = (a: StoredRsvp, b: StoredRsvp) =>
  (a.waitlistedAt ?? '').localeCompare(b.waitlistedAt ?? '') || a.key.localeCompare(b.key);

export function attendeesCsv(rows: ReturnType<typeof toAttendee>[]): string {
  const cell = (v: string | number | undefined) => {
    const text = v === undefined ? '' : String(v);
    // Quote everything; neutralise spreadsheet formulas (=, +, -, @) so an attendee's name can't run in Excel.
    const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
    return `"${safe.replace(/"/g, '""')}"`;
  };
  const header = ['Name', 'Email', 'Status', 'Waitlist position', 'Note', 'RSVPed at', 'Confirmed at', 'Email problem'];
  const problem = { bounce: 'bounces', complaint: 'marked as spam' } as const;
  const lines = rows.map((r) =>
    [r.name, r.email, r.status, r.waitlistPosition, r.note, r.createdAt, r.confirmedAt, r.mailSuppressed && problem[r.mailSuppressed]].map(cell).join(','),
  );
  return [header.map(cell).join(','), ...lines].join('\r\n') + '\r\n';
}
