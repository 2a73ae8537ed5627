// Networks: the zod schemas for creating and editing a network, and for the team forms. Field names are the forms'
// input names, so every problem maps onto its input. Browser-safe (zod and the pure rules only).
import * as z from 'zod';
import { NETWORK_LINK_LABELS, TEAM_ROLES, type NetworkLinkKind } from '#functions/core/network.ts';
import { fieldIssues } from '#functions/http/schemas.ts';
import type { FieldIssue } from '#functions/core/errors.ts';
import { accentProblem, DEFAULT_ACCENT, slugProblem, suggestSlug } from './network.ts';
import { cpdAreasSchema, cpdFormatSchema, cpdHoursSchema, cpdOutcomesSchema } from './cpd.schema.ts';

export const MAX_TOPICS = 8;

const text = (max: number, label: string) =>
  z
    .string(`${label} must be text`)
    .trim()
    .max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`);
/** Names and taglines end up in email subjects, titles and one-line lists. */
const line = (max: number, label: string) => text(max, label).regex(/^[^\u0000-\u001f\u007f]*$/, `${label} must be on one line`);
const blankIsAbsent = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && !v.trim() ? undefined : v), schema.optional());

const email = (missing: string, label: string) =>
  z
    .string(missing)
    .trim()
    .min(1, missing)
    .max(254, `${label} must be 254 characters or fewer`)
    .pipe(z.email('Enter an email address in the correct format, like name@example.org'))
    .transform((v) => v.toLowerCase());

/** An https address of at most 300 characters, named by its label. */
const httpsLink = (label: string) =>
  z
    .string(`${label} must be a web address`)
    .trim()
    .max(300, `${label} must be 300 characters or fewer`)
    .refine((v) => {
      try {
        const u = new URL(v);
        return u.protocol === 'https:' && u.hostname.includes('.') && !u.username && !u.password;
      } catch {
        return false;
      }
    }, `${label} must be a full web address starting with https://`);

const link = (kind: NetworkLinkKind) => blankIsAbsent(httpsLink(NETWORK_LINK_LABELS[kind]));
const links = {
  website: link('website'),
  mailingList: link('mailingList'),
  mastodon: link('mastodon'),
  bluesky: link('bluesky'),
  linkedin: link('linkedin'),
} satisfies Record<NetworkLinkKind, z.ZodType>;

/** The fields a network's page shows, shared by create and edit. */
export const networkFieldsSchema = z.object({
  name: line(80, 'Name').min(1, 'Enter the network’s name').meta({ example: 'Manchester NLPN' }),
  tagline: line(140, 'Tagline').min(1, 'Enter a tagline: one line saying who the network is for').meta({ example: 'New library professionals in Greater Manchester' }),
  description: text(5000, 'About the network').default('').meta({ description: 'Plain text. Line breaks are kept and links become clickable.' }),
  accent: z
    .string('Enter the accent colour, like #1d4e89')
    .trim()
    .toLowerCase()
    .default(DEFAULT_ACCENT)
    .superRefine((v, ctx) => {
      const problem = accentProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  whereKind: z.enum(['online', 'place'], 'Choose where the network meets: online, or a place'),
  place: blankIsAbsent(line(80, 'Town or region')),
  ...links,
  topics: z
    .array(line(30, 'Each topic').min(1, 'Topics cannot be empty'), 'Topics must be a list')
    .max(MAX_TOPICS, `Use at most ${MAX_TOPICS} topics`)
    .default([]),
  contactEmail: blankIsAbsent(email('Enter the contact address', 'The contact address')),
});

export const newNetworkSchema = networkFieldsSchema.extend({
  /** Blank: suggested from the name. */
  slug: blankIsAbsent(z.string('The address must be text').trim().toLowerCase()),
  /** The creator's name on the team. */
  yourName: line(100, 'Your name').min(1, 'Enter your name'),
  showName: z.boolean().default(false),
});
export type NewNetworkInput = z.output<typeof newNetworkSchema>;

export const editNetworkSchema = networkFieldsSchema.extend({
  version: z.coerce.number('Reload the page and make your changes again').int().min(1),
  /** Ask "Still coming?" for every meetup of the network, with or without a limit on places (core/attendance.ts). */
  stillComingEveryMeetup: z.boolean('Tick the box or leave it empty').default(false),
  /** CPD defaults for new meetups listed under the network (hours left out: each meetup's own length). */
  cpdHours: cpdHoursSchema,
  cpdOutcomes: cpdOutcomesSchema,
  cpdAreas: cpdAreasSchema,
  cpdFormat: blankIsAbsent(cpdFormatSchema.unwrap()),
});
export type EditNetworkInput = z.output<typeof editNetworkSchema>;

export const inviteSchema = z.object({
  email: email('Enter the email address to invite', 'The email address'),
  role: z.enum(TEAM_ROLES, 'Choose a role: organiser or helper'),
});
export type InviteInput = z.output<typeof inviteSchema>;

export const acceptSchema = z.object({
  name: line(100, 'Your name').min(1, 'Enter your name'),
  showName: z.boolean().default(false),
});

export type Checked<T> = { ok: true; data: T } | { ok: false; issues: FieldIssue[] };

/** One round of every problem: the schema's, plus the ones only a combination of fields shows. */
export function checkNetwork<S extends typeof newNetworkSchema | typeof editNetworkSchema>(schema: S, raw: Record<string, unknown>): Checked<z.output<S>> {
  const parsed = schema.safeParse(raw);
  const issues = parsed.success ? [] : fieldIssues(parsed.error);
  if (raw.whereKind === 'place' && !issues.some((i) => i.field === 'place') && !(typeof raw.place === 'string' && raw.place.trim()))
    issues.push({ field: 'place', message: 'Enter the town or region where the network meets' });
  if (schema === newNetworkSchema && !issues.some((i) => i.field === 'slug')) {
    const typed = typeof raw.slug === 'string' ? raw.slug.trim().toLowerCase() : '';
    const name = typeof raw.name === 'string' ? raw.name : '';
    if (typed || name.trim()) {
      const problem = slugProblem(typed || suggestSlug(name));
      if (problem) issues.push({ field: 'slug', message: typed ? problem : `${problem} (we suggested it from the name)` });
    }
  }
  const topics = Array.isArray(raw.topics) ? raw.topics : [];
  const seen = new Set<string>();
  topics.forEach((t, i) => {
    const key = String(t).trim().toLowerCase();
    if (seen.has(key)) issues.push({ field: `topics.${i}`, message: 'That topic is listed twice' });
    seen.add(key);
  });
  if (parsed.success && !issues.length) return { ok: true, data: parsed.data as z.output<S> };
  return { ok: false, issues };
}
