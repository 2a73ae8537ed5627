import type { CalendarEntry } from '#functions/core/calendar.ts';
import { eventPath, type StoredEvent } from '#functions/core/event.ts';
// Events domain: "add to calendar" data and links for a meetup. Public details only: never a personal link.

const compact = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');

function calendarText(e: StoredEvent, siteUrl: string): string {
  return [
    e.status === 'cancelled' ? 'This meetup has been cancelled.' : '',
    e.description,
    e.venue && e.onlineUrl ? `Join online: ${e.onlineUrl}` : '',
    e.openToAll ?? 'Free and open to everyone.',
    e.accessibility ? `Accessibility: ${e.accessibility}` : '',
    `Details: ${siteUrl}${eventPath(e)}`,
  ]
    .filter(Boolean)
    .join('\n\n');
}

export const locationOf = (e: Pick<StoredEvent, 'venue' | 'onlineUrl'>) => e.venue?.replace(/\n+/g, ', ') ?? e.onlineUrl;

/**
 * The calendar view of an event, the same in every feed and email: one UID, SEQUENCE from the version (which every
 * organiser edit, publish and cancel raises). `waitlisted` marks it tentative, for the person's own feed.
 */
export function calendarEntry(e: StoredEvent, siteUrl: string, options: { waitlisted?: boolean } = {}): CalendarEntry {
  const location = locationOf(e);
  const cancelled = e.status === 'cancelled';
  const waitlisted = !cancelled && options.waitlisted;
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
    description: calendarText(e, siteUrl),
    status: cancelled ? 'cancelled' : waitlisted ? 'tentative' : 'confirmed',
    categories: e.tags,
    updatedAt: e.updatedAt,
    createdAt: e.publishedAt ?? e.createdAt,
  };
}

export function addToCalendarLinks(e: StoredEvent, siteUrl: string) {
  const details = calendarText(e, siteUrl).slice(0, 1500);
  const location = locationOf(e) ?? '';
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
