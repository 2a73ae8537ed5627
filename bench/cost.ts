// Bench: a monthly AWS bill for a network with 50 meetups and 2,000 RSVPs a month, computed from what each user operation
// measurably costs. The real app code runs against DynamoDB Local and the SES emulator: createApp with the DynamoDB
// repositories (listing, manage page, edits, RSVPs, cancellations, event pages, the home listing), the mailer's
// deliverAll (as its stream handler calls it), the reminder sweep, the feed app and the SES events handler. Every
// DynamoDB request is counted with its ReturnConsumedCapacity (INDEXES, so GSI reads and writes are in), except that
// TransactWriteItems, which DynamoDB Local undercounts, is costed from its items' sizes before and after by DynamoDB's
// published rules (transactionCapacity). Every SendRawEmail is counted with its size, every log line with its bytes.
// The baseline, taken in the same run, is each operation's floor: the items it read, as one eventually consistent read
// of their total size (the least any read of them can cost), and the items it left behind, each written once by a
// plain PutItem (no transaction, no condition) into a table of the same design, measured. Infrastructure facts
// (function memory, alarm metrics, the sweep schedule, the access log format) come from the synthesized CDK template.
//
// The scenario runs twice: first costed (which also warms the JIT), then timed with nothing else between the clock
// readings; each operation takes its capacity from the first run and its time from the second.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import {
  BatchGetItemCommand,
  DeleteItemCommand,
  PutItemCommand,
  ScanCommand,
  type AttributeValue,
  type BatchGetItemCommandOutput,
  type ConsumedCapacity,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { SESClient } from '@aws-sdk/client-ses';
import { createApp } from '#functions/apps/api/app.ts';
import type { AppDeps } from '#functions/apps/api/deps.ts';
import { dynamoEventsRepository } from '#functions/events/dynamo-events.repository.ts';
import { dynamoRsvpsRepository } from '#functions/rsvps/dynamo-rsvps.repository.ts';
import { dynamoFeedsRepository } from '#functions/feeds/dynamo-feeds.repository.ts';
import { createFeedApp } from '#functions/apps/feeds/app.ts';
import { feedDeps } from '#functions/apps/feeds/aws-deps.ts';
import { renderCache } from '#functions/feeds/render-cache.ts';
import { cachedVersions } from '#functions/feeds/version-cache.ts';
import { configuredFeedSecret } from '#functions/feeds/secret.ts';
import { dynamoOutbox } from '#functions/mail/dynamo-outbox.ts';
import { createSesClient, sesMailer } from '#functions/mail/ses-mailer.ts';
import { catchUp, deliverAll, type DeliveryDeps } from '#functions/mail/deliver.ts';
import { reminderDeps } from '#functions/apps/reminders/aws-deps.ts';
import { dynamoRemindersRepository } from '#functions/reminders/dynamo-reminders.repository.ts';
import { sweepReminders, type SweepResult } from '#functions/reminders/sweep.ts';
import { dynamoSuppressionsRepository } from '#functions/suppression/dynamo-suppressions.repository.ts';
import { sesEventsHandler } from '#functions/suppression/ses-events.ts';
import { loadFeedsConfig, loadRemindersConfig } from '#functions/apps/config.ts';
import { fixedClock } from '#functions/core/clock.ts';
import { createLogger } from '#functions/core/log.ts';
import { createDynamoClient } from '#functions/table/client.ts';
import { ensureTable, freePort, startDynamoLocal, startSesEmulator, stop } from '#local/local-stack.ts';
import { createSignpostApp } from '#infra/signpost-app.ts';
import { NOT_FOUND_PAGE, staticPages } from '#web/routes.ts';
import { seedFeedEvents } from './seed-events.ts';
import { table } from './stats.ts';
import type { OutboxMessage } from '#functions/core/email.ts';

// ---- Prices: us-east-1 list prices as of 2026; check the AWS pricing pages ----

const PRICE = {
  dynamoWritePerMillion: 0.625, // on-demand write request units
  dynamoReadPerMillion: 0.125, // on-demand read request units
  dynamoStorageGbMonth: 0.25,
  dynamoPitrGbMonth: 0.2, // continuous backups (point-in-time recovery)
  lambdaArmGbSecond: 0.0000133334,
  lambdaPerMillion: 0.2,
  httpApiPerMillion: 1.0, // API Gateway HTTP API, first 300 million
  sesPerThousand: 0.1,
  sesAttachmentGb: 0.12, // SES charges attachments per GB; taken here as the whole MIME message (an upper bound)
  cloudFrontPer10kHttps: 0.01, // North America / Europe
  cloudFrontGbOut: 0.085, // North America / Europe, first 10 TB
  cloudFrontFunctionsPerMillion: 0.1,
  secretMonth: 0.4,
  secretsPer10kCalls: 0.05,
  alarmMetricMonth: 0.1, // standard-resolution alarm, per metric (a metric-math alarm pays for each metric in it)
  logsIngestGb: 0.5,
  logsStorageGbMonth: 0.03,
  schedulerPerMillion: 1.0,
  wafWebAclMonth: 5,
  wafRuleMonth: 1,
  wafPerMillion: 0.6,
} as const;

/** Always-free allowances (every account, indefinitely). The 12-month offers are listed apart: see FREE_12_MONTHS. */
const ALWAYS_FREE = {
  lambdaRequests: 1_000_000,
  lambdaGbSeconds: 400_000,
  dynamoStorageGb: 25,
  cloudFrontRequests: 10_000_000,
  cloudFrontGb: 1024,
  cloudFrontFunctions: 2_000_000,
  alarmMetrics: 10,
  logsGb: 5,
  schedulerInvocations: 14_000_000,
} as const;
/** Only for accounts opened before 15 July 2025, for their first year (newer accounts get credits instead). */
const FREE_12_MONTHS = 'API Gateway 1M HTTP API calls and SES 3,000 messages a month';

// ---- The workload: 50 meetups and 2,000 RSVPs a month, and what we assume around them ----

const MONTH = {
  meetups: 50,
  rsvps: 2000,
  days: 30,
  /** A quarter of RSVPs are cancelled later; conservatively, every cancellation hands its place to someone waiting. */
  cancelShare: 0.25,
  /** "day" for everyone with a place, "soon" for meetups with a joining link: at most 2 per confirmed RSVP. */
  remindersPerConfirmed: 2,
  managePageViewsPerMeetup: 3,
  descriptionEditsPerMeetup: 1,
  /** A fifth of meetups change time, place or link (or are cancelled) once: each person going gets one notice. */
  noticeMeetupShare: 0.2,
  /** Event page views per RSVP, all reaching the API (CloudFront keeps an event page only 30 s). */
  eventPageViewsPerRsvp: 5,
  /** Home page listing calls (GET /api/events) per RSVP. */
  listingCallsPerRsvp: 2,
  /** Subscriptions to public feeds (whole site, networks, tags, events) and to personal feeds, in steady state. */
  publicSubscriptions: 300,
  personalSubscriptions: 1000,
  /** Google polls every 8-24 h (taken as twice a day); Apple and Outlook about hourly. */
  googleShare: 0.3,
  googlePollsPerDay: 2,
  otherPollsPerDay: 24,
  /** Distinct public feed URLs polled (path × ?alarm= × encoding), and the CloudFront caches a URL's polls spread over. */
  publicFeedUrls: 20,
  edgeCaches: 2,
  /** CloudFront keeps public feeds this long (max-age=300). */
  feedCacheSeconds: 300,
  /** Lambda instances holding a feed's render at once: a render happens per feed change (and day) per instance. */
  feedInstances: 2,
  /** Feed URLs each meetup change touches (the whole site, its network, a tag), and saves per meetup that change them. */
  facetsPerMeetup: 3,
  feedChangesPerMeetup: 3,
  /** Addresses that bounce or complain, as a share of emails (each is one SES events invocation). */
  bounceShare: 0.02,
  /** Static requests per page view (the page or its assets: HTML, script, stylesheet). */
  staticRequestsPerPage: 3,
  staticBytesPerPage: 40_000,
} as const;

/** Lambda duration assumptions: measured timings here, stretched to the CPU share of the function's memory. */
const LAMBDA = {
  /** Lambda gives one full vCPU at 1,769 MB; a 512 MB function gets 29% of one. */
  fullVcpuMb: 1769,
  /** What a real SES SendRawEmail round trip adds over the local emulator's (assumed). */
  sesExtraMs: 40,
  /** INIT per cold start, billed since August 2025 (REFERENCE.md: ~375 ms for a realistic bundled function). */
  initMs: 400,
  /**
   * Cold starts: at most this many a month per function (twice an hour; idle environments are reclaimed within
   * minutes), except the sweep, taken as cold on every run (5 minutes apart, at the edge of an idle environment's life).
   */
  maxColdStartsPerMonth: 1440,
  /** Lambda's own records per invocation in a JSON-format log group (platform.start, platform.report), assumed. */
  platformLogBytes: 500,
} as const;

// ---- The scenario's fixed facts ----

const NOW = '2030-06-12T09:00:00.000Z';
const SITE_URL = 'https://events.example.org';
const MAIL_FROM = 'Signpost <events@example.org>';
const FEED_SECRET = 'bench-feed-secret-0123456789abcdefghij';
const SEEDED_MEETUPS = 100;
const MIN = 60_000;

// ---- Counting DynamoDB requests, capacity and the items touched ----

const READS = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan', 'TransactGetItems']);

interface CommandTally {
  requests: number;
  failed: number;
  rru: number;
  wru: number;
  /** WRU as DynamoDB Local reports them (for transactions it undercounts: see transactionCapacity). */
  localWru: number;
  /** Of rru + wru, what the index consumed. */
  gsi: number;
  /** Items the reads returned, and the items writes named: "PK\u0001SK". */
  read: Set<string>;
  written: Set<string>;
}
type Tallies = Map<string, CommandTally>;

type Item = Record<string, AttributeValue>;
const keyOf = (item: Item | undefined) => (item?.PK?.S !== undefined && item.SK?.S !== undefined ? `${item.PK.S}\u0001${item.SK.S}` : undefined);
const keyItem = (key: string): Item => {
  const [pk, sk] = key.split('\u0001');
  return { PK: { S: pk! }, SK: { S: sk! } };
};

/** The items a write request names (ConditionCheck only reads, so it is not among them). */
function writtenKeys(command: string, input: Record<string, any>): string[] {
  const keys: (string | undefined)[] = [];
  if (command === 'PutItem') keys.push(keyOf(input.Item));
  if (command === 'UpdateItem' || command === 'DeleteItem') keys.push(keyOf(input.Key));
  if (command === 'TransactWriteItems') {
    for (const t of input.TransactItems ?? []) keys.push(keyOf(t.Put?.Item ?? t.Update?.Key ?? t.Delete?.Key));
  }
  if (command === 'BatchWriteItem') {
    for (const requests of Object.values(input.RequestItems ?? {}) as any[]) {
      for (const r of requests) keys.push(keyOf(r.PutRequest?.Item ?? r.DeleteRequest?.Key));
    }
  }
  return keys.filter((k): k is string => k !== undefined);
}

/** The items a read returned. */
function readKeys(output: Record<string, any>): string[] {
  const items: Item[] = [output.Item, ...(output.Items ?? []), ...Object.values(output.Responses ?? {}).flat()].filter(Boolean);
  return items.map(keyOf).filter((k): k is string => k !== undefined);
}

/** DynamoDB's item size for capacity: attribute names and values, approximately (numbers: ~1 byte per 2 digits). */
function itemSize(item: Item): number {
  const value = (v: AttributeValue): number => {
    if (v.S !== undefined) return Buffer.byteLength(v.S);
    if (v.N !== undefined) return Math.ceil(v.N.replace(/^-|\.|^0+/g, '').length / 2) + 1;
    if (v.B !== undefined) return v.B.length;
    if (v.BOOL !== undefined || v.NULL !== undefined) return 1;
    if (v.L) return 3 + v.L.reduce((n, x) => n + 1 + value(x), 0);
    if (v.M) return 3 + Object.entries(v.M).reduce((n, [k, x]) => n + 1 + Buffer.byteLength(k) + value(x), 0);
    if (v.SS) return v.SS.reduce((n, x) => n + Buffer.byteLength(x), 0);
    return 8;
  };
  return Object.entries(item).reduce((n, [k, v]) => n + Buffer.byteLength(k) + value(v), 0);
}
const kb = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));
const inIndex = (item: Item | undefined) => item?.GSI1PK !== undefined && item.GSI1SK !== undefined;

/**
 * What a TransactWriteItems costs by DynamoDB's published rules, from each item before and after: 2 WRU per KB of the
 * larger of the two per action (a ConditionCheck is taken as a write of the item it checks), and 1 WRU per KB for each
 * index entry written or removed (index updates propagate after the commit, as ordinary writes; a moved index key is a
 * removal and a write). DynamoDB Local's own ConsumedCapacity for a transaction of several items is too low: two
 * 1.5 KB Puts in one transaction report 4 table WRU, not 8.
 */
function transactionCapacity(actions: { kind: string }[], before: (Item | undefined)[], after: (Item | undefined)[]) {
  let table = 0;
  let gsi = 0;
  actions.forEach((a, i) => {
    const old = before[i];
    const now = a.kind === 'ConditionCheck' ? old : after[i];
    table += 2 * kb(Math.max(old ? itemSize(old) : 0, now ? itemSize(now) : 0));
    if (a.kind === 'ConditionCheck') return;
    const moved = inIndex(old) && inIndex(now) && (old!.GSI1PK!.S !== now!.GSI1PK!.S || old!.GSI1SK!.S !== now!.GSI1SK!.S);
    if (inIndex(old) && (!inIndex(now) || moved)) gsi += kb(itemSize(old!));
    if (inIndex(now)) gsi += kb(itemSize(now!));
  });
  return { wru: table + gsi, gsi };
}

/**
 * A DynamoDB client that counts every request, its capacity and the items it touched. With `modelTransactions`, it
 * reads each transaction's items before and after (on another client) to cost it: accurate, but slower, so the run
 * that times the operations leaves it off.
 */
function dynamoMeter(endpoint: string, modelTransactions: boolean) {
  let tallies: Tallies = new Map();
  const tally = (name: string) => {
    let t = tallies.get(name);
    if (!t) tallies.set(name, (t = { requests: 0, failed: 0, rru: 0, wru: 0, localWru: 0, gsi: 0, read: new Set(), written: new Set() }));
    return t;
  };
  const reader = createDynamoClient({ region: 'eu-west-2', endpoint });
  type Action = { kind: string; table: string; key: string };
  const current = async (actions: Action[]) => {
    const items = await itemsAt(reader, actions[0]!.table, actions.map((a) => a.key), true);
    return actions.map((a) => items.get(a.key));
  };
  const client = createDynamoClient({ region: 'eu-west-2', endpoint });
  client.middlewareStack.add((next, context) => async (args) => {
    const input = args.input as Record<string, any>;
    input.ReturnConsumedCapacity = 'INDEXES';
    const name = (context.commandName ?? 'unknown').replace(/Command$/, '');
    const t = tally(name);
    t.requests++;
    const modelled = modelTransactions && name === 'TransactWriteItems';
    const actions: Action[] = modelled
      ? (input.TransactItems as Record<string, { TableName: string; Item?: Item; Key?: Item }>[]).map((item) => {
          const [kind, action] = Object.entries(item)[0]!;
          return { kind, table: action.TableName, key: keyOf(action.Item ?? action.Key)! };
        })
      : [];
    const before = modelled ? await current(actions) : [];
    try {
      const out = await next(args);
      const output = out.output as Record<string, any>;
      const consumed = [(output.ConsumedCapacity as ConsumedCapacity | ConsumedCapacity[] | undefined) ?? []].flat();
      const units = consumed.reduce((n, c) => n + (c.CapacityUnits ?? 0), 0);
      const gsi = consumed.reduce((n, c) => n + Object.values(c.GlobalSecondaryIndexes ?? {}).reduce((s, i) => s + (i.CapacityUnits ?? 0), 0), 0);
      if (READS.has(name)) {
        t.rru += units;
        t.gsi += gsi;
      } else if (modelled) {
        const cost = transactionCapacity(actions, before, await current(actions));
        t.wru += cost.wru;
        t.gsi += cost.gsi;
        t.localWru += units;
      } else {
        t.wru += units;
        t.gsi += gsi;
        t.localWru += units;
      }
      for (const k of readKeys(output)) t.read.add(k);
      // Only writes that happened: a refused attempt (full, so try the waitlist) leaves nothing behind.
      for (const k of writtenKeys(name, input)) t.written.add(k);
      return out;
    } catch (error) {
      // A refused conditional write or cancelled transaction: DynamoDB Local reports no capacity for it.
      t.failed++;
      throw error;
    }
  }, { step: 'initialize', name: 'costMeter' });
  return {
    client,
    /** What was counted since the last take. */
    take(): Tallies {
      const taken = tallies;
      tallies = new Map();
      return taken;
    },
  };
}

function sesMeter(endpoint: string) {
  const counts = { sends: 0, bytes: 0 };
  const client: SESClient = createSesClient({ region: 'eu-west-2', endpoint });
  client.middlewareStack.add((next) => async (args) => {
    counts.sends++;
    counts.bytes += (args.input as { RawMessage?: { Data?: Uint8Array } }).RawMessage?.Data?.length ?? 0;
    return next(args);
  }, { step: 'initialize', name: 'costMeter' });
  return { client, counts };
}

// ---- What one operation costs ----

type Fn = 'api' | 'feeds' | 'mailer' | 'reminders' | 'sesEvents';

interface Cost {
  requests: number;
  failed: number;
  rru: number;
  wru: number;
  localWru: number;
  gsi: number;
  emails: number;
  sesSends: number;
  sesBytes: number;
  /** Lambda invocations (an HTTP request is one; sweep work is part of a sweep's invocation). */
  invocations: number;
  wallMs: number;
  cpuMs: number;
  logBytes: number;
  /** HTTP response bytes (for CloudFront's data out). */
  responseBytes: number;
  floorRru: number;
  floorWru: number;
}

const zero = (): Cost => ({
  requests: 0, failed: 0, rru: 0, wru: 0, localWru: 0, gsi: 0, emails: 0, sesSends: 0, sesBytes: 0, invocations: 0,
  wallMs: 0, cpuMs: 0, logBytes: 0, responseBytes: 0, floorRru: 0, floorWru: 0,
});
const add = (a: Cost, b: Partial<Cost>, k = 1): Cost => {
  const out = { ...a };
  for (const [name, v] of Object.entries(b) as [keyof Cost, number][]) out[name] += v * k;
  return out;
};

interface Op {
  name: string;
  fn: Fn;
  /** How many times it ran; `total` sums them all. */
  count: number;
  total: Cost;
  /** The HTTP requests or calls it is made of, for the table. */
  steps: string;
  /** Each run's time (a share of a sweep for its claims), for a median: the machine is shared, so means wander. */
  samples: { wallMs: number; cpuMs: number }[];
}
const per = (op: Op): Cost => add(zero(), op.total, 1 / op.count);

/** Totals of some commands of a tally (all, unless named), and the keys they touched. */
function sumTallies(t: Tallies, only?: (command: string) => boolean) {
  const sum = { requests: 0, failed: 0, rru: 0, wru: 0, localWru: 0, gsi: 0, read: new Set<string>(), written: new Set<string>(), outbox: 0 };
  for (const [name, x] of t) {
    if (only && !only(name)) continue;
    sum.requests += x.requests; sum.failed += x.failed; sum.rru += x.rru; sum.wru += x.wru; sum.localWru += x.localWru; sum.gsi += x.gsi;
    for (const k of x.read) sum.read.add(k);
    for (const k of x.written) sum.written.add(k);
  }
  for (const k of sum.written) if (k.startsWith('OUTBOX#')) sum.outbox++;
  return sum;
}

// ---- The floor: the same items, read and written the cheapest way ----

/** The written items as they were right after the step that last wrote them (undefined: deleted again). */
type Snapshot = Map<string, Item | undefined>;

/** The items at these keys, by key (absent: no such item), with BatchGetItem. */
async function itemsAt(client: DynamoDBClient, tableName: string, keys: Iterable<string>, consistent: boolean): Promise<Map<string, Item>> {
  const all = [...new Set(keys)];
  const found = new Map<string, Item>();
  for (let i = 0; i < all.length; i += 100) {
    let pending: Item[] | undefined = all.slice(i, i + 100).map(keyItem);
    while (pending?.length) {
      const out: BatchGetItemCommandOutput = await client.send(new BatchGetItemCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: consistent } } }));
      for (const item of out.Responses?.[tableName] ?? []) found.set(keyOf(item)!, item);
      pending = out.UnprocessedKeys?.[tableName]?.Keys;
    }
  }
  return found;
}

async function snapshot(plain: DynamoDBClient, tableName: string, keys: Set<string>, into: Snapshot = new Map()): Promise<Snapshot> {
  const items = await itemsAt(plain, tableName, keys, true);
  for (const key of keys) into.set(key, items.get(key));
  return into;
}

/**
 * The floor of an operation: reading the items it read as one eventually consistent read of their total size (0.5 RRU
 * per 4 KB, the least any read of them can cost), and writing the items it left behind once each with a plain PutItem
 * into a table of the same design (measured: DynamoDB Local reports single-item writes correctly, index included).
 */
async function floorOf(plain: DynamoDBClient, tableName: string, floorTable: string, read: Set<string>, written: Snapshot) {
  const readBytes = [...(await itemsAt(plain, tableName, read, false)).values()].reduce((n, item) => n + itemSize(item), 0);
  const rru = readBytes ? 0.5 * Math.ceil(readBytes / 4096) : 0;
  const present = [...written].filter((e): e is [string, Item] => e[1] !== undefined);
  // Written and deleted again (a change notice, once sent): one delete each.
  let wru = written.size - present.length;
  // A fresh put each time: replacing an item costs the larger of the two sizes.
  await Promise.all(present.map(([key]) => plain.send(new DeleteItemCommand({ TableName: floorTable, Key: keyItem(key) }))));
  const puts = await Promise.all(present.map(([, item]) => plain.send(new PutItemCommand({ TableName: floorTable, Item: item, ReturnConsumedCapacity: 'TOTAL' }))));
  wru += puts.reduce((n, out) => n + (out.ConsumedCapacity?.CapacityUnits ?? 0), 0);
  return { floorRru: rru, floorWru: wru };
}

// ---- Links in the emails the flows queue ----

const grab = (messages: OutboxMessage[], pattern: RegExp, to?: string) => {
  for (const m of messages) {
    if (to && m.to !== to) continue;
    const found = pattern.exec(m.text);
    if (found) return found;
  }
  throw new Error(`No link matching ${pattern} in ${messages.length} emails${to ? ` to ${to}` : ''}`);
};
const LINKS = {
  listing: /\/confirm\/([a-z0-9]+)#token=([\w-]+)/,
  rsvpConfirm: /\/rsvp\/([a-z0-9]+)\/([0-9a-f]+)#token=([\w-]+)/,
  rsvpCancel: /\/rsvp\/([a-z0-9]+)\/([0-9a-f]+)\/cancel#token=([\w-]+)/,
  personalFeed: /\/calendar\/me\/([0-9a-f]{24}[A-Za-z0-9_-]{43})\.ics/,
};

// ---- One run of every operation ----

const TABLE = 'signpost-bench-cost';

/** The table (and its floor twin) with the published meetups a network has in its feed window. */
async function prepare(dynamoEndpoint: string): Promise<void> {
  const plain = createDynamoClient({ region: 'eu-west-2', endpoint: dynamoEndpoint });
  await ensureTable(plain, TABLE);
  await ensureTable(plain, `${TABLE}-floor`);
  // Written a minute before the scenario's now, so the feeds treat them as settled.
  await seedFeedEvents(dynamoEventsRepository(plain, TABLE), new Date(Date.parse(NOW) - MIN), SEEDED_MEETUPS, 16);
}

/** The API app and the feed app, as far as the bench calls them. */
type Requestable = { request(path: string, init: RequestInit): Response | Promise<Response> };

interface RunResult {
  ops: Op[];
  /** Bytes a year of data would take, by kind, from this run's items. */
  storage: { perMeetup: number; perRsvp: number; perSentEmail: number; fixed: number };
  emailsInEmulator: number;
  emailsDelivered: number;
  /** The whole-site feed, gzipped, as CloudFront hands it to every public poll. */
  feedBytes: { publicGzip: number };
}

/**
 * Runs every operation once more (new meetups, new people). `costing`: transactions costed from their items (slow)
 * and each operation's floor taken; without it, nothing but the operations runs between the clock readings.
 */
async function scenario(dynamoEndpoint: string, sesEndpoint: string, costing: boolean): Promise<RunResult> {
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
  async function operation<T>(name: string, fn: Fn, steps: string, work: (step: <S>(run: () => Promise<S>, invocations?: number) => Promise<S>) => Promise<T>): Promise<T> {
    const op = opFor(name, fn, steps);
    let cost = zero();
    const read = new Set<string>();
    const written: Snapshot = new Map();
    const step = async <S>(run: () => Promise<S>, invocations = 1): Promise<S> => {
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

  // ---- The meetups ----

  const meetup = (n: number, overrides: Record<string, unknown> = {}) => ({
    title: `Cataloguing cafe ${n}: RDA questions answered`,
    description: 'Bring your trickiest records. Experienced cataloguers answer questions in a relaxed lunchtime session.\nNotes afterwards: https://notes.example.org/rda',
    start: `2030-06-${15 + 3 * n}T18:00`,
    end: `2030-06-${15 + 3 * n}T19:00`,
    timezone: 'Europe/London',
    format: 'online',
    onlineUrl: `https://meet.example.org/cafe-${n}`,
    organiserName: 'Aoife',
    organiserEmail: `organiser${n}-${run}@example.org`,
    network: 'Library Information Network Ireland',
    tags: ['Cataloguing', 'CPD'],
    ...overrides,
  });

  interface Listed { id: string; token: string; version: number; input: Record<string, unknown>; path: string }
  const listed: Listed[] = [];
  for (const [n, overrides] of [[0, { capacity: 8 }], [1, { format: 'in_person', onlineUrl: undefined, venue: 'Central Library\nDublin 1' }], [2, {}], [3, {}]] as const) {
    const input = meetup(n, overrides);
    const id = await operation('list a meetup', 'api', 'POST /api/events; confirm page: POST …/manage, POST …/publish', async (step) => {
      await step(() => http(app, 'POST', '/api/events', 202, input));
      const [, eventId, token] = grab(await deliverQueued(), LINKS.listing, input.organiserEmail);
      await step(() => http(app, 'POST', `/api/events/${eventId}/manage`, 200, { token }));
      const published = await step(() => http(app, 'POST', `/api/events/${eventId}/publish`, 200, { token }));
      const event = JSON.parse(published.text) as { version: number; url: string };
      listed.push({ id: eventId!, token: token!, version: event.version, input, path: new URL(event.url).pathname });
      return eventId;
    });
    if (!id) throw new Error('no meetup id');
  }
  const [m1, m2, m3] = listed as [Listed, Listed, Listed, Listed];

  for (const m of listed) {
    await operation('organiser opens the manage page', 'api', 'POST …/manage, POST …/attendees', async (step) => {
      await step(() => http(app, 'POST', `/api/events/${m.id}/manage`, 200, { token: m.token }));
      await step(() => http(app, 'POST', `/api/events/${m.id}/attendees`, 200, { token: m.token }));
    });
  }
  for (const m of [m2, m3]) {
    await operation('edit (description)', 'api', 'PUT /api/events/:id', async (step) => {
      const edited = await step(() => http(app, 'PUT', `/api/events/${m.id}`, 200, { ...m.input, description: `${m.input.description as string}\nRoom 2 this time.`, token: m.token, version: m.version }));
      m.version = (JSON.parse(edited.text) as { version: number }).version;
    });
  }

  // ---- RSVPs: 10 for 8 places on the first meetup (2 wait), 4 on the second ----

  interface Person { email: string; eventId: string; key: string; cancelToken: string; feedToken: string }
  const people: Person[] = [];
  for (const [m, count] of [[m1, 10], [m2, 4]] as const) {
    for (let i = 0; i < count; i++) {
      const email = `person${people.length + 1}-${run}@example.org`;
      await operation('RSVP (request, then confirm from the email)', 'api', 'GET /events/:id/:slug is counted apart; POST …/rsvps; RSVP page: GET /api/events/:id, POST …/confirm', async (step) => {
        await step(() => http(app, 'POST', `/api/events/${m.id}/rsvps`, 202, { name: `Person ${people.length + 1}`, email }));
        const [, , key, token] = grab(await deliverQueued(), LINKS.rsvpConfirm, email);
        await step(() => http(app, 'GET', `/api/events/${m.id}`, 200));
        await step(() => http(app, 'POST', `/api/events/${m.id}/rsvps/${key}/confirm`, 200, { token }));
        const mails = await deliverQueued();
        const [, , , cancelToken] = grab(mails, LINKS.rsvpCancel, email);
        const [, feedToken] = grab(mails, LINKS.personalFeed, email);
        people.push({ email, eventId: m.id, key: key!, cancelToken: cancelToken!, feedToken: feedToken! });
      });
    }
  }

  const cancel = (name: string, p: Person) =>
    operation(name, 'api', 'cancel page: GET /api/events/:id, POST …/cancel', async (step) => {
      await step(() => http(app, 'GET', `/api/events/${p.eventId}`, 200));
      await step(() => http(app, 'POST', `/api/events/${p.eventId}/rsvps/${p.key}/cancel`, 200, { token: p.cancelToken }));
    });
  for (const p of people.filter((x) => x.eventId === m1.id).slice(0, 2)) {
    await cancel('cancel, the place goes to the first waiting', p);
    await deliverQueued();
  }
  for (const p of people.filter((x) => x.eventId === m2.id).slice(0, 2)) await cancel('cancel, nobody waiting', p);

  // The first meetup moves an hour later: a change notice, due 5 minutes on.
  await operation('edit (new time: notice to everyone going)', 'api', 'PUT /api/events/:id', async (step) => {
    await step(() => http(app, 'PUT', `/api/events/${m1.id}`, 200, { ...m1.input, start: '2030-06-15T19:00', end: '2030-06-15T20:00', token: m1.token, version: m1.version }));
  });
  const m1StartUtc = Date.parse('2030-06-15T18:00:00.000Z'); // 19:00 BST

  for (const m of listed) await operation('event page view', 'api', 'GET /events/:id/:slug', (step) => step(() => http(app, 'GET', m.path, 200)));
  for (const query of ['', '?network=library-information-network-ireland', '?tag=cpd', '', '?format=online']) {
    await operation('home page listing', 'api', 'GET /api/events', (step) => step(() => http(app, 'GET', `/api/events${query}`, 200)));
  }

  // ---- Feeds (a minute after the last change, so answers carry validators) ----

  clock.set(new Date(Date.parse(NOW) + MIN).toISOString());
  const gzip = { 'accept-encoding': 'gzip' };
  const first = await http(feeds, 'GET', '/calendar.ics', 200, undefined, gzip);
  const etag = first.headers.get('etag');
  if (!etag) throw new Error('The public feed carries no ETag');
  const feedBytes = { publicGzip: first.bytes };
  const inFeed = gunzipSync(first.raw).toString('utf8').split('BEGIN:VEVENT').length - 1;
  for (let i = 0; i < 5; i++) {
    await operation('public feed poll reaching the function (304)', 'feeds', 'GET /calendar.ics, If-None-Match: version GetItem', (step) =>
      step(() => http(feeds, 'GET', '/calendar.ics', 304, undefined, { ...gzip, 'if-none-match': etag })));
  }
  for (let i = 0; i < 3; i++) {
    const fresh = feedApp(); // an empty render cache: a new instance, a new day or a changed feed
    await operation('public feed render', 'feeds', `GET /calendar.ics with ${inFeed} meetups, gzipped: version GetItem, a Query per month on GSI1, BatchGetItem of the meetups, render`, (step) =>
      step(() => http(fresh, 'GET', '/calendar.ics', 200, undefined, gzip)));
  }
  const person = people.filter((p) => p.eventId === m1.id)[2]!; // still going: the first two cancelled
  const personalPath = `/calendar/me/${person.feedToken}.ics`;
  for (let i = 0; i < 5; i++) {
    await operation('personal feed poll (200)', 'feeds', 'GET /calendar/me/…: a Query of the person\'s partition (record + RSVP links), BatchGetItem of RSVPs and meetups, render', (step) =>
      step(() => http(feeds, 'GET', personalPath, 200, undefined, gzip)));
  }
  const personalTag = (await http(feeds, 'GET', personalPath, 200, undefined, gzip)).headers.get('etag')!;
  for (let i = 0; i < 5; i++) {
    await operation('personal feed poll (304)', 'feeds', 'the same reads, no render', (step) =>
      step(() => http(feeds, 'GET', personalPath, 304, undefined, { ...gzip, 'if-none-match': personalTag })));
  }

  // ---- The mailer's catch-up schedule, finding nothing (everything went out through the stream) ----
  for (let i = 0; i < 3; i++) {
    await operation('mail catch-up run, nothing pending', 'mailer', 'a Query of the pending outbox partition, older than 15 minutes', (step) =>
      step(async () => {
        const result = await catchUp(delivery);
        if (result.sent + result.failed + result.givenUp !== 0) throw new Error(`The catch-up found work: ${JSON.stringify(result)}`);
        return result;
      }));
  }

  // ---- Sweeps: change notices, reminders, and the run that finds nothing ----

  const going = people.filter((p) => p.eventId === m1.id).length - 2; // two cancelled, two promoted in their place
  const sweep = async (at: number) => {
    clock.set(new Date(at).toISOString());
    const m = await measured(() => sweepReminders(sweepDeps));
    const written = await keep(sumTallies(m.tallies).written); // before the mailer marks the emails sent
    await deliverQueued();
    return { ...m, result: m.value as SweepResult, written };
  };
  const noticeSweep = await sweep(Date.parse(NOW) + 6 * MIN);
  if (noticeSweep.result.notices !== going) throw new Error(`The notice sweep queued ${noticeSweep.result.notices} notices, wanted ${going}`);
  const daySweep = await sweep(m1StartUtc - 23 * 60 * MIN);
  const soonSweep = await sweep(m1StartUtc - 50 * MIN);
  if (daySweep.result.queued !== going || soonSweep.result.queued !== going) {
    throw new Error(`Reminder sweeps queued ${daySweep.result.queued} and ${soonSweep.result.queued}, wanted ${going} each`);
  }
  const idle: Awaited<ReturnType<typeof sweep>>[] = [];
  for (let i = 0; i < 3; i++) idle.push(await sweep(m1StartUtc - (40 - i) * MIN));
  // The idle sweep: one invocation, its own floor.
  /** "2 Query + 1 UpdateItem": the requests of a tally, less those of another. */
  const commands = (t: Tallies, less?: Tallies) =>
    [...t]
      .map(([name, x]) => [name, x.requests - (less?.get(name)?.requests ?? 0)] as const)
      .filter(([, n]) => n > 0)
      .map(([name, n]) => `${n} ${name}`)
      .join(' + ');
  const idleOp = opFor('reminder sweep run, nothing due', 'reminders', `${commands(idle[0]!.tallies)} (the meetups starting within a day, the due change notices)`);
  for (const m of idle) {
    const s = sumTallies(m.tallies);
    idleOp.total = add(idleOp.total, { ...m.cost, invocations: 1, ...(await floor(s.read, m.written)) });
    idleOp.count++;
    idleOp.samples.push({ wallMs: m.cost.wallMs, cpuMs: m.cost.cpuMs });
  }
  const idleCost = per(idleOp);
  const idleTime = { wallMs: median(idleOp.samples.map((x) => x.wallMs)), cpuMs: median(idleOp.samples.map((x) => x.cpuMs)) };

  /** Splits a busy sweep: per claim (its TransactWriteItems) and, beyond an idle run, per meetup due (or notice). */
  const split = async (m: typeof daySweep, claimOp: string, claimSteps: string, overheadOp: string, overheadSteps: string, claims: number, overheads: number) => {
    const claim = sumTallies(m.tallies, (c) => c === 'TransactWriteItems');
    const rest = sumTallies(m.tallies, (c) => c !== 'TransactWriteItems');
    const only = (keys: Set<string>): Snapshot => new Map([...m.written].filter(([k]) => keys.has(k)));
    const claimFloor = await floor(claim.read, only(claim.written));
    const restFloor = await floor(rest.read, only(rest.written));
    const c = opFor(claimOp, 'reminders', claimSteps);
    // The sweep's time and logs beyond an idle run are put on its claims; it is one invocation, already an idle run's.
    const time = { wallMs: Math.max(0, m.cost.wallMs - idleTime.wallMs), cpuMs: Math.max(0, m.cost.cpuMs - idleTime.cpuMs) };
    c.total = add(c.total, {
      requests: claim.requests, failed: claim.failed, rru: claim.rru, wru: claim.wru, localWru: claim.localWru, gsi: claim.gsi, emails: claim.outbox,
      ...time, logBytes: m.cost.logBytes - idleCost.logBytes, ...claimFloor,
    });
    c.count += claims;
    c.samples.push({ wallMs: time.wallMs / claims, cpuMs: time.cpuMs / claims });
    const o = opFor(overheadOp, 'reminders', `${overheadSteps} (${commands(new Map([...m.tallies].filter(([c]) => c !== 'TransactWriteItems')), idle[0]!.tallies)} beyond an idle run, for ${overheads})`);
    o.total = add(o.total, {
      requests: Math.max(0, rest.requests - idleCost.requests), rru: Math.max(0, rest.rru - idleCost.rru),
      wru: Math.max(0, rest.wru - idleCost.wru), localWru: Math.max(0, rest.localWru - idleCost.localWru), gsi: Math.max(0, rest.gsi - idleCost.gsi),
      floorRru: Math.max(0, restFloor.floorRru - idleCost.floorRru), floorWru: Math.max(0, restFloor.floorWru - idleCost.floorWru),
    });
    o.count += overheads;
  };
  await split(noticeSweep, 'change notice, per person', 'claim TransactWriteItems (RSVP + outbox email)', 'change notice, per meetup', 'read the meetup and its RSVPs, delete the notice', going, 1);
  // A seeded meetup (no RSVPs) may fall due in the same sweep as the first meetup: per meetup, both count.
  for (const busy of [daySweep, soonSweep]) {
    await split(busy, 'reminder, per person', 'claim TransactWriteItems (meetup check + RSVP + outbox email)', 'reminders, per meetup due', 'its RSVPs Query, then mark it done', going, busy.result.events);
  }

  // ---- SES: a bounce reported through EventBridge ----

  for (const p of people.slice(-2)) {
    await operation('bounce or complaint recorded', 'sesEvents', 'UpdateItem PERSON#<hash>/SUPPRESSED', (step) =>
      step(() => sesEvents({
        source: 'aws.ses', 'detail-type': 'Email Bounced',
        detail: { eventType: 'Bounce', mail: { messageId: 'bench' }, bounce: { bounceType: 'Permanent', bounceSubType: 'General', bouncedRecipients: [{ emailAddress: p.email }] } },
      })));
  }

  const emailsInEmulator = ((await (await fetch(`${sesEndpoint}/store`)).json()) as { emails: unknown[] }).emails.length;
  return {
    ops: [...ops.values()],
    storage: await storageFacts(plain, tableName, delivered.length),
    emailsInEmulator,
    emailsDelivered: delivered.length,
    feedBytes,
  };
}

// ---- Storage: what the run left in the table, by kind ----

/** Storage billing adds 100 bytes to each item, and to each copy of it in the index. */
const storedBytes = (item: Item) => (itemSize(item) + 100) * (inIndex(item) ? 2 : 1);

async function storageFacts(plain: DynamoDBClient, tableName: string, emails: number) {
  const kinds = { meetup: 0, meetups: 0, rsvp: 0, rsvps: 0, outbox: 0, fixed: 0 };
  let start: Item | undefined;
  do {
    const out = await plain.send(new ScanCommand({ TableName: tableName, ...(start ? { ExclusiveStartKey: start } : {}) }));
    for (const item of out.Items ?? []) {
      const pk = item.PK?.S ?? '';
      const sk = item.SK?.S ?? '';
      const bytes = storedBytes(item);
      if (pk.startsWith('EVENT#') && (sk === 'EVENT' || sk.startsWith('LIST#'))) {
        kinds.meetup += bytes;
        if (sk === 'EVENT') kinds.meetups++;
      } else if (pk.startsWith('EVENT#') && sk.startsWith('RSVP#')) {
        kinds.rsvp += bytes;
        kinds.rsvps++;
      } else if (pk.startsWith('PERSON#') && sk !== 'SUPPRESSED') kinds.rsvp += bytes;
      else if (pk.startsWith('OUTBOX#')) kinds.outbox += bytes;
      else kinds.fixed += bytes; // feed versions, rate-limit counters (TTL: an hour), suppressions
    }
    start = out.LastEvaluatedKey;
  } while (start);
  return { perMeetup: kinds.meetup / kinds.meetups, perRsvp: kinds.rsvp / kinds.rsvps, perSentEmail: kinds.outbox / Math.max(1, emails), fixed: kinds.fixed };
}

// ---- The deployed shape, from the synthesized template ----

interface Infra {
  memoryMb: Record<Fn, number>;
  alarms: number;
  alarmMetrics: number;
  sweepMinutes: number;
  catchUpMinutes: number;
  accessLogBytes: number;
  logGroups: number;
  secrets: number;
  arm64: boolean;
}

function synthesizedInfra(): Infra {
  const dir = mkdtempSync(join(tmpdir(), 'signpost-cost-'));
  try {
    const webDir = join(dir, 'web');
    mkdirSync(join(webDir, 'assets'), { recursive: true });
    for (const file of [...staticPages.map((p) => p.file), NOT_FOUND_PAGE]) writeFileSync(join(webDir, file), '<!doctype html>');
    const context = (JSON.parse(readFileSync(join(import.meta.dirname, '../cdk.json'), 'utf8')) as { context: Record<string, unknown> }).context;
    const signpost = createSignpostApp({
      webDir,
      env: {},
      appProps: {
        outdir: join(dir, 'cdk.out'),
        // Example values for the two required settings; bundling skipped (the code assets don't change the bill).
        context: { ...context, 'signpost:sender': 'events@example.org', 'signpost:alertEmail': 'alerts@example.org', 'aws:cdk:bundling-stacks': [] },
      },
    });
    const assembly = signpost.app.synth();
    const resources = (stack: string) => Object.entries(assembly.getStackByName(stack).template.Resources as Record<string, { Type: string; Properties: any }>);
    const app = resources('SignpostApp');
    const storage = resources('SignpostStorage');
    const fnIds: Record<Fn, string> = { api: 'ApiHandler', feeds: 'FeedsHandler', mailer: 'MailerHandler', reminders: 'RemindersHandler', sesEvents: 'SesEventsHandler' };
    const functions = app.filter(([, r]) => r.Type === 'AWS::Lambda::Function');
    const memoryMb = Object.fromEntries(Object.entries(fnIds).map(([fn, prefix]) => {
      const found = functions.find(([id]) => id.startsWith(prefix));
      if (!found) throw new Error(`No ${prefix}* function in the template`);
      return [fn, found[1].Properties.MemorySize as number];
    })) as Record<Fn, number>;
    const arm64 = Object.values(fnIds).every((prefix) => functions.find(([id]) => id.startsWith(prefix))![1].Properties.Architectures?.[0] === 'arm64');
    const alarms = app.filter(([, r]) => r.Type === 'AWS::CloudWatch::Alarm').map(([, r]) => r.Properties);
    const alarmMetrics = alarms.reduce((n, a) => n + (a.Metrics ? (a.Metrics as { MetricStat?: unknown }[]).filter((m) => m.MetricStat).length : 1), 0);
    const everyMinutes = (prefix: string) => {
      const schedule = app.find(([id, r]) => r.Type === 'AWS::Scheduler::Schedule' && id.startsWith(prefix))?.[1].Properties.ScheduleExpression as string;
      const minutes = Number(/rate\((\d+) minutes?\)/.exec(schedule ?? '')?.[1]);
      if (!minutes) throw new Error(`No ${prefix}* schedule with a rate in minutes in the template`);
      return minutes;
    };
    const sweepMinutes = everyMinutes('RemindersSchedule');
    const catchUpMinutes = everyMinutes('MailerCatchUp');
    const stage = app.find(([, r]) => r.Type === 'AWS::ApiGatewayV2::Stage')![1].Properties.AccessLogSettings.Format as string;
    // Each $context variable taken as 16 characters, the request time as 28.
    const accessLogBytes = stage.replace(/\$context\.requestTime/g, 'x'.repeat(28)).replace(/\$context\.[\w.]+/g, 'x'.repeat(16)).length + 1;
    return {
      memoryMb, alarms: alarms.length, alarmMetrics, sweepMinutes, catchUpMinutes, accessLogBytes, arm64,
      logGroups: app.filter(([, r]) => r.Type === 'AWS::Logs::LogGroup').length,
      secrets: storage.filter(([, r]) => r.Type === 'AWS::SecretsManager::Secret').length,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---- The month ----

interface Line {
  service: string;
  usage: string;
  full: number;
  free: number;
}

function month(ops: Map<string, Op>, infra: Infra, run: RunResult) {
  const op = (name: string) => {
    const found = ops.get(name) ?? [...ops.values()].find((o) => o.name.startsWith(name));
    if (!found) throw new Error(`No measured operation "${name}"`);
    return found;
  };
  const M = MONTH;
  const cancels = M.rsvps * M.cancelShare;
  const confirmed = M.rsvps - cancels; // each cancellation's place goes to someone waiting, who is then counted instead
  const perMeetup = confirmed / M.meetups;
  const noticeMeetups = M.meetups * M.noticeMeetupShare;
  const sweeps = (M.days * 24 * 60) / infra.sweepMinutes;
  const catchUps = (M.days * 24 * 60) / infra.catchUpMinutes;
  const pollsPerSubscription = M.days * (M.googleShare * M.googlePollsPerDay + (1 - M.googleShare) * M.otherPollsPerDay);
  const publicPolls = M.publicSubscriptions * pollsPerSubscription;
  // CloudFront keeps a feed for T after fetching it: with polls of one URL at one cache arriving at rate λ, a fetch is
  // followed by λT hits on average, so 1 / (1 + λT) of polls reach the function.
  const lambdaT = (publicPolls / (M.publicFeedUrls * M.edgeCaches) / (M.days * 86_400)) * M.feedCacheSeconds;
  const publicMissShare = 1 / (1 + lambdaT);
  const renders = M.feedInstances * (M.publicFeedUrls * M.days + M.meetups * M.feedChangesPerMeetup * M.facetsPerMeetup);
  const publicAtFunction = publicPolls * publicMissShare;

  const volume = new Map<string, number>([
    ['list a meetup', M.meetups],
    ['organiser opens the manage page', M.meetups * M.managePageViewsPerMeetup],
    ['edit (description)', M.meetups * M.descriptionEditsPerMeetup],
    ['edit (new time: notice to everyone going)', noticeMeetups],
    ['RSVP (request, then confirm from the email)', M.rsvps],
    ['cancel, the place goes to the first waiting', cancels],
    ['event page view', M.rsvps * M.eventPageViewsPerRsvp],
    ['home page listing', M.rsvps * M.listingCallsPerRsvp],
    ['change notice, per person', noticeMeetups * perMeetup],
    ['change notice, per meetup', noticeMeetups],
    ['reminder, per person', confirmed * M.remindersPerConfirmed],
    ['reminders, per meetup due', M.meetups * M.remindersPerConfirmed],
    ['reminder sweep run, nothing due', sweeps],
    ['mail catch-up run, nothing pending', catchUps],
    ['public feed poll reaching the function (304)', Math.max(0, publicAtFunction - renders)],
    ['public feed render', renders],
    ['personal feed poll (200)', M.personalSubscriptions * pollsPerSubscription],
  ]);
  // Emails: as many as the measured operations queue.
  let emails = 0;
  for (const [name, n] of volume) emails += per(op(name)).emails * n;
  volume.set('email delivered', emails);
  volume.set('bounce or complaint recorded', emails * M.bounceShare);

  // Sum every operation's costs over the month, and by function.
  let total = zero();
  const byFn = new Map<Fn, { invocations: number; ms: number; logBytes: number; responseBytes: number }>();
  const rows: [string, ...(string | number)[]][] = [];
  for (const [name, n] of volume) {
    const o = op(name);
    const c = per(o);
    total = add(total, c, n);
    const fn = byFn.get(o.fn) ?? { invocations: 0, ms: 0, logBytes: 0, responseBytes: 0 };
    const mem = infra.memoryMb[o.fn];
    // Billed time: the measured wall time, with its CPU part stretched to this memory size's share of a vCPU.
    const billedMs = c.wallMs + c.cpuMs * (LAMBDA.fullVcpuMb / mem - 1) + c.sesSends * LAMBDA.sesExtraMs;
    byFn.set(o.fn, {
      invocations: fn.invocations + c.invocations * n, ms: fn.ms + billedMs * n, logBytes: fn.logBytes + c.logBytes * n, responseBytes: fn.responseBytes + c.responseBytes * n,
    });
    rows.push([o.name, Math.round(n), o.fn, c.rru * n, c.wru * n, c.emails * n, c.invocations * n, Math.round(billedMs * n / 1000)]);
  }

  // Lambda: requests, compute (with cold starts: INIT is billed), logs.
  let invocations = 0;
  let gbSeconds = 0;
  let coldStarts = 0;
  let logBytes = 0;
  let secretCalls = 0;
  for (const [fn, f] of byFn) {
    const cold = fn === 'reminders' ? sweeps : Math.min(f.invocations, LAMBDA.maxColdStartsPerMonth);
    coldStarts += cold;
    if (fn === 'api' || fn === 'feeds' || fn === 'reminders') secretCalls += cold; // the feed link key, once per instance
    invocations += f.invocations;
    gbSeconds += ((f.ms + cold * LAMBDA.initMs) / 1000) * (infra.memoryMb[fn] / 1024);
    logBytes += f.logBytes + f.invocations * LAMBDA.platformLogBytes;
  }
  const httpRequests = (byFn.get('api')?.invocations ?? 0) + (byFn.get('feeds')?.invocations ?? 0);
  logBytes += httpRequests * infra.accessLogBytes;
  const logGb = logBytes / 1024 ** 3;

  // Storage after a year, nothing expired (an upper bound: RSVPs go 30 days after their meetup, sent emails after 7).
  const storageGb = (12 * (M.meetups * run.storage.perMeetup + M.rsvps * run.storage.perRsvp) + emails * run.storage.perSentEmail * (7 / 30) + run.storage.fixed) / 1024 ** 3;

  // CloudFront: every viewer request — pages (per RSVP: its event page views, home page visits, the RSVP page and a
  // quarter of a cancel page; per meetup: the form, the confirm page, the manage page visits), API calls, feed polls.
  const pageViews = M.rsvps * (M.eventPageViewsPerRsvp + M.listingCallsPerRsvp + 1 + M.cancelShare) + M.meetups * (2 + M.managePageViewsPerMeetup);
  const staticRequests = pageViews * M.staticRequestsPerPage;
  const personalPolls = M.personalSubscriptions * pollsPerSubscription;
  const feedPolls = publicPolls + personalPolls;
  const cfRequests = staticRequests + (byFn.get('api')?.invocations ?? 0) + feedPolls;
  // Bytes out: pages, API answers (as sent uncompressed: an upper bound), every public poll's gzipped feed (CloudFront
  // answers the ones it keeps), every personal answer.
  const personalBytes = per(op('personal feed poll (200)')).responseBytes;
  const cfGb = (pageViews * M.staticBytesPerPage + (byFn.get('api')?.responseBytes ?? 0) + publicPolls * run.feedBytes.publicGzip + personalPolls * personalBytes) / 1024 ** 3;
  const functionInvocations = staticRequests * 2; // page router (viewer request) and 404 status (viewer response)

  const over = (usage: number, free: number) => Math.max(0, usage - free);
  const lines: Line[] = [
    { service: 'DynamoDB writes (on demand)', usage: `${fmtInt(total.wru)} WRU`, full: (total.wru / 1e6) * PRICE.dynamoWritePerMillion, free: (total.wru / 1e6) * PRICE.dynamoWritePerMillion },
    { service: 'DynamoDB reads (on demand)', usage: `${fmtInt(total.rru)} RRU`, full: (total.rru / 1e6) * PRICE.dynamoReadPerMillion, free: (total.rru / 1e6) * PRICE.dynamoReadPerMillion },
    { service: 'DynamoDB storage (after 12 months)', usage: `${(storageGb * 1024).toFixed(1)} MB`, full: storageGb * PRICE.dynamoStorageGbMonth, free: over(storageGb, ALWAYS_FREE.dynamoStorageGb) * PRICE.dynamoStorageGbMonth },
    { service: 'DynamoDB point-in-time recovery', usage: `${(storageGb * 1024).toFixed(1)} MB`, full: storageGb * PRICE.dynamoPitrGbMonth, free: storageGb * PRICE.dynamoPitrGbMonth },
    { service: 'Lambda requests', usage: `${fmtInt(invocations)} invocations`, full: (invocations / 1e6) * PRICE.lambdaPerMillion, free: (over(invocations, ALWAYS_FREE.lambdaRequests) / 1e6) * PRICE.lambdaPerMillion },
    { service: 'Lambda compute (arm64)', usage: `${fmtInt(gbSeconds)} GB-s (${fmtInt(coldStarts)} cold starts)`, full: gbSeconds * PRICE.lambdaArmGbSecond, free: over(gbSeconds, ALWAYS_FREE.lambdaGbSeconds) * PRICE.lambdaArmGbSecond },
    { service: 'API Gateway HTTP API', usage: `${fmtInt(httpRequests)} requests`, full: (httpRequests / 1e6) * PRICE.httpApiPerMillion, free: (httpRequests / 1e6) * PRICE.httpApiPerMillion },
    { service: 'SES messages', usage: `${fmtInt(emails)} emails`, full: (emails / 1000) * PRICE.sesPerThousand, free: (emails / 1000) * PRICE.sesPerThousand },
    { service: 'SES attachment data (whole MIME, upper bound)', usage: `${((emails * per(op('email delivered')).sesBytes) / 1024 ** 2).toFixed(0)} MB`, full: ((emails * per(op('email delivered')).sesBytes) / 1024 ** 3) * PRICE.sesAttachmentGb, free: ((emails * per(op('email delivered')).sesBytes) / 1024 ** 3) * PRICE.sesAttachmentGb },
    { service: 'CloudFront requests (HTTPS)', usage: `${fmtInt(cfRequests)} requests`, full: (cfRequests / 1e4) * PRICE.cloudFrontPer10kHttps, free: (over(cfRequests, ALWAYS_FREE.cloudFrontRequests) / 1e4) * PRICE.cloudFrontPer10kHttps },
    { service: 'CloudFront data out', usage: `${cfGb.toFixed(1)} GB`, full: cfGb * PRICE.cloudFrontGbOut, free: over(cfGb, ALWAYS_FREE.cloudFrontGb) * PRICE.cloudFrontGbOut },
    { service: 'CloudFront Functions', usage: `${fmtInt(functionInvocations)} invocations`, full: (functionInvocations / 1e6) * PRICE.cloudFrontFunctionsPerMillion, free: (over(functionInvocations, ALWAYS_FREE.cloudFrontFunctions) / 1e6) * PRICE.cloudFrontFunctionsPerMillion },
    { service: 'Secrets Manager (feed link key)', usage: `${infra.secrets} secret, ${fmtInt(secretCalls)} reads`, full: infra.secrets * PRICE.secretMonth + (secretCalls / 1e4) * PRICE.secretsPer10kCalls, free: infra.secrets * PRICE.secretMonth + (secretCalls / 1e4) * PRICE.secretsPer10kCalls },
    { service: 'CloudWatch alarms', usage: `${infra.alarms} alarms, ${infra.alarmMetrics} metrics`, full: infra.alarmMetrics * PRICE.alarmMetricMonth, free: over(infra.alarmMetrics, ALWAYS_FREE.alarmMetrics) * PRICE.alarmMetricMonth },
    { service: 'CloudWatch Logs (ingest + 1 month kept)', usage: `${(logGb * 1024).toFixed(0)} MB in ${infra.logGroups} log groups`, full: logGb * (PRICE.logsIngestGb + PRICE.logsStorageGbMonth), free: over(logGb, ALWAYS_FREE.logsGb) * PRICE.logsIngestGb + logGb * PRICE.logsStorageGbMonth },
    { service: 'EventBridge Scheduler', usage: `${fmtInt(sweeps + catchUps)} invocations`, full: ((sweeps + catchUps) / 1e6) * PRICE.schedulerPerMillion, free: (over(sweeps + catchUps, ALWAYS_FREE.schedulerInvocations) / 1e6) * PRICE.schedulerPerMillion },
    { service: 'SQS, SNS, S3, DynamoDB Streams to Lambda, SES events on the default bus', usage: 'dead letters, alarm emails, site files', full: 0, free: 0 },
  ];
  const waf = (cfRequests / 1e6) * PRICE.wafPerMillion + PRICE.wafWebAclMonth + PRICE.wafRuleMonth;
  return {
    lines, waf, rows, emails, total, coldStarts, invocations, sweeps, catchUps, publicPolls, publicMissShare, publicAtFunction, renders, feedPolls,
    pollsPerSubscription, confirmed, perMeetup, cfRequests, pageViews, storageGb, logGb,
  };
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const fmtInt = (n: number) => Math.round(n).toLocaleString('en-GB');
const usd = (n: number) => (n === 0 ? '$0.00' : n < 0.005 ? '< $0.01' : `$${n.toFixed(2)}`);

// ---- The bench ----

export async function benchCost(): Promise<void> {
  const started = performance.now();
  // DynamoDB Local and the emulator boot in their own processes while this one synthesizes the template.
  const [dynamoPort, sesPort] = [await freePort(), await freePort()];
  const starting = Promise.allSettled([startDynamoLocal(dynamoPort), startSesEmulator(sesPort)]);
  let infra: Infra | undefined;
  let failure: unknown;
  try {
    infra = synthesizedInfra();
  } catch (error) {
    failure = error;
  }
  const [dynamoStart, sesStart] = await starting;
  const dynamo = dynamoStart.status === 'fulfilled' ? dynamoStart.value : undefined;
  const ses = sesStart.status === 'fulfilled' ? sesStart.value : undefined;
  try {
    if (failure) throw failure;
    if (!dynamo || !ses || !infra) throw (dynamoStart.status === 'rejected' ? dynamoStart.reason : sesStart.status === 'rejected' ? sesStart.reason : new Error('no template'));
    await prepare(dynamo.endpoint);
    // Capacity first (it also warms the JIT), then the same operations again, timed. The second run finds the first
    // run's four meetups beside its own (its sweeps skip them, already done): its time is all that is kept.
    const run = await scenario(dynamo.endpoint, ses.endpoint, true);
    const timed = await scenario(dynamo.endpoint, ses.endpoint, false);
    for (const r of [run, timed]) {
      if (r.emailsInEmulator !== r.emailsDelivered) throw new Error(`The emulator holds ${r.emailsInEmulator} emails; the mailer delivered ${r.emailsDelivered}`);
    }
    for (const o of run.ops) {
      const t = timed.ops.find((x) => x.name === o.name);
      if (!t) throw new Error(`The timed run did not repeat "${o.name}"`);
      // The median run of each, where there are runs (a meetup's share of a sweep has none: its time is on the claims).
      const wallMs = t.samples.length ? median(t.samples.map((x) => x.wallMs)) : 0;
      const cpuMs = t.samples.length ? median(t.samples.map((x) => x.cpuMs)) : 0;
      o.total = { ...o.total, wallMs: wallMs * o.count, cpuMs: cpuMs * o.count };
    }
    const ops = new Map(run.ops.map((o) => [o.name, o]));

    // Per operation, beside its floor.
    const opRows: [string, ...(string | number)[]][] = run.ops.map((o) => {
      const c = per(o);
      const units = c.rru + c.wru;
      const floor = c.floorRru + c.floorWru;
      return [
        o.name, o.count, o.fn, c.invocations, c.requests, c.rru, c.wru, c.gsi, c.floorRru, c.floorWru,
        floor ? `${(units / floor).toFixed(1)}x` : '-', c.emails, c.wallMs, c.cpuMs,
      ];
    });
    table(
      'What each operation costs on DynamoDB Local (ReturnConsumedCapacity INDEXES; transactions costed from their items), beside its floor: the items it read, as one eventually consistent read of their total size, and the items it left behind, each written once by a plain PutItem into a table of the same design',
      opRows,
      ['operation', 'runs', 'function', 'invocations', 'DynamoDB requests', 'RRU', 'WRU', 'of which GSI1', 'floor RRU', 'floor WRU', 'x floor', 'emails queued', 'wall ms (median)', 'CPU ms (median)'],
    );
    for (const o of run.ops) console.log(`  ${o.name}: ${o.steps}`);
    const failed = run.ops.reduce((n, o) => n + o.total.failed, 0);
    console.log(`  ${failed} requests were refused (a confirm that finds the meetup full tries the waitlist next; a lost race is retried): DynamoDB Local reports no capacity for them, AWS bills a refused conditional write`);
    console.log(`  checked: ${run.emailsDelivered} emails delivered by the mailer, ${run.emailsInEmulator} in the SES emulator; every response had the status the flow expects`);

    const m = month(ops, infra, run);
    table(
      `A month: ${MONTH.meetups} meetups, ${MONTH.rsvps.toLocaleString('en-GB')} RSVPs (volumes from the assumptions below; capacity and emails per operation as measured above)`,
      m.rows,
      ['operation', 'per month', 'function', 'RRU', 'WRU', 'emails', 'invocations', 'billed s (est.)'],
    );
    const lines: [string, ...(string | number)[]][] = m.lines.map((l) => [l.service, l.usage, usd(l.full), usd(l.free)]);
    const full = m.lines.reduce((n, l) => n + l.full, 0);
    const free = m.lines.reduce((n, l) => n + l.free, 0);
    lines.push(['total', '', usd(full), usd(free)]);
    lines.push(['optional: AWS WAF (signpost:wafRateLimit), 1 rate rule', `${fmtInt(m.cfRequests)} requests`, usd(m.waf), usd(m.waf)]);
    lines.push(['total with WAF', '', usd(full + m.waf), usd(free + m.waf)]);
    table('Monthly bill, us-east-1 list prices (see PRICE in bench/cost.ts)', lines, ['line item', 'usage', 'without free tier', 'with always-free tier']);

    const dynamoFloor = m.total.floorWru / 1e6 * PRICE.dynamoWritePerMillion + m.total.floorRru / 1e6 * PRICE.dynamoReadPerMillion;
    const dynamoMeasured = m.total.wru / 1e6 * PRICE.dynamoWritePerMillion + m.total.rru / 1e6 * PRICE.dynamoReadPerMillion;
    console.log(`  DynamoDB requests: ${usd(dynamoMeasured)} measured against ${usd(dynamoFloor)} at the floor (${(dynamoMeasured / dynamoFloor).toFixed(1)}x)`);
    console.log(`  Per RSVP (with the always-free tier): $${(free / MONTH.rsvps).toFixed(4)}; ${fmtInt(m.emails)} emails (${(m.emails / MONTH.rsvps).toFixed(2)} per RSVP)`);
    console.log(`  The 12-month offers (${FREE_12_MONTHS}) are left out of "with always-free tier".`);

    const A = MONTH;
    console.log('\nAssumptions');
    const say = (s: string) => console.log(`  - ${s}`);
    say(`${A.meetups} meetups listed (each confirmed from its email), ${A.managePageViewsPerMeetup} organiser visits to the manage page and ${A.descriptionEditsPerMeetup} plain edit each; ${A.noticeMeetupShare * 100}% of meetups change time, place or link once, so each of their ~${Math.round(m.perMeetup)} people gets one notice`);
    say(`${A.rsvps.toLocaleString('en-GB')} RSVPs, each a first RSVP for that address (the dearer path: it writes the person's feed record); ${A.cancelShare * 100}% cancel, and every cancellation hands its place on (a promotion email); ${fmtInt(m.confirmed)} people with a place get at most ${A.remindersPerConfirmed} reminders each (the "soon" one only for online meetups: counted for all)`);
    say(`${A.eventPageViewsPerRsvp} event page views and ${A.listingCallsPerRsvp} home page listings per RSVP, all reaching the API function; no organiser asks to be emailed on each RSVP (notifyOnRsvp off, the default)`);
    say(`the reminder sweep runs every ${infra.sweepMinutes} minutes (from the template): ${fmtInt(m.sweeps)} runs; each costs an idle run, and the runs that find work add per-meetup and per-person costs`);
    say(`the mailer's catch-up runs every ${infra.catchUpMinutes} minutes (from the template): ${fmtInt(m.catchUps)} runs, each finding nothing (the stream sent everything)`);
    say(`${A.publicSubscriptions} public feed and ${A.personalSubscriptions.toLocaleString('en-GB')} personal feed subscriptions; ${A.googleShare * 100}% Google (${A.googlePollsPerDay} polls a day), the rest Apple/Outlook (${A.otherPollsPerDay} a day): ${fmtInt(m.pollsPerSubscription)} polls per subscription a month`);
    say(`public polls (${fmtInt(m.publicPolls)}) spread over ${A.publicFeedUrls} feed URLs and ${A.edgeCaches} CloudFront caches, each kept ${A.feedCacheSeconds} s: ${(m.publicMissShare * 100).toFixed(0)}% reach the function (${fmtInt(m.publicAtFunction)}); of those, ${fmtInt(m.renders)} render (${A.feedInstances} instances × (${A.publicFeedUrls} URLs × ${A.days} days + ${A.meetups} meetups × ${A.feedChangesPerMeetup} changes × ${A.facetsPerMeetup} feeds)) and the rest answer from the version item`);
    say('personal feeds are never cached by CloudFront (a replaced link must stop at once): every poll reaches the function, taken as a full 200 answer');
    say(`${A.bounceShare * 100}% of emails bounce or draw a complaint (one SES events invocation each); the mailer is invoked once per email (the stream batches up to 10, so fewer)`);
    say(`Lambda time: each operation's median wall time in the timed run, its CPU part stretched to the function's share of a vCPU (${infra.memoryMb.api} MB = ${((infra.memoryMb.api / LAMBDA.fullVcpuMb) * 100).toFixed(0)}% of one at ${LAMBDA.fullVcpuMb} MB), plus ${LAMBDA.sesExtraMs} ms per SES call over the emulator's; ${LAMBDA.initMs} ms INIT per cold start, at most ${LAMBDA.maxColdStartsPerMonth.toLocaleString('en-GB')} a month per function, and every sweep cold; memory from the template (API ${infra.memoryMb.api}, feeds ${infra.memoryMb.feeds}, mailer ${infra.memoryMb.mailer}, reminders ${infra.memoryMb.reminders}, SES events ${infra.memoryMb.sesEvents} MB, ${infra.arm64 ? 'arm64' : 'NOT all arm64'})`);
    say(`logs: the app's JSON lines as measured, ${LAMBDA.platformLogBytes} bytes of Lambda's own records per invocation, and one API access log line (~${infra.accessLogBytes} bytes, from the stage's format) per HTTP request`);
    say(`storage: this run's items by kind, a year of meetups and RSVPs with nothing expired (an upper bound), ${(m.storageGb * 1024).toFixed(1)} MB`);
    say(`CloudFront: ${fmtInt(m.pageViews)} page views, ${A.staticRequestsPerPage} static requests and ${A.staticBytesPerPage / 1000} kB each, plus every API call and feed poll`);
    say(`transactions: 2 WRU per KB per action, a ConditionCheck counted as a write of the item it checks (an assumption: an upper bound), and 1 WRU per KB per index entry written or removed; DynamoDB Local itself reported ${fmtInt(m.total.localWru)} WRU for the month's writes where this costing gives ${fmtInt(m.total.wru)}`);
    console.log(`\n  (${((performance.now() - started) / 1000).toFixed(0)} s: the template, ${SEEDED_MEETUPS} meetups seeded, then the scenario twice, costed and then timed)`);
  } finally {
    await stop(ses?.process, dynamo?.process);
  }
}
