import type { StoredEvent } from '#functions/core/event.ts';
import type { StoredRsvp } from '#functions/core/rsvp.ts';
// Reminders domain: which reminders an event gets and when they are due, who gets which (late joiners included),
// and when a claimed reminder still counts after the start moved. No AWS or HTTP imports.

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
/** On the event beside reminded_<kind>: its joinCount when that sweep read its RSVPs, so later joiners are seen. */
export const remindedJoinsAttribute = (kind: ReminderKind) => `remindedJoins_${kind}` as const;
export type RemindedFields = Partial<Record<ReturnType<typeof remindedAttribute> | ReturnType<typeof remindedJoinsAttribute>, number>>;

export const startEpoch = (e: Pick<StoredEvent, 'startUtc'>) => Math.floor(Date.parse(e.startUtc) / 1000);

/** Whether a reminder recorded for `recorded` (epoch seconds) covers a meetup now starting at `start`. */
export const coveredBy = (recorded: number | undefined, start: number) =>
  recorded !== undefined && Math.abs(recorded - start) <= RESCHEDULE_MINUTES * 60;

/** When a plan's reminder is due for an event: start − offset (epoch ms). */
const dueAt = (plan: ReminderPlan, event: Pick<StoredEvent, 'startUtc'>) => Date.parse(event.startUtc) - plan.minutesBefore * 60_000;

/**
 * The plans due for an event at `now` by the clock: due once `now` reaches start − offset, and
 * never once it has started. A run that was missed is caught up by the next, as long as the meetup hasn't started.
 */
export function dueByTime(event: StoredEvent, now: Date, plans: ReminderPlan[]): ReminderPlan[] {
  const start = Date.parse(event.startUtc);
  if (event.status !== 'published' || event.remindersOff || start <= now.getTime()) return [];
  return plans.filter((p) => (!p.onlineOnly || event.onlineUrl !== undefined) && dueAt(p, event) <= now.getTime());
}

/**
 * Whether a sweep has finished a plan for the event's current start, with nobody having joined since: then its RSVPs
 * need no second look. Anyone who confirms (or is promoted, or joins the waitlist) later moves joinCount, so the next
 * sweep looks again and they get their reminder, late but before the start.
 */
export const planDone = (event: StoredEvent & RemindedFields, plan: ReminderPlan) =>
  coveredBy(event[remindedAttribute(plan.kind)], startEpoch(event)) && (event.joinCount ?? 0) === (event[remindedJoinsAttribute(plan.kind)] ?? 0);

/** The plans a sweep must look at for an event at `now`: due, and not done (see planDone). */
export function duePlans(event: StoredEvent & RemindedFields, now: Date, plans: ReminderPlan[]): ReminderPlan[] {
  return dueByTime(event, now, plans).filter((p) => !planDone(event, p));
}

/**
 * Whether a plan writes to this person at all: confirmed people get the reminder; for the day-before one, waitlisted
 * people hear where they stand, unless they joined the line after it was due (their waitlist email just told them).
 */
function writesTo(plan: ReminderPlan, r: StoredRsvp, start: number): boolean {
  if (r.remindersOff) return false;
  if (r.status === 'confirmed') return true;
  const joinedLate = r.waitlistedAt !== undefined && Date.parse(r.waitlistedAt) >= start * 1000 - plan.minutesBefore * 60_000;
  return plan.kind === 'day' && r.status === 'waitlisted' && !joinedLate;
}

/** Who a plan writes to and has not yet written to for this start. */
export function recipients(plan: ReminderPlan, rsvps: (StoredRsvp & RemindedFields)[], start: number): (StoredRsvp & RemindedFields)[] {
  return rsvps.filter((r) => writesTo(plan, r, start) && !coveredBy(r[remindedAttribute(plan.kind)], start));
}

/**
 * The one reminder a person gets from a sweep: the most imminent plan due for them (someone who confirms an hour
 * before an online meetup gets "starting soon", not the day-before one as well), unless they had it already. It
 * stands for the longer ones too (`covers`), so those never follow it. Undefined: nothing for them now.
 */
export function reminderFor(rsvp: StoredRsvp & RemindedFields, due: ReminderPlan[], start: number): { plan: ReminderPlan; covers: ReminderKind[] } | undefined {
  const theirs = due.filter((p) => writesTo(p, rsvp, start)).sort((a, b) => a.minutesBefore - b.minutesBefore);
  const plan = theirs[0];
  if (!plan || coveredBy(rsvp[remindedAttribute(plan.kind)], start)) return undefined;
  return { plan, covers: theirs.map((p) => p.kind) };
}

/** The longest offset: how far ahead a sweep looks for meetups. */
export const lookahead = (plans: ReminderPlan[]) => Math.max(0, ...plans.map((p) => p.minutesBefore));

// ---- When, in a reminder's subject ----

/** The calendar day of an instant in a zone, as a day number (so days can be subtracted). */
function dayNumber(instant: Date, timeZone: string): number {
  const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(instant)
    .split('-')
    .map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/**
 * When a meetup starts, as a reminder's subject says it at `now`, in the meetup's own zone: "Starting in 1 hour",
 * "Starting in 20 minutes", "Today, 18:00", "Tomorrow, 12:30", or "Saturday 6 March, 19:00". Without `now`, the date.
 */
export function startsWhen(event: Pick<StoredEvent, 'startUtc' | 'timezone'>, now?: Date): string {
  const start = new Date(event.startUtc);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: event.timezone, hour: '2-digit', minute: '2-digit' }).format(start);
  if (now) {
    const minutes = (start.getTime() - now.getTime()) / 60_000;
    if (minutes < 2.5) return 'Starting now';
    if (minutes < 50) return `Starting in ${Math.max(5, Math.round(minutes / 5) * 5)} minutes`;
    if (minutes < 90) return 'Starting in 1 hour';
    const days = dayNumber(start, event.timezone) - dayNumber(now, event.timezone);
    if (days === 0) return `Today, ${time}`;
    if (days === 1) return `Tomorrow, ${time}`;
  }
  const day = new Intl.DateTimeFormat('en-GB', { timeZone: event.timezone, weekday: 'long', day: 'numeric', month: 'long' }).format(start);
  return `${day.replace(',', '')}, ${time}`;
}

/** "Tomorrow, 12:30: <title>", "Starting in 1 hour: <title>". */
export const reminderSubject = (event: Pick<StoredEvent, 'startUtc' | 'timezone' | 'title'>, now?: Date) => `${startsWhen(event, now)}: ${event.title}`;
