// Core: the dates of a series of meetups, from its first one. Pure and browser-safe (Intl only). Local wall time is
// what repeats: a 12:30 meetup stays at 12:30 in its own zone through clock changes, so its UTC instant moves.
import { MAX_OCCURRENCES, REPEATS, type Repeat } from './event.ts';
import { parseLocalDateTime } from './time.ts';

export const MIN_OCCURRENCES = 2;

/** Where a date falls in its month: the 1st to 4th of its weekday, or (from the 29th on) the last. */
export interface MonthlyPlace {
  nth: 1 | 2 | 3 | 4 | 'last';
  /** 0 (Sunday) to 6 (Saturday). */
  weekday: number;
}

const DAY = 86_400_000;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const ORDINALS = { 1: 'first', 2: 'second', 3: 'third', 4: 'fourth', last: 'last' } as const;

export const isRepeat = (value: unknown): value is Repeat => (REPEATS as readonly unknown[]).includes(value);

/** The 5th of a weekday is always its month's last, and a series can't count on a fifth: from day 29, "last". */
export function monthlyPlace(date: string): MonthlyPlace {
  const ms = wallMs(`${date.slice(0, 10)}T00:00`);
  const d = new Date(ms);
  const week = Math.ceil(d.getUTCDate() / 7);
  return { nth: week > 4 ? 'last' : (week as 1 | 2 | 3 | 4), weekday: d.getUTCDay() };
}

/** "every month on the first Tuesday", "every 2 weeks", "every week". */
export function describeRepeat(repeat: Repeat, firstDate: string): string {
  if (repeat === 'weekly') return 'every week';
  if (repeat === 'fortnightly') return 'every 2 weeks';
  const place = monthlyPlace(firstDate);
  return `every month on the ${ORDINALS[place.nth]} ${WEEKDAYS[place.weekday]}`;
}

/** The `nth` (or last) `weekday` of a month, as a UTC-midnight wall date. */
function nthWeekday(year: number, month: number, place: MonthlyPlace): number {
  if (place.nth === 'last') {
    const last = Date.UTC(year, month + 1, 0);
    return last - ((new Date(last).getUTCDay() - place.weekday + 7) % 7) * DAY;
  }
  const first = Date.UTC(year, month, 1);
  return first + ((place.weekday - new Date(first).getUTCDay() + 7) % 7) * DAY + (place.nth - 1) * 7 * DAY;
}

/**
 * The local dates ("2026-10-13") of a series of `count` (the first included), by its rule. Throws RangeError for a
 * rule it does not know, a count outside 2..12, or a first date that is not a real date.
 */
export function seriesDates(firstDate: string, repeat: Repeat, count: number): string[] {
  if (!isRepeat(repeat)) throw new RangeError(`Unknown repeat rule: ${String(repeat)}`);
  if (!Number.isInteger(count) || count < MIN_OCCURRENCES || count > MAX_OCCURRENCES) throw new RangeError(`A series has ${MIN_OCCURRENCES} to ${MAX_OCCURRENCES} meetups`);
  const first = wallMs(`${firstDate.slice(0, 10)}T00:00`);
  const place = monthlyPlace(firstDate);
  const start = new Date(first);
  const dates: number[] = [];
  for (let i = 0; i < count; i++) {
    if (repeat === 'weekly') dates.push(first + i * 7 * DAY);
    else if (repeat === 'fortnightly') dates.push(first + i * 14 * DAY);
    else dates.push(i === 0 ? first : nthWeekday(start.getUTCFullYear(), start.getUTCMonth() + i, place));
  }
  return dates.map((ms) => new Date(ms).toISOString().slice(0, 10));
}

function wallMs(local: string): number {
  const ms = parseLocalDateTime(local);
  if (ms === undefined) throw new RangeError(`Not a real date and time: ${local}`);
  return ms;
}

/** Minutes `zone` is ahead of UTC at `instant`. */
export function zoneOffsetMinutes(zone: string, instant: number): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(instant));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asWall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return Math.round((asWall - Math.floor(instant / 1000) * 1000) / 60_000);
}

/**
 * The instant a wall-clock reading ("2026-10-27T12:30") happens in `zone`. A reading the clocks go back over happens
 * twice: the first. One the clocks skip (spring forward) is moved on by the gap: 01:30 on the morning the clocks
 * go from 01:00 to 02:00 becomes 02:30, the moment the meetup would have been an hour later by the old clock.
 */
export function wallToInstant(local: string, zone: string): Date {
  const wall = wallMs(local);
  const offsets = [...new Set([-DAY, 0, DAY].map((d) => zoneOffsetMinutes(zone, wall + d)))];
  const exact = offsets
    .map((minutes) => wall - minutes * 60_000)
    .filter((instant) => instant + zoneOffsetMinutes(zone, instant) * 60_000 === wall)
    .sort((a, b) => a - b);
  if (exact[0] !== undefined) return new Date(exact[0]);
  // In the gap: read it with the offset from before the change.
  return new Date(wall - zoneOffsetMinutes(zone, wall - DAY) * 60_000);
}

/** The wall-clock reading of an instant in `zone`, as "2026-10-27T12:30". */
export const instantToWall = (instant: Date, zone: string) =>
  new Date(instant.getTime() + zoneOffsetMinutes(zone, instant.getTime()) * 60_000).toISOString().slice(0, 16);

export interface Occurrence {
  startLocal: string;
  endLocal: string;
  startUtc: string;
  endUtc: string;
}

/**
 * Every meetup of a series, the first included: each on its date at the first one's time of day, lasting as long on
 * the wall clock (a meetup ending the next day still does). Throws RangeError as seriesDates does.
 */
export function occurrences(first: { startLocal: string; endLocal: string; timezone: string }, repeat: Repeat, count: number): Occurrence[] {
  const start = wallMs(first.startLocal.slice(0, 16));
  const length = wallMs(first.endLocal.slice(0, 16)) - start;
  const time = first.startLocal.slice(11, 16);
  return seriesDates(first.startLocal, repeat, count).map((date) => {
    const startLocal = `${date}T${time}`;
    const endLocal = new Date(wallMs(startLocal) + length).toISOString().slice(0, 16);
    const startUtc = wallToInstant(startLocal, first.timezone);
    const endUtc = wallToInstant(endLocal, first.timezone);
    // A start moved on by a gap keeps its length.
    const end = endUtc > startUtc ? endUtc : new Date(startUtc.getTime() + length);
    return { startLocal: instantToWall(startUtc, first.timezone), endLocal: instantToWall(end, first.timezone), startUtc: startUtc.toISOString(), endUtc: end.toISOString() };
  });
}
