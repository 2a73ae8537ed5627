// Core: one person's RSVP to one meetup, as the table stores it.

/**
 * 'removed': the organiser removed this person (shown as "Removed by the organiser", not "Cancelled"). 'walkin': added
 * at the door by the team (attendance/), holding a place without having booked; no email goes to a walk-in.
 */
export const RSVP_STATUSES = ['pending', 'confirmed', 'waitlisted', 'cancelled', 'removed', 'walkin'] as const;
export type RsvpStatus = (typeof RSVP_STATUSES)[number];

/** What the organiser's attendee list and its CSV call each status. */
export const RSVP_STATUS_LABELS: Record<RsvpStatus, string> = {
  pending: 'Not confirmed yet',
  confirmed: 'Confirmed',
  waitlisted: 'Waitlisted',
  cancelled: 'Cancelled',
  removed: 'Removed by the organiser',
  walkin: 'Walk-in',
};

/** "Waitlisted (3)" with a place in line, else the status's label. */
export const rsvpStatusLabel = (status: RsvpStatus, waitlistPosition?: number) =>
  status === 'waitlisted' && waitlistPosition ? `Waitlisted (${waitlistPosition})` : RSVP_STATUS_LABELS[status];

export type StillComingAnswer = 'yes' | 'no';

/** Who checked someone in: a team member (by name as the team knows them), the manage link, or the person with the day's code. */
export type CheckInBy = { via: 'team'; name: string } | { via: 'manage-link' } | { via: 'code' };

export interface StoredRsvp {
  eventId: string;
  key: string;
  name: string;
  email: string;
  note?: string;
  status: RsvpStatus;
  confirmTokenHash: string;
  /** Epoch seconds; the confirm link works until the meetup starts. */
  confirmTokenExpiresAt: number;
  /** Set when a confirm link is used; asking again issues a fresh, unused one. */
  confirmTokenUsedAt?: string;
  cancelTokenHash?: string;
  /** The cancel link in the latest reminder; either this or cancelTokenHash frees the place. */
  reminderCancelHash?: string;
  /** The person asked for no more reminders about this meetup (one-click unsubscribe). Their place stays. */
  remindersOff?: boolean;
  /** The last change notice this person was sent (events/change-notice.ts). */
  lastNotice?: string;
  createdAt: string;
  updatedAt: string;
  confirmedAt?: string;
  waitlistedAt?: string;
  cancelledAt?: string;
  removedAt?: string;
  // ---- Attendance (functions/attendance, core/attendance.ts) ----
  /** When "Still coming?" was sent: claimed once per RSVP, whatever the start later does. */
  stillComingAskedAt?: string;
  /** The hash of the token in the "Still coming?" email: its Yes and No (and, once released, taking the place back). */
  stillComingHash?: string;
  /** The deadline that email gave (ISO), when this person's place may be released unanswered; unset: never released. */
  releaseDeadline?: string;
  stillComing?: StillComingAnswer;
  stillComingAnsweredAt?: string;
  /** Unanswered by the deadline, their place went to the waitlist (status 'cancelled'); they may take one back while free. */
  releasedAt?: string;
  /** The hash of the token in the released email's take-back link; the question's own links go on working too. */
  releasedHash?: string;
  checkedInAt?: string;
  checkedInBy?: CheckInBy;
  /** Epoch seconds: personal data is deleted (DynamoDB TTL) a while after the meetup. */
  expiresAt: number;
}

