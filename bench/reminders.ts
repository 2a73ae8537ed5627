// Bench: one reminder sweep that sends 1,000 reminders across 10 meetups to the SES emulator, beside the floor in
// the same run — 1,000 bare SendRawEmail calls of a pre-built MIME message of the same size, at the same
// concurrency. The sweep (claims -> outbox) and the delivery (outbox -> SES) are timed apart and together, and
// every DynamoDB request either makes is counted by command, with its consumed capacity (ReturnConsumedCapacity).
//
// Seeding (not timed): 10 published in-person meetups starting 2 h after the sweep's fixed "now", 5 minutes apart,
// each with 100 confirmed RSVPs written through the RSVPs repository (request, then confirm). In person, so the day
// reminder is the only kind that applies (the "starting soon" one is for meetups with a joining link; at 2 h before
// the start it would not be due yet anyway). Two identical tables are seeded, one per delivery variant: the shipped
// deliverPending drain, which sends one message after another, and deliver() from 8 workers over each pending batch.
// The sweep's Queries are the listing index (1), the due change notices (1, none here) and each meetup's RSVPs (10).
import { availableParallelism } from 'node:os';
import { SendRawEmailCommand } from '@aws-sdk/client-ses';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoClient } from '#functions/table/client.ts';
import { ensureTable } from '#local/local-stack.ts';
import { dynamoEventsRepository } from '#functions/events/dynamo-events.repository.ts';
import { dynamoRsvpsRepository } from '#functions/rsvps/dynamo-rsvps.repository.ts';
import { eventInputSchema } from '#functions/events/event.schema.ts';
import { createEvent, publishEvent } from '#functions/events/event.ts';
import { newRsvpFields, rsvpKey } from '#functions/rsvps/rsvp.ts';
import { rsvpLinks } from '#functions/rsvps/emails.ts';
import { dynamoOutbox } from '#functions/mail/dynamo-outbox.ts';
import { buildMime, createSesClient, sesMailer } from '#functions/mail/ses-mailer.ts';
import { deliver, deliverPending, type DeliveryDeps } from '#functions/mail/deliver.ts';
import { dynamoSuppressionsRepository } from '#functions/suppression/dynamo-suppressions.repository.ts';
import { reminderDeps } from '#functions/apps/reminders/aws-deps.ts';
import { dynamoRemindersRepository } from '#functions/reminders/dynamo-reminders.repository.ts';
import { reminderEmail } from '#functions/reminders/emails.ts';
import { remindersOffLinks, remindersOffToken } from '#functions/reminders/reminders-off-token.ts';
import { sweepReminders, type SweepResult } from '#functions/reminders/sweep.ts';
import { loadRemindersConfig } from '#functions/apps/config.ts';
import { fixedClock } from '#functions/core/clock.ts';
import { createLogger } from '#functions/core/log.ts';
import { hashSecret, newId, newToken } from '#functions/core/ids.ts';
import { loadCount, table } from './stats.ts';
import { processCpuMs } from './stats.ts';
import { dynamoOnly, meter, READS, type Tallies, type Tally } from './meter.ts';
import { clearStore, store } from './inbox.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import { outboxMessage } from '#functions/core/email.ts';
import { FEED_SECRET, MAIL_FROM, SITE_URL, sized, startServices, type BenchOptions, type Figures } from './harness.ts';

const SIZES = {
  full: { events: 10, perEvent: 100, warmup: { events: 2, perEvent: 100, floor: 200 } },
  smoke: { events: 2, perEvent: 5, warmup: { events: 1, perEvent: 2, floor: 4 } },
};
/** Claims in flight in the sweep (its default), and the floor's and the concurrent delivery's workers. */
const CONCURRENCY = 8;
/** The mailer's pacing, set far above anything reachable here so it never waits (SES's usual quota is 14/s). */
const RATE_PER_SECOND = 10_000;
/** The batch the drain asks deliverPending for, as test/support/stack.ts does. */
const BATCH = 100;
/** The sweep's "now": a fixed summer Wednesday (BST), so the meetups' local times below are known. */
const NOW = '2030-06-12T16:00:00.000Z';
const SEEDED_AT = new Date(Date.parse(NOW) - 7 * 86_400_000);

// ---- Counting: every request on the metered clients, by command, with consumed capacity and time ----

const sum = (t: Tallies, pick: (name: string, t: Tally) => number) => [...t].reduce((n, [name, x]) => n + pick(name, x), 0);

// ---- CPU time of this process, DynamoDB Local's JVM and the SES emulator (from /proc; NaN where there is none) ----

interface Cpu {
  bench: number;
  jvm: number;
  ses: number;
}
/** Starts counting; the returned function gives the CPU ms each process used since. */
function cpuSince(jvmPid: number | undefined, sesPid: number | undefined): () => Cpu {
  const bench = process.cpuUsage();
  const jvm = processCpuMs(jvmPid);
  const ses = processCpuMs(sesPid);
  return () => {
    const used = process.cpuUsage(bench);
    return { bench: (used.user + used.system) / 1000, jvm: processCpuMs(jvmPid) - jvm, ses: processCpuMs(sesPid) - ses };
  };
}

// ---- Seeding ----

interface Seeded {
  events: StoredEvent[];
  addresses: Set<string>;
}

/** In-person meetups starting 2 h after NOW, 5 minutes apart, each with `perEvent` confirmed RSVPs. */
async function seed(client: DynamoDBClient, tableName: string, label: string, events: number, perEvent: number): Promise<Seeded> {
  await ensureTable(client, tableName);
  const repo = dynamoEventsRepository(client, tableName);
  const rsvps = dynamoRsvpsRepository(client, tableName);
  const addresses = new Set<string>();
  const made = await Promise.all(
    Array.from({ length: events }, async (_, i) => {
      const startUtc = Date.parse(NOW) + 2 * 3_600_000 + i * 5 * 60_000;
      // Europe/London is UTC+1 on NOW's date.
      const local = (ms: number) => new Date(ms + 3_600_000).toISOString().slice(0, 16);
      const input = eventInputSchema.parse({
        title: `New professionals lunch club ${label}${i + 1}`,
        description: 'An informal meetup for anyone new to library and information work. Tea and biscuits provided.',
        start: local(startUtc), end: local(startUtc + 90 * 60_000), timezone: 'Europe/London', format: 'in_person',
        venue: "Central Library, St Peter's Square\nManchester M2 5PD", capacity: perEvent,
        accessibility: 'Step-free access from the Mount Street entrance. Hearing loop in the meeting room.',
        organiserName: 'Manchester NLPN organisers', organiserEmail: 'organisers@example.org', network: 'Manchester NLPN', tags: ['New professionals'],
      });
      const draft = createEvent(input, { id: newId(), tokenHash: hashSecret(newToken()) }, SEEDED_AT);
      if (draft.startUtc !== new Date(startUtc).toISOString()) throw new Error(`Seeded start ${draft.startUtc}, wanted ${new Date(startUtc).toISOString()}`);
      await repo.create(draft, [], []);
      const event = publishEvent(draft, SEEDED_AT);
      await repo.save(event, draft);
      // One worker per meetup, so confirms never contend for the same event item.
      for (let j = 0; j < perEvent; j++) {
        const token = newToken();
        const email = `${label}${i + 1}-person${j + 1}@example.org`;
        addresses.add(email);
        const fields = newRsvpFields(event, { name: `Person ${j + 1}`, email }, hashSecret(token), SEEDED_AT);
        await rsvps.request(fields, [], outboxMessage({ to: email, subject: 's', text: 't', html: 'h' }, 'rsvp-confirm-link', SEEDED_AT));
        const outcome = await rsvps.confirm({
          event, key: fields.key, confirmTokenHash: hashSecret(token), cancelTokenHash: hashSecret(newToken()), now: SEEDED_AT,
          emails: { confirmed: [], waitlisted: [] },
        });
        if (!outcome.ok || outcome.status !== 'confirmed') throw new Error(`Seeding: RSVP ${j + 1} of ${label}${i + 1} was ${outcome.ok ? outcome.status : outcome.reason}`);
      }
      return (await repo.get(event.id))!;
    }),
  );
  // The confirm-link emails the requests queued are not part of the bench: mark them sent without sending.
  const outbox = dynamoOutbox(client, tableName);
  for (let batch = await outbox.pending(100); batch.length; batch = await outbox.pending(100)) {
    await Promise.all(batch.map((m) => outbox.markSent(m.id, SEEDED_AT)));
  }
  return { events: made, addresses };
}

// ---- Checking what reached the emulator ----

/** A reminder's subject says when ("Tomorrow, 12:30: …", "Starting in 1 hour: …", "Thursday 3 December, 12:30: …"). */
const REMINDER_SUBJECT = /^(Starting now|Starting in \d+ (minutes|hour)|Today, \d\d:\d\d|Tomorrow, \d\d:\d\d|\w+ \d{1,2} \w+, \d\d:\d\d): /;

/** Exactly one reminder per seeded person, with its .ics; returns a one-line description. */
async function checkInbox(sesEndpoint: string, seeded: Seeded): Promise<string> {
  const emails = await store(sesEndpoint);
  const to = emails.map((e) => {
    const [first] = e.destination.to;
    return (/<([^>]+)>/.exec(first ?? '')?.[1] ?? first ?? '').toLowerCase();
  });
  const distinct = new Set(to);
  const strangers = [...distinct].filter((a) => !seeded.addresses.has(a));
  const reminders = emails.filter((e) => REMINDER_SUBJECT.test(e.subject)).length;
  const withIcs = emails.filter((e) => (e.attachments ?? []).some((a) => a.contentType?.startsWith('text/calendar'))).length;
  const n = seeded.addresses.size;
  if (emails.length !== n || distinct.size !== n || strangers.length || reminders !== n || withIcs !== n) {
    throw new Error(`The emulator holds ${emails.length} emails to ${distinct.size} addresses (${strangers.length} not seeded), ${reminders} reminders, ${withIcs} with an .ics; wanted ${n} of each`);
  }
  return `${emails.length.toLocaleString('en-GB')} emails in the emulator, one to each of the ${n.toLocaleString('en-GB')} seeded people, every one a reminder whose subject says when, with its .ics`;
}

// ---- The runs ----

interface Run {
  sweep: SweepResult;
  sweepCpu: Cpu;
  deliveryCpu: Cpu;
  sweepMs: number;
  deliveryMs: number;
  sweepTallies: Tallies;
  deliveryTallies: Tallies;
  again: SweepResult;
  againTallies: Tallies;
  checked: string;
}

type Delivery = 'drain' | 'workers';

interface Floor {
  ms: number;
  p50: number;
  p99: number;
  cpu: Cpu;
}

async function run(dynamoEndpoint: string, sesEndpoint: string, tableName: string, seeded: Seeded, how: Delivery, cpu: () => () => Cpu): Promise<Run> {
  const m = meter();
  const client = m.dynamo(dynamoEndpoint);
  const clock = fixedClock(NOW);
  const config = loadRemindersConfig({ TABLE_NAME: tableName, SITE_URL, DYNAMODB_ENDPOINT: dynamoEndpoint, FEED_SECRET, LOG_LEVEL: 'silent' });
  const deps = reminderDeps(config, { reminders: dynamoRemindersRepository(client, tableName), clock, concurrency: CONCURRENCY });
  const delivery: DeliveryDeps = {
    outbox: dynamoOutbox(client, tableName),
    mailer: sesMailer(m.ses(sesEndpoint), MAIL_FROM),
    suppressions: dynamoSuppressionsRepository(client, tableName),
    clock,
    logger: createLogger('silent'),
    ratePerSecond: RATE_PER_SECOND,
  };
  await clearStore(sesEndpoint);

  let cpuUsed = cpu();
  const t0 = performance.now();
  const sweep = await sweepReminders(deps);
  const t1 = performance.now();
  const sweepCpu = cpuUsed();
  const sweepTallies = m.take();
  cpuUsed = cpu();
  let sent = 0;
  if (how === 'drain') {
    // The loop test/support/stack.ts deliver() runs: deliverPending until a round sends nothing.
    for (;;) {
      const round = await deliverPending(delivery, BATCH);
      if (round.failed) throw new Error(`${round.failed} deliveries failed`);
      sent += round.sent;
      if (round.sent === 0) break;
    }
  } else {
    // The same deliver() per message, from CONCURRENCY workers over each pending batch.
    for (let batch = await delivery.outbox.pending(BATCH); batch.length; batch = await delivery.outbox.pending(BATCH)) {
      await loadCount(async (i) => (await deliver(delivery, batch[i]!)) === 'sent' && sent++, CONCURRENCY, batch.length);
    }
  }
  const t2 = performance.now();
  const deliveryCpu = cpuUsed();
  const deliveryTallies = m.take();
  if (sweep.queued !== seeded.addresses.size || sweep.skipped || sweep.notices || sent !== sweep.queued) {
    throw new Error(`Sweep queued ${sweep.queued} (skipped ${sweep.skipped}, ${sweep.notices} change notices); ${sent} delivered; wanted ${seeded.addresses.size}`);
  }
  const checked = await checkInbox(sesEndpoint, seeded);
  const again = await sweepReminders(deps);
  const againTallies = m.take();
  if (again.queued || again.notices) throw new Error(`A second sweep queued ${again.queued} reminders and ${again.notices} notices`);
  return { sweep, sweepCpu, deliveryCpu, sweepMs: t1 - t0, deliveryMs: t2 - t1, sweepTallies, deliveryTallies, again, againTallies, checked };
}

/** The MIME the sweep's email would make for one seeded person, built the way the sweep and the mailer build it. */
async function reminderMime(event: StoredEvent, secret: Uint8Array): Promise<Buffer> {
  const person = { name: 'Person 100', email: 'a1-person100@example.org' };
  const key = rsvpKey(event.id, person.email);
  const off = remindersOffLinks(SITE_URL, event.id, key, remindersOffToken(secret, event.id, key));
  const email = reminderEmail(event, SITE_URL, person, 'day', { ...off, cancel: rsvpLinks(SITE_URL, event.id, key).cancel(newToken()) });
  return buildMime(MAIL_FROM, email);
}

export async function benchReminders(options: BenchOptions = {}): Promise<Figures> {
  const { events: EVENTS, perEvent: PER_EVENT, warmup: WARMUP } = sized(options, SIZES);
  const REMINDERS = EVENTS * PER_EVENT;
  const services = await startServices(options, 'dynamo', 'ses');
  const { dynamo, ses } = services;
  try {
    const seedClient = createDynamoClient({ region: 'eu-west-2', endpoint: dynamo.endpoint });
    const seeding = performance.now();
    const [warm, a, b] = await Promise.all([
      seed(seedClient, 'signpost-bench-reminders-warm', 'w', WARMUP.events, WARMUP.perEvent),
      seed(seedClient, 'signpost-bench-reminders-a', 'a', EVENTS, PER_EVENT),
      seed(seedClient, 'signpost-bench-reminders-b', 'b', EVENTS, PER_EVENT),
    ]);
    console.log(`\nSeeded 2 tables of ${EVENTS} published in-person meetups (starting 2 h after the sweep's fixed now, ${NOW}, 5 min apart), each with ${PER_EVENT} confirmed RSVPs (request + confirm through the RSVPs repository), in ${((performance.now() - seeding) / 1000).toFixed(1)} s; not timed.`);

    // The floor's message: a reminder to a seeded person, built as the sweep and the mailer build it.
    const mime = await reminderMime(a.events[0]!, Buffer.from(FEED_SECRET, 'utf8'));
    const floorSes = createSesClient({ region: 'eu-west-2', endpoint: ses.endpoint });
    const floorSend = () => floorSes.send(new SendRawEmailCommand({ RawMessage: { Data: mime } }));

    const cpu = () => cpuSince(dynamo.process.pid, ses.process.pid);

    // Warm-up (not reported): a small sweep and delivery through every code path, and a few bare sends.
    await run(dynamo.endpoint, ses.endpoint, 'signpost-bench-reminders-warm', warm, 'workers', cpu);
    await loadCount(floorSend, CONCURRENCY, WARMUP.floor);

    // The floor, before and after the reminder runs (the machine is shared; the two show how far it drifted).
    const floorRun = async (concurrency: number): Promise<Floor> => {
      await clearStore(ses.endpoint);
      const used = cpu();
      const r = await loadCount(floorSend, concurrency, REMINDERS);
      const c = used();
      const stored = (await store(ses.endpoint)).length;
      if (stored !== REMINDERS) throw new Error(`The emulator holds ${stored} floor emails, not ${REMINDERS}`);
      return { ms: r.seconds * 1000, p50: r.p50, p99: r.p99, cpu: c };
    };
    const before = { at8: await floorRun(CONCURRENCY), at1: await floorRun(1) };
    const drained = await run(dynamo.endpoint, ses.endpoint, 'signpost-bench-reminders-a', a, 'drain', cpu);
    const workers = await run(dynamo.endpoint, ses.endpoint, 'signpost-bench-reminders-b', b, 'workers', cpu);
    const after = { at8: await floorRun(CONCURRENCY), at1: await floorRun(1) };
    const both = (x: Floor, y: Floor): Floor => ({
      ms: (x.ms + y.ms) / 2, p50: (x.p50 + y.p50) / 2, p99: (x.p99 + y.p99) / 2,
      cpu: { bench: (x.cpu.bench + y.cpu.bench) / 2, jvm: (x.cpu.jvm + y.cpu.jvm) / 2, ses: (x.cpu.ses + y.cpu.ses) / 2 },
    });
    const floor8 = both(before.at8, after.at8);
    const floor1 = both(before.at1, after.at1);
    const floor8Ms = floor8.ms;
    const floor1Ms = floor1.ms;
    const row = (what: string, concurrency: string, ms: number, sameFloorMs: number): [string, ...(string | number)[]] =>
      [what, concurrency, ms, (REMINDERS / ms) * 1000, ms / floor8Ms, ms / sameFloorMs];
    const sentBytes = (r: Run) => (r.deliveryTallies.get('SendRawEmail')?.bytes ?? 0) / (r.deliveryTallies.get('SendRawEmail')?.requests ?? 1);
    table(
      `Reminder sweep + delivery to the SES emulator: ${REMINDERS.toLocaleString('en-GB')} day reminders across ${EVENTS} in-person meetups of ${PER_EVENT} confirmed people (mailer ratePerSecond ${RATE_PER_SECOND.toLocaleString('en-GB')}, so its pacing never waits)`,
      [
        row('A: sweep alone (claims -> outbox)', String(CONCURRENCY), drained.sweepMs, floor8Ms),
        row('A: delivery, deliverPending drain (sends one after another)', '1', drained.deliveryMs, floor1Ms),
        row('A: total, sweep + drain', `${CONCURRENCY} then 1`, drained.sweepMs + drained.deliveryMs, floor1Ms),
        row('B: sweep alone (claims -> outbox)', String(CONCURRENCY), workers.sweepMs, floor8Ms),
        row(`B: delivery, deliver() from ${CONCURRENCY} workers per batch of ${BATCH}`, String(CONCURRENCY), workers.deliveryMs, floor8Ms),
        row('B: total, sweep + delivery', String(CONCURRENCY), workers.sweepMs + workers.deliveryMs, floor8Ms),
        row(`floor: ${REMINDERS.toLocaleString('en-GB')} bare SendRawEmail, pre-built MIME`, String(CONCURRENCY), floor8Ms, floor8Ms),
        row(`floor: ${REMINDERS.toLocaleString('en-GB')} bare SendRawEmail, pre-built MIME`, '1', floor1Ms, floor1Ms),
      ],
      ['', 'concurrency', 'ms', 'reminders/s', 'x floor (8)', 'x floor (same concurrency)'],
    );
    console.log(`  MIME per email: ${Math.round(sentBytes(drained)).toLocaleString('en-GB')} bytes sent on average by the mailer (A), ${Math.round(sentBytes(workers)).toLocaleString('en-GB')} (B); the floor's pre-built message ${mime.length.toLocaleString('en-GB')} bytes (text + HTML + .ics + List-Unsubscribe)`);
    console.log(`  floor = mean of a run before and one after the reminder runs: at ${CONCURRENCY} ${before.at8.ms.toFixed(0)} / ${after.at8.ms.toFixed(0)} ms, at 1 ${before.at1.ms.toFixed(0)} / ${after.at1.ms.toFixed(0)} ms`);
    console.log(`  floor latency per SendRawEmail: p50 ${floor8.p50.toFixed(2)} ms, p99 ${floor8.p99.toFixed(2)} ms at ${CONCURRENCY}; p50 ${floor1.p50.toFixed(2)} ms, p99 ${floor1.p99.toFixed(2)} ms at 1`);
    console.log(`  the sweep walks the ${EVENTS} meetups one after another (read RSVPs, ${CONCURRENCY} claims at a time, mark done); deliverPending (deliverAll) sends its batch strictly one at a time, so A's delivery runs at concurrency 1`);

    // DynamoDB requests and capacity, by phase and command.
    const rows: [string, ...(string | number)[]][] = [];
    const phase = (label: string, tallies: Tallies, per: number) => {
      const t = dynamoOnly(tallies);
      for (const [name, x] of [...t].sort(([p], [q]) => p.localeCompare(q))) {
        const read = READS.has(name);
        rows.push([`${label}: ${name}`, x.requests, x.requests / per, read ? x.units / per : '', read ? '' : x.units / per, x.gsiUnits / per, x.ms / x.requests]);
      }
      const requests = sum(t, (_, x) => x.requests);
      const rcu = sum(t, (n, x) => (READS.has(n) ? x.units : 0));
      const wcu = sum(t, (n, x) => (READS.has(n) ? 0 : x.units));
      rows.push([`${label}: total`, requests, requests / per, rcu / per, wcu / per, sum(t, (_, x) => x.gsiUnits) / per, '']);
      return { requests, rcu, wcu };
    };
    const s = phase('sweep', drained.sweepTallies, REMINDERS);
    const d = phase('delivery (drain)', drained.deliveryTallies, REMINDERS);
    rows.push(['sweep + delivery', s.requests + d.requests, (s.requests + d.requests) / REMINDERS, (s.rcu + d.rcu) / REMINDERS, (s.wcu + d.wcu) / REMINDERS, '', '']);
    table(
      `DynamoDB requests and capacity per reminder sent, run A (ReturnConsumedCapacity INDEXES on every request; DynamoDB Local)`,
      rows,
      ['', 'requests', 'per reminder', 'RCU/reminder', 'WCU/reminder', 'of which GSI1', 'mean ms'],
    );
    const bRequests = sum(dynamoOnly(workers.sweepTallies), (_, x) => x.requests) + sum(dynamoOnly(workers.deliveryTallies), (_, x) => x.requests);
    const againRequests = (r: Run) => [...dynamoOnly(r.againTallies)].map(([n, x]) => `${x.requests} ${n}`).join(' + ');
    console.log(`  run B: ${bRequests.toLocaleString('en-GB')} requests (${(bRequests / REMINDERS).toFixed(2)} per reminder); SES: 1 SendRawEmail per reminder in both runs`);
    console.log(`  checked, A: ${drained.checked}; a second sweep queued ${drained.again.queued} (${drained.again.events} meetups due; ${againRequests(drained)})`);
    console.log(`  checked, B: ${workers.checked}; a second sweep queued ${workers.again.queued} (${workers.again.events} meetups due; ${againRequests(workers)})`);

    // Where the time goes. CPU first: three processes share the machine's cores.
    const cpuRow = (what: string, ms: number, c: Cpu): [string, ...(string | number)[]] => {
      const total = c.bench + c.jvm + c.ses;
      return [what, ms / REMINDERS, c.bench / REMINDERS, c.jvm / REMINDERS, c.ses / REMINDERS, total / REMINDERS, total / ms];
    };
    table(`Where the time goes, per reminder: wall time and CPU time of each process (/proc; ${availableParallelism()} cores for all of them)`, [
      cpuRow('A: sweep', drained.sweepMs, drained.sweepCpu),
      cpuRow('B: sweep', workers.sweepMs, workers.sweepCpu),
      cpuRow('A: delivery, deliverPending drain (1 at a time)', drained.deliveryMs, drained.deliveryCpu),
      cpuRow(`B: delivery, ${CONCURRENCY} workers`, workers.deliveryMs, workers.deliveryCpu),
      cpuRow(`floor: bare SendRawEmail at ${CONCURRENCY}`, floor8Ms, floor8.cpu),
      cpuRow('floor: bare SendRawEmail at 1', floor1Ms, floor1.cpu),
    ], ['', 'wall ms', 'CPU ms: bench process', 'DynamoDB Local', 'SES emulator', 'all three', 'cores busy']);
    const tx = drained.sweepTallies.get('TransactWriteItems')!;
    console.log(`  sweep A: ${tx.requests} claim transactions, ${CONCURRENCY} in flight, ${(tx.ms / tx.requests).toFixed(1)} ms each on average -> ${(tx.ms / CONCURRENCY / 1000).toFixed(2)} s of the sweep's ${(drained.sweepMs / 1000).toFixed(2)} s`);

    // Run A's delivery is sequential, so each part's summed time is its share of the wall time.
    const part = (name: string) => (drained.deliveryTallies.get(name)?.ms ?? 0) / REMINDERS;
    const calls = ['GetItem', 'SendRawEmail', 'UpdateItem', 'Query'];
    const rest = drained.deliveryMs / REMINDERS - calls.reduce((n, c) => n + part(c), 0);
    const mean = (r: Run, name: string) => (r.deliveryTallies.get(name)?.ms ?? 0) / (r.deliveryTallies.get(name)?.requests ?? 1);
    table('Delivery, per reminder: run A (sequential, so the parts add up to the total) beside run B\'s mean latency per call (8 in flight, overlapping)', [
      ['GetItem (re-read the message, consistent)', part('GetItem'), mean(workers, 'GetItem')],
      ['SendRawEmail to the emulator', part('SendRawEmail'), mean(workers, 'SendRawEmail')],
      ['UpdateItem (mark sent, drop the body)', part('UpdateItem'), mean(workers, 'UpdateItem')],
      [`Query (pending, ${BATCH} at a time)`, part('Query'), mean(workers, 'Query')],
      ['the rest: MIME build (MailComposer + .ics), logging, loop', rest, ''],
      ['total (wall)', drained.deliveryMs / REMINDERS, workers.deliveryMs / REMINDERS],
      ['floor: bare SendRawEmail (mean latency)', floor1Ms / REMINDERS, (floor8Ms * CONCURRENCY) / REMINDERS],
    ], ['', 'A: ms per reminder', 'B: mean ms per call']);
    return {
      reminders: REMINDERS, sweepMsA: drained.sweepMs, deliveryMsA: drained.deliveryMs, sweepMsB: workers.sweepMs, deliveryMsB: workers.deliveryMs,
      floorMsAt8: floor8Ms, floorMsAt1: floor1Ms, requestsPerReminder: (s.requests + d.requests) / REMINDERS, mimeBytes: sentBytes(drained),
    };
  } finally {
    await services.stop();
  }
}
