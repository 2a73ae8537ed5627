// Bench: check-in at the door — 20 helpers tapping through one meetup of 500 confirmed people at once, beside the
// floor in the same run: a bare UpdateItem of the same RSVP items (no condition, nothing returned), from as many
// workers, as many writes. The taps go through the real path twice, each on a meetup of its own: the use case
// (attendance/check-in-use-cases.ts checkIn: the helper's authority read from the event and the network, then the
// adapter) and the adapter alone (dynamoCheckIns.checkIn: one conditional UpdateItem on the RSVP, if_not_exists
// keeping the first time and who). Some people are tapped twice, by two helpers at about the same moment (the double
// taps at a crowded door). Afterwards every RSVP is read back: each must be checked in exactly once, during its first
// tap and by that tap's helper, with every other tap of them answered "already".
//
// Seeding (not timed): a network whose team is the 20 helpers; under it, two published meetups starting within the
// hour (helpers may check in on the day only), stored through the events repository, each with a capacity of 500 and
// 500 confirmed RSVPs written straight to the table as items (BatchWriteItem), with the event's confirmed count.
import { UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createDynamoClient, documentClient, marshall, queryAll } from '#functions/table/client.ts';
import { eventKey } from '#functions/table/items/event.ts';
import { eventRsvpsQuery, rsvpFromItem, rsvpKey as rsvpItemKey } from '#functions/table/items/rsvp.ts';
import { ensureTable } from '#local/local-stack.ts';
import { dynamoEventsRepository } from '#functions/events/dynamo-events.repository.ts';
import { eventInputSchema } from '#functions/events/event.schema.ts';
import { createEvent, publishEvent } from '#functions/events/event.ts';
import { dynamoNetworksRepository } from '#functions/networks/dynamo-networks.repository.ts';
import { dynamoRsvpsRepository } from '#functions/rsvps/dynamo-rsvps.repository.ts';
import { newRsvpFields } from '#functions/rsvps/rsvp.ts';
import { dynamoSessionsRepository } from '#functions/auth/dynamo-sessions.repository.ts';
import { dynamoCheckIns } from '#functions/attendance/dynamo-check-ins.ts';
import { dynamoCodeAttempts } from '#functions/attendance/check-in-attempts.ts';
import { checkIn as checkInUseCase } from '#functions/attendance/check-in-use-cases.ts';
import type { CheckInDeps } from '#functions/attendance/check-in-deps.ts';
import { systemClock } from '#functions/core/clock.ts';
import { hashSecret, newId, newToken } from '#functions/core/ids.ts';
import { personId } from '#functions/core/person.ts';
import type { CheckInBy, StoredRsvp } from '#functions/core/rsvp.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import type { Viewer } from '#functions/core/viewer.ts';
import { percentile, table } from './stats.ts';
import { dynamoOnly, meter, type Tallies } from './meter.ts';
import { SITE_URL, sized, startServices, type BenchOptions, type Figures } from './harness.ts';

const SIZES = {
  full: { people: 500, helpers: 20, doubles: 50, warmup: { people: 500, doubles: 50 } },
  smoke: { people: 40, helpers: 4, doubles: 6, warmup: { people: 8, doubles: 2 } },
};
const BATCH_WRITE_MAX = 25;
/** A zone on UTC all year, so the meetups' local times are their UTC times. */
const ZONE = 'Atlantic/Reykjavik';

// ---- Seeding ----

interface Seeded {
  event: StoredEvent;
  people: StoredRsvp[];
}

const helperEmail = (h: number) => `helper${h + 1}@example.org`;
const helperName = (h: number) => `Helper ${h + 1}`;

/** The network and its team of helpers, then the meetups under it: on the day (the taps carry the real time). */
async function seed(client: DynamoDBClient, tableName: string, meetups: number, people: number, helpers: number): Promise<Seeded[]> {
  await ensureTable(client, tableName);
  const now = new Date();
  const joinedAt = new Date(now.getTime() - 30 * 86_400_000).toISOString();
  const slug = `library-camp-${newId(4)}`;
  const created = await dynamoNetworksRepository(client, tableName).create(
    {
      slug, name: 'Library camp', tagline: '', description: '', accent: '#1d6b54', where: { kind: 'online' }, links: {},
      contactEmail: 'organisers@example.org', topics: [], status: 'active', createdAt: joinedAt, updatedAt: joinedAt,
      createdBy: 'organisers@example.org', version: 1,
    },
    [
      { slug, personId: personId('organisers@example.org'), email: 'organisers@example.org', name: 'Organisers', role: 'organiser', showName: true, joinedAt },
      ...Array.from({ length: helpers }, (_, h) => ({
        slug, personId: personId(helperEmail(h)), email: helperEmail(h), name: helperName(h), role: 'helper' as const, showName: true, joinedAt,
      })),
    ],
  );
  if (!created.ok) throw new Error(`Seeding: network ${slug}: ${created.reason}`);
  const repo = dynamoEventsRepository(client, tableName);
  const local = (ms: number) => new Date(Math.floor(ms / 60_000) * 60_000).toISOString().slice(0, 16);
  const listedAt = new Date(now.getTime() - 7 * 86_400_000);
  // One after another: meetups of one network share its feed's version item, which each publish moves.
  const seeded: Seeded[] = [];
  for (let i = 0; i < meetups; i++) {
    const input = eventInputSchema.parse({
      title: 'Library camp: open space day', description: 'Sessions pitched on the day. Lunch provided.',
      start: local(now.getTime() + 30 * 60_000), end: local(now.getTime() + 6 * 3_600_000), timezone: ZONE, format: 'in_person',
      venue: "Central Library, St Peter's Square\nManchester M2 5PD", capacity: people, network: 'Library camp',
      organiserName: 'Library camp organisers', organiserEmail: 'organisers@example.org',
    });
    const draft: StoredEvent = { ...createEvent(input, { id: newId(), tokenHash: hashSecret(newToken()) }, listedAt), networkSlug: slug };
    await repo.create(draft, [], []);
    const event = publishEvent(draft, listedAt);
    const saved = await repo.save(event, draft);
    if (!saved.ok) throw new Error(`Seeding: publishing ${event.id}: ${saved.reason}`);
    seeded.push({ event, people: await seedRsvps(client, tableName, event, people, listedAt) });
  }
  return seeded;
}

/** Confirmed RSVPs, written straight to the table as items, and the event's confirmed count to match. */
async function seedRsvps(client: DynamoDBClient, tableName: string, event: StoredEvent, people: number, at: Date): Promise<StoredRsvp[]> {
  const iso = at.toISOString();
  const rsvps = Array.from({ length: people }, (_, i): StoredRsvp => {
    const { now: _now, ...fields } = newRsvpFields(event, { name: `Person ${i + 1}`, email: `person${i + 1}@example.org` }, hashSecret(newToken()), at);
    return { ...fields, status: 'confirmed', cancelTokenHash: hashSecret(newToken()), createdAt: iso, updatedAt: iso, confirmedAt: iso };
  });
  const db = documentClient(client);
  const batches: StoredRsvp[][] = [];
  for (let i = 0; i < rsvps.length; i += BATCH_WRITE_MAX) batches.push(rsvps.slice(i, i + BATCH_WRITE_MAX));
  await Promise.all(batches.map(async (batch) => {
    let pending = batch.map((r) => ({ PutRequest: { Item: { ...rsvpItemKey(event.id, r.key), type: 'rsvp', ...r } } }));
    while (pending.length) {
      const out = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (out.UnprocessedItems?.[tableName] ?? []) as typeof pending;
    }
  }));
  await db.send(new UpdateCommand({
    TableName: tableName, Key: eventKey(event.id), UpdateExpression: 'SET confirmedCount = :n', ExpressionAttributeValues: { ':n': people },
  }));
  return rsvps;
}

// ---- The taps ----

interface Tap {
  person: number;
  helper: number;
}

/**
 * Each helper's queue: the people are shared out in turn, then `doubles` of them are also tapped by the next helper,
 * at the same place in that helper's queue, so the two taps go out at about the same moment.
 */
function queues(people: number, helpers: number, doubles: number): Tap[][] {
  const q: Tap[][] = Array.from({ length: helpers }, () => []);
  for (let person = 0; person < people; person++) q[person % helpers]!.push({ person, helper: person % helpers });
  const stride = Math.max(1, Math.floor(people / doubles));
  for (let d = 0; d < doubles; d++) {
    const person = (d * stride) % people;
    const other = (person + 1) % helpers;
    q[other]!.splice(Math.floor(person / helpers), 0, { person, helper: other });
  }
  return q;
}

const helperBy = (h: number): CheckInBy => ({ via: 'team', name: helperName(h) });
const sameHelper = (by: CheckInBy | undefined, h: number) => by?.via === 'team' && by.name === helperName(h);
/** A helper signed in (the session itself is the sign-in room's, not timed here). */
const helperViewer = (h: number): Viewer => ({ email: helperEmail(h), personId: personId(helperEmail(h)), sessionId: `bench-session-${h + 1}`, operator: false });

/** One tap, by one of two paths: what it answered, and when it started and ended (the check-in time lies between). */
type TapPath = (seeded: Seeded, tap: Tap) => Promise<{ already: boolean }>;

interface Timed {
  times: number[];
  ms: number;
}

/** Every queue worked through by its own worker, all at once; each call timed. */
async function work(q: Tap[][], op: (tap: Tap) => Promise<void>): Promise<Timed> {
  const times: number[] = [];
  const started = performance.now();
  await Promise.all(q.map(async (taps) => {
    for (const tap of taps) {
      const t = performance.now();
      await op(tap);
      times.push(performance.now() - t);
    }
  }));
  times.sort((a, b) => a - b);
  return { times, ms: performance.now() - started };
}

interface TapRun extends Timed {
  tallies: Tallies;
  taps: number;
  checked: string;
}

/** The two paths a tap can take: the use case (authority, then the adapter) or the adapter alone. */
function paths(client: DynamoDBClient, tableName: string): { useCase: TapPath; adapter: TapPath } {
  const checkIns = dynamoCheckIns(client, tableName);
  const deps: CheckInDeps = {
    events: dynamoEventsRepository(client, tableName), networks: dynamoNetworksRepository(client, tableName),
    rsvps: dynamoRsvpsRepository(client, tableName), checkIns, codeAttempts: dynamoCodeAttempts(client, tableName),
    clock: systemClock, clientIp: () => '203.0.113.7', sessions: dynamoSessionsRepository(client, tableName), siteUrl: SITE_URL, operators: [],
  };
  return {
    useCase: async ({ event, people }, { person, helper }) => checkInUseCase(deps, event.id, { viewer: helperViewer(helper) }, people[person]!.key),
    adapter: async ({ event, people }, { person, helper }) => {
      const outcome = await checkIns.checkIn({ eventId: event.id, key: people[person]!.key, by: helperBy(helper), now: new Date() });
      if (!outcome.ok) throw new Error(`Tap on person ${person + 1} refused: ${outcome.reason}`);
      return outcome;
    },
  };
}

/** The helpers' taps along one path, then every RSVP read back and checked. */
async function tapRun(endpoint: string, tableName: string, seeded: Seeded, q: Tap[][], path: 'useCase' | 'adapter'): Promise<TapRun> {
  const m = meter();
  const tapOn = paths(m.dynamo(endpoint), tableName)[path];
  const firsts = new Map<number, { from: string; to: string; helper: number }>();
  let repeats = 0;
  const timed = await work(q, async (tap) => {
    const from = new Date().toISOString();
    const { already } = await tapOn(seeded, tap);
    const to = new Date().toISOString();
    if (already) repeats++;
    else if (firsts.has(tap.person)) throw new Error(`Person ${tap.person + 1} was checked in twice as a first tap`);
    else firsts.set(tap.person, { from, to, helper: tap.helper });
  });
  const tallies = m.take();
  const taps = q.reduce((n, x) => n + x.length, 0);
  const doubles = taps - seeded.people.length;
  // Read back: every one checked in, exactly once, during the first tap and by its helper.
  const stored = new Map((await queryAll(createDynamoClient({ region: 'eu-west-2', endpoint }), eventRsvpsQuery(tableName, seeded.event.id)))
    .map(rsvpFromItem).map((r) => [r.key, r]));
  const wrong = seeded.people.map((p, i) => ({ i, first: firsts.get(i), r: stored.get(p.key) })).filter(({ first, r }) =>
    !first || !r?.checkedInAt || r.checkedInAt < first.from || r.checkedInAt > first.to || !sameHelper(r.checkedInBy, first.helper));
  if (wrong.length || firsts.size !== seeded.people.length || repeats !== doubles) {
    throw new Error(`${path}: ${wrong.length} RSVPs not checked in exactly once during their first tap (e.g. person ${(wrong[0]?.i ?? 0) + 1}); ${firsts.size} first taps for ${seeded.people.length} people; ${repeats} repeats for ${doubles} double taps`);
  }
  return { ...timed, tallies, taps, checked: `all ${seeded.people.length} RSVPs checked in exactly once, each during its first tap and by that tap's helper; ${repeats} of ${doubles} double taps answered "already"` };
}

/** The floor: a bare UpdateItem of the same RSVP items, one per tap, from the same workers (low-level client, keys marshalled once). */
async function floorRun(endpoint: string, tableName: string, seeded: Seeded, q: Tap[][]): Promise<Timed & { tallies: Tallies }> {
  const m = meter();
  const client = m.dynamo(endpoint);
  const keys = seeded.people.map((p) => marshall(rsvpItemKey(seeded.event.id, p.key)));
  const timed = await work(q, async ({ person, helper }) => {
    const now = new Date().toISOString();
    await client.send(new UpdateItemCommand({
      TableName: tableName, Key: keys[person]!,
      UpdateExpression: 'SET floorAt = :now, floorBy = :by, updatedAt = :now',
      ExpressionAttributeValues: marshall({ ':now': now, ':by': helperBy(helper) }),
    }));
  });
  return { ...timed, tallies: m.take() };
}

const requestsOf = (t: Tallies) => [...dynamoOnly(t).values()].reduce((n, x) => n + x.requests, 0);
const unitsOf = (t: Tallies) => [...dynamoOnly(t).values()].reduce((n, x) => n + x.units, 0);
const byCommand = (t: Tallies) => [...dynamoOnly(t)].map(([n, x]) => `${x.requests} ${n}`).join(', ');

export async function benchCheckIn(options: BenchOptions = {}): Promise<Figures> {
  const { people: PEOPLE, helpers: HELPERS, doubles: DOUBLES, warmup: WARMUP } = sized(options, SIZES);
  const services = await startServices(options, 'dynamo');
  const { dynamo } = services;
  try {
    const seedClient = createDynamoClient({ region: 'eu-west-2', endpoint: dynamo.endpoint });
    const run = newId(6);
    const [warmTable, tableName] = [`signpost-bench-check-in-warm-${run}`, `signpost-bench-check-in-${run}`];
    const seeding = performance.now();
    const [warm, [forUseCase, forAdapter]] = await Promise.all([
      seed(seedClient, warmTable, 2, WARMUP.people, HELPERS),
      seed(seedClient, tableName, 2, PEOPLE, HELPERS),
    ]);
    console.log(`\nSeeded a network with a team of ${HELPERS} helpers and two published meetups under it, starting within the hour, each of ${PEOPLE} confirmed RSVPs (items written straight to the table, capacity ${PEOPLE}), in ${((performance.now() - seeding) / 1000).toFixed(1)} s; not timed.`);

    // Warm-up (not reported): every run on meetups of their own.
    const warmQueues = queues(WARMUP.people, HELPERS, WARMUP.doubles);
    await floorRun(dynamo.endpoint, warmTable, warm[1]!, warmQueues);
    await tapRun(dynamo.endpoint, warmTable, warm[0]!, warmQueues, 'useCase');
    await tapRun(dynamo.endpoint, warmTable, warm[1]!, warmQueues, 'adapter');

    // The floor just before and just after the adapter's taps, on its items (the machine is shared; the two show how
    // far it drifted); the use case's taps after them.
    const q = queues(PEOPLE, HELPERS, DOUBLES);
    const before = await floorRun(dynamo.endpoint, tableName, forAdapter!, q);
    const adapter = await tapRun(dynamo.endpoint, tableName, forAdapter!, q, 'adapter');
    const after = await floorRun(dynamo.endpoint, tableName, forAdapter!, q);
    const useCase = await tapRun(dynamo.endpoint, tableName, forUseCase!, q, 'useCase');
    const floorTimes = [...before.times, ...after.times].sort((a, b) => a - b);
    const p = (times: number[], n: number) => percentile(times, n);
    const floor = { p50: p(floorTimes, 50), p99: p(floorTimes, 99) };
    const mean = (times: number[]) => times.reduce((n, t) => n + t, 0) / times.length;
    const row = (what: string, t: Timed): [string, ...(string | number)[]] => {
      const [p50, p99] = [p(t.times, 50), p(t.times, 99)];
      return [what, HELPERS, t.times.length, p50, p99, mean(t.times), (t.times.length / t.ms) * 1000, p50 / floor.p50, p99 / floor.p99];
    };
    table(
      `Check-in taps: ${HELPERS} helpers at once on one meetup of ${PEOPLE} confirmed people, ${DOUBLES} of them tapped twice by two helpers (DynamoDB Local)`,
      [
        row('tap: dynamoCheckIns.checkIn (conditional UpdateItem, if_not_exists)', adapter),
        row('tap: check-in use case (authority + adapter)', useCase),
        row('floor: bare UpdateItem of the same items (before + after)', { times: floorTimes, ms: before.ms + after.ms }),
        row('  floor before the taps', before),
        row('  floor after the taps', after),
      ],
      ['', 'concurrency', 'writes', 'p50 ms', 'p99 ms', 'mean ms', 'taps/s', 'x floor p50', 'x floor p99'],
    );
    const per = (t: TapRun) => `${(requestsOf(t.tallies) / t.taps).toFixed(2)} requests (${byCommand(t.tallies)}), ${(unitsOf(t.tallies) / t.taps).toFixed(2)} capacity units`;
    console.log(`  per tap, use case: ${per(useCase)}`);
    console.log(`  per tap, adapter: ${per(adapter)}; the floor: ${(unitsOf(before.tallies) / before.times.length).toFixed(2)} WCU per write`);
    console.log(`  checked, use case: ${useCase.checked}`);
    console.log(`  checked, adapter: ${adapter.checked}`);
    return {
      taps: adapter.taps, people: PEOPLE, helpers: HELPERS,
      useCaseP50Ms: p(useCase.times, 50), useCaseP99Ms: p(useCase.times, 99), tapP50Ms: p(adapter.times, 50), tapP99Ms: p(adapter.times, 99),
      floorP50Ms: floor.p50, floorP99Ms: floor.p99,
      p50Ratio: p(adapter.times, 50) / floor.p50, p99Ratio: p(adapter.times, 99) / floor.p99,
      useCaseP50Ratio: p(useCase.times, 50) / floor.p50, useCaseP99Ratio: p(useCase.times, 99) / floor.p99,
      requestsPerTap: requestsOf(adapter.tallies) / adapter.taps, requestsPerUseCaseTap: requestsOf(useCase.tallies) / useCase.taps,
    };
  } finally {
    await services.stop();
  }
}
