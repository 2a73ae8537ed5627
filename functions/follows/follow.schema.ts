// Follows: the zod schema of a follow request, shared by the network page's form and the JSON API. Field names are
// the form's input names, so every problem maps onto its input. Browser-safe (zod and core only).
import * as z from 'zod';
import { FOLLOW_MODES } from '#functions/core/follow.ts';
import { isIanaTimeZone } from '#functions/core/time.ts';

const EMAIL_MISSING = 'Enter your email address';

export const followRequestSchema = z
  .object({
    name: z
      .string('Your name must be text')
      .trim()
      .max(100, 'Your name must be 100 characters or fewer')
      .regex(/^[^\u0000-\u001f\u007f]*$/, 'Your name must be on one line')
      .optional()
      .transform((v) => v || undefined)
      .meta({ description: 'Optional: "Hello Sam" rather than "Hello"' }),
    email: z
      .string(EMAIL_MISSING)
      .trim()
      .min(1, EMAIL_MISSING)
      .max(254, 'Your email address must be 254 characters or fewer')
      .pipe(z.email('Enter an email address in the correct format, like name@example.org'))
      .transform((v) => v.toLowerCase()),
    mode: z.enum(FOLLOW_MODES, 'Choose "each new meetup" or "a weekly digest"').default('each'),
    // Filled by the page's script from the browser; a zone it cannot name is simply not kept.
    timezone: z
      .string()
      .optional()
      .transform((v) => (v && v.length <= 64 && isIanaTimeZone(v) ? v : undefined))
      .meta({ description: "The follower's IANA time zone, to show announced times in it too" }),
    /** The bot trap: people leave it empty. */
    website: z.string().optional().meta({ description: 'Leave empty' }),
  })
  .meta({ id: 'FollowRequest' });

export type FollowRequest = z.output<typeof followRequestSchema>;

export const followModeSchema = z.object({ mode: z.enum(FOLLOW_MODES, 'Choose "each new meetup" or "a weekly digest"') });
