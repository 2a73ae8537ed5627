// Events: the zod schemas for listing a meetup. Shared by the API (validation + OpenAPI) and the web form.
// Browser-safe: no Node or AWS imports.
import * as z from 'zod';
import { FORMATS } from '#functions/core/formats.ts';
import { isIanaTimeZone, parseLocalDateTime } from '#functions/core/time.ts';
import { fieldIssues, linkToken } from '#functions/http/schemas.ts';
import type { FieldIssue } from '#functions/core/errors.ts';
import type { SeriesView } from '#views/event-page.ts';
import { TIMING_MESSAGES, timingCheck, type TimingInput } from './local-time.ts';
import { CPD_FORMATS, PKSB_AREAS, type PksbArea } from '#functions/core/cpd.ts';
import { cpdInputSchema } from '#functions/networks/cpd.schema.ts';
import { DEFAULT_TIMEZONE, MAX_DURATION_DAYS, MAX_OCCURRENCES, MAX_TAGS, REPEATS, type EventSummary, type ManagedEvent, type PublicEvent } from '#functions/core/event.ts';

// A missing field says so, rather than zod's "expected string, received undefined". (Issues don't keep their
// input afterwards, so this is decided here, where it is known.)
z.config({ customError: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? 'This field is required' : undefined) });

/** Whole numbers people read: "5,000". */
const count = (n: number) => n.toLocaleString('en-GB');

/** Messages name the field by its label on the form ("Title", "Your name"), the same in every form and the API. */
const text = (max: number, label: string, missing?: string) =>
  z
    .string(missing ?? `${label} must be text`)
    .trim()
    .max(max, `${label} must be ${count(max)} characters or fewer`);
/** Titles, names and tags end up in email subjects and one-line lists: no line breaks or control characters. */
const line = (max: number, label: string, missing?: string) =>
  text(max, label, missing).regex(/^[^\u0000-\u001f\u007f]*$/, `${label} must be on one line`);
const optionalText = (max: number, label: string) =>
  text(max, label)
    .optional()
    .transform((v) => (v ? v : undefined));

const localDateTime = (what: 'Start' | 'End') =>
  z
    .string(`Enter the ${what.toLowerCase()} date and time`)
    .min(1, `Enter the ${what.toLowerCase()} date and time`)
    .refine((v) => parseLocalDateTime(v) !== undefined, TIMING_MESSAGES.notReal(what));

const httpUrl = z
  .string('Joining link must be a web address')
  .trim()
  .max(500, 'Joining link must be 500 characters or fewer')
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === 'https:' || u.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'Joining link must be a full web address starting with https://');

/** The form's own check for text in "Number of places" that is not a number says what the schema says. */
export const CAPACITY_WHOLE_NUMBER = 'Number of places must be a whole number';

export const eventFieldsSchema = z.object({
  title: line(140, 'Title', 'Enter a title')
    .refine((v) => v.length === 0 || v.length >= 3, 'Title must be 3 characters or more')
    .refine((v) => v.length > 0, 'Enter a title').meta({ example: 'New Professionals lunch club' }),
  description: text(5000, '“What will happen”', 'Enter what will happen')
    .min(1, 'Enter what will happen')
    .meta({ description: 'Plain text. Line breaks are kept and links become clickable; HTML is shown as typed.' }),
  start: localDateTime('Start').meta({ description: 'Local date-time in `timezone`', example: '2026-12-03T12:30' }),
  end: localDateTime('End').meta({ description: 'Local date-time in `timezone`', example: '2026-12-03T13:30' }),
  timezone: z
    .string('Choose a time zone, such as Europe/London')
    .default(DEFAULT_TIMEZONE)
    .refine(isIanaTimeZone, 'Choose a time zone, such as Europe/London')
    .meta({ description: 'IANA time zone', example: DEFAULT_TIMEZONE }),
  format: z.enum(FORMATS, 'Choose how people will take part: in person, online or hybrid'),
  venue: optionalText(500, 'Venue name and address').meta({ description: 'Venue name and address (in person and hybrid)' }),
  onlineUrl: httpUrl.optional().or(z.literal('').transform(() => undefined)).meta({
    description: 'Joining link (online and hybrid). Sent only to people with a confirmed place unless onlineUrlPublic.',
  }),
  onlineUrlPublic: z
    .boolean('Choose whether the joining link is public')
    .default(false)
    .meta({ description: '"Anyone may join: show the link publicly" (open webinars). Default: only people with a place get it.' }),
  capacity: z
    .number(CAPACITY_WHOLE_NUMBER)
    .int(CAPACITY_WHOLE_NUMBER)
    .min(1, 'Number of places must be at least 1')
    .max(100_000, 'Number of places must be 100,000 or fewer')
    .nullish()
    .transform((v) => v ?? undefined),
  organiserName: line(100, 'Your name', 'Enter your name').min(1, 'Enter your name'),
  organiserEmail: z
    .string('Enter your email address')
    .trim()
    .min(1, 'Enter your email address')
    .max(254, 'Your email address must be 254 characters or fewer')
    .pipe(z.email('Enter an email address in the correct format, like name@example.org'))
    .meta({ description: 'Attendee emails about the meetup have Reply-To set to it; never shown on a page. Changing it needs the new address confirmed.' }),
  network: line(100, 'Network or group')
    .optional()
    .transform((v) => v || undefined)
    .meta({
      description: 'The slug of a network you organise (signed in: GET /api/events/networks-for-me lists them), or blank for no network.',
      example: 'manchester-nlpn',
    }),
  tags: z
    .array(line(30, 'Each tag').min(1, 'Tags cannot be empty'), 'Tags must be a list')
    .max(MAX_TAGS, `Use at most ${MAX_TAGS} tags`)
    .default([]),
  openToAll: optionalText(500, '“Who is welcome”').meta({ example: 'Free and open to everyone, not just members.' }),
  accessibility: optionalText(2000, 'Accessibility').meta({ example: 'Step-free access via the side entrance; hearing loop.' }),
  /** Optional; a new meetup under a network that sets none takes the network's defaults. */
  cpd: cpdInputSchema,
});

type Fields = z.infer<typeof eventFieldsSchema>;
/** A meetup's own fields, as a listing or an edit sends them (without the series and edit extras). */
export type EventFields = z.output<typeof eventFieldsSchema>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Cross-field rules, shared by create and edit, over whatever parsed: each rule reads only fields with no problem of
 * their own (`failed` names those that have one), so one round names every problem. The server adds the checks that
 * need the clock (checkEventInput / checkEventEdit below).
 */
function crossFieldIssues(v: Partial<Fields>, failed: ReadonlySet<string>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const ok = <K extends keyof Fields>(key: K): Fields[K] | undefined => (failed.has(key) ? undefined : v[key]);
  const start = typeof ok('start') === 'string' ? parseLocalDateTime(v.start!) : undefined;
  const end = typeof ok('end') === 'string' ? parseLocalDateTime(v.end!) : undefined;
  if (start !== undefined && end !== undefined) {
    if (end <= start) issues.push({ field: 'end', message: TIMING_MESSAGES.endBeforeStart });
    else if (end - start > MAX_DURATION_DAYS * 86_400_000) issues.push({ field: 'end', message: `Meetups can last at most ${MAX_DURATION_DAYS} days` });
  }
  const format = ok('format');
  if (format && format !== 'online' && !failed.has('venue') && !v.venue)
    issues.push({ field: 'venue', message: 'Enter the venue name and address for an in-person or hybrid meetup' });
  if (format && format !== 'in_person' && !failed.has('onlineUrl') && !v.onlineUrl)
    issues.push({ field: 'onlineUrl', message: 'Enter the joining link for an online or hybrid meetup' });
  const tags = ok('tags');
  const seen = new Set<string>();
  (Array.isArray(tags) ? tags : []).forEach((tag, i) => {
    const key = String(tag).toLowerCase();
    if (seen.has(key)) issues.push({ field: `tags.${i}`, message: 'That tag is listed twice' });
    seen.add(key);
  });
  return issues;
}

/**
 * The same rules inside the schemas, for callers that only parse. zod skips refinements when a field failed, so this
 * one asks to run anyway (`when`); a few checks (a number that is not whole) still stop it, which is why
 * checkEventInput / checkEventEdit run the rules again field by field.
 */
const crossFields = z.superRefine(
  (value: unknown, ctx) => {
    if (!isObject(value)) return;
    const failed = new Set(ctx.issues.map((i) => String(i.path?.[0] ?? '')));
    for (const { field, message } of crossFieldIssues(value as Partial<Fields>, failed))
      ctx.addIssue({ code: 'custom', path: field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), message });
  },
  { when: () => true },
);

/** The cross-field rules over each field parsed on its own: independent of what stopped the schema's own run. */
function crossFieldIssuesOf(raw: unknown): FieldIssue[] {
  if (!isObject(raw)) return [];
  const parsed: Record<string, unknown> = {};
  const failed = new Set<string>();
  for (const [key, schema] of Object.entries(eventFieldsSchema.shape)) {
    const r = (schema as z.ZodType).safeParse(raw[key]);
    if (r.success) parsed[key] = r.data;
    else failed.add(key);
  }
  return crossFieldIssues(parsed as Partial<Fields>, failed);
}

export const REPEAT_CHOICES = ['never', ...REPEATS] as const;
export const REPEAT_MESSAGE = 'Choose how it repeats: never, every week, every 2 weeks or every month';
export const TIMES_MESSAGE = `How many times must be a whole number from 2 to ${MAX_OCCURRENCES}`;

/** A new listing may be the first of a series (functions/core/recurrence.ts): one meetup per date, each its own. */
const seriesFields = {
  repeat: z.enum(REPEAT_CHOICES, REPEAT_MESSAGE).default('never').meta({
    description: 'List a series: every week, every 2 weeks, or every month on the first date\'s weekday and place in the month (the first Tuesday; from the 29th, the last). Signed in only.',
  }),
  times: z.number(TIMES_MESSAGE).int(TIMES_MESSAGE).min(2, TIMES_MESSAGE).max(MAX_OCCURRENCES, TIMES_MESSAGE).optional().meta({
    description: 'How many meetups in the series, the first included (with `repeat`)',
  }),
  seriesKey: z.string().trim().regex(/^[A-Za-z0-9_-]{8,64}$/, 'Reload the page and try again').optional().meta({
    description: 'Any unique string per series: sending the same listing again with it completes the series rather than listing it twice',
  }),
};

/** A series needs its count; "never" needs none (a form sends the count field anyway). */
const seriesRule = z.superRefine((v: { repeat?: string; times?: number }, ctx) => {
  if (v.repeat && v.repeat !== 'never' && v.times === undefined) ctx.addIssue({ code: 'custom', path: ['times'], message: TIMES_MESSAGE });
});

export const eventInputSchema = eventFieldsSchema.extend(seriesFields).check(crossFields).check(seriesRule).meta({ id: 'EventInput' });
export type EventInput = z.output<typeof eventInputSchema>;

export const eventEditSchema = eventFieldsSchema
  .extend({
    token: linkToken('manage link').optional().meta({ description: 'The manage link\'s token; not needed when signed in as someone who may manage the meetup' }),
    version: z.number('Reload the page and make your changes again').int().min(1),
    applyTo: z.enum(['this', 'later'], 'Choose this meetup, or this and all later ones in the series').default('this').meta({
      description: 'Of a series: `later` applies the new time of day, place, joining link and description to this meetup and every later one too',
    }),
  })
  .check(crossFields)
  .meta({ id: 'EventEdit' });
export type EventEdit = z.output<typeof eventEditSchema>;

export type Checked<T> = { ok: true; data: T } | { ok: false; issues: FieldIssue[] };

/** The start, end and zone as sent, where the schema found nothing wrong with them (for the clock's checks). */
function timesOf(raw: unknown, issues: FieldIssue[]): TimingInput {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const bad = new Set(issues.map((i) => i.field));
  const local = (field: 'start' | 'end') => (!bad.has(field) && typeof r[field] === 'string' ? (r[field] as string) : undefined);
  const zone = bad.has('timezone') ? undefined : typeof r.timezone === 'string' ? r.timezone : DEFAULT_TIMEZONE;
  return zone ? { start: local('start'), end: local('end'), timezone: zone } : { timezone: DEFAULT_TIMEZONE };
}

function checkAll<S extends z.ZodType>(schema: S, raw: unknown, now: Date, startUnchanged: (t: TimingInput) => boolean): Checked<z.output<S>> {
  const parsed = schema.safeParse(raw);
  const issues = parsed.success ? [] : fieldIssues(parsed.error);
  const times = timesOf(raw, issues);
  // A bad zone makes every time meaningless: its own issue says so.
  const clock = issues.some((i) => i.field === 'timezone') ? [] : timingCheck(times, now, startUnchanged(times)).issues;
  const all = [...issues];
  for (const issue of [...crossFieldIssuesOf(raw), ...clock])
    if (!all.some((i) => i.field === issue.field && i.message === issue.message)) all.push(issue);
  if (parsed.success && !all.length) return { ok: true, data: parsed.data };
  return { ok: false, issues: all };
}

/**
 * Every problem with a new listing, in one round: each field's, the cross-field rules', and the clock's (a start in
 * the past, a time the clocks skip). The API answers them in one 400; the form shows them the same way.
 */
export const checkEventInput = (raw: unknown, now: Date): Checked<EventInput> => checkAll(eventInputSchema, raw, now, () => false);

/** The same for an edit. A start left as it was may be in the past (the meetup may be under way). */
export const checkEventEdit = (raw: unknown, now: Date, current: { startLocal: string; timezone: string }): Checked<EventEdit> =>
  checkAll(eventEditSchema, raw, now, (t) => t.start?.slice(0, 16) === current.startLocal && t.timezone === current.timezone);

/**
 * The body of an organiser's action: the manage link's token, or nothing when signed in as someone who may manage the
 * meetup (its organiser, or an organiser of its network).
 */
export const manageTokenBodySchema = z
  .object({ token: linkToken('manage link').optional().meta({ description: 'The manage link\'s token; not needed when signed in' }) })
  .meta({ id: 'ManageToken' });

// List filters arrive from a plain GET form too, which sends every field: an empty one means "no filter".
const listFilter = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Keep this under ${max} characters`)
    .optional()
    .transform((v) => v || undefined);
const listDate = z
  .string()
  .trim()
  .refine((v) => v === '' || (/^\d{4}-\d{2}-\d{2}$/.test(v) && parseLocalDateTime(`${v}T00:00`) !== undefined), 'Use a real date, like 2026-12-03')
  .optional()
  .transform((v) => v || undefined);
/** One of `choices`, or blank (a form's "any"), with one message for anything else (a union's own is "Invalid input"). */
const choiceOrBlank = <const T extends readonly [string, ...string[]]>(choices: T, message: string) =>
  z.union([z.enum(choices), z.literal('').transform(() => undefined)], { error: message });

/** "This week" (to the end of Sunday) and "this month", in UK time. */
export const LIST_PERIODS = ['week', 'month'] as const;

export const listQuerySchema = z
  .object({
    q: listFilter(100).meta({
      description: 'Words to find in titles and descriptions (and venue, network and tags): any case, each as part of a word, all of them',
      example: 'lunch',
    }),
    network: listFilter(100).meta({ description: 'Part of a network\'s name, any case: "CILIP" finds "CILIP North West"', example: 'CILIP' }),
    tag: listFilter(40).meta({ description: 'Part of a tag, any case: "lunch" finds "Lunch club"', example: 'lunch' }),
    format: choiceOrBlank(FORMATS, 'Choose in person, online or hybrid').optional(),
    when: choiceOrBlank(LIST_PERIODS, 'Choose this week or this month')
      .optional()
      .meta({ description: 'Only meetups this week (to Sunday) or this month, UK time' }),
    from: listDate.meta({ description: 'Only meetups on or after this date (UK time, YYYY-MM-DD)' }),
    to: listDate.meta({ description: 'Only meetups on or before this date (UK time, YYYY-MM-DD)' }),
    limit: z.coerce.number().int().min(1).max(50).default(20),
    cursor: z.string().max(500).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The end date must be the same as or after the start date' });
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
    network: named.extend({ page: z.string().optional().meta({ description: "The network's own page (absent for an older meetup's free-text network)" }) }).optional(),
    tags: z.array(named),
    capacity: z.number().int().optional(),
    status: z.enum(['published', 'cancelled']),
    places: placesSchema.optional(),
  })
  .meta({ id: 'EventSummary' });

const publicCpdSchema = z
  .object({
    hours: z.number().meta({ description: 'CPD hours: the organiser\'s, or the meetup\'s length (to a quarter hour)', example: 1.5 }),
    hoursText: z.string().meta({ example: '1.5 hours' }),
    format: z.enum(CPD_FORMATS).optional(),
    outcomes: z.array(z.string()).meta({ description: 'Learning outcomes' }),
    areas: z.array(z.object({ id: z.enum(PKSB_AREAS.map((a) => a.id) as [PksbArea, ...PksbArea[]]), name: z.string() })).meta({ description: 'PKSB areas, in the PKSB\'s order' }),
  })
  .meta({ id: 'PublicCpd', description: '“Counts towards your CPD”: only when the organiser set any CPD detail' });

export const publicEventSchema = eventSummarySchema
  .extend({
    places: placesSchema,
    rsvpsOpen: z.boolean(),
    rsvpClosedReason: z.enum(['closed', 'started', 'ended', 'cancelled']).optional(),
    description: z.string(),
    joinLink: z
      .enum(['public', 'private'])
      .optional()
      .meta({ description: "Whether there is a joining link: 'public' (shown here) or 'private' (emailed only to people with a place)" }),
    onlineUrl: z.string().optional().meta({ description: "Only when joinLink is 'public' and the meetup is not cancelled" }),
    organiserName: z.string(),
    openToAll: z.string().optional(),
    accessibility: z.string().optional(),
    cpd: publicCpdSchema.optional(),
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
    pendingOrganiserEmail: z
      .string()
      .optional()
      .meta({ description: 'A new organiser address waiting to be confirmed from the link emailed to it; organiserEmail changes only then' }),
    version: z.number().int(),
    manageUrl: z.string().meta({ description: 'Page URL without the token; the token stays in the fragment' }),
    hiddenReason: z.string().optional().meta({ description: "Set while Signpost's operators have hidden the meetup from every public page: their reason" }),
    inSeries: z.boolean().meta({ description: 'One of a series (GET /api/events/:id/series has its dates)' }),
    cpdHours: z.number().optional().meta({ description: 'The CPD hours the organiser set; absent: the meetup\'s length counts' }),
  })
  .meta({ id: 'ManagedEvent' });

export const seriesViewSchema = z
  .object({
    repeat: z.enum(REPEATS),
    index: z.number().int().meta({ description: "This meetup's place in the series, from 1" }),
    dates: z.array(z.object({ id: z.string(), url: z.string(), start: z.string(), end: z.string(), timezone: z.string(), cancelled: z.boolean() })),
  })
  .meta({ id: 'Series' });

export const eventPageSchema = z
  .object({ items: z.array(eventSummarySchema), nextCursor: z.string().optional() })
  .meta({ id: 'EventPage' });


/** The documented shapes and core's types say the same thing: compiling fails if either drifts from the other. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShapes: [
  Same<z.infer<typeof eventSummarySchema>, EventSummary>,
  Same<z.infer<typeof publicEventSchema>, PublicEvent>,
  Same<z.infer<typeof managedEventSchema>, ManagedEvent>,
  Same<z.infer<typeof seriesViewSchema>, SeriesView>,
] = [true, true, true, true];
void sameShapes;
