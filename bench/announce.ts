// Bench: announcing one new meetup to 2,000 followers, from publish to the last email in the SES emulator, beside
// the floor in the same run — 2,000 bare SendRawEmail calls of a pre-built announcement of the same size, at the
// mailer's concurrency (1: deliverAll sends one message after another, in the stream handler and the local poller).
// Every DynamoDB request is counted by phase and command, with its consumed capacity (ReturnConsumedCapacity), and
// shown per follower.
//
// Seeding (not timed): a network with one organiser, and its followers stored through the followers repository's
// `put` (confirmed, "each new meetup"). Timed: the organiser, signed in, lists a meetup under the network through the
// events use case (`submit`: published at once, joining the network's gathering announcement); the clock then moves
// past the gather window (ANNOUNCE_WINDOW_MINUTES; no one waits for it) and the scheduled sweeps run as in AWS
// (runSweeps: reminders, then follows: seal the gathering into a broadcast, claim each follower with their email);
// then the local stack's mailer path (deliverPending, its default batch, until a round sends nothing). A second sweep
// must queue nothing. The mailer's pacing is set far above anything reachable, so it never waits: at SES's usual 14
// emails/s the same delivery takes followers / 14 seconds, whatever the code does.
import { SendRawEmailCommand } from '@aws-sdk/client-ses';
import { createDynamoClient } from '#functions/table/client.ts';
import { ensureTable } from '#local/local-stack.ts';
import { ANNOUNCE_WINDOW_MINUTES } from '#functions/table/items/announcement.ts';
import { dynamoEventsRepository } from '#functions/events/dynamo-events.repository.ts';
import { dynamoNetworksRepository } from '#functions/networks/dynamo-networks.repository.ts';
import { dynamoSessionsRepository } from '#functions/auth/dynamo-sessions.repository.ts';
import { dynamoFollowersRepository } from '#functions/follows/dynamo-followers.repository.ts';
import { eventInputSchema } from '#functions/events/event.schema.ts';
import { submit } from '#functions/events/use-cases.ts';
import { followSweepDeps, messageSweepResumers, reminderDeps } from '#functions/apps/reminders/aws-deps.ts';
import { runSweeps, type SweepsResult } from '#functions/apps/reminders/sweeps.ts';
import { loadRemindersConfig } from '#functions/apps/config.ts';
import { dynamoOutbox } from '#functions/mail/dynamo-outbox.ts';
import { buildMime, createSesClient, sesMailer } from '#functions/mail/ses-mailer.ts';
import { deliverPending, type DeliveryDeps } from '#functions/mail/deliver.ts';
import { dynamoSuppressionsRepository } from '#functions/suppression/dynamo-suppressions.repository.ts';
import { announcementEmail } from '#functions/follows/announcement-emails.ts';
import { dressForFollower } from '#functions/follows/follower-email.ts';
import { fixedClock } from '#functions/core/clock.ts';
import { createLogger } from '#functions/core/log.ts';
import { newId } from '#functions/core/ids.ts';
import { personId } from '#functions/core/person.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import type { StoredFollower } from '#functions/core/follow.ts';
import type { StoredNetwork } from '#functions/core/network.ts';
import { loadCount, table } from './stats.ts';
import { dynamoOnly, meter, READS, type Tallies } from './meter.ts';
import { clearStore, store } from './inbox.ts';
import { FEED_SECRET, MAIL_FROM, SITE_URL, sized, startServices, type BenchOptions, type Figures } from './harness.ts';

const SIZES = {
  full: { followers: 2_000, warmup: 100 },
  smoke: { followers: 50, warmup: 5 },
};
/** The mailer's concurrency: deliverAll sends one after another (the stream handler and the local poller alike). */
const MAILER_CONCURRENCY = 1;
/** The follows sweep's claims in flight (FollowSweepDeps.concurrency, unset: fan-out's default). */
const FAN_OUT_CONCURRENCY = 8;
/** The mailer's pacing, far above anything reachable here so it never waits (SES's usual quota is 14/s). */
const RATE_PER_SECOND = 10_000;
const SES_QUOTA = 14;
/** Followers stored at once while seeding (not timed). */
const SEED_CONCURRENCY = 16;
/** When the organiser publishes: a summer Wednesday morning (BST); the meetup is a week later. */
const NOW = '2030-06-12T08:00:00.000Z';
const SEEDED_AT = '2030-05-01T08:00:00.000Z';
const ORGANISER = 'organiser@example.org';

// ---- Counting: every request on the metered clients, by command, with consumed capacity and time ----

const totals = (t: Tallies) => {
  let requests = 0, rcu = 0, wcu = 0, gsi = 0;
  for (const [name, x] of dynamoOnly(t)) {
    requests += x.requests;
    gsi += x.gsiUnits;
    if (READS.has(name)) rcu += x.units;
    else wcu += x.units;
  }
  return { requests, rcu, wcu, gsi };
};

// ---- Seeding ----

interface Seeded {
  tableName: string;
  network: StoredNetwork;
  addresses: Set<string>;
}

async function seed(endpoint: string, tableName: string, followers: number): Promise<Seeded> {
  const client = createDynamoClient({ region: 'eu-west-2', endpoint });
  await ensureTable(client, tableName);
  const slug = 'manchester-nlpn';
  const network: StoredNetwork = {
    slug, name: 'Manchester NLPN', tagline: 'New professionals in libraries, archives and information', description: 'Meetups for anyone new to the work.',
    accent: '#1d6b54', where: { kind: 'online' }, links: {}, contactEmail: 'team@example.org', topics: [], status: 'active',
    createdAt: SEEDED_AT, updatedAt: SEEDED_AT, createdBy: ORGANISER, version: 1,
  };
  const created = await dynamoNetworksRepository(client, tableName).create(network, [
    { slug, personId: personId(ORGANISER), email: ORGANISER, name: 'Sam', role: 'organiser', showName: true, joinedAt: SEEDED_AT },
  ]);
  if (!created.ok) throw new Error(`Seeding: network ${slug} exists already in ${tableName}`);
  const repo = dynamoFollowersRepository(client, tableName);
  const addresses = new Set<string>();
  await loadCount(async (i) => {
    const email = `follower${i + 1}@example.org`;
    addresses.add(email);
    const follower: StoredFollower = {
      networkSlug: slug, id: personId(email), email, ...(i % 2 ? { name: `Follower ${i + 1}` } : {}), mode: 'each', status: 'active',
      createdAt: SEEDED_AT, confirmedAt: SEEDED_AT, updatedAt: SEEDED_AT,
    };
    await repo.put(follower);
  }, SEED_CONCURRENCY, followers);
  const stored = (await repo.active(slug)).length;
  if (stored !== followers) throw new Error(`Seeding: ${stored} active followers stored, wanted ${followers}`);
  return { tableName, network, addresses };
}

/** The listing the organiser sends: in person, a week after NOW, 12:30 London time. */
const listing = (slug: string) =>
  eventInputSchema.parse({
    title: 'New professionals lunch club', description: 'An informal meetup for anyone new to library and information work. Tea and biscuits provided.',
    start: '2030-06-19T12:30', end: '2030-06-19T14:00', timezone: 'Europe/London', format: 'in_person',
    venue: "Central Library, St Peter's Square\nManchester M2 5PD", capacity: 40,
    accessibility: 'Step-free access from the Mount Street entrance. Hearing loop in the meeting room.',
    organiserName: 'Sam', organiserEmail: ORGANISER, network: slug, tags: ['New professionals'],
  });

// ---- Checking what reached the emulator ----

/** Exactly one announcement per follower, with its .ics; returns a one-line description. */
async function checkInbox(sesEndpoint: string, seeded: Seeded, subject: string): Promise<string> {
  const emails = await store(sesEndpoint);
  const to = emails.map((e) => {
    const [first] = e.destination.to;
    return (/<([^>]+)>/.exec(first ?? '')?.[1] ?? first ?? '').toLowerCase();
  });
  const distinct = new Set(to);
  const strangers = [...distinct].filter((a) => !seeded.addresses.has(a));
  const announcements = emails.filter((e) => e.subject === subject).length;
  const withIcs = emails.filter((e) => (e.attachments ?? []).some((a) => a.contentType?.startsWith('text/calendar'))).length;
  const n = seeded.addresses.size;
  if (emails.length !== n || distinct.size !== n || strangers.length || announcements !== n || withIcs !== n) {
    throw new Error(`The emulator holds ${emails.length} emails to ${distinct.size} addresses (${strangers.length} not followers), ${announcements} "${subject}", ${withIcs} with an .ics; wanted ${n} of each`);
  }
  return `${emails.length.toLocaleString('en-GB')} emails in the emulator, one to each of the ${n.toLocaleString('en-GB')} followers, every one "${subject}" with its .ics`;
}

// ---- The run ----

interface Run {
  event: StoredEvent;
  publishMs: number;
  sweepMs: number;
  deliveryMs: number;
  sweep: SweepsResult;
  tallies: { publish: Tallies; sweep: Tallies; delivery: Tallies; again: Tallies };
  again: SweepsResult;
  checked: string;
}

async function run(dynamoEndpoint: string, sesEndpoint: string, seeded: Seeded): Promise<Run> {
  const { tableName, network } = seeded;
  const m = meter();
  const client = m.dynamo(dynamoEndpoint);
  const clock = fixedClock(NOW);
  const logger = createLogger('silent');
  const config = loadRemindersConfig({ TABLE_NAME: tableName, SITE_URL, DYNAMODB_ENDPOINT: dynamoEndpoint, FEED_SECRET, LOG_LEVEL: 'silent' });
  const follows = followSweepDeps(config, { clock, logger }, client);
  const sweeps = { reminders: reminderDeps(config, { clock, logger }, client), follows, resumers: messageSweepResumers(config, follows, client) };
  const events = {
    events: dynamoEventsRepository(client, tableName), networks: dynamoNetworksRepository(client, tableName),
    sessions: dynamoSessionsRepository(client, tableName), clock, siteUrl: SITE_URL,
  };
  const delivery: DeliveryDeps = {
    outbox: dynamoOutbox(client, tableName),
    mailer: sesMailer(m.ses(sesEndpoint), MAIL_FROM),
    suppressions: dynamoSuppressionsRepository(client, tableName),
    clock,
    logger,
    ratePerSecond: RATE_PER_SECOND,
  };
  const viewer = { email: ORGANISER, personId: personId(ORGANISER), sessionId: 'bench', operator: false };
  const input = listing(network.slug);
  await clearStore(sesEndpoint);

  const t0 = performance.now();
  const { event, published } = await submit(events, input, '198.51.100.7', viewer);
  const t1 = performance.now();
  const publish = m.take();
  if (!published || !event.announcedAt) throw new Error(`The meetup was not published and announced (published ${published}, announcedAt ${event.announcedAt})`);
  // The gather window passes on the clock, not in the timing: nobody waits for it but the followers.
  clock.set(new Date(Date.parse(NOW) + ANNOUNCE_WINDOW_MINUTES * 60_000 + 1_000).toISOString());
  const sweep = await runSweeps(sweeps);
  const t2 = performance.now();
  const swept = m.take();
  let sent = 0;
  // The local stack's poller (and test/support/stack.ts deliver()): deliverPending until a round sends nothing.
  for (;;) {
    const round = await deliverPending(delivery);
    if (round.failed) throw new Error(`${round.failed} deliveries failed`);
    sent += round.sent;
    if (round.sent === 0) break;
  }
  const t3 = performance.now();
  const delivered = m.take();
  const n = seeded.addresses.size;
  if (sweep.follows.sealed !== 1 || sweep.follows.queued !== n || sweep.follows.skipped || sent !== n) {
    throw new Error(`The sweep sealed ${sweep.follows.sealed} announcements and queued ${sweep.follows.queued} (skipped ${sweep.follows.skipped}); ${sent} delivered; wanted 1 and ${n}`);
  }
  const checked = await checkInbox(sesEndpoint, seeded, `New meetup from ${network.name}: ${event.title}`);
  const again = await runSweeps(sweeps);
  const againTallies = m.take();
  if (again.follows.sealed || again.follows.queued || again.queued) throw new Error(`A second sweep sealed ${again.follows.sealed} and queued ${again.follows.queued} announcements, ${again.queued} reminders`);
  return {
    event, publishMs: t1 - t0, sweepMs: t2 - t1, deliveryMs: t3 - t2, sweep,
    tallies: { publish, sweep: swept, delivery: delivered, again: againTallies }, again, checked,
  };
}

/** The MIME one follower's announcement makes, built the way the sweep and the mailer build it. */
async function announcementMime(seeded: Seeded, event: StoredEvent): Promise<Buffer> {
  const email = 'follower2000@example.org';
  const follower = { networkSlug: seeded.network.slug, id: personId(email), email, name: 'Follower 2000', mode: 'each' as const };
  const dressed = dressForFollower(announcementEmail(seeded.network, [event], follower, SITE_URL), {
    siteUrl: SITE_URL, secret: Buffer.from(FEED_SECRET, 'utf8'), network: seeded.network, follower,
  });
  return buildMime(MAIL_FROM, dressed);
}

export async function benchAnnounce(options: BenchOptions = {}): Promise<Figures> {
  const { followers: FOLLOWERS, warmup: WARMUP } = sized(options, SIZES);
  const services = await startServices(options, 'dynamo', 'ses');
  const { dynamo, ses } = services;
  try {
    const seeding = performance.now();
    const tableName = `signpost-bench-announce-${newId(6)}`;
    const [warm, seeded] = await Promise.all([seed(dynamo.endpoint, `${tableName}-warm`, WARMUP), seed(dynamo.endpoint, tableName, FOLLOWERS)]);
    console.log(`\nSeeded a network with ${FOLLOWERS.toLocaleString('en-GB')} confirmed followers ("each new meetup"), stored through the followers repository's put, in ${((performance.now() - seeding) / 1000).toFixed(1)} s; not timed.`);

    // Warm-up (not reported): the whole path once on a small table.
    await run(dynamo.endpoint, ses.endpoint, warm);
    const result = await run(dynamo.endpoint, ses.endpoint, seeded);

    // The floor: one follower's announcement as MIME, sent bare at the mailer's concurrency (after a short warm-up),
    // and at the fan-out's 8 to show what a concurrent mailer could gain.
    const mime = await announcementMime(seeded, result.event);
    const floorSes = createSesClient({ region: 'eu-west-2', endpoint: ses.endpoint });
    const floorSend = () => floorSes.send(new SendRawEmailCommand({ RawMessage: { Data: mime } }));
    await loadCount(floorSend, MAILER_CONCURRENCY, Math.min(200, FOLLOWERS));
    const floorRun = async (concurrency: number) => {
      await clearStore(ses.endpoint);
      const r = await loadCount(floorSend, concurrency, FOLLOWERS);
      const stored = (await store(ses.endpoint)).length;
      if (stored !== FOLLOWERS) throw new Error(`The emulator holds ${stored} floor emails, not ${FOLLOWERS}`);
      return r;
    };
    const floor = await floorRun(MAILER_CONCURRENCY);
    const floor8 = await floorRun(FAN_OUT_CONCURRENCY);
    const floorMs = floor.seconds * 1000;

    const totalMs = result.publishMs + result.sweepMs + result.deliveryMs;
    const row = (what: string, concurrency: string, ms: number): [string, ...(string | number)[]] => [what, concurrency, ms, ms / FOLLOWERS, ms / floorMs];
    const sendBytes = result.tallies.delivery.get('SendRawEmail')!;
    table(
      `Announcing one new meetup to ${FOLLOWERS.toLocaleString('en-GB')} followers: publish -> last email in the SES emulator (mailer ratePerSecond ${RATE_PER_SECOND.toLocaleString('en-GB')}, so its pacing never waits; the ${ANNOUNCE_WINDOW_MINUTES}-minute gather window passes on the clock)`,
      [
        row('publish (events use case submit: meetup + gathering, one write)', '1', result.publishMs),
        row('sweeps: reminders, then follows (seal + claim each follower with their email)', `${FAN_OUT_CONCURRENCY} claims`, result.sweepMs),
        row('delivery: deliverPending until a round sends nothing', String(MAILER_CONCURRENCY), result.deliveryMs),
        row('total: publish -> last email', '', totalMs),
        row(`floor: ${FOLLOWERS.toLocaleString('en-GB')} bare SendRawEmail, pre-built MIME`, String(MAILER_CONCURRENCY), floorMs),
        row(`floor: ${FOLLOWERS.toLocaleString('en-GB')} bare SendRawEmail, pre-built MIME`, String(FAN_OUT_CONCURRENCY), floor8.seconds * 1000),
      ],
      ['', 'concurrency', 'ms', 'ms per follower', 'x floor (1)'],
    );
    console.log(`  MIME per email: ${Math.round(sendBytes.bytes / sendBytes.requests).toLocaleString('en-GB')} bytes sent on average by the mailer; the floor's pre-built message ${mime.length.toLocaleString('en-GB')} bytes (text + HTML + .ics + List-Unsubscribe + List-Id)`);
    console.log(`  floor latency per SendRawEmail: p50 ${floor.p50.toFixed(2)} ms, p99 ${floor.p99.toFixed(2)} ms at 1; at SES's usual quota of ${SES_QUOTA}/s the delivery alone takes ${(FOLLOWERS / SES_QUOTA).toFixed(0)} s`);
    console.log(`  checked: ${result.checked}; a second sweep sealed ${result.again.follows.sealed} and queued ${result.again.follows.queued}`);

    // DynamoDB requests and capacity, by phase and command, per follower.
    const rows: [string, ...(string | number)[]][] = [];
    const phase = (label: string, tallies: Tallies) => {
      for (const [name, x] of [...dynamoOnly(tallies)].sort(([p], [q]) => p.localeCompare(q))) {
        const read = READS.has(name);
        rows.push([`${label}: ${name}`, x.requests, x.requests / FOLLOWERS, read ? x.units / FOLLOWERS : '', read ? '' : x.units / FOLLOWERS, x.gsiUnits / FOLLOWERS, x.ms / x.requests]);
      }
      const t = totals(tallies);
      rows.push([`${label}: total`, t.requests, t.requests / FOLLOWERS, t.rcu / FOLLOWERS, t.wcu / FOLLOWERS, t.gsi / FOLLOWERS, '']);
      return t;
    };
    const parts = [phase('publish', result.tallies.publish), phase('sweeps', result.tallies.sweep), phase('delivery', result.tallies.delivery)];
    const all = parts.reduce((a, b) => ({ requests: a.requests + b.requests, rcu: a.rcu + b.rcu, wcu: a.wcu + b.wcu, gsi: a.gsi + b.gsi }));
    rows.push(['publish -> last email', all.requests, all.requests / FOLLOWERS, all.rcu / FOLLOWERS, all.wcu / FOLLOWERS, all.gsi / FOLLOWERS, '']);
    const again = totals(result.tallies.again);
    rows.push(['a second sweep (nothing to do)', again.requests, again.requests / FOLLOWERS, again.rcu / FOLLOWERS, again.wcu / FOLLOWERS, again.gsi / FOLLOWERS, '']);
    table(
      `DynamoDB requests and capacity per follower (ReturnConsumedCapacity INDEXES on every request; DynamoDB Local; SES: 1 SendRawEmail per follower)`,
      rows,
      ['', 'requests', 'per follower', 'RCU/follower', 'WCU/follower', 'of which GSI', 'mean ms'],
    );
    return {
      followers: FOLLOWERS, publishMs: result.publishMs, sweepMs: result.sweepMs, deliveryMs: result.deliveryMs, totalMs, floorMs,
      requestsPerFollower: all.requests / FOLLOWERS, rcuPerFollower: all.rcu / FOLLOWERS, wcuPerFollower: all.wcu / FOLLOWERS,
      mimeBytes: sendBytes.bytes / sendBytes.requests,
    };
  } finally {
    await services.stop();
  }
}
