// Events domain: "add to calendar" data and links for a meetup. Public details only: never a personal link.
import type { CalendarEntry } from '../mail/calendar.ts';
import { eventPath, type StoredEvent } from './event.ts';

const compact = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');

function calendarText(e: StoredEvent, siteUrl: string): string {
  return [e.description, e.openToAll ?? 'Free and open to everyone.', e.accessibility ? `Accessibility: ${e.accessibility}` : '', `Details: ${siteUrl}${eventPath(e)}`]
    .filter(Boolean)
    .join('\n\n');
}

export const locationOf = (e: Pick<StoredEvent, 'venue' | 'onlineUrl'>) => e.venue?.replace(/\n+/g, ', ') ?? e.onlineUrl;

export function calendarEntry(e: StoredEvent, siteUrl: string): CalendarEntry {
  const location = locationOf(e);
  return {
    uid: `${e.id}@signpost`,
    sequence: e.version,
    title: e.title,
    startUtc: e.startUtc,
    endUtc: e.endUtc,
    timezone: e.timezone,
    ...(location ? { location } : {}),
    url: `${siteUrl}${eventPath(e)}`,
    description: calendarText(e, siteUrl),
    status: e.status === 'cancelled' ? 'cancelled' : 'confirmed',
    updatedAt: e.updatedAt,
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
