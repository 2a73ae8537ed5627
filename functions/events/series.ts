// Events domain: a series of meetups, each its own meetup (own RSVPs, places, reminders, feed entry) sharing a
// SeriesRef. Ids are derived from the series id and the position, so the whole series can be found from any one
// of its meetups, and sending the same listing again (the same series key) completes it instead of listing it twice.
import { hashSecret } from '#functions/core/ids.ts';
import { occurrences } from '#functions/core/recurrence.ts';
import { eventPath, type Repeat, type SeriesRef, type StoredEvent } from '#functions/core/event.ts';
import { formatWhen } from '#functions/core/time.ts';
import { validationError } from '#functions/core/errors.ts';
import type { EventEdit } from './event.schema.ts';
import { cpdFormValues, cpdInputOf } from '#functions/networks/cpd.schema.ts';

const ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** A 10-character id from a seed: the same alphabet as core/ids.ts newId. */
function derivedId(seed: string): string {
  const hex = hashSecret(`series:${seed}`);
  let id = '';
  for (let i = 0; i < 10; i++) id += ID_ALPHABET[parseInt(hex.slice(i * 2, i * 2 + 2), 16) % ID_ALPHABET.length];
  return id;
}

/** One organiser's series key names one series: another address with the same key gets another series. */
export const seriesIdFor = (organiserEmail: string, key: string) => derivedId(`${organiserEmail.trim().toLowerCase()}#${key}`);

/** The meetup at `index` (1-based) of a series. */
export const occurrenceId = (seriesId: string, index: number) => derivedId(`${seriesId}#${index}`);

/** Every meetup id of the series, in date order. */
export const seriesIds = (series: Pick<SeriesRef, 'id' | 'count'>) => Array.from({ length: series.count }, (_, i) => occurrenceId(series.id, i + 1));

/**
 * The series' meetups from its first (as createEvent made it): each on its date at the same local time, with its
 * own id and position, and no RSVP counters. A date that makes no meetup (a bad rule) is named as the field.
 */
export function seriesOf(first: StoredEvent, repeat: Repeat, count: number, seriesId: string): StoredEvent[] {
  let times;
  try {
    times = occurrences(first, repeat, count);
  } catch {
    throw validationError([{ field: 'repeat', message: 'Those dates do not make a series: check the start and how many times' }]);
  }
  return times.map((t, i) => ({
    ...first,
    ...t,
    id: occurrenceId(seriesId, i + 1),
    // Each manage link lasts as long after its own meetup as a single meetup's does.
    manageTokenExpiresAt: first.manageTokenExpiresAt + Math.round((Date.parse(t.endUtc) - Date.parse(first.endUtc)) / 1000),
    series: { id: seriesId, repeat, index: i + 1, count },
  }));
}

/** The fields an edit of "this and all later ones" carries on: the time of day, place, joining link and description. */
export interface SeriesChange {
  /** The new local time of day ("13:00"), when the start's or the end's changed. */
  startTime?: string;
  endTime?: string;
  fields: Partial<Pick<StoredEvent, 'description' | 'format' | 'venue' | 'onlineUrl' | 'onlineUrlPublic'>>;
}

const CARRIED = ['description', 'format', 'venue', 'onlineUrl', 'onlineUrlPublic'] as const;

/** What this edit changed that later meetups of its series take on. */
export function seriesChange(before: StoredEvent, after: StoredEvent): SeriesChange {
  const fields: SeriesChange['fields'] = {};
  for (const f of CARRIED) if (before[f] !== after[f]) Object.assign(fields, { [f]: after[f] });
  const time = (local: string) => local.slice(11, 16);
  return {
    ...(time(before.startLocal) !== time(after.startLocal) ? { startTime: time(after.startLocal) } : {}),
    ...(time(before.endLocal) !== time(after.endLocal) ? { endTime: time(after.endLocal) } : {}),
    fields,
  };
}

export const isEmptyChange = (c: SeriesChange) => !c.startTime && !c.endTime && Object.keys(c.fields).length === 0;

/** A later meetup's edit as the edit form would send it: its own dates, with the changed times of day and fields. */
export function laterEdit(event: StoredEvent, change: SeriesChange): EventEdit {
  const withTime = (local: string, time: string | undefined) => (time ? `${local.slice(0, 11)}${time}` : local);
  const start = withTime(event.startLocal, change.startTime);
  let end = withTime(event.endLocal, change.endTime);
  // An end moved before its start (a meetup now running past midnight) ends the next day.
  if (end <= start) end = new Date(Date.parse(`${end}:00Z`) + 86_400_000).toISOString().slice(0, 16);
  const next = { ...event, ...change.fields };
  return {
    title: next.title, description: next.description, start, end, timezone: next.timezone, format: next.format,
    venue: next.format === 'online' ? undefined : next.venue, onlineUrl: next.format === 'in_person' ? undefined : next.onlineUrl,
    onlineUrlPublic: Boolean(next.onlineUrlPublic), capacity: next.capacity, organiserName: next.organiserName,
    organiserEmail: next.organiserEmail, network: next.network, tags: next.tags, openToAll: next.openToAll,
    accessibility: next.accessibility, cpd: cpdInputOf(next.cpd), version: next.version, applyTo: 'this',
  };
}

/** The form's values for "List another like this": everything but the dates (and the organiser, set by the caller). */
export function copiedFields(e: StoredEvent): Record<string, string> {
  return {
    title: e.title,
    description: e.description,
    start: '',
    end: '',
    timezone: e.timezone,
    format: e.format,
    venue: e.venue ?? '',
    onlineUrl: e.onlineUrl ?? '',
    // A checkbox sent back is present only when ticked.
    ...(e.onlineUrlPublic ? { onlineUrlPublic: 'yes' } : {}),
    capacity: e.capacity === undefined ? '' : String(e.capacity),
    openToAll: e.openToAll ?? '',
    accessibility: e.accessibility ?? '',
    network: e.networkSlug ?? '',
    tags: e.tags.join(', '),
    ...cpdFormValues(e.cpd),
    repeat: 'never',
  };
}

/** Each meetup of a series as a link: its page and when. */
export const seriesDatesOf = (series: StoredEvent[]) => series.map((e) => ({ path: eventPath(e), when: formatWhen(e.startUtc, e.endUtc, e.timezone) }));
