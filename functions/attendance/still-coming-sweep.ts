// Attendance use case: the "Still coming?" sweep. Finds meetups with the check on starting within the longest check
// window (an index Query, never a Scan), asks each person whose time has come, one claim with its email each, a few at
// a time; then, where release is on and the deadline has passed, gives unanswered places to the waitlist one at a
// time, each only by promoting its first person. A mark on the event (what was seen, when there is work next) lets
// later sweeps skip the meetup until an ask or the deadline is due, it is edited or moved, or someone new joins.
// Safe to run twice at once, to crash halfway and run again, or to miss a run.
import { CHECK_HOURS_RANGE, MIN_ASK_LEAD_HOURS, askAt, deadlineFor, releaseDeadlineOf, stillComingOn } from '#functions/core/attendance.ts';
import type { Clock } from '#functions/core/clock.ts';
import { outboxMessage } from '#functions/core/email.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import { hashSecret, newToken } from '#functions/core/ids.ts';
import type { Logger } from '#functions/core/log.ts';
import type { StoredNetwork } from '#functions/core/network.ts';
import type { StoredRsvp } from '#functions/core/rsvp.ts';
import { toAttendees, giveUpPlace } from '#functions/rsvps/use-cases.ts';
import type { SuppressionsRepository } from '#functions/suppression/suppressions.repository.ts';
import { releasedEmail, stillComingEmail, stillComingLinks } from './still-coming-emails.ts';
import { seenKey, type StillComingFields, type StillComingRepository } from './still-coming.repository.ts';

const HOUR = 3_600_000;

/** What giving a place up needs (the RSVP room's giveUpPlace): the promotion's email and feed links. */
type PlacesDeps = Parameters<typeof giveUpPlace>[0];

export interface StillComingSweepDeps extends PlacesDeps {
  stillComing: StillComingRepository;
  suppressions: Pick<SuppressionsRepository, 'find'>;
  clock: Clock;
  logger: Logger;
  siteUrl: string;
  /** Claims in flight at once; the mailer paces the sending itself. */
  concurrency?: number;
}

export interface StillComingSweepResult {
  /** Meetups looked at (not skipped by their mark). */
  events: number;
  asked: number;
  /** Claims refused: someone else's sweep asked first, or the place or the meetup changed meanwhile. */
  skipped: number;
  released: number;
}

async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  }));
}

/** Whether the sweep must look at the meetup: never marked, changed since (edit, move, joiner), or its next work due. */
export const needsLook = (event: StoredEvent & StillComingFields, now: Date) => {
  const mark = event.stillComingMark;
  return !mark || mark.seen !== seenKey(event) || (mark.next !== undefined && Date.parse(mark.next) <= now.getTime());
};

export async function sweepStillComing(deps: StillComingSweepDeps): Promise<StillComingSweepResult> {
  const now = deps.clock.now();
  const until = new Date(now.getTime() + CHECK_HOURS_RANGE.max * HOUR);
  const events = await deps.stillComing.startingBetween(now.toISOString(), until.toISOString());
  const result: StillComingSweepResult = { events: 0, asked: 0, skipped: 0, released: 0 };
  // A network's "every meetup" setting: one read per network per sweep, and only for meetups that need it.
  const networks = new Map<string, Promise<StoredNetwork | undefined>>();
  const everyMeetup = async (event: StoredEvent) => {
    const slug = event.networkSlug;
    if (!slug || !deps.networks || event.attendance?.check !== undefined || event.capacity !== undefined) return false;
    if (!networks.has(slug)) networks.set(slug, deps.networks.get(slug));
    return Boolean((await networks.get(slug))?.stillComingEveryMeetup);
  };
  for (const event of events) {
    if (event.status !== 'published' || Date.parse(event.startUtc) <= now.getTime() || !needsLook(event, now)) continue;
    // Off: not marked, so turning it on (for the meetup or its network) is seen at the next sweep.
    if (!stillComingOn(event, await everyMeetup(event))) continue;
    result.events++;
    const next = await lookAt(deps, event, now, result);
    await deps.stillComing.mark(event, next);
  }
  deps.logger.info('still coming sweep', { ...result });
  return result;
}

/** Asks whoever is due, releases what the deadline allows, and says when the meetup next has work (undefined: never). */
async function lookAt(deps: StillComingSweepDeps, event: StoredEvent, now: Date, result: StillComingSweepResult): Promise<Date | undefined> {
  const start = Date.parse(event.startUtc);
  const rsvps = await deps.stillComing.rsvps(event.id);
  const due: StoredRsvp[] = [];
  const later: number[] = [];
  for (const rsvp of rsvps) {
    if (rsvp.status !== 'confirmed' || rsvp.stillComingAskedAt || rsvp.remindersOff) continue;
    const at = askAt(event, rsvp)?.getTime();
    if (at === undefined) continue;
    if (at > now.getTime()) later.push(at);
    // A run missed until too close to the start asks nobody: there would be no time to give the place to anyone.
    else if (start - now.getTime() >= MIN_ASK_LEAD_HOURS * HOUR) due.push(rsvp);
  }
  const suppressed = due.length ? await deps.suppressions.find(due.map((r) => r.email)) : new Map();
  const reply = await toAttendees(deps, event);
  await eachLimited(due.filter((r) => !suppressed.has(r.email)), deps.concurrency ?? 8, async (rsvp) => {
    // The clock as each claim is made: the deadline is given only with enough time left to answer.
    const at = deps.clock.now();
    const token = newToken();
    const deadline = deadlineFor(event, at);
    const email = stillComingEmail(event, deps.siteUrl, rsvp, stillComingLinks(deps.siteUrl, event.id, rsvp.key, token), deadline);
    const claimed = await deps.stillComing.claim({ event, rsvp, now: at, tokenHash: hashSecret(token), releaseDeadline: deadline, email: outboxMessage(reply(email), 'still-coming', at) });
    if (claimed) result.asked++;
    else result.skipped++;
  });

  const deadline = releaseDeadlineOf(event)?.getTime();
  if (deadline !== undefined && deadline <= now.getTime()) result.released += await releaseUnanswered(deps, event, rsvps, now);
  const next = Math.min(...later, ...(deadline !== undefined && deadline > now.getTime() ? [deadline] : []));
  return Number.isFinite(next) ? new Date(next) : undefined;
}

/**
 * Gives the places of people who were given a deadline, let it pass unanswered and are not checked in to the waitlist,
 * the earliest asked first, each only by promoting the first in line in the same transaction. Stops when nobody is
 * waiting; someone who joins the line later moves joinCount, so a later sweep looks again.
 */
async function releaseUnanswered(deps: StillComingSweepDeps, event: StoredEvent, rsvps: StoredRsvp[], now: Date): Promise<number> {
  if (!event.waitlistCount) return 0;
  const unanswered = rsvps
    .filter((r) => r.status === 'confirmed' && r.releaseDeadline && Date.parse(r.releaseDeadline) <= now.getTime() && !r.stillComing && !r.checkedInAt)
    .sort((a, b) => (a.stillComingAskedAt ?? '').localeCompare(b.stillComingAskedAt ?? '') || a.key.localeCompare(b.key));
  let released = 0;
  for (const rsvp of unanswered) {
    const token = newToken();
    const back = stillComingLinks(deps.siteUrl, event.id, rsvp.key, token).back;
    const outcome = await giveUpPlace(deps, event.id, rsvp.key, {
      // The released email's take-back link has a token of its own; the question's links open the take-back page too.
      record: { releasedAt: now.toISOString(), releasedHash: hashSecret(token) },
      release: { emails: (reply, at) => ({ rsvp: them }) => [outboxMessage(reply(releasedEmail(event, deps.siteUrl, them, back)), 'still-coming-released', at)] },
    });
    if (!outcome.already) {
      released++;
      continue;
    }
    // Not released: they answered or were checked in meanwhile (go on), or nobody is waiting any more (stop).
    const current = await deps.rsvps.get(event.id, rsvp.key);
    if (current?.status === 'confirmed' && !current.stillComing && !current.checkedInAt) break;
  }
  return released;
}
