// Reminder use case: one sweep. Sends due change and cancellation notices, then finds meetups whose reminders are
// due (an index Query over the window, never a Scan) and claims each person's reminder with its email in one
// transaction, a few at a time; people who confirm after a meetup's reminders went out get theirs at the next sweep.
// Safe to run twice at once, to crash halfway and run again, or to miss a run: the claims make every email go out
// exactly once.
import type { Clock } from '#functions/core/clock.ts';
import type { Logger } from '#functions/core/log.ts';
import { hashSecret, newToken } from '#functions/core/ids.ts';
import { rsvpLinks } from '#functions/rsvps/emails.ts';
import { byWaitlistOrder } from '#functions/rsvps/rsvp.ts';
import type { FeedSecret } from '#functions/feeds/feeds.repository.ts';
import { dueByTime, duePlans, lookahead, reminderFor, startEpoch, type ReminderPlan } from './reminder.ts';
import { cancelledEmail, reminderEmail, updatedEmail, waitlistStandingEmail } from './emails.ts';
import { remindersOffLinks, remindersOffToken } from './reminders-off-token.ts';
import type { RemindersRepository } from './reminders.repository.ts';
import { outboxMessage } from '#functions/core/email.ts';
import { changesSince, noticeReaches } from '#functions/events/change-notice.ts';
import type { OutgoingEmail } from '#functions/core/email.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import { replyToFor } from '#functions/networks/reply-to.ts';
import type { NetworksRepository } from '#functions/networks/networks.repository.ts';

export interface ReminderDeps {
  reminders: RemindersRepository;
  clock: Clock;
  logger: Logger;
  siteUrl: string;
  plans: ReminderPlan[];
  /** The key unsubscribe links are made with (the same secret as personal feed links, another purpose). */
  secret: FeedSecret;
  /** Claims in flight at once; the mailer paces the sending itself. */
  concurrency?: number;
  /** A network's meetup sends its attendee emails with Reply-To the network's contact address; without it, the organiser's. */
  networks?: Pick<NetworksRepository, 'get'>;
}

/** Dresses this meetup's attendee emails with the Reply-To its network asks for (one read per meetup per sweep). */
async function replyToDresser(deps: ReminderDeps, event: StoredEvent): Promise<<T extends OutgoingEmail>(email: T) => T> {
  const replyTo = deps.networks ? await replyToFor({ networks: deps.networks }, event) : undefined;
  return (email) => (replyTo ? { ...email, replyTo } : email);
}

export interface SweepResult {
  events: number;
  queued: number;
  skipped: number;
  /** Change and cancellation emails queued. */
  notices: number;
}

async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  }));
}

export async function sweepReminders(deps: ReminderDeps): Promise<SweepResult> {
  const now = deps.clock.now();
  const until = new Date(now.getTime() + lookahead(deps.plans) * 60_000);
  const events = await deps.reminders.startingBetween(now.toISOString(), until.toISOString());
  const secret = await deps.secret();
  const result: SweepResult = { events: 0, queued: 0, skipped: 0, notices: 0 };
  // Changes and cancellations first, so people hear of them before any reminder for the new details.
  result.notices = await sendNotices(deps, now);

  for (const event of events) {
    // A plan is looked at again while it is due and someone joined since the last look (reminder.ts planDone).
    const toLook = duePlans(event, now, deps.plans);
    if (!toLook.length) continue;
    result.events += toLook.length;
    const due = dueByTime(event, now, deps.plans);
    const start = startEpoch(event);
    const rsvps = await deps.reminders.rsvps(event.id);
    const waitlist = rsvps.filter((r) => r.status === 'waitlisted').sort(byWaitlistOrder);
    const dress = await replyToDresser(deps, event);
    const owed = rsvps.flatMap((rsvp) => {
      const reminder = reminderFor(rsvp, due, start);
      return reminder ? [{ rsvp, ...reminder }] : [];
    });
    await eachLimited(owed, deps.concurrency ?? 8, async ({ rsvp, plan, covers }) => {
      // The clock as each claim is made: a long sweep never claims a reminder once the meetup has started.
      const at = deps.clock.now();
      const off = remindersOffLinks(deps.siteUrl, event.id, rsvp.key, remindersOffToken(secret, event.id, rsvp.key));
      let cancelTokenHash: string | undefined;
      let email;
      if (rsvp.status === 'confirmed') {
        const token = newToken();
        cancelTokenHash = hashSecret(token);
        email = reminderEmail(event, deps.siteUrl, rsvp, plan.kind, { ...off, cancel: rsvpLinks(deps.siteUrl, event.id, rsvp.key).cancel(token) }, at);
      } else {
        email = waitlistStandingEmail(event, deps.siteUrl, rsvp, waitlist.findIndex((r) => r.key === rsvp.key) + 1, off);
      }
      const claimed = await deps.reminders.claim({
        event, rsvp, kind: plan.kind, covers, now: at, ...(cancelTokenHash ? { cancelTokenHash } : {}),
        email: outboxMessage(dress(email), `reminder-${plan.kind}${rsvp.status === 'waitlisted' ? '-waitlist' : ''}`, at),
      });
      if (claimed) result.queued++;
      else result.skipped++;
    });
    // Every claim was made or refused: later sweeps skip this meetup until its start moves or someone joins.
    await deps.reminders.markDone(event, due.map((p) => p.kind));
  }
  deps.logger.info('reminder sweep', { ...result, windowMinutes: lookahead(deps.plans) });
  return result;
}

/** Sends each due notice to everyone going or waitlisted that it has news for, then removes it. A crash halfway resends to nobody. */
async function sendNotices(deps: ReminderDeps, now: Date): Promise<number> {
  let queued = 0;
  for (const notice of await deps.reminders.dueNotices(now)) {
    const event = await deps.reminders.event(notice.eventId);
    const changes = event ? changesSince(notice.baseline, event) : [];
    // An update overtaken by a cancellation, or edited back to how it was, tells nobody anything.
    const worthSending = event && (notice.kind === 'cancelled' ? event.status === 'cancelled' : event.status === 'published' && changes.length > 0);
    if (event && worthSending) {
      // Only those it has news for: a changed joining link alone reaches people with a place, never the waitlist.
      const rsvps = (await deps.reminders.rsvps(event.id)).filter((r) => noticeReaches(notice.kind, changes, r.status) && r.lastNotice !== notice.id);
      const dress = await replyToDresser(deps, event);
      await eachLimited(rsvps, deps.concurrency ?? 8, async (rsvp) => {
        let email;
        let cancelTokenHash: string | undefined;
        if (notice.kind === 'cancelled') {
          email = cancelledEmail(event, deps.siteUrl, rsvp);
        } else {
          const token = newToken();
          cancelTokenHash = hashSecret(token);
          email = updatedEmail(event, deps.siteUrl, rsvp, changes, rsvpLinks(deps.siteUrl, event.id, rsvp.key).cancel(token));
        }
        if (await deps.reminders.claimNotice(notice, rsvp, outboxMessage(dress(email), `event-${notice.kind}`, now), cancelTokenHash)) queued++;
      });
    }
    await deps.reminders.deleteNotice(notice);
  }
  return queued;
}
