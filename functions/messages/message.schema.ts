// Messages: what a team's message is made of, for the API and the forms. Browser-safe (zod only), so the page's
// panel shows the same field messages the API sends.
import * as z from 'zod';
import { ATTENDEE_AUDIENCES } from '#functions/core/broadcast.ts';
import { linkToken } from '#functions/http/schemas.ts';
import { BODY_MAX, SUBJECT_MAX } from '#views/message-pages.ts';

const subject = z
  .string('Write a subject')
  .trim()
  .min(1, 'Write a subject')
  .max(SUBJECT_MAX, `The subject must be ${SUBJECT_MAX} characters or fewer`)
  // A header line: no line breaks.
  .refine((s) => !/[\r\n]/.test(s), 'The subject must be one line');
const body = z
  .string('Write your message')
  .trim()
  .min(1, 'Write your message')
  .max(BODY_MAX, `The message must be ${BODY_MAX.toLocaleString('en-GB')} characters or fewer`);

/** From the preview: the same message sent twice with it (a double press, a resubmitted page, a lost answer) goes once. */
const sendKey = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,64}$/, 'The form is incomplete: preview the message again')
  .optional()
  .meta({ description: 'The preview\'s sendKey: sending again with it sends nothing more' });

export const followerMessageSchema = z.object({ subject, body, sendKey }).meta({ id: 'FollowerMessage' });

export const attendeeMessageSchema = z
  .object({
    audience: z.enum(ATTENDEE_AUDIENCES, 'Choose who gets it: going, waitlist or both'),
    subject,
    body,
    sendKey,
    token: linkToken('manage link').optional().meta({ description: 'The manage link\'s token; not needed when signed in' }),
  })
  .meta({ id: 'AttendeeMessage' });

export type AttendeeMessageInput = z.output<typeof attendeeMessageSchema>;
export type FollowerMessageInput = z.output<typeof followerMessageSchema>;

export const messagePreviewSchema = z
  .object({
    subject: z.string(),
    text: z.string().meta({ description: 'The email exactly as it arrives (plain-text part), footer included; personal links shown as placeholders' }),
    recipients: z.number().int().meta({ description: 'How many people it would go to now' }),
    sendKey: z.string().meta({ description: 'Send with this, so that sending twice sends once' }),
  })
  .meta({ id: 'MessagePreview' });

export const messageSentSchema = z
  .object({ id: z.string(), recipients: z.number().int(), queued: z.number().int().meta({ description: 'Emails queued by this request (the sweep finishes any left)' }) })
  .meta({ id: 'MessageSent' });
