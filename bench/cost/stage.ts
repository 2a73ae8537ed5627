// Cost bench: one run's stage — the apps and functions on metered clients, and how an operation is measured and costed.
import { dynamoCpdLog } from '#functions/cpd/dynamo-log.ts';
import { dynamoFeedback } from '#functions/cpd/dynamo-feedback.ts';
import { createApp } from '#functions/apps/api/app.ts';
import type { AppDeps } from '#functions/apps/api/deps.ts';
import { dynamoStillComingRepository } from '#functions/attendance/still-coming-dynamo.repository.ts';
import { dynamoCheckIns } from '#functions/attendance/dynamo-check-ins.ts';
import { dynamoCodeAttempts } from '#functions/attendance/check-in-attempts.ts';
import { dynamoEventsRepository } from '#functions/events/dynamo-events.repository.ts';
import { dynamoRsvpsRepository } from '#functions/rsvps/dynamo-rsvps.repository.ts';
import { dynamoFeedsRepository } from '#functions/feeds/dynamo-feeds.repository.ts';
import { createFeedApp } from '#functions/apps/feeds/app.ts';
import { feedDeps } from '#functions/apps/feeds/aws-deps.ts';
import { renderCache } from '#functions/feeds/render-cache.ts';
import { cachedVersions } from '#functions/feeds/version-cache.ts';
import { configuredFeedSecret } from '#functions/feeds/secret.ts';
import { dynamoOutbox } from '#functions/mail/dynamo-outbox.ts';
import { sesMailer } from '#functions/mail/ses-mailer.ts';
import { deliverAll, type DeliveryDeps } from '#functions/mail/deliver.ts';
import { reminderDeps } from '#functions/apps/reminders/aws-deps.ts';
import { dynamoRemindersRepository } from '#functions/reminders/dynamo-reminders.repository.ts';
import { dynamoSuppressionsRepository } from '#functions/suppression/dynamo-suppressions.repository.ts';
import { sesEventsHandler } from '#functions/suppression/ses-events.ts';
import { loadFeedsConfig, loadRemindersConfig } from '#functions/apps/config.ts';
import { fixedClock } from '#functions/core/clock.ts';
import { createLogger } from '#functions/core/log.ts';
import { createDynamoClient } from '#functions/table/client.ts';
import type { OutboxMessage } from '#functions/core/email.ts';
import { FEED_SECRET, MAIL_FROM, SITE_URL } from '../harness.ts';
import { floorOf, snapshot, type Snapshot } from './floor.ts';
import { dynamoMeter, sesMeter, sumTallies, type Tallies } from './meters.ts';
import { add, zero, type Cost, type Fn, type Op } from './operations.ts';
import { NOW, TABLE } from './workload.ts';
import { dynamoSessionsRepository } from '#functions/auth/dynamo-sessions.repository.ts';
import { dynamoNetworksRepository } from '#functions/networks/dynamo-networks.repository.ts';
import { dynamoReportsRepository } from '#functions/events/dynamo-reports.repository.ts';
import { dynamoMyPlacesRepository } from '#functions/me/dynamo-my-places.ts';
import { dynamoFollowersRepository } from '#functions/follows/dynamo-followers.repository.ts';
import { dynamoBroadcasts } from '#functions/mail/dynamo-broadcasts.ts';
import { dynamoAttendeeClaims } from '#functions/messages/dynamo-attendee-claims.ts';
import { dynamoHiddenMeetupsRepository } from '#functions/moderation/dynamo-hidden-meetups.repository.ts';

/** The API app and the feed app, as far as the bench calls them. */
export type Requestable = { request(path: string, init: RequestInit): Response | Promise<Response> };

/** One step of an operation: measured, its DynamoDB reads and writes kept for the floor; `invocations` of its function. */
export type Step = <S>(run: () => Promise<S>, invocations?: number) => Promise<S>;

export type Stage = Awaited<ReturnType<typeof openStage>>;

/**
 * A stage for one run of every operation (new meetups, new people). `costing`: transactions costed from their items
 * (slow) and each operation's floor taken; without it, nothing but the operations runs between the clock readings.
 */
export async function openStage(dynamoEndpoint: string, sesEndpoint: string, costing: boolean) {
  const run = costing ? 'costed' : 'timed'; // in the addresses, so the second run's people are new people too
  const tableName = TABLE;
  const floorTable = `${TABLE}-floor`;
  const plain = createDynamoClient({ region: 'eu-west-2', endpoint: dynamoEndpoint });
  await fetch(`${sesEndpoint}/clear-store`, { method: 'POST' });

  const meter = dynamoMeter(dynamoEndpoint, costing);
  const noFloor = { floorRru: 0, floorWru: 0 };
  const floor = (read: Set<string>, written: Snapshot) => (costing ? floorOf(plain, tableName, floorTable, read, written) : Promise.resolve(noFloor));
  const keep = (keys: Set<string>, into?: Snapshot) => (costing ? snapshot(plain, tableName, keys, into) : Promise.resolve(into ?? new Map()));
  const ses = sesMeter(sesEndpoint);
  const clock = fixedClock(NOW);
  const logs = { bytes: 0 };
  const responses = { bytes: 0 };
  const logger = createLogger('info', (line) => (logs.bytes += Buffer.byteLength(line) + 1));
  let ip = 0;
  const suppressions = dynamoSuppressionsRepository(meter.client, tableName);
  const deps: AppDeps = {
    events: dynamoEventsRepository(meter.client, tableName),
    rsvps: dynamoRsvpsRepository(meter.client, tableName),
    feeds: dynamoFeedsRepository(meter.client, tableName),
    feedSecret: configuredFeedSecret(FEED_SECRET),
    suppressions,
    sessions: dynamoSessionsRepository(meter.client, tableName),
    networks: dynamoNetworksRepository(meter.client, tableName),
    reports: dynamoReportsRepository(meter.client, tableName),
    myPlaces: dynamoMyPlacesRepository(meter.client, tableName),
    hiddenMeetups: dynamoHiddenMeetupsRepository(meter.client, tableName),
    followers: dynamoFollowersRepository(meter.client, tableName),
    broadcasts: dynamoBroadcasts(meter.client, tableName),
    stillComing: dynamoStillComingRepository(meter.client, tableName),
    checkIns: dynamoCheckIns(meter.client, tableName),
    cpdLog: dynamoCpdLog(meter.client, tableName),
    feedback: dynamoFeedback(meter.client, tableName),
    codeAttempts: dynamoCodeAttempts(meter.client, tableName),
    attendeeClaims: dynamoAttendeeClaims(meter.client, tableName),
    operators: ['operator@signpost.local'],
    networkApproval: false,
    clock,
    logger,
    siteUrl: SITE_URL,
    clientIp: () => `198.51.100.${ip++ % 250}`,
  };
  const app = createApp(deps);
  const feedsConfig = loadFeedsConfig({ TABLE_NAME: tableName, SITE_URL, DYNAMODB_ENDPOINT: dynamoEndpoint, FEED_SECRET, LOG_LEVEL: 'info' });
  /** The feed app as deployed, but its 1 s version cache off: real polls are far apart, so each one reads the version. */
  const feedApp = () =>
    createFeedApp(feedDeps(feedsConfig, {
      feeds: cachedVersions(dynamoFeedsRepository(meter.client, tableName), 0),
      events: dynamoEventsRepository(meter.client, tableName),
      renders: renderCache(),
      clock,
      logger,
    }));
  const feeds = feedApp();
  const sweepDeps = reminderDeps(
    loadRemindersConfig({ TABLE_NAME: tableName, SITE_URL, DYNAMODB_ENDPOINT: dynamoEndpoint, FEED_SECRET, LOG_LEVEL: 'info' }),
    { reminders: dynamoRemindersRepository(meter.client, tableName), clock, logger },
  );
  const delivery: DeliveryDeps = {
    outbox: dynamoOutbox(meter.client, tableName),
    mailer: sesMailer(ses.client, MAIL_FROM),
    suppressions,
    clock,
    logger,
    ratePerSecond: 10_000,
  };
  const sesEvents = sesEventsHandler({ suppressions, clock, logger });
  const pendingOutbox = dynamoOutbox(plain, tableName);

  const ops = new Map<string, Op>();
  const opFor = (name: string, fn: Fn, steps: string) => {
    let op = ops.get(name);
    if (!op) ops.set(name, (op = { name, fn, count: 0, total: zero(), steps, samples: [] }));
    return op;
  };

  /** Runs `work`, measuring everything it does; returns its result, its costs and the raw tallies. */
  async function measured<T>(work: () => Promise<T>): Promise<{ value: T; cost: Cost; tallies: Tallies }> {
    meter.take();
    const sends = { ...ses.counts };
    const logBytes = logs.bytes;
    const responseBytes = responses.bytes;
    const cpu = process.cpuUsage();
    const started = performance.now();
    const value = await work();
    const wallMs = performance.now() - started;
    const { user, system } = process.cpuUsage(cpu);
    const tallies = meter.take();
    const s = sumTallies(tallies);
    const cost: Cost = {
      ...zero(), requests: s.requests, failed: s.failed, rru: s.rru, wru: s.wru, localWru: s.localWru, gsi: s.gsi,
      sesSends: ses.counts.sends - sends.sends, sesBytes: ses.counts.bytes - sends.bytes,
      wallMs, cpuMs: (user + system) / 1000, logBytes: logs.bytes - logBytes, responseBytes: responses.bytes - responseBytes,
    };
    return { value, cost, tallies };
  }

  /**
   * One instance of a user operation: its steps are measured and added up, then its floor is taken from the items they
   * read and the items they left behind. Emails it queued are counted here and delivered (and costed) apart.
   */
  async function operation<T>(name: string, fn: Fn, steps: string, work: (step: Step) => Promise<T>): Promise<T> {
    const op = opFor(name, fn, steps);
    let cost = zero();
    const read = new Set<string>();
    const written: Snapshot = new Map();
    const step: Step = async (run, invocations = 1) => {
      const m = await measured(run);
      const s = sumTallies(m.tallies);
      s.read.forEach((k) => read.add(k));
      await keep(s.written, written);
      cost = add(cost, { ...m.cost, invocations, emails: fn === 'mailer' ? 0 : s.outbox });
      return m.value;
    };
    const value = await work(step);
    cost = add(cost, await floor(read, written));
    op.total = add(op.total, cost);
    op.count++;
    op.samples.push({ wallMs: cost.wallMs, cpuMs: cost.cpuMs });
    return value;
  }

  /** An HTTP request to the API or the feed app, answered with `status`; returns the response body as text. */
  const http = async (target: Requestable, method: string, path: string, status: number, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await target.request(path, {
      method,
      headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    responses.bytes += bytes.length;
    if (res.status !== status) throw new Error(`${method} ${path} answered ${res.status}, wanted ${status}: ${bytes.toString('utf8').slice(0, 300)}`);
    return { text: bytes.toString('utf8'), raw: bytes, bytes: bytes.length, headers: res.headers };
  };

  /** Delivers everything queued, as the stream handler does (deliverAll over the new messages); one op per email. */
  const delivered: OutboxMessage[] = [];
  async function deliverQueued(): Promise<OutboxMessage[]> {
    const messages = await pendingOutbox.pending(100);
    for (const message of messages) {
      await operation('email delivered', 'mailer', 'outbox GetItem + suppression BatchGetItem + SendRawEmail + UpdateItem', (step) =>
        step(async () => {
          const failed = await deliverAll(delivery, [message]);
          if (failed.length) throw new Error(`Delivery of ${message.purpose} failed`);
        }),
      );
    }
    delivered.push(...messages);
    return messages;
  }

  return {
    run, plain, ses, clock, app, deps, feeds, feedApp, sweepDeps, delivery, sesEvents, ops, delivered,
    opFor, measured, operation, http, deliverQueued, floor, keep,
  };
}
