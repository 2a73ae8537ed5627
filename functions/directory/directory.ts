// Directory domain: which networks the public may see, their public shape, and the directory's search, filter and
// order. Pure functions over plain data; no AWS or HTTP imports.
import { NETWORK_LINK_KINDS, firstName, type PublicNetwork, type StoredNetwork, type TeamMember } from '#functions/core/network.ts';
import type { EventSummary } from '#functions/core/event.ts';
import { NETWORK_PAGES } from '#functions/core/paths.ts';
import { foldedWords } from '#functions/table/items/listing.ts';

/** The directory's "where" filter: networks that meet online, or somewhere in person. */
export const DIRECTORY_WHERE = ['online', 'in_person'] as const;
export type DirectoryWhere = (typeof DIRECTORY_WHERE)[number];

export interface DirectoryQuery {
  q?: string | undefined;
  where?: DirectoryWhere | undefined;
}

/** A network in the directory: what its page shows but the team (one read for every network, no team reads). */
export type DirectoryEntry = Omit<PublicNetwork, 'team'> & { nextMeetup?: EventSummary | undefined };

/** Hidden (by an operator) and pending (awaiting approval) networks are for nobody but their team and operators. */
export const isPublic = (n: Pick<StoredNetwork, 'status' | 'hidden'>) => n.status === 'active' && !n.hidden;

/** Links are shown only when they are web addresses: the networks rules check them, and the page does not trust that. */
const isWebUrl = (url: string) => /^https?:\/\/[^\s]+$/i.test(url);

/** What anyone may see of a network, field by field, so the contact address and the team's addresses never leak. */
export function toPublicEntry(n: StoredNetwork, siteUrl: string): Omit<PublicNetwork, 'team'> {
  const links: PublicNetwork['links'] = {};
  for (const kind of NETWORK_LINK_KINDS) {
    const url = n.links[kind];
    if (url && isWebUrl(url)) links[kind] = url;
  }
  return {
    slug: n.slug,
    url: siteUrl + NETWORK_PAGES.page(n.slug),
    name: n.name,
    tagline: n.tagline,
    description: n.description,
    accent: n.accent,
    where: n.where.kind === 'online' ? { kind: 'online' } : { kind: 'place', place: n.where.place },
    links,
    topics: [...n.topics],
  };
}

/** The team's first names, for the members who agreed, in the order they joined. Never an address. */
export function teamNames(team: TeamMember[]): string[] {
  return [...team]
    .filter((m) => m.showName)
    .sort((a, b) => (a.joinedAt === b.joinedAt ? a.personId.localeCompare(b.personId) : a.joinedAt < b.joinedAt ? -1 : 1))
    .map((m) => firstName(m.name))
    .filter(Boolean);
}

export const toPublicNetwork = (n: StoredNetwork, team: TeamMember[], siteUrl: string): PublicNetwork => ({
  ...toPublicEntry(n, siteUrl),
  team: teamNames(team),
});

/**
 * Whether a network matches the search: every word of `q` (folded: any case, no accents) appears within a word of its
 * name, tagline, topics or where it meets ("online" for an online network). No words: every network.
 */
export function matchesSearch(n: Pick<StoredNetwork, 'name' | 'tagline' | 'topics' | 'where'>, q: string | undefined): boolean {
  const words = q ? foldedWords(q) : [];
  if (!words.length) return true;
  const place = n.where.kind === 'online' ? 'online' : n.where.place;
  const haystack = ` ${foldedWords([n.name, n.tagline, place, ...n.topics].join(' ')).join(' ')} `;
  return words.every((w) => haystack.includes(w));
}

export const matchesWhere = (n: Pick<StoredNetwork, 'where'>, where: DirectoryWhere | undefined) =>
  !where || (where === 'online' ? n.where.kind === 'online' : n.where.kind === 'place');

const byName = (a: { name: string; slug: string }, b: { name: string; slug: string }) =>
  a.name.localeCompare(b.name, 'en-GB', { sensitivity: 'base' }) || a.slug.localeCompare(b.slug);

/** Networks with an upcoming meetup first, soonest first; then the rest by name. */
export function sortByNextMeetup<T extends { name: string; slug: string; nextMeetup?: Pick<EventSummary, 'start'> | undefined }>(entries: T[]): T[] {
  return [...entries].sort((a, b) => {
    if (a.nextMeetup && b.nextMeetup) {
      const at = a.nextMeetup.start.utc;
      const bt = b.nextMeetup.start.utc;
      return at === bt ? byName(a, b) : at < bt ? -1 : 1;
    }
    if (a.nextMeetup || b.nextMeetup) return a.nextMeetup ? -1 : 1;
    return byName(a, b);
  });
}

/** The public networks that match the query (hidden and pending ones never do). */
export const shownNetworks = (networks: StoredNetwork[], query: DirectoryQuery) =>
  networks.filter((n) => isPublic(n) && matchesWhere(n, query.where) && matchesSearch(n, query.q));

/** The directory: the networks given, each with its next meetup if it has one, in the directory's order. */
export function directoryOf(networks: StoredNetwork[], next: ReadonlyMap<string, EventSummary>, siteUrl: string): DirectoryEntry[] {
  return sortByNextMeetup(networks.map((n) => ({ ...toPublicEntry(n, siteUrl), ...(next.has(n.slug) ? { nextMeetup: next.get(n.slug)! } : {}) })));
}
