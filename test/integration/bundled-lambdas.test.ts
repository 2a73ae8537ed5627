// Integration: the artifacts we would deploy. Synthesizes the CDK app, takes each function's bundled asset from the
// cloud assembly, and runs it in a fresh Node process with real-shaped Lambda events against DynamoDB Local and
// the SES emulator: list a meetup, deliver its email from a stream batch, publish it, read its page; then read the
// calendar feeds from the feeds function (VTIMEZONE, CRLF, the API's instants, HEAD and 304); then run the reminder
// sweep as EventBridge Scheduler would, twice; then hand the SES events function a bounce as EventBridge would, and
// see the mailer's bundle skip that address.
import { execFileSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { functionBundles, type FunctionBundle } from '#infra/bundle-report.ts';
import { stackNames } from '#infra/signpost-app.ts';
import { removeTempDirs, synthesize, tempDir } from '../infra/support.ts';
import { fixedClock, systemClock } from '#functions/core/clock.ts';
import { eventInputSchema } from '#functions/events/event.schema.ts';
import { createEvent, publishEvent } from '#functions/events/event.ts';
import { hashSecret, newId, newToken } from '#functions/core/ids.ts';
import { newRsvpFields } from '#functions/rsvps/rsvp.ts';
import { confirmRsvp } from '#functions/rsvps/use-cases.ts';
import { dynamoOutbox } from '#functions/mail/dynamo-outbox.ts';
import { FEED_SECRET, inbox, linkFrom, testStack } from '../support/stack.ts';
import { streamReader } from '../support/streams.ts';
import { parseIcs } from '../support/ical.ts';
import { bounceEvent, CONFIGURATION_SET } from '../support/ses-events.ts';
import { transactWrite } from '#functions/table/client.ts';
import { outboxPut } from '#functions/table/items/outbox.ts';
import { outboxMessage } from '#functions/core/email.ts';

let stack: Awaited<ReturnType<typeof testStack>>;
let api: FunctionBundle;
let feeds: FunctionBundle;
let mailer: FunctionBundle;
let reminders: FunctionBundle;
let sesEvents: FunctionBundle;
/** The schedule's target Input, as synthesized (with Scheduler's <aws.scheduler.*> placeholders). */
let scheduleInput: string;
let newRecords: Awaited<ReturnType<typeof streamReader>>;

beforeAll(async () => {
  stack = await testStack(fixedClock('2026-11-27T09:00:00Z'));
  newRecords = await streamReader(stack.dynamo, stack.dynamoEndpoint, stack.tableName);
  const { assembly } = synthesize({ bundle: true });
  const bundles = functionBundles(assembly.directory, stackNames.app);
  api = bundles.find((b) => b.logicalId.startsWith('ApiHandler'))!;
  feeds = bundles.find((b) => b.logicalId.startsWith('FeedsHandler'))!;
  mailer = bundles.find((b) => b.logicalId.startsWith('MailerHandler'))!;
  reminders = bundles.find((b) => b.logicalId.startsWith('RemindersHandler'))!;
  sesEvents = bundles.find((b) => b.logicalId.startsWith('SesEventsHandler'))!;
  const template = assembly.getStackArtifact(stackNames.app).template as { Resources: Record<string, { Type: string; Properties: any }> };
  scheduleInput = Object.entries(template.Resources).find(([id, r]) => r.Type === 'AWS::Scheduler::Schedule' && id.startsWith('RemindersSchedule'))![1].Properties.Target.Input;
}, 240_000);

afterAll(removeTempDirs);

/** Invokes a bundled handler once, in a fresh Node process with nothing but the bundle beside it. */
function invoke<T>(bundle: FunctionBundle, event: unknown, tableName = stack.tableName): T {
  const dir = tempDir('lambda-run');
  copyFileSync(bundle.file, join(dir, 'index.mjs'));
  const script = `const { handler } = await import('./index.mjs');
const result = await handler(JSON.parse(process.env.EVENT), { awsRequestId: 'bundle-test' });
process.stdout.write('\\n' + JSON.stringify(result));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      EVENT: JSON.stringify(event),
      AWS_REGION: 'eu-west-2',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: stack.dynamoEndpoint,
      SES_ENDPOINT: stack.sesEndpoint,
      SITE_URL: 'https://events.example.org',
      MAIL_FROM: 'Signpost <events@signpost.test>',
      // As in AWS, every email names the configuration set (the emulator accepts and ignores it).
      SES_CONFIGURATION_SET: CONFIGURATION_SET,
      CLIENT_IP_SOURCE: 'cloudfront',
      LOG_LEVEL: 'silent',
      // The value itself, as locally (there is no Secrets Manager here); in AWS the functions get FEED_SECRET_ARN.
      FEED_SECRET,
    },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return JSON.parse(out.trim().split('\n').pop()!) as T;
}

/** An API Gateway HTTP API (payload v2) request, as CloudFront forwards it. */
function httpEvent(method: string, path: string, body?: unknown, viewerIp = '203.0.113.50') {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: {
      host: 'abc123.execute-api.eu-west-2.amazonaws.com',
      'cloudfront-viewer-address': `${viewerIp}:51234`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    requestContext: {
      accountId: '123456789012', apiId: 'abc123', domainName: 'abc123.execute-api.eu-west-2.amazonaws.com',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '130.176.0.1', userAgent: 'Amazon CloudFront' },
      requestId: 'req-1', routeKey: '$default', stage: '$default', time: '27/Nov/2026:09:00:00 +0000', timeEpoch: 1795770000000,
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
    isBase64Encoded: false,
  };
}

/**
 * A feed request as API Gateway hands it to the feeds function on its own route (e.g. "GET /calendar/{proxy+}"), with
 * only what CloudFront forwards there: its own headers, the normalised Accept-Encoding and, for personal feeds (and
 * CloudFront's own revalidation), the validators.
 */
function feedEvent(method: 'GET' | 'HEAD', path: string, headers: Record<string, string> = {}) {
  const routeKey = path === '/calendar.ics' ? `${method} /calendar.ics` : `${method} /calendar/{proxy+}`;
  const event = httpEvent(method, path);
  return {
    ...event,
    routeKey,
    headers: { host: event.headers.host, 'user-agent': 'Amazon CloudFront', via: '2.0 abc.cloudfront.net (CloudFront)', ...headers },
    requestContext: { ...event.requestContext, routeKey },
    ...(path === '/calendar.ics' ? {} : { pathParameters: { proxy: path.slice('/calendar/'.length) } }),
  };
}

interface HttpResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded?: boolean;
}

/** The response body as bytes on the wire (base64 undone), then as text (gzip undone when the response says so). */
function bodyOf(res: HttpResult): { wire: Buffer; text: string } {
  const wire = Buffer.from(res.body ?? '', res.isBase64Encoded ? 'base64' : 'utf8');
  return { wire, text: (res.headers['content-encoding'] === 'gzip' ? gunzipSync(wire) : wire).toString('utf8') };
}

describe('the bundled functions', () => {
  it('list, mail, publish and render a meetup end to end', async () => {
    const meetup = {
      title: 'Bundled TeachMeet', description: 'Short talks.', start: '2027-01-14T16:00', end: '2027-01-14T18:00',
      timezone: 'Europe/London', format: 'online', onlineUrl: 'https://meet.example.org/tm', organiserName: 'Morag',
      organiserEmail: 'bundled@example.org', tags: ['TeachMeet'],
    };
    const created = invoke<HttpResult>(api, httpEvent('POST', '/api/events', meetup));
    expect(created.statusCode).toBe(202);
    const { id } = JSON.parse(created.body) as { id: string };

    const batch: DynamoDBStreamEvent = await newRecords();
    expect(invoke(mailer, batch)).toEqual({ batchItemFailures: [] });
    const [mail] = await inbox(stack.sesEndpoint, 'bundled@example.org');
    expect(mail).toBeDefined();
    const { token } = linkFrom(mail!, 'confirm');

    expect(invoke<HttpResult>(api, httpEvent('GET', `/api/events/${id}`)).statusCode).toBe(404);
    expect(invoke<HttpResult>(api, httpEvent('POST', `/api/events/${id}/publish`, { token })).statusCode).toBe(200);
    const page = invoke<HttpResult>(api, httpEvent('GET', `/events/${id}/bundled-teachmeet`));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<meta property="og:title" content="Bundled TeachMeet">');
    expect(page.body).toMatch(/Thursday,? 14 January 2027, 16:00 – 18:00 London time/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('rate-limits by the viewer address CloudFront reports, not by CloudFront\'s own IP', () => {
    const list = (i: number, viewerIp: string) =>
      invoke<HttpResult>(api, httpEvent('POST', '/api/events', {
        title: 'Rate test', description: 'x', start: '2027-01-14T16:00', end: '2027-01-14T18:00', format: 'online',
        onlineUrl: 'https://meet.example.org/x', organiserName: 'R', organiserEmail: `rate-${viewerIp}-${i}@example.org`,
      }, viewerIp)).statusCode;
    // Eleven people behind the same CloudFront edge IP: nobody is limited.
    expect(Array.from({ length: 11 }, (_, i) => list(i, `198.51.100.${i + 1}`)).every((s) => s === 202)).toBe(true);
    // One viewer listing eleven times: the eleventh is refused.
    const one = Array.from({ length: 11 }, (_, i) => list(i, '192.0.2.77'));
    expect(one.slice(0, 10).every((s) => s === 202)).toBe(true);
    expect(one[10]).toBe(429);
  });
});

describe('the bundled feeds function', () => {
  let feedStack: Awaited<ReturnType<typeof testStack>>;
  const published: { id: string; timezone: string }[] = [];
  const network = 'Bundled Feeds Network';

  /** A meetup two weeks from today, at 18:30 in its own zone (the feeds hold events from today back 30 days on). */
  const meetup = (title: string, timezone: string, over: Record<string, unknown> = {}) => {
    const day = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    return eventInputSchema.parse({
      title, description: 'Short talks, then tea.', start: `${day}T18:30`, end: `${day}T20:00`, timezone, format: 'online',
      onlineUrl: 'https://meet.example.org/feeds', organiserName: 'Morag', organiserEmail: 'feeds@example.org', tags: ['TeachMeet'],
      ...over,
    });
  };

  beforeAll(async () => {
    // Written a minute ago, through the repositories: feeds keep no validators for a few seconds after a change (while
    // the listing index catches up), so events saved just now would give no ETag and no 304.
    const before = new Date(Date.now() - 60_000);
    feedStack = await testStack(fixedClock(before.toISOString()));
    for (const input of [meetup('Library camp, London', 'Europe/London', { network }), meetup('Metadata meetup, New York', 'America/New_York')]) {
      const draft = createEvent(input, { id: newId(), tokenHash: hashSecret(newToken()) }, before);
      await feedStack.deps.events.create(draft, [], []);
      await feedStack.deps.events.save(publishEvent(draft, before), draft);
      published.push({ id: draft.id, timezone: input.timezone });
    }
  });

  const get = (method: 'GET' | 'HEAD', path: string, headers: Record<string, string> = {}) =>
    invoke<HttpResult>(feeds, feedEvent(method, path, headers), feedStack.tableName);

  it('serves /calendar.ics gzipped, with a VTIMEZONE for each zone, CRLF lines, and the instants the API reports', () => {
    const res = get('GET', '/calendar.ics', { 'accept-encoding': 'gzip' });
    expect(res.statusCode).toBe(200);
    expect(res.headers).toMatchObject({
      'content-type': 'text/calendar; charset=utf-8',
      'content-encoding': 'gzip',
      'cache-control': 'public, max-age=300',
      vary: 'Accept-Encoding',
      etag: expect.stringMatching(/^"[\w-]+"$/),
      'last-modified': expect.stringMatching(/ GMT$/),
    });
    const { wire, text } = bodyOf(res);
    expect(wire.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));

    expect(text).toContain('BEGIN:VTIMEZONE');
    expect(text).toContain('TZID:Europe/London');
    expect(text).toContain('TZID:America/New_York');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);

    const feed = parseIcs(text);
    expect(feed.timezones.sort()).toEqual(['America/New_York', 'Europe/London']);
    expect(feed.events).toHaveLength(2);
    for (const { id, timezone } of published) {
      const view = invoke<HttpResult>(api, httpEvent('GET', `/api/events/${id}`), feedStack.tableName);
      expect(view.statusCode).toBe(200);
      const event = JSON.parse(view.body) as { start: { utc: string }; end: { utc: string }; timezone: string };
      const entry = feed.events.find((e) => e.uid === `${id}@signpost`)!;
      expect(entry).toMatchObject({ start: event.start.utc, end: event.end.utc, tzid: timezone });
      expect(event.timezone).toBe(timezone);
    }
  });

  it('serves a network feed with only that network\'s meetups, plain when gzip was not offered', () => {
    const res = get('GET', '/calendar/networks/bundled-feeds-network.ics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['content-encoding']).toBeUndefined();
    const { text } = bodyOf(res);
    const feed = parseIcs(text);
    expect(feed.name).toBe(`Signpost: ${network}`);
    expect(feed.events.map((e) => e.uid)).toEqual([`${published[0]!.id}@signpost`]);
    expect(feed.timezones).toEqual(['Europe/London']);
  });

  it('answers HEAD with the headers of a GET and no body', () => {
    const full = get('GET', '/calendar.ics');
    const head = get('HEAD', '/calendar.ics');
    expect(head.statusCode).toBe(200);
    expect(head.headers).toMatchObject({
      'content-type': 'text/calendar; charset=utf-8',
      etag: full.headers.etag,
      'last-modified': full.headers['last-modified'],
      'cache-control': 'public, max-age=300',
    });
    expect(bodyOf(head).wire.length).toBe(0);
  });

  it('answers a poll that already has the current version with 304 and no body', () => {
    // The gzip bytes have their own ETag, so the validators come from a gzip answer too.
    const { etag, 'last-modified': lastModified } = get('GET', '/calendar.ics', { 'accept-encoding': 'gzip' }).headers;
    expect(etag).toMatch(/-gz"$/);
    const validators: Record<string, string>[] = [{ 'if-none-match': etag! }, { 'if-modified-since': lastModified! }];
    for (const validator of validators) {
      const res = get('GET', '/calendar.ics', { 'accept-encoding': 'gzip', ...validator });
      expect(res.statusCode).toBe(304);
      expect(res.headers.etag).toBe(etag);
      expect(bodyOf(res).wire.length).toBe(0);
    }
    expect(get('GET', '/calendar.ics', { 'if-none-match': '"something-older"' }).statusCode).toBe(200);
  });
});

describe('the bundled reminder sweep', () => {
  let reminderStack: Awaited<ReturnType<typeof testStack>>;
  const person = { name: 'Ada', email: 'reminded@example.org' };

  /** What EventBridge Scheduler sends: the schedule's Input with its context attributes filled in for this run. */
  const schedulerEvent = (attempt: number) => {
    const scheduled = new Date();
    scheduled.setUTCSeconds(0, 0);
    const values: Record<string, string> = {
      '<aws.scheduler.schedule-arn>': 'arn:aws:scheduler:eu-west-2:123456789012:schedule/default/SignpostApp-RemindersSchedule-1A2B3C4D5E6F',
      '<aws.scheduler.scheduled-time>': scheduled.toISOString().replace('.000Z', 'Z'),
      '<aws.scheduler.execution-id>': crypto.randomUUID(),
      '<aws.scheduler.attempt-number>': String(attempt),
    };
    const event = JSON.parse(scheduleInput.replace(/<aws\.scheduler\.[a-z-]+>/g, (placeholder) => values[placeholder]!)) as Record<string, string>;
    expect(Object.values(event).some((v) => v.startsWith('<aws.'))).toBe(false);
    return event;
  };

  /** Pending outbox messages to the person (the GSI1 partition OUTBOX#pending), reminders only. */
  const remindersQueued = async () =>
    (await dynamoOutbox(reminderStack.dynamo, reminderStack.tableName).pending(100)).filter(
      (m) => m.to.includes(person.email) && m.purpose.startsWith('reminder-'),
    );

  beforeAll(async () => {
    // The bundle uses the system clock, so the meetup is seeded against it too: online, starting in ~30 minutes, so
    // both the day-before and the "starting soon" reminders are due; the person gets only the most imminent one.
    reminderStack = await testStack(systemClock, 'https://events.example.org');
    const { deps } = reminderStack;
    const now = new Date();
    const minute = (offset: number) => new Date(now.getTime() + offset * 60_000).toISOString().slice(0, 16);
    const input = eventInputSchema.parse({
      title: 'Bundled reminder webinar', description: 'Short talks online.', start: minute(30), end: minute(90), timezone: 'UTC',
      format: 'online', onlineUrl: 'https://meet.example.org/reminders', organiserName: 'Morag', organiserEmail: 'reminders@example.org',
    });
    const draft = createEvent(input, { id: newId(), tokenHash: hashSecret(newToken()) }, now);
    await deps.events.create(draft, [], []);
    const event = publishEvent(draft, now);
    await deps.events.save(event, draft);

    // The RSVP through the repository and the confirm use case: the confirm link's token is ours to know.
    const token = newToken();
    const rsvp = newRsvpFields(event, person, hashSecret(token), now);
    const link = { to: person.email, subject: 'Confirm your place', text: 'x', html: '<p>x</p>' };
    await deps.rsvps.request(rsvp, [], outboxMessage(link, 'rsvp-confirm-link', now));
    expect((await confirmRsvp(deps, event.id, rsvp.key, token)).status).toBe('confirmed');
  });

  it('queues one reminder, "starting soon", for the confirmed person, once', async () => {
    const first = invoke<{ events: number; queued: number; skipped: number }>(reminders, schedulerEvent(1), reminderStack.tableName);
    expect(first).toMatchObject({ events: 2, queued: 1, skipped: 0 });

    const queued = await remindersQueued();
    expect(queued.map((m) => m.purpose)).toEqual(['reminder-soon']);
    for (const message of queued) {
      expect(message.listUnsubscribe).toMatch(/^https:\/\/events\.example\.org\//);
      // The .ics is rendered by the mailer from this entry; the sweep's bundle has no calendar library.
      expect(message.calendar).toBeDefined();
    }
    expect(queued.find((m) => m.purpose === 'reminder-soon')!.text).toContain('https://meet.example.org/reminders');

    // Scheduler's next run (or a retry of this one): the claims are taken, nothing more is queued.
    const second = invoke<{ queued: number }>(reminders, schedulerEvent(2), reminderStack.tableName);
    expect(second.queued).toBe(0);
    expect(await remindersQueued()).toHaveLength(1);
  });
});

describe('the bundled SES events function', () => {
  it('marks a bounced address from an EventBridge SES event, and the bundled mailer then never sends to it', async () => {
    const gone = `gone-${newId(6)}@example.org`;
    expect(invoke(sesEvents, bounceEvent([gone]))).toEqual({ suppressed: 1 });
    expect((await stack.suppressions.find([gone])).get(gone)).toMatchObject({ reason: 'bounce', detail: 'Permanent/General' });

    await newRecords(); // only what follows
    const now = new Date();
    const kept = outboxMessage({ to: `kept-${newId(6)}@example.org`, subject: 'Reminder: Bundled TeachMeet', text: 'x', html: '<p>x</p>' }, 'reminder-day', now);
    const dropped = outboxMessage({ to: gone, subject: 'Reminder: Bundled TeachMeet', text: 'x', html: '<p>x</p>' }, 'reminder-day', now);
    await transactWrite(stack.dynamo, { TransactItems: [outboxPut(stack.tableName, kept), outboxPut(stack.tableName, dropped)] });
    const batch: DynamoDBStreamEvent = await newRecords();
    expect(batch.Records).toHaveLength(2);
    expect(invoke(mailer, batch)).toEqual({ batchItemFailures: [] });

    expect(await inbox(stack.sesEndpoint, kept.to)).toHaveLength(1);
    expect(await inbox(stack.sesEndpoint, gone)).toEqual([]);
    const outbox = dynamoOutbox(stack.dynamo, stack.tableName);
    expect((await outbox.get(dropped.id))?.status).toBe('suppressed');
    expect((await outbox.get(kept.id))?.status).toBe('sent');
  });

  it('ignores a transient bounce (SES retries those itself)', () => {
    expect(invoke(sesEvents, bounceEvent([`full-${newId(6)}@example.org`], 'Transient', 'MailboxFull'))).toEqual({ suppressed: 0 });
  });
});

describe('the bundled mailer, run by its catch-up schedule', () => {
  it('sends what the stream gave up on (older than 15 minutes) and gives up on what is 3 days old', async () => {
    const now = Date.now();
    const late = outboxMessage({ to: `late-${newId(6)}@example.org`, subject: 'Confirm your place', text: 'x', html: '<p>x</p>' }, 'rsvp-confirm-link', new Date(now - 20 * 60_000));
    const ancient = outboxMessage({ to: `ancient-${newId(6)}@example.org`, subject: 'Confirm your place', text: 'x', html: '<p>x</p>' }, 'rsvp-confirm-link', new Date(now - 3 * 86_400_000 - 60_000));
    const fresh = outboxMessage({ to: `fresh-${newId(6)}@example.org`, subject: 'Confirm your place', text: 'x', html: '<p>x</p>' }, 'rsvp-confirm-link', new Date(now - 60_000));
    await transactWrite(stack.dynamo, { TransactItems: [late, ancient, fresh].map((m) => outboxPut(stack.tableName, m)) });

    // The schedule's input, as synthesized.
    const result = invoke<{ sent: number; failed: number; givenUp: number }>(mailer, { catchUp: true });
    expect(result.sent).toBeGreaterThanOrEqual(1);
    expect(result.givenUp).toBeGreaterThanOrEqual(1);
    expect(result.failed).toBe(0);

    const outbox = dynamoOutbox(stack.dynamo, stack.tableName);
    expect((await outbox.get(late.id))?.status).toBe('sent');
    expect((await outbox.get(ancient.id))?.status).toBe('failed');
    expect((await outbox.get(fresh.id))?.status).toBe('pending'); // still the stream's
    expect(await inbox(stack.sesEndpoint, late.to)).toHaveLength(1);
    expect(await inbox(stack.sesEndpoint, ancient.to)).toEqual([]);
  });
});

