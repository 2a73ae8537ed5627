// Me: the shape of GET /api/me/meetups/:id/check-in, for the OpenAPI document and the event page's script
// (web/src/event.ts imports the type only).
import * as z from 'zod';

export const checkInLinkSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('none') }),
    z.object({
      kind: z.literal('team'),
      path: z.string().meta({ description: 'The check-in page, for the team on the day' }),
    }),
    z.object({
      kind: z.literal('self'),
      path: z.string().meta({ description: 'The check-in page, where the day’s code is typed' }),
      opens: z.string().meta({ description: 'When the code starts working (ISO), an hour before the start' }),
      open: z.boolean().meta({ description: 'The code works now; otherwise it opens later today' }),
      done: z.boolean().meta({ description: 'Already checked in' }),
      timezone: z.string().meta({ description: 'The meetup’s time zone, to say when it opens' }),
    }),
  ])
  .meta({ id: 'CheckInLink' });
export type CheckInLink = z.output<typeof checkInLinkSchema>;
