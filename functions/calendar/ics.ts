// Calendar: iCalendar text for feeds and for the .ics emails carry. METHOD:PUBLISH, TZID times with a VTIMEZONE for
// every zone used, a stable UID, DTSTAMP from the data (so unchanged events give unchanged bytes), no ORGANIZER and no
// personal links. Plain data in, text out; ical-generator folds lines at 75 octets and writes CRLF.
import ical, { ICalAlarmType, ICalCalendarMethod, ICalEventStatus, type ICalCalendar } from 'ical-generator';
import { TZDate, tzOffset } from '@date-fns/tz';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import type { CalendarEntry } from '#functions/core/calendar.ts';


export interface FeedOptions {
  /** X-WR-CALNAME. */
  name: string;
  description?: string;
  /** A display alarm this many minutes before each event that is going ahead. */
  alarmMinutes?: number;
  /** REFRESH-INTERVAL and X-PUBLISHED-TTL, in seconds. */
  refreshSeconds?: number;
}

const STATUS = {
  confirmed: ICalEventStatus.CONFIRMED,
  tentative: ICalEventStatus.TENTATIVE,
  cancelled: ICalEventStatus.CANCELLED,
} as const;

function calendar(options: Partial<FeedOptions>): ICalCalendar {
  const cal = ical({
    method: ICalCalendarMethod.PUBLISH,
    prodId: { company: 'Signpost', product: 'Signpost', language: 'EN' },
    ...(options.name ? { name: options.name } : {}),
    ...(options.description ? { description: options.description } : {}),
    ...(options.refreshSeconds ? { ttl: options.refreshSeconds } : {}),
  });
  // Every zone used gets its VTIMEZONE. timezones-ical-library ships its data in code, so it survives bundling.
  cal.timezone({ name: null, generator: (zone) => tzlib_get_ical_block(zone)[0] ?? null });
  return cal;
}

/**
 * Whether the wall-clock reading of `iso` in `zone` happens twice (the hour the clocks go back). RFC 5545 says such a
 * TZID time means the first occurrence, but parsers differ (ical.js takes the second), so those are written in UTC.
 */
export function isAmbiguousLocal(iso: string, zone: string): boolean {
  const instant = Date.parse(iso);
  const offset = tzOffset(zone, new Date(instant));
  const wall = instant + offset * 60_000;
  return [-86_400_000, 86_400_000]
    .map((d) => tzOffset(zone, new Date(instant + d)))
    .some((other) => other !== offset && tzOffset(zone, new Date(wall - other * 60_000)) === other);
}

/** TZID times, so calendars show the meetup's own zone, except around an ambiguous hour: then plain UTC. */
function times(entry: CalendarEntry) {
  if (isAmbiguousLocal(entry.startUtc, entry.timezone) || isAmbiguousLocal(entry.endUtc, entry.timezone)) {
    return { start: new Date(entry.startUtc), end: new Date(entry.endUtc) };
  }
  // TZDate carries the zone, so the wall-clock time is right whatever the server's own zone is.
  return {
    start: new TZDate(Date.parse(entry.startUtc), entry.timezone),
    end: new TZDate(Date.parse(entry.endUtc), entry.timezone),
    timezone: entry.timezone,
  };
}

function addEvent(cal: ICalCalendar, entry: CalendarEntry, alarmMinutes?: number): void {
  const event = cal.createEvent({
    id: entry.uid,
    sequence: entry.sequence,
    stamp: new Date(entry.updatedAt),
    lastModified: new Date(entry.updatedAt),
    ...(entry.createdAt ? { created: new Date(entry.createdAt) } : {}),
    ...times(entry),
    summary: entry.title,
    ...(entry.location ? { location: entry.location } : {}),
    url: entry.url,
    description: entry.description,
    status: STATUS[entry.status],
    ...(entry.categories?.length ? { categories: entry.categories.map((name) => ({ name })) } : {}),
  });
  if (alarmMinutes !== undefined && entry.status !== 'cancelled') {
    event.createAlarm({ type: ICalAlarmType.display, trigger: alarmMinutes * 60, description: entry.title });
  }
}

/**
 * Stands in for TextEncoder while ical-generator 10 folds lines. Its foldLines builds a TextEncoder for every
 * character and reads only the byte length, which is ~90% of rendering a 1,000-event feed (1.3 s of 1.5 s).
 * ical-generator 11 counts bytes itself, but needs Node 22; drop this when we move.
 */
class Utf8Length {
  encode(ch: string): { length: number } {
    const code = ch.charCodeAt(0);
    return { length: code < 0x80 ? 1 : code < 0x800 ? 2 : ch.length === 2 ? 4 : 3 };
  }
}

/**
 * The calendar's text. toString() is synchronous, so nothing else runs while the stand-in is in place. RFC 5545
 * ends every content line with CRLF, the last one included; ical-generator leaves the last one off.
 */
function text(cal: ICalCalendar): string {
  const real = globalThis.TextEncoder;
  globalThis.TextEncoder = Utf8Length as unknown as typeof TextEncoder;
  let out: string;
  try {
    out = cal.toString();
  } finally {
    globalThis.TextEncoder = real;
  }
  return out.endsWith('\r\n') ? out : `${out}\r\n`;
}

/** One event, as emails attach it. */
export function calendarFile(entry: CalendarEntry): string {
  const cal = calendar({});
  addEvent(cal, entry);
  return text(cal);
}

/** A subscribable feed: events in start order. */
export function renderFeed(entries: CalendarEntry[], options: FeedOptions): string {
  const cal = calendar(options);
  const ordered = [...entries].sort((a, b) => a.startUtc.localeCompare(b.startUtc) || a.uid.localeCompare(b.uid));
  for (const entry of ordered) addEvent(cal, entry, options.alarmMinutes);
  return text(cal);
}
