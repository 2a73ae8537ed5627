// Directory schemas: the directory's query (the page's GET form and the API's) and the public shapes of a network,
// documented in the OpenAPI document. Browser-safe (zod only).
import * as z from 'zod';
import { NETWORK_LINK_KINDS, type PublicNetwork } from '#functions/core/network.ts';
import type { EventSummary } from '#functions/core/event.ts';
import { eventSummarySchema } from '#functions/events/event.schema.ts';
import { DIRECTORY_WHERE, type DirectoryEntry } from './directory.ts';

export const DIRECTORY_MESSAGES = {
  qTooLong: 'Keep the search under 100 characters',
  where: 'Choose online or in person',
} as const;

export const directoryQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .max(100, DIRECTORY_MESSAGES.qTooLong)
    .optional()
    .transform((v) => v || undefined)
    .meta({ description: 'Words to find in a network\'s name, tagline, topics or place: any case, each as part of a word, all of them', example: 'cataloguing' }),
  where: z
    .union([z.enum(DIRECTORY_WHERE), z.literal('').transform(() => undefined)], { error: DIRECTORY_MESSAGES.where })
    .optional()
    .meta({ description: 'Only networks that meet online, or in person (a region or town)' }),
});
export type DirectoryQueryInput = z.output<typeof directoryQuerySchema>;

const whereSchema = z
  .union([z.object({ kind: z.literal('online') }), z.object({ kind: z.literal('place'), place: z.string().meta({ example: 'Manchester' }) })])
  .meta({ description: 'Where it meets: online, or a region or town' });

export const publicNetworkSchema = z
  .object({
    slug: z.string().meta({ example: 'manchester-nlpn' }),
    url: z.string().meta({ description: "The network's page" }),
    name: z.string().meta({ example: 'Manchester NLPN' }),
    tagline: z.string(),
    description: z.string().meta({ description: 'Plain text; links become clickable on the page' }),
    accent: z.string().meta({ description: 'Accent colour, checked for WCAG AA contrast', example: '#1d6b54' }),
    where: whereSchema,
    links: z.partialRecord(z.enum(NETWORK_LINK_KINDS), z.string()).meta({ description: 'Website, mailing list, Mastodon, Bluesky, LinkedIn' }),
    topics: z.array(z.string()),
    team: z.array(z.string()).meta({ description: 'First names of the team members who agreed to be shown; never an address' }),
  })
  .meta({ id: 'PublicNetwork' });

export const directoryEntrySchema = publicNetworkSchema
  .omit({ team: true })
  .extend({ nextMeetup: eventSummarySchema.optional().meta({ description: 'Its next upcoming meetup, if one is listed' }) })
  .meta({ id: 'DirectoryEntry' });

export const networkDirectorySchema = z
  .object({ items: z.array(directoryEntrySchema).meta({ description: 'Networks with an upcoming meetup first, soonest first; then the rest by name' }) })
  .meta({ id: 'NetworkDirectory' });

export const networkWithMeetupsSchema = publicNetworkSchema
  .extend({
    upcoming: z.array(eventSummarySchema).meta({ description: 'Its upcoming meetups, in start order' }),
    moreUpcoming: z.boolean().meta({ description: 'True when it has more upcoming meetups than are listed here' }),
  })
  .meta({ id: 'NetworkWithMeetups' });

export type NetworkWithMeetups = PublicNetwork & { upcoming: EventSummary[]; moreUpcoming: boolean };

/** The documented shapes and the domain's types say the same thing: compiling fails if either drifts. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShapes: [
  Same<z.infer<typeof publicNetworkSchema>, PublicNetwork>,
  Same<z.infer<typeof directoryEntrySchema>, DirectoryEntry>,
  Same<z.infer<typeof networkWithMeetupsSchema>, NetworkWithMeetups>,
] = [true, true, true];
void sameShapes;
