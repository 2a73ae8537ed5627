// Test support: real clients and a fresh table per test file, against the services local-services.ts started.
import { dynamoCpdLog } from '#functions/cpd/dynamo-log.ts';
import { dynamoFeedback } from '#functions/cpd/dynamo-feedback.ts';
import { inject } from 'vitest';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoClient } from '#functions/table/client.ts';
import { ensureTable } from '#local/local-stack.ts';
import { dynamoEventsRepository } from '#functions/events/dynamo-events.repository.ts';
import { dynamoRsvpsRepository } from '#functions/rsvps/dynamo-rsvps.repository.ts';
import { dynamoOutbox } from '#functions/mail/dynamo-outbox.ts';
import { dynamoFeedsRepository } from '#functions/feeds/dynamo-feeds.repository.ts';
import { configuredFeedSecret } from '#functions/feeds/secret.ts';
import { createSesClient, sesMailer } from '#functions/mail/ses-mailer.ts';
import { deliverPending, type DeliveryDeps } from '#functions/mail/deliver.ts';
import { createLogger } from '#functions/core/log.ts';
import type { AppDeps } from '#functions/apps/api/deps.ts';
import type { Clock } from '#functions/core/clock.ts';
import { hashSecret, newId, newToken } from '#functions/core/ids.ts';
import { personId } from '#functions/core/person.ts';
import { slugify } from '#functions/core/slug.ts';
import { SESSION_COOKIE } from '#functions/core/viewer.ts';
import { dynamoSuppressionsRepository } from '#functions/suppression/dynamo-suppressions.repository.ts';
import { dynamoRemindersRepository } from '#functions/reminders/dynamo-reminders.repository.ts';
import { reminderPlans } from '#functions/reminders/reminder.ts';
import type { ReminderDeps } from '#functions/reminders/sweep.ts';
import { dynamoSessionsRepository } from '#functions/auth/dynamo-sessions.repository.ts';
import { dynamoNetworksRepository } from '#functions/networks/dynamo-networks.repository.ts';
import { dynamoReportsRepository } from '#functions/events/dynamo-reports.repository.ts';
import { dynamoMyPlacesRepository } from '#functions/me/dynamo-my-places.ts';
import { dynamoHiddenMeetupsRepository } from '#functions/moderation/dynamo-hidden-meetups.repository.ts';
import { dynamoFollowersRepository } from '#functions/follows/dynamo-followers.repository.ts';
import { dynamoBroadcasts } from '#functions/mail/dynamo-broadcasts.ts';
import { dynamoAttendeeClaims } from '#functions/messages/dynamo-attendee-claims.ts';
import { dynamoCheckIns } from '#functions/attendance/dynamo-check-ins.ts';
import { dynamoCodeAttempts } from '#functions/attendance/check-in-attempts.ts';
import { dynamoStillComingRepository } from '#functions/attendance/still-coming-dynamo.repository.ts';

export const MAIL_FROM = 'Signpost <events@signpost.test>';
export const FEED_SECRET = 'integration-feed-secret-0123456789abcdef';

export async function testStack(clock: Clock, siteUrl = 'http://localhost:3000') {
  const dynamoEndpoint = inject('dynamoEndpoint');
  const sesEndpoint = inject('sesEndpoint');
  const tableName = `signpost-test-${newId(6)}`;
  const dynamo = createDynamoClient({ region: 'eu-west-2', endpoint: dynamoEndpoint });
  await ensureTable(dynamo, tableName);
  // Each request looks like a different visitor unless a test pins one address.
  let pinnedIp: string | undefined;
  let counter = 0;
  const ip = {
    pin: (address: string | undefined) => (pinnedIp = address),
    next: () => pinnedIp ?? `198.51.${Math.floor(counter / 250) % 250}.${counter++ % 250}`,
  };
  const logger = createLogger(process.env.TEST_LOG_LEVEL === 'error' ? 'error' : 'silent');
  const suppressions = dynamoSuppressionsRepository(dynamo, tableName);
  const deps: AppDeps = {
    events: dynamoEventsRepository(dynamo, tableName),
    suppressions,
    rsvps: dynamoRsvpsRepository(dynamo, tableName),
    feeds: dynamoFeedsRepository(dynamo, tableName),
    feedSecret: configuredFeedSecret(FEED_SECRET),
    sessions: dynamoSessionsRepository(dynamo, tableName),
    networks: dynamoNetworksRepository(dynamo, tableName),
    reports: dynamoReportsRepository(dynamo, tableName),
    myPlaces: dynamoMyPlacesRepository(dynamo, tableName),
    hiddenMeetups: dynamoHiddenMeetupsRepository(dynamo, tableName),
    followers: dynamoFollowersRepository(dynamo, tableName),
    broadcasts: dynamoBroadcasts(dynamo, tableName),
    attendeeClaims: dynamoAttendeeClaims(dynamo, tableName),
    checkIns: dynamoCheckIns(dynamo, tableName),
    cpdLog: dynamoCpdLog(dynamo, tableName),
    feedback: dynamoFeedback(dynamo, tableName),
    codeAttempts: dynamoCodeAttempts(dynamo, tableName),
    stillComing: dynamoStillComingRepository(dynamo, tableName),
    operators: ['operator@example.org'],
    networkApproval: false,
    clock,
    logger,
    siteUrl,
    clientIp: () => ip.next(),
  };
  const delivery: DeliveryDeps = {
    outbox: dynamoOutbox(dynamo, tableName),
    mailer: sesMailer(createSesClient({ region: 'eu-west-2', endpoint: sesEndpoint }), MAIL_FROM),
    suppressions,
    clock,
    logger,
    ratePerSecond: 1000,
  };
  /** Runs the mailer over everything pending, as the stream trigger or local poller would; totals what it did. */
  const deliver = async () => {
    const total = { sent: 0, failed: 0 };
    for (;;) {
      const round = await deliverPending(delivery, 100);
      total.sent += round.sent;
      total.failed += round.failed;
      if (round.sent === 0) return total;
    }
  };
  const teams = new Map<string, Promise<Record<string, string>>>();
  /**
   * A listing or edit `body` as a network's team sends it: its `network` name (if any) becomes the slug of a network of
   * that name, stored on first use with one organiser, whose session (from the site's own pages) the request carries.
   */
  const asTeam = async (body: Record<string, unknown>): Promise<{ body: Record<string, unknown>; headers: Record<string, string> }> => {
    const name = body.network;
    if (typeof name !== 'string' || !name) return { body, headers: {} };
    const slug = slugify(name);
    if (!teams.has(slug)) teams.set(slug, storeTeam(deps, slug, name));
    return { body: { ...body, network: slug }, headers: await teams.get(slug)! };
  };
  return { deps, delivery, deliver, dynamo, tableName, sesEndpoint, dynamoEndpoint, ip, suppressions, asTeam };
}

async function storeTeam(deps: AppDeps, slug: string, name: string): Promise<Record<string, string>> {
  const email = `team.${slug}@example.org`;
  const at = deps.clock.now();
  const created = await deps.networks.create(
    {
      slug, name, tagline: '', description: '', accent: '#1d6b54', where: { kind: 'online' }, links: {}, contactEmail: email, topics: [],
      status: 'active', createdAt: at.toISOString(), updatedAt: at.toISOString(), createdBy: email, version: 1,
    },
    [{ slug, personId: personId(email), email, name: 'Team', role: 'organiser', showName: true, joinedAt: at.toISOString() }],
  );
  if (!created.ok) throw new Error(`network ${slug} exists already`);
  const secret = newToken();
  await deps.sessions.createSession({ id: hashSecret(secret), personId: personId(email), email, createdAt: at.toISOString(), expiresAt: Math.floor(at.getTime() / 1000) + 30 * 86_400 });
  return { cookie: `${SESSION_COOKIE}=${secret}`, origin: deps.siteUrl };
}

/**
 * Maps over items with at most `limit` calls in flight, results in order. For test set-up that writes hundreds of
 * items: all at once they queue behind the SDK's 50 sockets and, on a busy machine, time out waiting for DynamoDB
 * Local's locks; a few at a time is as fast and never does.
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await fn(items[i]!, i);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export interface StoredEmail {
  messageId: string;
  from: string;
  replyTo: string[];
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
  at: number;
}

/**
 * What this test file has read of the emulator's store, per endpoint. The emulator keeps every message every file in
 * the project sent (thousands, with attachments), so reading all of it on each call made inbox() slower as a run went
 * on. The store only grows, in order, so each read asks for the messages from a few seconds before the newest one
 * seen (`?since=`, epoch seconds, inclusive) and appends the part it has not seen. If the part it has seen is not
 * where it should be, the emulator was restarted on the same port (ses-outage does that): it reads the store afresh.
 * Reads are chained, so concurrent calls never append the same messages twice, and each call sees everything sent
 * before it was made.
 */
const mirrors = new Map<string, { emails: StoredEmail[]; read: Promise<void> }>();
const SINCE_MARGIN_SECONDS = 5;

async function readStore(sesEndpoint: string, since?: number): Promise<StoredEmail[]> {
  const res = await fetch(`${sesEndpoint}/store${since === undefined ? '' : `?since=${since}`}`);
  if (!res.ok) throw new Error(`SES emulator store: HTTP ${res.status}`);
  return ((await res.json()) as { emails: StoredEmail[] }).emails;
}

/** Emails the SES emulator recorded for an address (it keeps every message sent). */
export async function inbox(sesEndpoint: string, to: string): Promise<StoredEmail[]> {
  let mirror = mirrors.get(sesEndpoint);
  if (!mirror) mirrors.set(sesEndpoint, (mirror = { emails: [], read: Promise.resolve() }));
  const m = mirror;
  m.read = m.read.catch(() => undefined).then(async () => {
    const newest = m.emails.reduce((most, e) => Math.max(most, e.at), -Infinity);
    const since = Number.isFinite(newest) ? Math.max(0, newest - SINCE_MARGIN_SECONDS) : undefined;
    const recent = await readStore(sesEndpoint, since);
    // The messages already mirrored that this read also returns are its first ones (the store is append-only).
    const seen = since === undefined ? [] : m.emails.filter((e) => e.at >= since);
    if (seen.some((e, i) => recent[i]?.messageId !== e.messageId)) {
      m.emails = await readStore(sesEndpoint);
      return;
    }
    for (const email of recent.slice(seen.length)) m.emails.push(email);
  });
  await m.read;
  return m.emails.filter((e) => e.destination.to.some((addr) => addr.includes(to)));
}

/**
 * The first email to `to` whose subject matches, polling while a mailer (the local outbox poller) sends it. The limit
 * is generous, so a busy machine makes the test slower rather than failing it; a missing email still fails it.
 */
export async function waitForEmail(sesEndpoint: string, to: string, subject: RegExp = /./, timeoutMs = 45_000): Promise<StoredEmail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mail = (await inbox(sesEndpoint, to)).find((m) => subject.test(m.subject));
    if (mail) return mail;
    if (Date.now() > deadline) throw new Error(`No email matching ${subject} reached ${to} within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function linkFrom(email: { body: { text?: string } } | { text: string }, kind: 'confirm' | 'manage'): { url: string; id: string; token: string } {
  const text = 'text' in email ? email.text : (email.body.text ?? '');
  const match = new RegExp(`(https?://[^\\s"]+/${kind}/([a-z0-9]+)#token=([A-Za-z0-9_-]+))`).exec(text);
  if (!match) throw new Error(`No ${kind} link in the email`);
  return { url: match[1]!, id: match[2]!, token: match[3]! };
}

/** A local date-time `days` from now, at `time` (the form's shape: YYYY-MM-DDTHH:MM). */
export const inDays = (days: number, time: string) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10) + 'T' + time;

/** An address no other test uses. */
export const uniqueAddress = (name: string) => `${name}-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@example.org`;

/** A meetup listed through the API: its id and manage token (from the confirmation email), and the organiser's address. */
export interface ListedMeetup {
  id: string;
  token: string;
  url: string;
  organiser: string;
}

/**
 * Lists a meetup through a running site's API (the listing pages have tests of their own) and reads the confirm link
 * from the emulator. `fields` go over an in-person meetup in Manchester 12 days from now; a fresh organiser address
 * is used unless one is given.
 */
export async function listThroughApi(base: string, sesEndpoint: string, fields: Record<string, unknown>): Promise<ListedMeetup> {
  const organiser = typeof fields.organiserEmail === 'string' ? fields.organiserEmail : uniqueAddress('organiser');
  // Only a network's team may list under it: a `network` name is listed by its organiser, signed in (not the
  // meetup's organiser, who still confirms it from the email).
  const team = typeof fields.network === 'string' && fields.network ? await teamThroughSite(base, sesEndpoint, fields.network) : undefined;
  const res = await fetch(`${base}/api/events`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(team ? { Cookie: team.cookie, Origin: base } : {}) },
    body: JSON.stringify({
      description: 'Lunch and a chat about cataloguing.',
      start: inDays(12, '12:30'),
      end: inDays(12, '13:30'),
      timezone: 'Europe/London',
      format: 'in_person',
      venue: 'Central Library\nManchester',
      organiserName: 'Morag',
      ...fields,
      ...(team ? { network: team.slug } : {}),
      organiserEmail: organiser,
    }),
  });
  if (res.status !== 202) throw new Error(`Listing answered ${res.status}: ${await res.text()}`);
  return { ...linkFrom(await waitForEmail(sesEndpoint, organiser), 'confirm'), organiser };
}

/** Signs `email` in through a running site, by the emailed link's page (its POST): the session cookie, as `name=value`. */
export async function signInThroughSite(base: string, sesEndpoint: string, email: string): Promise<string> {
  const form = (fields: Record<string, string>, cookie?: string) => ({
    method: 'POST', redirect: 'manual' as const, body: new URLSearchParams(fields).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base, ...(cookie ? { Cookie: cookie } : {}) },
  });
  const asked = await fetch(`${base}/sign-in`, form({ email }));
  if (asked.status !== 200) throw new Error(`Sign-in answered ${asked.status}`);
  const mail = await waitForEmail(sesEndpoint, email, /sign in/i);
  const found = /\/sign-in\/link\?token=([\w.%-]+)/.exec(mail.body.text ?? '')?.[1];
  const token = found && decodeURIComponent(found);
  if (!token) throw new Error('no sign-in link in the email');
  const signed = await fetch(`${base}/sign-in/link`, form({ token }));
  const cookie = signed.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (signed.status !== 303 || !cookie) throw new Error(`Signing in by the link answered ${signed.status} without the session cookie`);
  return cookie;
}

const siteTeams = new Map<string, Promise<{ slug: string; cookie: string }>>();

/** The network called `name` on a running site, created (once per run) by a new address signed in: its slug and that session. */
export function teamThroughSite(base: string, sesEndpoint: string, name: string): Promise<{ slug: string; cookie: string }> {
  const key = `${base} ${name}`;
  if (!siteTeams.has(key))
    siteTeams.set(key, (async () => {
      const cookie = await signInThroughSite(base, sesEndpoint, uniqueAddress('team'));
      const fields = { name, slug: slugify(name), tagline: `${name} meets here`, accent: '#1d6b54', whereKind: 'online', yourName: 'Team' };
      const res = await fetch(`${base}/networks/new`, {
        method: 'POST', redirect: 'manual', body: new URLSearchParams(fields).toString(),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: base, Cookie: cookie },
      });
      if (res.status !== 200) throw new Error(`Creating the network “${name}” answered ${res.status}`);
      return { slug: fields.slug, cookie };
    })());
  return siteTeams.get(key)!;
}

/** As listThroughApi, then "Confirm and publish"; adds the event page's path. */
export async function publishThroughApi(base: string, sesEndpoint: string, fields: Record<string, unknown>): Promise<ListedMeetup & { path: string }> {
  const listed = await listThroughApi(base, sesEndpoint, fields);
  const res = await fetch(`${base}/api/events/${listed.id}/publish`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token: listed.token }),
  });
  if (res.status !== 200) throw new Error(`Publishing answered ${res.status}: ${await res.text()}`);
  const { url } = (await res.json()) as { url: string };
  return { ...listed, path: new URL(url).pathname };
}

/** What a reminder sweep needs on a test stack: the default offsets (a day, an hour), quiet logs, the stack's secret. */
export const sweepDepsFor = (stack: { dynamo: DynamoDBClient; tableName: string }, clock: Clock): ReminderDeps => ({
  reminders: dynamoRemindersRepository(stack.dynamo, stack.tableName),
  clock,
  logger: createLogger('silent'),
  siteUrl: 'http://localhost:3000',
  plans: reminderPlans({ dayMinutes: 1440, soonMinutes: 60 }),
  secret: configuredFeedSecret(FEED_SECRET),
});
