// CPD use cases: the personal CPD log, for the signed-in person only (every call is given their viewer, from their
// session): records of attendance and activities from elsewhere, newest first; hours per CPD year; the PKSB areas
// covered; reflections; the CSV; deleting it all. Nothing here reads another person's log: the repository is asked
// with the viewer's own id, so someone else's record is simply not found.
import type { RecordsDeps } from './records.ts';
import { AppError, validationError, type FieldIssue } from '#functions/core/errors.ts';
import {
  DEFAULT_CPD_SETTINGS, localDate, orderedAreas, PKSB_AREAS, quartersOf, recordProvider, totalsByYear,
  type CpdActivity, type CpdLog, type CpdRecord, type CpdSettings, type PksbArea, type YearTotal,
} from '#functions/core/cpd.ts';
import type { Clock } from '#functions/core/clock.ts';
import { newId } from '#functions/core/ids.ts';
import type { Viewer } from '#functions/core/viewer.ts';
import type { ViewerDeps } from '#functions/auth/viewer.ts';
import { cpdCsvName, cpdLogCsv } from './csv.ts';
import type { CpdLogRepository } from './log.repository.ts';
import { CPD_LOG_MESSAGES, isRealDate, type ActivityInput, type Period } from './log.schema.ts';

export interface CpdLogDeps extends ViewerDeps, Omit<RecordsDeps, 'cpdLog'> {
  cpdLog: CpdLogRepository;
  clock: Clock;
}

/** One line of the log: a record of attendance or an activity from elsewhere, as the page and the CSV show it. */
export type LogItem =
  | { kind: 'record'; id: string; date: string; title: string; provider: string; quarters: number; areas: PksbArea[]; reflection?: string | undefined; record: CpdRecord }
  | { kind: 'activity'; id: string; date: string; title: string; provider?: string | undefined; quarters: number; areas: PksbArea[]; reflection?: string | undefined; activity: CpdActivity };

export interface LogView {
  items: LogItem[];
  settings: CpdSettings;
  totals: YearTotal[];
  /** Each PKSB area covered, in the PKSB's order, with how many activities cover it. */
  areas: { id: PksbArea; count: number }[];
}

const itemOfRecord = (r: CpdRecord): LogItem => ({ kind: 'record', id: r.id, date: r.date, title: r.title, provider: recordProvider(r), quarters: r.quarters, areas: r.areas, reflection: r.reflection, record: r });
const itemOfActivity = (a: CpdActivity): LogItem => ({ kind: 'activity', id: a.id, date: a.date, title: a.title, provider: a.provider, quarters: a.quarters, areas: a.areas, reflection: a.reflection, activity: a });

/** Newest first; on the same day, records by start time, then activities as added (newest first). */
export function logItems(log: CpdLog): LogItem[] {
  const stamp = (i: LogItem) => (i.kind === 'record' ? i.record.startUtc : i.activity.createdAt);
  return [...log.records.map(itemOfRecord), ...log.activities.map(itemOfActivity)].sort((a, b) => b.date.localeCompare(a.date) || stamp(b).localeCompare(stamp(a)));
}

export function areasCovered(items: readonly { areas: readonly PksbArea[] }[]): LogView['areas'] {
  const counts = new Map<PksbArea, number>();
  for (const i of items) for (const a of new Set(i.areas)) counts.set(a, (counts.get(a) ?? 0) + 1);
  return PKSB_AREAS.flatMap((a) => (counts.has(a.id) ? [{ id: a.id, count: counts.get(a.id)! }] : []));
}

const viewOf = (log: CpdLog): LogView => {
  const items = logItems(log);
  const settings = log.settings ?? DEFAULT_CPD_SETTINGS;
  return { items, settings, totals: totalsByYear(items, settings.yearKind), areas: areasCovered(items) };
};

export const logView = async (deps: { cpdLog: Pick<CpdLogRepository, 'log'> }, viewer: Viewer): Promise<LogView> => viewOf(await deps.cpdLog.log(viewer.personId));

/** The log as the JSON API sends it: the person's own, without the sharing nonce (the verification link's secret part). */
export async function logForApi(deps: CpdLogDeps, viewer: Viewer) {
  const log = await deps.cpdLog.log(viewer.personId);
  const view = viewOf(log);
  return {
    records: log.records.map(({ shareNonce: _nonce, personId: _person, ...r }) => r),
    activities: log.activities.map(({ personId: _person, ...a }) => a),
    settings: view.settings,
    totals: view.totals,
    areas: view.areas,
  };
}

const notInLog = (what: 'record' | 'activity') => new AppError('not_found', 'not_found', `That ${what} is not in your CPD log.`);

/**
 * Today or earlier, wherever the person is: the date may be today somewhere on Earth (UTC+14), so someone in Auckland
 * can log this morning's webinar while it is still yesterday in London.
 */
export const latestToday = (deps: Pick<CpdLogDeps, 'clock'>) => localDate(deps.clock.now(), 'Pacific/Kiritimati');

/**
 * "Today or earlier" for a date as sent (anything: only a real date can be in the future). It needs the clock, so the
 * schema cannot say it; the routes ask it alongside the schema, so one submission's problems all come back together.
 */
export function futureDateIssues(deps: Pick<CpdLogDeps, 'clock'>, date: unknown): FieldIssue[] {
  const d = typeof date === 'string' ? date.trim() : '';
  return isRealDate(d) && d > latestToday(deps) ? [{ field: 'date', message: CPD_LOG_MESSAGES.future }] : [];
}

function checkNotFuture(deps: CpdLogDeps, date: string) {
  const issues = futureDateIssues(deps, date);
  if (issues.length) throw validationError(issues);
}

function activityOf(personId: string, input: ActivityInput, id: string, createdAt: string, now: string): CpdActivity {
  return {
    id, personId, date: input.date, title: input.title, ...(input.provider ? { provider: input.provider } : {}),
    quarters: quartersOf(input.hours)!, areas: orderedAreas(input.areas), ...(input.reflection ? { reflection: input.reflection } : {}),
    createdAt, updatedAt: now,
  };
}

export async function addActivity(deps: CpdLogDeps, viewer: Viewer, input: ActivityInput): Promise<CpdActivity> {
  checkNotFuture(deps, input.date);
  const now = deps.clock.now().toISOString();
  const activity = activityOf(viewer.personId, input, newId(16), now, now);
  await deps.cpdLog.putActivity(activity);
  return activity;
}

export async function findActivity(deps: CpdLogDeps, viewer: Viewer, id: string): Promise<CpdActivity> {
  const found = (await deps.cpdLog.log(viewer.personId)).activities.find((a) => a.id === id);
  if (!found) throw notInLog('activity');
  return found;
}

export async function findRecord(deps: CpdLogDeps, viewer: Viewer, id: string): Promise<CpdRecord> {
  const found = (await deps.cpdLog.log(viewer.personId)).records.find((r) => r.id === id);
  if (!found) throw notInLog('record');
  return found;
}

/** The fields an edit changes, from the activity as it was read: only these are written (undefined removes one). */
const EDITABLE = ['date', 'title', 'provider', 'quarters', 'areas', 'reflection'] as const;
function changedFields(before: CpdActivity, after: CpdActivity): Partial<CpdActivity> {
  const changed = EDITABLE.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  return Object.fromEntries(changed.map((k) => [k, after[k]]));
}

/**
 * Writes only what the edit changes, so a reflection saved meanwhile (from another tab) stays, and only while the
 * activity is there: an edit racing its deletion, or "Delete my CPD log", brings nothing back (404).
 */
export async function editActivity(deps: CpdLogDeps, viewer: Viewer, id: string, input: ActivityInput): Promise<CpdActivity> {
  const before = await findActivity(deps, viewer, id);
  checkNotFuture(deps, input.date);
  const after = activityOf(viewer.personId, input, id, before.createdAt, deps.clock.now().toISOString());
  const saved = await deps.cpdLog.updateActivity(viewer.personId, id, { ...changedFields(before, after), updatedAt: after.updatedAt });
  if (!saved) throw notInLog('activity');
  return saved;
}

export async function deleteActivity(deps: CpdLogDeps, viewer: Viewer, id: string): Promise<void> {
  if (!(await deps.cpdLog.deleteActivity(viewer.personId, id))) throw notInLog('activity');
}

/** A record's or an activity's reflection: blank removes it. Only the reflection is written, and only while it is there. */
export async function saveReflection(deps: CpdLogDeps, viewer: Viewer, kind: 'record' | 'activity', id: string, reflection: string | undefined): Promise<void> {
  const now = deps.clock.now().toISOString();
  if (kind === 'record') {
    const saved = await deps.cpdLog.updateRecord(viewer.personId, id, { reflection, reflectionUpdatedAt: reflection === undefined ? undefined : now });
    if (!saved) throw notInLog('record');
    return;
  }
  if (!(await deps.cpdLog.updateActivity(viewer.personId, id, { reflection, updatedAt: now }))) throw notInLog('activity');
}

export const saveSettings = (deps: CpdLogDeps, viewer: Viewer, settings: CpdSettings) => deps.cpdLog.saveSettings(viewer.personId, settings);

/** Every record (and its verification link), reflection, activity and setting: how many items went. */
export const deleteLog = (deps: CpdLogDeps, viewer: Viewer) => deps.cpdLog.deleteAll(viewer.personId);

const inPeriod = (period: Period) => (i: { date: string }) => (!period.from || i.date >= period.from) && (!period.to || i.date <= period.to);

/** The log, or the part of it in the period, as CSV (newest first, as the page lists it). */
export async function logCsv(deps: CpdLogDeps, viewer: Viewer, period: Period): Promise<{ csv: string; filename: string }> {
  const items = logItems(await deps.cpdLog.log(viewer.personId)).filter(inPeriod(period));
  const csv = cpdLogCsv(items.map((i) => ({ date: i.date, title: i.title, provider: i.provider ?? '', quarters: i.quarters, areas: i.areas, reflection: i.reflection, type: i.kind })));
  return { csv, filename: cpdCsvName(period) };
}
