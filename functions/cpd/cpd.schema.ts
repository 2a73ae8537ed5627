// CPD: the JSON bodies of the verification link's check and of turning a record's link off or on, and the public
// record they answer (documented in the OpenAPI document from here).
import * as z from 'zod';
import { linkToken } from '#functions/http/schemas.ts';

export const recordVerifySchema = z.object({ token: linkToken('record link') }).meta({ id: 'RecordVerify' });

export const recordShareSchema = z
  .object({ shared: z.boolean({ error: 'Say whether the link is on (true) or off (false)' }) })
  .meta({ id: 'RecordShare' });

export const publicRecordSchema = z
  .object({
    id: z.string(),
    name: z.string().meta({ description: 'The person’s name as they gave it' }),
    title: z.string(),
    networkName: z.string().optional(),
    organisers: z.array(z.string()),
    date: z.string().meta({ description: 'YYYY-MM-DD on the meetup’s wall clock' }),
    startUtc: z.string(),
    endUtc: z.string(),
    timezone: z.string(),
    format: z.string().optional(),
    quarters: z.number().int().meta({ description: 'CPD hours in quarter hours' }),
    hours: z.number(),
    outcomes: z.array(z.string()),
    areas: z.array(z.object({ id: z.string(), name: z.string() })).meta({ description: 'PKSB areas' }),
    role: z.enum(['attended']),
    feedbackCollected: z.boolean(),
    issuedAt: z.string(),
  })
  .meta({ id: 'PublicRecord', description: 'A record of attendance as its verification link shows it: never a reflection or an address' });

export const recordShareAnswerSchema = z.object({
  shared: z.boolean(),
  url: z.string().optional().meta({ description: 'The verification link, when on (a new one each time it is turned on again)' }),
});
