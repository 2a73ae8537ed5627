// RSVPs: the zod schemas for reserving a place and for the organiser's RSVP settings. Browser-safe.
import * as z from 'zod';
import { RSVP_STATUSES } from '#functions/core/rsvp.ts';
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
  })
  .meta({ id: 'RsvpSettings' });

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
  })
  .meta({ id: 'Attendee' });

export const attendeesSchema = z
  .object({
    capacity: z.number().int().optional(),
    confirmed: z.number().int(),
    waitlist: z.number().int(),
    rsvpsOpen: z.boolean(),
    notifyOnRsvp: z.boolean(),
    notifyOnCancel: z.boolean().meta({ description: 'Whether the organiser is emailed when someone cancels' }),
    remindersOn: z.boolean().meta({ description: 'Whether attendees get reminder emails before the meetup' }),
    attendees: z.array(attendeeSchema),
  })
  .meta({ id: 'Attendees' });
