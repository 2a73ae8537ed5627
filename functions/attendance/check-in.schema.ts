// Attendance: what the check-in API takes and answers. Browser-safe (zod only): the check-in page's script sends
// these bodies. Every team body may carry the manage link's token; signed in, none is needed.
import * as z from 'zod';
import { linkToken } from '#functions/http/schemas.ts';

const token = linkToken('manage link').optional().meta({ description: 'The manage link\'s token; not needed when signed in' });
const key = z.string('Say who: the person\'s key is missing').regex(/^[A-Za-z0-9_-]{1,64}$/, 'That is not a person on this list');

export const WALK_IN_NAME_MAX = 100;

export const teamBodySchema = z.object({ token }).meta({ id: 'CheckInTeam' });
export const personBodySchema = z.object({ token, key }).meta({ id: 'CheckInPerson' });
export const walkInBodySchema = z
  .object({
    token,
    name: z
      .string('Write their name')
      .trim()
      .min(1, 'Write their name')
      .max(WALK_IN_NAME_MAX, `The name must be ${WALK_IN_NAME_MAX} characters or fewer`)
      .regex(/^[^\u0000-\u001f\u007f]*$/, 'The name must be on one line'),
    email: z
      .string('Enter an email address like name@example.org, or leave it empty')
      .trim()
      .max(254, 'The email address must be 254 characters or fewer')
      .optional()
      .transform((v) => v?.toLowerCase() || undefined)
      .pipe(z.email('Enter an email address like name@example.org, or leave it empty').optional())
      .meta({ description: 'Optional: so the organiser can reach them, and where their record of attendance goes after the meetup (the only email a walk-in gets)' }),
    requestId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,64}$/, 'The form is incomplete: load the page again')
      .optional()
      .meta({ description: 'The client\'s id for this walk-in: sent again (a retry, a tap queued offline), it adds once' }),
  })
  .meta({ id: 'WalkIn' });
export const selfCheckInBodySchema = z
  .object({
    code: z.string('Type the code of the day').trim().min(1, 'Type the code of the day').max(12, 'The code is 4 letters'),
    key: key.optional().meta({ description: 'With `token`: the RSVP, from the link in the person\'s email' }),
    token: linkToken('link from your email').optional().meta({ description: 'Their cancel link\'s token; not needed when signed in' }),
  })
  .meta({ id: 'SelfCheckIn' });

export const checkInPersonSchema = z.object({
  key: z.string(),
  name: z.string(),
  status: z.enum(['confirmed', 'waitlisted', 'walkin']),
  checkedInAt: z.string().optional(),
  checkedInBy: z.string().optional().meta({ description: 'Who: a team member\'s name, "the manage link" or "their code"' }),
  answer: z.string().optional().meta({ description: 'Their "still coming?" answer, in words' }),
  waitlistPosition: z.number().int().optional(),
}).meta({ id: 'CheckInPersonRow' });

export const checkInListSchema = z.object({
  eventId: z.string(),
  title: z.string(),
  timezone: z.string(),
  capacity: z.number().int().optional(),
  code: z.object({ code: z.string(), createdAt: z.string() }),
  codeWindow: z.object({ opens: z.string(), closes: z.string() }),
  people: z.array(checkInPersonSchema),
}).meta({ id: 'CheckInList' });

export const checkInChangeSchema = z.object({
  person: checkInPersonSchema.optional().meta({ description: 'The person as they stand after it (none once a walk-in is removed)' }),
  already: z.boolean().meta({ description: 'Nothing changed: it had been done already' }),
}).meta({ id: 'CheckInChange' });

export const selfCheckedInSchema = z.object({ checkedIn: z.literal(true), already: z.boolean(), checkedInAt: z.string() }).meta({ id: 'SelfCheckedIn' });

export type WalkInBody = z.output<typeof walkInBodySchema>;
