// RSVPs: the zod schemas for reserving a place and for the organiser's RSVP settings. Browser-safe.
import * as z from 'zod';
import { RSVP_STATUSES, type CheckInBy } from '#functions/core/rsvp.ts';
import { CHECK_HOURS_RANGE, MIN_ANSWER_HOURS, RELEASE_HOURS_RANGE } from '#functions/core/attendance.ts';
import { linkToken, linkTokenBody } from '#functions/http/schemas.ts';
import { RSVP_MESSAGES as M } from '#views/rsvp-section.ts';

export const rsvpRequestSchema = z
  .object({
    name: z.string(M.nameMissing).trim().min(1, M.nameMissing).max(100, M.nameTooLong)
      .regex(/^[^\u0000-\u001f\u007f]*$/, M.nameOneLine),
    email: z.string(M.emailMissing).trim().min(1, M.emailMissing).max(254, M.emailTooLong).pipe(z.email(M.emailInvalid)),
    note: z.string().trim().max(1000, M.noteTooLong).optional().transform((v) => v || undefined)
      .meta({ description: 'Access needs or a note to the organiser' }),
    /** A field people never see or fill; bots do. */
    website: z.string().max(500).optional(),
  })
  .meta({ id: 'RsvpRequest' });
export type RsvpRequest = z.output<typeof rsvpRequestSchema>;

/**
 * Reserving while signed in: the address is the session's (or, if given, must be the same), and the name may come
 * from the last one given. The route reads the body itself, so signed out the full request schema applies.
 */
export const signedInRsvpSchema = z
  .object({
    name: rsvpRequestSchema.shape.name,
    email: rsvpRequestSchema.shape.email.optional(),
    note: rsvpRequestSchema.shape.note,
    website: rsvpRequestSchema.shape.website,
  });

/** The confirm and cancel links in RSVP emails. */
export const rsvpTokenBodySchema = linkTokenBody('RsvpToken', 'link in your email');

export const rsvpSettingsSchema = z
  .object({
    token: linkToken('manage link').optional().meta({ description: 'The manage link\'s token; not needed when signed in' }),
    rsvpsOpen: z.boolean().optional(),
    notifyOnRsvp: z.boolean().optional(),
    notifyOnCancel: z.boolean().optional().meta({ description: 'Email the organiser when someone cancels their place or leaves the waitlist' }),
    remindersOn: z.boolean().optional(),
    stillComing: z.boolean().nullable().optional()
      .meta({ description: 'Ask people "Still coming?" before the meetup; null: the default (on with a limit on places, or when the network asks for every meetup)' }),
    checkHours: hours(CHECK_HOURS_RANGE, 'Ask “Still coming?”').optional()
      .meta({ description: `How many hours before the start the question goes (${CHECK_HOURS_RANGE.min} to ${CHECK_HOURS_RANGE.max})` }),
    release: z.boolean().optional().meta({ description: 'Give places unanswered by the deadline to the waitlist' }),
    releaseHours: hours(RELEASE_HOURS_RANGE, 'The deadline').optional()
      .meta({ description: `How many hours before the start the deadline falls (${RELEASE_HOURS_RANGE.min} to ${RELEASE_HOURS_RANGE.max})` }),
  })
  .meta({ id: 'RsvpSettings' });

/** A whole number of hours in `range`, with messages in days when the bound is whole days. */
function hours(range: { min: number; max: number }, label: string) {
  const span = (h: number) => (h % 24 === 0 ? `${h / 24} ${h === 24 ? 'day' : 'days'}` : `${h} ${h === 1 ? 'hour' : 'hours'}`);
  const message = `${label} must be between ${span(range.min)} and ${span(range.max)} before the start`;
  return z.number(`${label}: enter a number of hours`).int('Use whole hours').min(range.min, message).max(range.max, message);
}

/**
 * The problems only the settings together show: the deadline must leave people time to answer, and releasing needs
 * the question. `effective` is how the meetup's settings stand once these are applied.
 */
export function attendanceSettingsIssues(effective: { stillComing: boolean; checkHours: number; release: boolean; releaseHours: number }) {
  if (!effective.release) return [];
  if (!effective.stillComing) return [{ field: 'release', message: 'Turn on “Still coming?” to give unanswered places to the waitlist' }];
  if (effective.checkHours - effective.releaseHours < MIN_ANSWER_HOURS)
    return [{ field: 'releaseHours', message: `The deadline must be at least ${MIN_ANSWER_HOURS} hours after the question goes, so people have time to answer` }];
  return [];
}

/** Removing an attendee: the manage link, and an optional message for the email they get. */
export const removeAttendeeSchema = z
  .object({
    token: linkToken('manage link').optional().meta({ description: 'The manage link\'s token; not needed when signed in' }),
    message: z.string('Write the message as text').trim().max(1000, 'Keep your message under 1000 characters')
      .regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/, 'Use plain text only')
      .optional().transform((v) => v || undefined)
      .meta({ description: 'Plain text added to the email the removed person gets' }),
  })
  .meta({ id: 'RemoveAttendee' });

const checkInBySchema = z
  .union([
    z.object({ via: z.literal('team'), name: z.string() }),
    z.object({ via: z.literal('manage-link') }),
    z.object({ via: z.literal('code') }),
  ])
  .meta({ id: 'CheckInBy', description: 'Who checked them in: a team member (by name), the manage link, or the person with the day’s code' });

export const attendeeSchema = z
  .object({
    key: z.string(),
    name: z.string(),
    email: z.string(),
    status: z.enum(RSVP_STATUSES).meta({ description: "'removed': removed by the organiser (not the same as cancelled by themselves)" }),
    note: z.string().optional(),
    createdAt: z.string(),
    confirmedAt: z.string().optional(),
    waitlistPosition: z.number().int().optional(),
    mailSuppressed: z
      .enum(['bounce', 'complaint'])
      .optional()
      .meta({ description: 'SES reported this address bouncing or complaining: Signpost no longer emails it (no confirmations, reminders or notices)' }),
    stillComing: z.enum(['yes', 'no', 'no-answer', 'released']).optional()
      .meta({ description: 'Their answer to "Still coming?" (released: unanswered by the deadline, the place went to the waitlist); absent when never asked' }),
    checkedInAt: z.string().optional(),
    checkedInBy: checkInBySchema.optional(),
  })
  .meta({ id: 'Attendee' });

/** "Sam (team)", "The manage link", "Their code": how the list and its CSV say who checked someone in. */
export function checkedInByText(by: CheckInBy): string {
  if (by.via === 'team') return by.name;
  return by.via === 'code' ? 'Their code' : 'The manage link';
}

/** The meetup's numbers, once it is over. */
export const attendanceNumbersSchema = z
  .object({
    booked: z.number().int().meta({ description: 'Held a place (walk-ins not included)' }),
    asked: z.number().int().meta({ description: 'Were asked "Still coming?"' }),
    answeredYes: z.number().int(),
    answeredNo: z.number().int(),
    released: z.number().int(),
    checkedIn: z.number().int().meta({ description: 'Booked people who were checked in' }),
    walkIns: z.number().int(),
    came: z.number().int().meta({ description: 'checkedIn + walkIns' }),
    noShows: z.number().int(),
    noShowRate: z.number().optional().meta({ description: 'noShows / booked, 0 to 1; absent with nobody booked' }),
    kept: z.boolean().meta({ description: 'From the counts kept on the meetup (they outlive the RSVPs); false: counted now from the list' }),
    at: z.string().meta({ description: 'When the counts were taken' }),
  })
  .meta({ id: 'AttendanceNumbers' });

/** The anonymous feedback, once the meetup is over: only the count under three answers, never who wrote what. */
export const attendeeFeedbackSchema = z
  .object({
    count: z.number().int().meta({ description: 'How many answered' }),
    shown: z.boolean().meta({ description: 'False under 3 answers: only the count is given' }),
    average: z.number().optional().meta({ description: 'The average rating, 1 to 5, to one decimal (shown only)' }),
    ratings: z.object({ 1: z.number().int(), 2: z.number().int(), 3: z.number().int(), 4: z.number().int(), 5: z.number().int() }).optional()
      .meta({ description: 'How many gave each rating (shown only)' }),
    worked: z.array(z.string()).optional().meta({ description: '"What worked?" answers, sorted alphabetically (shown only)' }),
    better: z.array(z.string()).optional().meta({ description: '"What could be better?" answers, sorted alphabetically (shown only)' }),
  })
  .meta({ id: 'AttendeeFeedback' });

/** The "Still coming?" settings as they stand, defaults filled in. */
export const attendanceSettingsSchema = z
  .object({
    stillComing: z.boolean().meta({ description: 'Whether "Still coming?" is asked for this meetup' }),
    stillComingDefault: z.boolean().meta({ description: 'What it would be without the organiser choosing: on with a limit on places or when the network asks for every meetup' }),
    checkHours: z.number().int(),
    release: z.boolean(),
    releaseHours: z.number().int(),
  })
  .meta({ id: 'AttendanceSettingsView' });

export const attendeesSchema = z
  .object({
    capacity: z.number().int().optional(),
    confirmed: z.number().int(),
    waitlist: z.number().int(),
    rsvpsOpen: z.boolean(),
    notifyOnRsvp: z.boolean(),
    notifyOnCancel: z.boolean().meta({ description: 'Whether the organiser is emailed when someone cancels' }),
    remindersOn: z.boolean().meta({ description: 'Whether attendees get reminder emails before the meetup' }),
    attendance: attendanceSettingsSchema,
    numbers: attendanceNumbersSchema.optional().meta({ description: 'Once the meetup is over: how many booked, answered, came' }),
    feedback: attendeeFeedbackSchema.optional().meta({ description: 'Once the meetup is over: the anonymous feedback, aggregated' }),
    attendees: z.array(attendeeSchema),
  })
  .meta({ id: 'Attendees' });
