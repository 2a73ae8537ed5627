// Events domain: human-readable dates in the event's own time zone. Browser-safe (Intl only).

/** "Thursday 3 December 2026, 12:30 – 13:30 GMT" in the event's zone; spans days when it must. */
export function formatWhen(startUtc: string, endUtc: string, timeZone: string, locale = 'en-GB'): string {
  const start = new Date(startUtc);
  const end = new Date(endUtc);
  const day = new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit' });
  const zone = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' })
    .formatToParts(end)
    .find((p) => p.type === 'timeZoneName')?.value;
  const sameDay = day.format(start) === day.format(end);
  const range = sameDay
    ? `${day.format(start)}, ${time.format(start)} – ${time.format(end)}`
    : `${day.format(start)}, ${time.format(start)} – ${day.format(end)}, ${time.format(end)}`;
  return zone ? `${range} ${zone}` : range;
}

/** True when the viewer's zone shows these instants at a different wall-clock time. */
export function differsFromZone(utc: string, eventZone: string, viewerZone: string): boolean {
  const fmt = (tz: string) =>
    new Intl.DateTimeFormat('en-GB', { timeZone: tz, dateStyle: 'short', timeStyle: 'short' }).format(new Date(utc));
  return fmt(eventZone) !== fmt(viewerZone);
}
