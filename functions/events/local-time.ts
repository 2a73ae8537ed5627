// Events domain: a meetup's local wall-clock times as instants, and the checks that need the clock (a start in the
// past, a time the clocks skip). Pure and browser-safe (Intl and @date-fns/tz), so the form can run them too.
import { tzOffset } from '@date-fns/tz';
import { validationError, type FieldIssue } from '#functions/core/errors.ts';
import { parseLocalDateTime, zoneName } from '#functions/core/time.ts';

export const TIMING_MESSAGES = {
  past: 'Start must be in the future',
  endBeforeStart: 'End must be after the start',
  notReal: (what: 'Start' | 'End') => `${what} must be a real date and time, like 2026-12-03T18:30`,
  skipped: (zone: string) => `That time does not exist in ${zoneName(zone)}: the clocks go forward then`,
} as const;

const fieldWord = (field: string) => (field === 'end' ? 'End' : 'Start');

/** The instant, or the reason there is none: not a real reading, or one the clocks skip in `zone`. */
function convert(local: string, zone: string, field: string): Date | FieldIssue {
  const wall = parseLocalDateTime(local);
  if (wall === undefined) return { field, message: TIMING_MESSAGES.notReal(fieldWord(field)) };
  // Offsets in force around that day; the right one maps back to the same wall-clock reading.
  const offsets = new Set([-86_400_000, 0, 86_400_000].map((d) => tzOffset(zone, new Date(wall + d))));
  const instants = [...offsets]
    .map((minutes) => wall - minutes * 60_000)
    .filter((instant) => instant + tzOffset(zone, new Date(instant)) * 60_000 === wall)
    .sort((a, b) => a - b);
  return instants[0] === undefined ? { field, message: TIMING_MESSAGES.skipped(zone) } : new Date(instants[0]);
}

/**
 * Converts a local wall-clock reading in `zone` to a UTC instant. Refuses times a clock change skips; when the
 * clocks go back and a reading happens twice, takes the first.
 */
export function localToUtc(local: string, zone: string, field: string): Date {
  const out = convert(local, zone, field);
  if (out instanceof Date) return out;
  throw validationError([out]);
}

export interface TimingInput {
  start?: string | undefined;
  end?: string | undefined;
  timezone: string;
}

/**
 * What is wrong with these times given the clock: each that does not exist in the zone, a start in the past (unless
 * `startUnchanged`: a meetup already under way may keep its start), an end not after the start. Times missing or
 * already refused by the schema are skipped. Returns the instants it could make, too.
 */
export function timingCheck(t: TimingInput, now: Date, startUnchanged = false): { issues: FieldIssue[]; start?: Date; end?: Date } {
  const issues: FieldIssue[] = [];
  const at = (local: string | undefined, field: string) => {
    if (local === undefined) return undefined;
    const out = convert(local, t.timezone, field);
    if (out instanceof Date) return out;
    issues.push(out);
    return undefined;
  };
  const start = at(t.start, 'start');
  const end = at(t.end, 'end');
  if (start && !startUnchanged && start.getTime() <= now.getTime()) issues.push({ field: 'start', message: TIMING_MESSAGES.past });
  if (start && end && end <= start) issues.push({ field: 'end', message: TIMING_MESSAGES.endBeforeStart });
  return { issues, ...(start ? { start } : {}), ...(end ? { end } : {}) };
}
