// CPD use case: the sweep that issues records of attendance. Meetups whose check-in window closed in the last few days
// (from the listing index, never a Scan) give each checked-in person with an address and no record yet their record
// and its email, in one transaction each (CpdLogRepository.issue), so a record is issued exactly once: two sweeps at
// once, or one run again after a crash, find the RSVP marked and skip it. Cancelled meetups issue none. One RSVP whose
// issuing throws is counted and logged, and the meetup's others are still issued before the sweep answers.
import type { Clock } from '#functions/core/clock.ts';
import { outboxMessage } from '#functions/core/email.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import type { Logger } from '#functions/core/log.ts';
import { networkSlugOf } from '#functions/core/network.ts';
import type { StoredRsvp } from '#functions/core/rsvp.ts';
import type { EventsRepository } from '#functions/events/events.repository.ts';
import { closedWithin, SWEEP_READ } from '#functions/attendance/summary-sweep.ts';
import type { FeedSecret } from '#functions/feeds/feeds.repository.ts';
import type { NetworksRepository } from '#functions/networks/networks.repository.ts';
import { replyToFor } from '#functions/networks/reply-to.ts';
import type { RsvpsRepository } from '#functions/rsvps/rsvps.repository.ts';
import { recordEmail } from './emails.ts';
import type { CpdLogRepository } from './log.repository.ts';
import { feedbackUrl, recordFor, verifyUrl, type RecordNetwork } from './records.ts';

/** How far back a closed window is looked for: a missed run (or a few days of failing ones) still issues its records. */
export const RECORDS_LOOKBACK_DAYS = 3;

export interface RecordsSweepDeps {
  events: Pick<EventsRepository, 'list' | 'get'>;
  rsvps: Pick<RsvpsRepository, 'list'>;
  networks: Pick<NetworksRepository, 'get' | 'team'>;
  cpdLog: Pick<CpdLogRepository, 'issue'>;
  feedSecret: FeedSecret;
  clock: Clock;
  logger: Logger;
  siteUrl: string;
  /** Issues in flight at once; the mailer paces the sending itself. */
  concurrency?: number;
}

export interface RecordsSweepResult {
  /** Meetups looked at. */
  events: number;
  issued: number;
  /**
   * Refused by the transaction: someone else's sweep issued it first (or, since the sweep listed it, the check-in was
   * undone or the RSVP cancelled or removed).
   */
  skipped: number;
  /** Meetups that could not be read, and RSVPs whose issuing threw (each counted; the others still issued). */
  failed: number;
}

/** Who gets a record: checked in, with a place or at the door, with an address to send it to, and none issued yet. */
export const dueRecord = (rsvp: StoredRsvp & { recordIssuedAt?: string }) =>
  Boolean(rsvp.checkedInAt) && (rsvp.status === 'confirmed' || rsvp.status === 'walkin') && Boolean(rsvp.email?.trim()) && !rsvp.recordIssuedAt;

/**
 * `work` on every item, `limit` at a time. A throwing item is handed to `failed` and the workers go on, so one failure
 * neither stops the rest nor returns while other writes are still in flight: it resolves once every item is done.
 */
async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>, failed: (item: T, error: unknown) => void): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
      try {
        await work(item);
      } catch (error) {
        failed(item, error);
      }
    }
  }));
}

export async function sweepRecords(deps: RecordsSweepDeps): Promise<RecordsSweepResult> {
  const now = deps.clock.now();
  const { closed, more } = await closedWithin(deps.events, now, RECORDS_LOOKBACK_DAYS);
  if (more) deps.logger.warn('Records sweep read its limit of meetups; the rest wait for the next run', { limit: SWEEP_READ });
  const result: RecordsSweepResult = { events: 0, issued: 0, skipped: 0, failed: 0 };
  for (const listed of closed) {
    try {
      const event = await deps.events.get(listed.id);
      if (!event || event.status !== 'published') continue;
      result.events++;
      await issueFor(deps, event, result);
    } catch (error) {
      result.failed++;
      deps.logger.error('Issuing a meetup’s records of attendance failed', { eventId: listed.id, error: String(error) });
    }
  }
  if (result.issued || result.skipped || result.failed) deps.logger.info('records sweep', { ...result });
  return result;
}

async function networkOf(deps: RecordsSweepDeps, event: StoredEvent): Promise<RecordNetwork | undefined> {
  const slug = event.networkSlug ?? networkSlugOf(event);
  const network = slug ? await deps.networks.get(slug) : undefined;
  return network ? { name: network.name, slug: network.slug, accent: network.accent, team: await deps.networks.team(network.slug) } : undefined;
}

async function issueFor(deps: RecordsSweepDeps, event: StoredEvent, result: RecordsSweepResult): Promise<void> {
  const due = (await deps.rsvps.list(event.id)).filter(dueRecord);
  if (!due.length) return;
  // Replies go to the network's contact address, as every attendee email's do.
  const [network, replyTo, secret] = await Promise.all([networkOf(deps, event), replyToFor(deps, event), deps.feedSecret()]);
  await eachLimited(due, deps.concurrency ?? 8, async (rsvp) => {
    const at = deps.clock.now();
    const record = recordFor(event, rsvp, network, at);
    const email = recordEmail(event, deps.siteUrl, rsvp, record, { verifyUrl: verifyUrl(deps.siteUrl, secret, record), feedbackUrl: feedbackUrl(deps.siteUrl, secret, record) });
    const message = outboxMessage(replyTo ? { ...email, replyTo } : email, 'cpd-record', at);
    const issued = await deps.cpdLog.issue({ record, rsvp: { eventId: event.id, key: rsvp.key }, email: message });
    if (issued) result.issued++;
    else result.skipped++;
  }, (_rsvp, error) => {
    // The meetup's id only: never the person's address or name.
    result.failed++;
    deps.logger.error('Issuing a record of attendance failed', { eventId: event.id, error: String(error) });
  });
}
