// Mail: the .ics for "add to calendar" (METHOD:PUBLISH, TZID times with a VTIMEZONE, stable UID, no ORGANIZER,
// no personal links). Built by the mailer from plain event data, so the API never carries a calendar library.
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { TZDate } from '@date-fns/tz';
import { tzlib_get_ical_block } from 'timezones-ical-library';

export interface CalendarEntry {
  /** Stable across edits and feeds, e.g. "k7f3q9x2mn@signpost". */
  uid: string;
  sequence: number;
  title: string;
  startUtc: string;
  endUtc: string;
  timezone: string;
  location?: string;
  url: string;
  description: string;
  status: 'confirmed' | 'cancelled';
  /** When the event last changed; DTSTAMP comes from data, so unchanged events give unchanged bytes. */
  updatedAt: string;
}

export function calendarFile(entry: CalendarEntry): string {
  const calendar = ical({
    method: ICalCalendarMethod.PUBLISH,
    prodId: { company: 'Signpost', product: 'Signpost', language: 'EN' },
  });
  // Every zone used gets its VTIMEZONE (timezones-ical-library ships its data in code, so it survives bundling).
  calendar.timezone({ name: null, generator: (zone) => tzlib_get_ical_block(zone)[0] ?? null });
  calendar.createEvent({
    id: entry.uid,
    sequence: entry.sequence,
    stamp: new Date(entry.updatedAt),
    // TZDate carries the zone, so the wall-clock time is right whatever the server's own zone is.
    start: new TZDate(Date.parse(entry.startUtc), entry.timezone),
    end: new TZDate(Date.parse(entry.endUtc), entry.timezone),
    timezone: entry.timezone,
    summary: entry.title,
    ...(entry.location ? { location: entry.location } : {}),
    url: entry.url,
    description: entry.description,
    status: entry.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return calendar.toString();
}
