import type { StoredEvent } from '#functions/core/event.ts';
import type { StoredRsvp } from '#functions/core/rsvp.ts';
// Reminders domain: which reminders an event gets and when they are due, and when a claimed reminder still counts
// after the start moved. No AWS or HTTP imports.

export type ReminderKind = 'day' | 'soon';

export interface ReminderPlan {
  kind: ReminderKind;
  minutesBefore: number;
  /** The short "starting soon" reminder is for meetups with a joining link. */
  onlineOnly: boolean;
}

/** A start moved by more than this gets a fresh reminder even if one went out for the old time. */
export const RESCHEDULE_MINUTES = 60;

/** The deployment's reminders; an offset of 0 switches that kind off. */
export function reminderPlans(config: { dayMinutes: number; soonMinutes: number }): ReminderPlan[] {
  return [
    ...(config.dayMinutes > 0 ? [{ kind: 'day' as const, minutesBefore: config.dayMinutes, onlineOnly: false }] : []),
    ...(config.soonMinutes > 0 ? [{ kind: 'soon' as const, minutesBefore: config.soonMinutes, onlineOnly: true }] : []),
  ];
}

/** The attribute on an RSVP (and on the event, once all are claimed) recording the start a reminder was sent for. */
export const remindedAttribute = (kind: ReminderKind) => `reminded_${kind}` as const;
export type RemindedFields = Partial<Record<ReturnType<typeof remindedAttribute>, number>>;

export const startEpoch = (e: Pick<StoredEvent, 'startUtc'>) => Math.floor(Date.parse(e.startUtc) / 1000);

/** Whether a reminder recorded for `recorded` (epoch seconds) covers a meetup now starting at `start`. */
export const coveredBy = (recorded: number | undefined, start: number) =>
  recorded !== undefined && Math.abs(recorded - start) <= RESCHEDULE_MINUTES * 60;

/**
 * The plans due for an event at `now`: due once `now` reaches start − offset, and never once it has started. A run
 * that was missed is caught up by the next, as long as the meetup hasn't started.
 */
export function duePlans(event: StoredEvent & RemindedFields, now: Date, plans: ReminderPlan[]): ReminderPlan[] {
  const start = Date.parse(event.startUtc);
  if (event.status !== 'published' || event.remindersOff || start <= now.getTime()) return [];
  return plans.filter(
    (p) =>
      (!p.onlineOnly || event.onlineUrl !== undefined) &&
      start - p.minutesBefore * 60_000 <= now.getTime() &&
      !coveredBy(event[remindedAttribute(p.kind)], startEpoch(event)),
  );
}

/** Who a plan writes to: confirmed people get the reminder; for the day-before one, waitlisted people hear where they stand. */
export function recipients(plan: ReminderPlan, rsvps: (StoredRsvp & RemindedFields)[], start: number): (StoredRsvp & RemindedFields)[] {
  return rsvps.filter(
    (r) =>
      (r.status === 'confirmed' || (plan.kind === 'day' && r.status === 'waitlisted')) &&
      !r.remindersOff &&
      !coveredBy(r[remindedAttribute(plan.kind)], start),
  );
}

/** The longest offset: how far ahead a sweep looks for meetups. */
export const lookahead = (plans: ReminderPlan[]) => Math.max(0, ...plans.map((p) => p.minutesBefore));
