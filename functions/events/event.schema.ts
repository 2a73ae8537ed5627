// Events: the zod schemas for listing a meetup. Shared by the API (validation + OpenAPI) and the web form.
// Browser-safe: no Node or AWS imports.
import * as z from 'zod';
import { FORMATS } from '#functions/core/formats.ts';
import { isIanaTimeZone, parseLocalDateTime } from '#functions/core/time.ts';
import { linkToken, linkTokenBody } from '#functions/http/schemas.ts';
import { DEFAULT_TIMEZONE, MAX_DURATION_DAYS, MAX_TAGS, type EventSummary, type ManagedEvent, type PublicEvent } from '#functions/core/event.ts';

// A missing field says so, rather than zod's "expected string, received undefined". (Issues don't keep their
// input afterwards, so this is decided here, where it is known.)
z.config({ customError: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? 'This field is required' : undefined) });

const text = (max: number) => z.string().trim().max(max, `Keep this under ${max} characters`);
/** Titles, names and tags end up in email subjects and one-line lists: no line breaks or control characters. */
const line = (max: number) => text(max).regex(/^[^\u0000-\u001f\u007f]*$/, 'Keep this on one line');
const optionalText = (max: number) =>
  text(max)
    .optional()
    .transform((v) => (v ? v : undefined));

const localDateTime = z
  .string()
  .refine((v) => parseLocalDateTime(v) !== undefined, 'Use a real date and time, like 2026-12-03T18:30');

const httpUrl = z
  .string()
  .trim()
  .max(500, 'Keep the link under 500 characters')
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === 'https:' || u.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'Use a full web address starting with https://');

export const eventFieldsSchema = z.object({
  title: line(140).min(3, 'Give the meetup a title of at least 3 characters').meta({ example: 'New Professionals lunch club' }),
  description: text(5000)
    .min(1, 'Say a little about the meetup')
    .meta({ description: 'Plain text. Line breaks are kept and links become clickable; HTML is shown as typed.' }),
  start: localDateTime.meta({ description: 'Local date-time in `timezone`', example: '2026-12-03T12:30' }),
  end: localDateTime.meta({ description: 'Local date-time in `timezone`', example: '2026-12-03T13:30' }),
  timezone: z
    .string()
    .default(DEFAULT_TIMEZONE)
    .refine(isIanaTimeZone, 'Choose a time zone such as Europe/London')
    .meta({ description: 'IANA time zone', example: DEFAULT_TIMEZONE }),
  format: z.enum(FORMATS, 'Choose in person, online or hybrid'),
  venue: optionalText(500).meta({ description: 'Venue name and address (in person and hybrid)' }),
  onlineUrl: httpUrl.optional().or(z.literal('').transform(() => undefined)).meta({
    description: 'Joining link (online and hybrid). Sent only to people with a confirmed place unless onlineUrlPublic.',
  }),
  onlineUrlPublic: z
    .boolean('Choose whether the joining link is public')
    .default(false)
    .meta({ description: '"Anyone may join: show the link publicly" (open webinars). Default: only people with a place get it.' }),
  capacity: z
    .number('Capacity must be a whole number')
    .int('Capacity must be a whole number')
    .min(1, 'Capacity must be at least 1')
    .max(100_000, 'Capacity must be at most 100,000')
    .nullish()
    .transform((v) => v ?? undefined),
  organiserName: line(100).min(1, 'Tell people who is organising'),
  organiserEmail: z
    .string()
    .trim()
    .max(254, 'That email address is too long')
    .pipe(z.email('Enter a valid email address'))
    .meta({ description: 'Never shown publicly' }),
  network: line(100)
    .optional()
    .transform((v) => v || undefined)
    .meta({ example: 'Manchester NLPN' }),
  tags: z
    .array(line(30).min(1, 'Tags cannot be empty'), 'Tags must be a list')
    .max(MAX_TAGS, `Use at most ${MAX_TAGS} tags`)
    .default([]),
  openToAll: optionalText(500).meta({ example: 'Free and open to everyone, not just members.' }),
  accessibility: optionalText(2000).meta({ example: 'Step-free access via the side entrance; hearing loop.' }),
});

type Fields = z.infer<typeof eventFieldsSchema>;

/** Cross-field rules, shared by create and edit. The server adds clock- and DST-dependent checks. */
function checkCrossFields(v: Fields, ctx: z.RefinementCtx) {
  const start = parseLocalDateTime(v.start);
  const end = parseLocalDateTime(v.end);
  if (start !== undefined && end !== undefined) {
    if (end <= start) ctx.addIssue({ code: 'custom', path: ['end'], message: 'End must be after the start' });
    else if (end - start > MAX_DURATION_DAYS * 86_400_000)
      ctx.addIssue({ code: 'custom', path: ['end'], message: `Meetups can last at most ${MAX_DURATION_DAYS} days` });
  }
  if (v.format !== 'online' && !v.venue)
    ctx.addIssue({ code: 'custom', path: ['venue'], message: 'Give the venue address for an in-person or hybrid meetup' });
  if (v.format !== 'in_person' && !v.onlineUrl)
    ctx.addIssue({ code: 'custom', path: ['onlineUrl'], message: 'Give the joining link for an online or hybrid meetup' });
  const seen = new Set<string>();
  v.tags.forEach((tag, i) => {
    const key = tag.toLowerCase();
    if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['tags', i], message: 'That tag is listed twice' });
    seen.add(key);
  });
}

export const eventInputSchema = eventFieldsSchema.superRefine(checkCrossFields).meta({ id: 'EventInput' });
export type EventInput = z.output<typeof eventInputSchema>;

export const eventEditSchema = eventFieldsSchema
  .extend({ token: linkToken('manage link'), version: z.number().int().min(1) })
  .superRefine(checkCrossFields)
  .meta({ id: 'EventEdit' });
export type EventEdit = z.output<typeof eventEditSchema>;

export const manageTokenBodySchema = linkTokenBody('ManageToken', 'manage link');

export const listQuerySchema = z.object({
  network: z.string().max(100).optional().meta({ description: 'Network slug, e.g. manchester-nlpn' }),
  tag: z.string().max(40).optional().meta({ description: 'Tag slug, e.g. teachmeet' }),
  format: z.enum(FORMATS).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  cursor: z.string().max(500).optional(),
});
export type ListQuery = z.output<typeof listQuerySchema>;

// ---- Response shapes (documented in OpenAPI; built by the domain's view functions) ----

const when = z.object({
  local: z.string().meta({ example: '2026-12-03T12:30' }),
  utc: z.string().meta({ example: '2026-12-03T12:30:00.000Z' }),
});
const named = z.object({ name: z.string(), slug: z.string() });
const placesSchema = z
  .object({ capacity: z.number().int().optional(), confirmed: z.number().int(), left: z.number().int().optional(), waitlist: z.number().int() })
  .meta({ description: 'Counts only: never names or emails' });

export const eventSummarySchema = z
  .object({
    id: z.string(),
    url: z.string().meta({ description: 'Shareable event page' }),
    title: z.string(),
    start: when,
    end: when,
    timezone: z.string(),
    format: z.enum(FORMATS),
    venue: z.string().optional(),
    network: named.optional(),
    tags: z.array(named),
    capacity: z.number().int().optional(),
    status: z.enum(['published', 'cancelled']),
    places: placesSchema.optional(),
  })
  .meta({ id: 'EventSummary' });

export const publicEventSchema = eventSummarySchema
  .extend({
    places: placesSchema,
    rsvpsOpen: z.boolean(),
    rsvpClosedReason: z.enum(['closed', 'started', 'cancelled']).optional(),
    description: z.string(),
    joinLink: z
      .enum(['public', 'private'])
      .optional()
      .meta({ description: "Whether there is a joining link: 'public' (shown here) or 'private' (emailed only to people with a place)" }),
    onlineUrl: z.string().optional().meta({ description: "Only when joinLink is 'public' and the meetup is not cancelled" }),
    organiserName: z.string(),
    openToAll: z.string().optional(),
    accessibility: z.string().optional(),
    updatedAt: z.string(),
  })
  .meta({ id: 'PublicEvent' });

export const managedEventSchema = publicEventSchema
  .extend({
    status: z.enum(['draft', 'published', 'cancelled']),
    onlineUrl: z.string().optional().meta({ description: 'The joining link, public or not' }),
    onlineUrlPublic: z.boolean(),
    notifyOnCancel: z.boolean(),
    organiserEmail: z.string(),
    version: z.number().int(),
    manageUrl: z.string().meta({ description: 'Page URL without the token; the token stays in the fragment' }),
  })
  .meta({ id: 'ManagedEvent' });

export const eventPageSchema = z
  .object({ items: z.array(eventSummarySchema), nextCursor: z.string().optional() })
  .meta({ id: 'EventPage' });


/** The documented shapes and core's types say the same thing: compiling fails if either drifts from the other. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShapes: [
  Same<z.infer<typeof eventSummarySchema>, EventSummary>,
  Same<z.infer<typeof publicEventSchema>, PublicEvent>,
  Same<z.infer<typeof managedEventSchema>, ManagedEvent>,
] = [true, true, true];
void sameShapes;
