// Reminder use case: one sweep. Sends due change and cancellation notices, then finds meetups whose reminders are
// due (an index Query over the window, never a Scan) and claims each person's reminder with its email in one
// transaction, a few at a time. Safe to run twice at once, to crash halfway and run again, or to miss a run: the
// claims make every email go out exactly once.
import type { Clock } from '#functions/core/clock.ts';
import type { Logger } from '#functions/core/log.ts';
import { hashSecret, newToken } from '#functions/core/ids.ts';
import { rsvpLinks } from '#functions/rsvps/emails.ts';
import { byWaitlistOrder } from '#functions/rsvps/rsvp.ts';
import type { FeedSecret } from '#functions/feeds/feeds.repository.ts';
import { duePlans, lookahead, recipients, startEpoch, type ReminderPlan } from './reminder.ts';
import { cancelledEmail, reminderEmail, updatedEmail, waitlistStandingEmail } from './emails.ts';
import { remindersOffLinks, remindersOffToken } from './reminders-off-token.ts';
import type { RemindersRepository } from './reminders.repository.ts';
import { outboxMessage } from '#functions/core/email.ts';
import { changesSince } from '#functions/events/change-notice.ts';

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
    for (const plan of duePlans(event, now, deps.plans)) {
      result.events++;
      const rsvps = await deps.reminders.rsvps(event.id);
      const waitlist = rsvps.filter((r) => r.status === 'waitlisted').sort(byWaitlistOrder);
      await eachLimited(recipients(plan, rsvps, startEpoch(event)), deps.concurrency ?? 8, async (rsvp) => {
        const off = remindersOffLinks(deps.siteUrl, event.id, rsvp.key, remindersOffToken(secret, event.id, rsvp.key));
        let cancelTokenHash: string | undefined;
        let email;
        if (rsvp.status === 'confirmed') {
          const token = newToken();
          cancelTokenHash = hashSecret(token);
          email = reminderEmail(event, deps.siteUrl, rsvp, plan.kind, { ...off, cancel: rsvpLinks(deps.siteUrl, event.id, rsvp.key).cancel(token) });
        } else {
          email = waitlistStandingEmail(event, deps.siteUrl, rsvp, waitlist.findIndex((r) => r.key === rsvp.key) + 1, off);
        }
        const claimed = await deps.reminders.claim({
          event, rsvp, kind: plan.kind, now, ...(cancelTokenHash ? { cancelTokenHash } : {}),
          email: outboxMessage(email, `reminder-${plan.kind}${rsvp.status === 'waitlisted' ? '-waitlist' : ''}`, now),
        });
        if (claimed) result.queued++;
        else result.skipped++;
      });
      // Every claim was made or refused: later sweeps can skip this meetup until its start moves.
      await deps.reminders.markDone(event, plan.kind);
    }
  }
  deps.logger.info('reminder sweep', { ...result, windowMinutes: lookahead(deps.plans) });
  return result;
}

/** Sends each due notice to everyone going or waitlisted, then removes it. A crash halfway resends to nobody. */
async function sendNotices(deps: ReminderDeps, now: Date): Promise<number> {
  let queued = 0;
  for (const notice of await deps.reminders.dueNotices(now)) {
    const event = await deps.reminders.event(notice.eventId);
    const changes = event ? changesSince(notice.baseline, event) : [];
    // An update overtaken by a cancellation, or edited back to how it was, tells nobody anything.
    const worthSending = event && (notice.kind === 'cancelled' ? event.status === 'cancelled' : event.status === 'published' && changes.length > 0);
    if (event && worthSending) {
      const rsvps = (await deps.reminders.rsvps(event.id)).filter((r) => (r.status === 'confirmed' || r.status === 'waitlisted') && r.lastNotice !== notice.id);
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
        if (await deps.reminders.claimNotice(notice, rsvp, outboxMessage(email, `event-${notice.kind}`, now), cancelTokenHash)) queued++;
      });
    }
    await deps.reminders.deleteNotice(notice);
  }
  return queued;
}
