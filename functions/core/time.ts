// Core: human-readable dates in the event's own time zone. Browser-safe (Intl only).

/**
 * The place an IANA zone is named after, as people say it: "London" (Europe/London), "New York" (America/New_York),
 * "Buenos Aires" (America/Argentina/Buenos_Aires). Undefined for UTC and zones named by offset (Etc/GMT+5).
 */
export function zonePlace(timeZone: string): string | undefined {
  if (!timeZone.includes('/') || /^Etc\//i.test(timeZone)) return undefined;
  const place = timeZone.slice(timeZone.lastIndexOf('/') + 1).replace(/_/g, ' ').trim();
  return /^[\p{L}][\p{L} .'-]*$/u.test(place) ? place : undefined;
}

/**
 * A zone named by place at an instant: "London time", "New York time". UTC stays "UTC"; a zone without a place
 * (Etc/GMT+5) falls back to its short name ("GMT-5").
 */
export function zoneName(timeZone: string, at: Date = new Date(), locale = 'en-GB'): string {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return 'UTC';
  const place = zonePlace(timeZone);
  if (place) return `${place} time`;
  return new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}

/** "12:30" on the 24-hour clock in `timeZone`. */
export function formatClock(utc: string | Date, timeZone: string, locale = 'en-GB'): string {
  return new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(utc));
}

/** "Thursday 3 December 2026, 12:30 – 13:30 London time" in the event's zone; spans days when it must. */
export function formatWhen(startUtc: string, endUtc: string, timeZone: string, locale = 'en-GB'): string {
  const start = new Date(startUtc);
  const end = new Date(endUtc);
  const day = new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  const time = (d: Date) => formatClock(d, timeZone, locale);
  const sameDay = day.format(start) === day.format(end);
  const range = sameDay
    ? `${day.format(start)}, ${time(start)} – ${time(end)}`
    : `${day.format(start)}, ${time(start)} – ${day.format(end)}, ${time(end)}`;
  return `${range} ${zoneName(timeZone, end, locale)}`;
}

/** True when the viewer's zone shows these instants at a different wall-clock time. */
export function differsFromZone(utc: string, eventZone: string, viewerZone: string): boolean {
  const fmt = (tz: string) =>
    new Intl.DateTimeFormat('en-GB', { timeZone: tz, dateStyle: 'short', timeStyle: 'short' }).format(new Date(utc));
  return fmt(eventZone) !== fmt(viewerZone);
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::00)?$/;

/** Parses "2026-12-03T18:30" as a wall-clock reading; undefined if it is not a real date and time. */
export function parseLocalDateTime(value: string): number | undefined {
  const m = LOCAL_DATE_TIME.exec(value);
  if (!m) return undefined;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59) {
    return undefined;
  }
  return ms;
}

export function isIanaTimeZone(value: string): boolean {
  if (value !== 'UTC' && !/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)+$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
