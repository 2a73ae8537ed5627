// Events domain: "add to calendar" data and links for a meetup, and who may see its joining link. Never a personal
// link (cancel tokens); the joining link only where joiningLink allows it.
import type { CalendarEntry } from '#functions/core/calendar.ts';
import { eventPath, type StoredEvent } from '#functions/core/event.ts';
import { eventPagePaths } from '#functions/core/paths.ts';

/**
 * Who is reading: 'public' (pages, public feeds, the short "add to calendar" links, the waitlisted) or 'place' (a person
 * with a confirmed place: their emails, the .ics those carry, their own feed).
 */
export type LinkAudience = 'public' | 'place';

/** The text a reader without the link sees instead of it. */
export const PRIVATE_LINK_NOTE = 'The joining link is sent to everyone with a place.';

/**
 * The joining link, if this reader may have it: people with a place always, anyone else only when the organiser chose
 * "Anyone may join", and nobody once the meetup is cancelled.
 */
export function joiningLink(e: Pick<StoredEvent, 'onlineUrl' | 'onlineUrlPublic' | 'status'>, audience: LinkAudience): string | undefined {
  if (!e.onlineUrl || e.status === 'cancelled') return undefined;
  return e.onlineUrlPublic || audience === 'place' ? e.onlineUrl : undefined;
}

/** The venue on one line. */
export const venueOf = (e: Pick<StoredEvent, 'venue'>) => e.venue?.replace(/\s*\n+\s*/g, ', ');

/** Where it happens, on one line: the venue; for an online meetup the joining link when given, else "Online". */
export const locationOf = (e: Pick<StoredEvent, 'venue' | 'format'>, link?: string) =>
  venueOf(e) ?? (e.format === 'in_person' ? undefined : link ?? 'Online');

/** Where, in a few words: the venue, "Online", or the venue "and online". Never the joining link itself. */
export function whereOf(event: Pick<StoredEvent, 'format' | 'venue'>): string | undefined {
  const venue = venueOf(event);
  if (event.format === 'online') return 'Online';
  if (event.format === 'hybrid') return venue ? `${venue}, and online` : 'Online';
  return venue;
}

function calendarText(e: StoredEvent, siteUrl: string, link: string | undefined): string {
  const cancelled = e.status === 'cancelled';
  return [
    cancelled ? 'This meetup has been cancelled.' : '',
    e.description,
    link ? `Join online: ${link}` : e.onlineUrl && !cancelled ? PRIVATE_LINK_NOTE : '',
    e.openToAll ?? 'Free and open to everyone.',
    e.accessibility ? `Accessibility: ${e.accessibility}` : '',
    `Details: ${siteUrl}${eventPath(e)}`,
  ]
    .filter(Boolean)
    .join('\n\n');
}

export interface EntryOptions {
  /** Marks it tentative, for the person's own feed; the waitlisted never get a private link. */
  waitlisted?: boolean;
  /** Default 'public': a private joining link is left out. */
  audience?: LinkAudience;
}

/**
 * The calendar view of an event, the same in every feed and email: one UID, SEQUENCE from the version (which every
 * organiser edit, publish and cancel raises).
 */
export function calendarEntry(e: StoredEvent, siteUrl: string, options: EntryOptions = {}): CalendarEntry {
  const cancelled = e.status === 'cancelled';
  const waitlisted = !cancelled && options.waitlisted;
  const link = joiningLink(e, waitlisted ? 'public' : options.audience ?? 'public');
  const location = locationOf(e, link);
  return {
    uid: `${e.id}@signpost`,
    sequence: e.version,
    // Some calendars show a cancelled event from a feed anyway, so the title says it too.
    title: cancelled ? `Cancelled: ${e.title}` : waitlisted ? `Waitlist: ${e.title}` : e.title,
    startUtc: e.startUtc,
    endUtc: e.endUtc,
    timezone: e.timezone,
    ...(location ? { location } : {}),
    url: `${siteUrl}${eventPath(e)}`,
    description: calendarText(e, siteUrl, link),
    status: cancelled ? 'cancelled' : waitlisted ? 'tentative' : 'confirmed',
    categories: e.tags,
    updatedAt: e.updatedAt,
    createdAt: e.publishedAt ?? e.createdAt,
  };
}

const compact = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/**
 * The providers' long "add event" URLs (often 700+ characters). Public details only, since anyone can open the short
 * links that lead here: a private joining link is never in them.
 */
export function addToCalendarLinks(e: StoredEvent, siteUrl: string) {
  const link = joiningLink(e, 'public');
  const details = calendarText(e, siteUrl, link).slice(0, 1500);
  const location = locationOf(e, link) ?? '';
  const google = new URL('https://calendar.google.com/calendar/render');
  google.search = new URLSearchParams({
    action: 'TEMPLATE', text: e.title, dates: `${compact(e.startUtc)}/${compact(e.endUtc)}`, details, location, ctz: e.timezone,
  }).toString();
  const outlook = new URL('https://outlook.live.com/calendar/0/deeplink/compose');
  outlook.search = new URLSearchParams({
    path: '/calendar/action/compose', rru: 'addevent', subject: e.title, startdt: e.startUtc, enddt: e.endUtc, body: details, location,
  }).toString();
  return { google: google.toString(), outlook: outlook.toString() };
}

/** Our own short links to the above (events/add-to-calendar.ts redirects them), for emails and pages. */
export const shortCalendarLinks = (e: Pick<StoredEvent, 'id'>, siteUrl: string) => ({
  google: `${siteUrl}${eventPagePaths.add(e.id, 'google')}`,
  outlook: `${siteUrl}${eventPagePaths.add(e.id, 'outlook')}`,
});
