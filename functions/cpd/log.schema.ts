// CPD: what the personal CPD log accepts, one schema for the no-JS forms and the JSON API (/api/me/cpd/…): an
// activity from elsewhere, a reflection, how the person counts their CPD year, and an export's period. Browser-safe.
// "Not in the future" needs the clock, so the use case checks it (functions/cpd/log.ts).
import * as z from 'zod';
import { CPD_YEAR_KINDS, MAX_ACTIVITY_TITLE, MAX_PROVIDER, quartersOf, REFLECTION_MAX_CHARS } from '#functions/core/cpd.ts';
import { CPD_MESSAGES, cpdAreasSchema } from '#functions/networks/cpd.schema.ts';

export const CPD_LOG_MESSAGES = {
  activity: 'Send the activity as an object',
  date: 'Enter the date as a real date, like 2026-11-27',
  future: 'The date must be today or earlier',
  title: 'Enter what the activity was',
  titleLength: `The title must be ${MAX_ACTIVITY_TITLE} characters or fewer`,
  provider: `Who ran it must be ${MAX_PROVIDER} characters or fewer`,
  hours: CPD_MESSAGES.hours,
  reflection: `The reflection must be ${REFLECTION_MAX_CHARS.toLocaleString('en-GB')} characters or fewer`,
  reflectionText: 'The reflection must be text',
  yearKind: 'Choose the calendar year or 1 July to 30 June',
  period: 'The end of the period must be on or after its start',
} as const;

/** A real calendar date, YYYY-MM-DD (2026-02-30 is not one). */
export const isRealDate = (value: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
};

export const cpdDateSchema = z
  .string(CPD_LOG_MESSAGES.date)
  .trim()
  .refine(isRealDate, CPD_LOG_MESSAGES.date)
  .meta({ description: 'A date, YYYY-MM-DD', example: '2026-11-27' });

/** One text (line breaks as \n, so a form's \r\n counts once), trimmed; blank is no reflection. */
export const reflectionSchema = z
  .string(CPD_LOG_MESSAGES.reflectionText)
  .transform((s) => s.replace(/\r\n?/g, '\n').trim())
  .refine((s) => s.length <= REFLECTION_MAX_CHARS, CPD_LOG_MESSAGES.reflection)
  .nullish()
  .transform((s) => s || undefined)
  .meta({ description: `Private to the person: up to ${REFLECTION_MAX_CHARS} characters (about 250 words is what schemes ask for)` });

const blankAsNone = (s: string | null | undefined) => s?.trim() || undefined;

export const activityInputSchema = z
  .object(
    {
      date: cpdDateSchema,
      title: z.string(CPD_LOG_MESSAGES.title).trim().min(1, CPD_LOG_MESSAGES.title).max(MAX_ACTIVITY_TITLE, CPD_LOG_MESSAGES.titleLength),
      provider: z.string(CPD_LOG_MESSAGES.provider).trim().max(MAX_PROVIDER, CPD_LOG_MESSAGES.provider).nullish().transform(blankAsNone),
      hours: z
        .number(CPD_LOG_MESSAGES.hours)
        .refine((h) => quartersOf(h) !== undefined, CPD_LOG_MESSAGES.hours)
        .meta({ description: 'CPD hours, 0 to 24 in steps of a quarter hour', example: 1.5 }),
      areas: cpdAreasSchema,
      reflection: reflectionSchema,
    },
    CPD_LOG_MESSAGES.activity,
  )
  .meta({ id: 'CpdActivityInput' });
export type ActivityInput = z.output<typeof activityInputSchema>;

export const reflectionBodySchema = z.object({ reflection: reflectionSchema }, 'Send the reflection as an object').meta({ id: 'CpdReflection' });

export const cpdSettingsSchema = z
  .object({ yearKind: z.enum(CPD_YEAR_KINDS, CPD_LOG_MESSAGES.yearKind).meta({ description: 'calendar: 1 January to 31 December; july: 1 July to 30 June' }) }, 'Send the settings as an object')
  .meta({ id: 'CpdSettings' });

/** An export's period, both ends optional and inclusive; a blank end is no end. */
export const periodQuerySchema = z
  .object({
    from: z.string().optional().transform(blankAsNone).pipe(cpdDateSchema.optional()),
    to: z.string().optional().transform(blankAsNone).pipe(cpdDateSchema.optional()),
  })
  .refine((p) => !p.from || !p.to || p.from <= p.to, { message: CPD_LOG_MESSAGES.period, path: ['to'] });
export type Period = z.output<typeof periodQuerySchema>;
