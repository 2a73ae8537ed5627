// Feeds domain: a network's Atom feed of new meetups, for feed readers. Pure: which meetups it holds (upcoming,
// published, newest first) and the XML. Public fields only: no attendees, no email addresses, no joining link.
import { Feed } from 'feed';
import { eventPath, type StoredEvent } from '#functions/core/event.ts';
import type { StoredNetwork } from '#functions/core/network.ts';
import { feedPaths, NETWORK_PAGES } from '#functions/core/paths.ts';
import { formatWhen } from '#functions/core/time.ts';
import { whereOf } from '#functions/events/calendar-links.ts';

/** Feed readers show the newest few; older entries have long been read. */
export const ATOM_MAX_ENTRIES = 50;

const publishedOf = (e: StoredEvent) => e.publishedAt ?? e.createdAt;

/**
 * The meetups a network's Atom feed holds: published, not hidden, not yet over by `from` (the start of today, so
 * the answer moves once a day), the most recently published first.
 */
export function atomMeetups(events: StoredEvent[], from: string): StoredEvent[] {
  return events
    .filter((e) => e.status === 'published' && !e.hidden && e.endUtc >= from)
    .sort((a, b) => publishedOf(b).localeCompare(publishedOf(a)) || a.startUtc.localeCompare(b.startUtc) || a.id.localeCompare(b.id))
    .slice(0, ATOM_MAX_ENTRIES);
}

/** XML 1.0 cannot carry most control characters, even escaped. */
const xmlSafe = (text: string) => text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');

/** Titles and summaries go out as type="html": people's text, escaped, so a "<b>" in a title stays text. */
const escapeHtml = (text: string) =>
  xmlSafe(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Stable for the meetup's life (RFC 4151), unlike its URL, whose slug follows the title. */
const entryId = (siteUrl: string, e: StoredEvent) => `tag:${new URL(siteUrl).hostname},${e.createdAt.slice(0, 10)}:events/${e.id}`;

function summary(e: StoredEvent): string {
  const where = whereOf(e);
  return [`When: ${formatWhen(e.startUtc, e.endUtc, e.timezone)}`, ...(where ? [`Where: ${where}`] : [])]
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('');
}

export interface AtomFeedInput {
  network: Pick<StoredNetwork, 'slug' | 'name' | 'tagline'>;
  /** Already chosen by atomMeetups. */
  events: StoredEvent[];
  siteUrl: string;
  /** When the feed last changed: part of the bytes, so it comes from the data, never from the clock. */
  updated: string;
}

export function renderAtom({ network, events, siteUrl, updated }: AtomFeedInput): string {
  const page = `${siteUrl}${NETWORK_PAGES.page(network.slug)}`;
  const feed = new Feed({
    id: page,
    title: xmlSafe(`${network.name}: new meetups on Signpost`),
    ...(network.tagline ? { description: xmlSafe(network.tagline) } : {}),
    link: page,
    feedLinks: { atom: `${siteUrl}${feedPaths.networkAtom(network.slug)}` },
    updated: new Date(updated),
    // Atom asks for an author; the network speaks for its meetups.
    author: { name: xmlSafe(network.name), link: page },
    generator: 'Signpost',
  });
  for (const e of events) {
    feed.addItem({
      id: entryId(siteUrl, e),
      title: escapeHtml(e.title),
      link: `${siteUrl}${eventPath(e)}`,
      published: new Date(publishedOf(e)),
      date: new Date(e.updatedAt),
      description: summary(e),
    });
  }
  return feed.atom1();
}
