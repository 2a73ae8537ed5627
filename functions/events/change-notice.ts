// Events domain: telling people when a meetup changes or is cancelled. A change to the time, place or joining
// link opens a notice due a few minutes later; further edits in that time join it, so a burst of edits sends one
// email, listing what differs from before the burst. A cancellation is due at once. No AWS or HTTP imports.
import { newId } from '#functions/core/ids.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import { NOTICE_FIELDS, type NoticeSnapshot, type NoticeWrite } from '#functions/core/notice.ts';
import type { OpenNotice } from '#functions/core/event.ts';
import { formatWhen } from '#functions/core/time.ts';
import type { RsvpStatus } from '#functions/core/rsvp.ts';
import { whereOf } from './calendar-links.ts';

export const COALESCE_MINUTES = 5;

export const snapshot = (e: StoredEvent): NoticeSnapshot =>
  Object.fromEntries(NOTICE_FIELDS.flatMap((f) => (e[f] === undefined ? [] : [[f, e[f]]]))) as NoticeSnapshot;

export const significantChange = (a: NoticeSnapshot, b: NoticeSnapshot) => NOTICE_FIELDS.some((f) => a[f] !== b[f]);

/** What a save must also write so people hear about it. `next` carries the open notice, if any. */
export function planNotice(previous: StoredEvent, next: StoredEvent, now: Date): { next: StoredEvent; notice?: NoticeWrite } {
  if (previous.status !== 'published') return { next };
  const { openNotice: open, ...rest } = next as StoredEvent & { openNotice?: OpenNotice };
  if (next.status === 'cancelled') {
    return { next: rest, notice: { id: newId(12), kind: 'cancelled', dueAt: now.toISOString(), baseline: snapshot(previous), create: true } };
  }
  if (!significantChange(snapshot(previous), snapshot(next))) return { next };
  if (open && open.dueAt > now.toISOString()) {
    return { next, notice: { id: open.id, kind: 'updated', dueAt: open.dueAt, baseline: snapshot(previous), create: false } };
  }
  const notice: NoticeWrite = {
    id: newId(12), kind: 'updated', dueAt: new Date(now.getTime() + COALESCE_MINUTES * 60_000).toISOString(), baseline: snapshot(previous), create: true,
  };
  return { next: { ...rest, openNotice: { id: notice.id, dueAt: notice.dueAt } } as StoredEvent, notice };
}

export interface Change {
  what: 'When' | 'Where' | 'Joining link';
  before: string;
  after: string;
}

/** What differs between the meetup as people last heard of it and as it is now, in words. */
export function changesSince(baseline: NoticeSnapshot, current: StoredEvent): Change[] {
  const changes: Change[] = [];
  const when = (s: NoticeSnapshot) => formatWhen(s.startUtc, s.endUtc, s.timezone);
  if (when(baseline) !== when(current)) changes.push({ what: 'When', before: when(baseline), after: when(current) });
  const where = (s: NoticeSnapshot) => whereOf(s) ?? '';
  if (where(baseline) !== where(current)) changes.push({ what: 'Where', before: where(baseline) || 'not given', after: where(current) || 'not given' });
  if ((baseline.onlineUrl ?? '') !== (current.onlineUrl ?? '')) {
    changes.push({ what: 'Joining link', before: baseline.onlineUrl ?? 'none', after: current.onlineUrl ?? 'none' });
  }
  return changes;
}

/** What a person hears of the changes: news of the joining link only with a confirmed place. */
export const changesFor = (changes: Change[], status: RsvpStatus): Change[] =>
  status === 'confirmed' ? changes : changes.filter((c) => c.what !== 'Joining link');

/**
 * Whether a notice goes to someone: a cancellation to everyone with a place or waiting for one; an update to those it
 * has news for (a changed link alone is news only to people with a place).
 */
export function noticeReaches(kind: 'updated' | 'cancelled', changes: Change[], status: RsvpStatus): boolean {
  if (status !== 'confirmed' && status !== 'waitlisted') return false;
  return kind === 'cancelled' || changesFor(changes, status).length > 0;
}
