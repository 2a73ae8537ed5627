// Integration: RSVPs on DynamoDB Local — fair capacity under concurrency, waitlist promotion in order, idempotency,
// emails through the outbox to the SES emulator, and the organiser's tools.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { QueryCommand, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { createApp } from '#functions/apps/api/app.ts';
import { fixedClock } from '#functions/core/clock.ts';
import { hashSecret, newToken } from '#functions/core/ids.ts';
import { newRsvpFields, rsvpKey } from '#functions/rsvps/rsvp.ts';
import { inbox, linkFrom, mapLimit, testStack, type StoredEmail } from '../support/stack.ts';
import { outboxMessage } from '#functions/core/email.ts';

const clock = fixedClock('2026-11-27T09:00:00Z');
let stack: Awaited<ReturnType<typeof testStack>>;
let app: ReturnType<typeof createApp>;

const post = (path: string, body: unknown) =>
  app.request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

/** Lists and publishes a meetup; returns its id and manage token. */
async function meetup(capacity?: number) {
  const organiser = `org-${Math.random().toString(36).slice(2)}@example.org`;
  const res = await post('/api/events', {
    title: 'Cataloguing cafe', description: 'Bring records.', start: '2026-12-10T13:00', end: '2026-12-10T14:00',
    format: 'in_person', venue: 'Central Library', organiserName: 'Aoife', organiserEmail: organiser, ...(capacity ? { capacity } : {}),
  });
  expect(res.status).toBe(202);
  await stack.deliver();
  const { id, token } = linkFrom((await inbox(stack.sesEndpoint, organiser))[0]!, 'confirm');
  expect((await post(`/api/events/${id}/publish`, { token })).status).toBe(200);
  return { id, manage: token, organiser };
}

/** RSVPs written straight through the repository with tokens we know, as the request endpoint would. */
async function pendingRsvps(eventId: string, count: number, prefix: string) {
  const event = (await stack.deps.events.get(eventId))!;
  return mapLimit(Array.from({ length: count }, (_, i) => i), 10, async (i) => {
    const token = newToken();
    const email = `${prefix}${i}@example.org`;
    const fields = newRsvpFields(event, { name: `${prefix} ${i}`, email }, hashSecret(token), clock.now());
    await stack.deps.rsvps.request(fields, [], outboxMessage({ to: email, subject: 's', text: 't', html: 'h' }, 'rsvp-confirm-link', clock.now()));
    return { key: fields.key, token, email };
  });
}

async function counts(eventId: string) {
  const out = await stack.dynamo.send(new GetItemCommand({ TableName: stack.tableName, Key: { PK: { S: `EVENT#${eventId}` }, SK: { S: 'EVENT' } }, ConsistentRead: true }));
  const rsvps = await stack.dynamo.send(new QueryCommand({
    TableName: stack.tableName, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :r)', ConsistentRead: true,
    ExpressionAttributeValues: { ':pk': { S: `EVENT#${eventId}` }, ':r': { S: 'RSVP#' } },
  }));
  const by = (status: string) => (rsvps.Items ?? []).filter((i) => i.status?.S === status);
  return {
    confirmedCount: Number(out.Item?.confirmedCount?.N ?? 0),
    waitlistCount: Number(out.Item?.waitlistCount?.N ?? 0),
    confirmed: by('confirmed'),
    waitlisted: by('waitlisted'),
  };
}

/** Points the tests at a new table (and returns what they used before). */
async function useNewTable() {
  const before = { stack, app };
  stack = await testStack(clock);
  app = createApp(stack.deps);
  return before;
}

beforeAll(async () => {
  await useNewTable();
});

describe('reserving a place by email link', () => {
  it('answers the same for new and known addresses, re-sends instead of duplicating, and confirms idempotently', async () => {
    const { id, organiser } = await meetup(5);
    const ask = () => post(`/api/events/${id}/rsvps`, { name: 'Siân', email: 'sian@example.org', note: 'Step-free access please' });
    const first = await ask();
    clock.set(new Date(clock.now().getTime() + 1000).toISOString());
    const second = await ask();
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(await second.json()).toEqual(await first.json());
    await stack.deliver();
    const mails = await inbox(stack.sesEndpoint, 'sian@example.org');
    expect(mails).toHaveLength(2);
    expect((await counts(id)).confirmed.length + (await counts(id)).waitlisted.length).toBe(0);

    // Only the newest link works: asking again replaced the first.
    const link = (mail: StoredEmail) => /\/rsvp\/([a-z0-9]+)\/([0-9a-f]+)#token=([\w-]+)/.exec(mail.body.text ?? '')!;
    const [, , key, oldToken] = link(mails[0]!);
    const [, , , token] = link(mails[1]!);
    expect(key).toBe(rsvpKey(id, 'sian@example.org'));
    expect((await post(`/api/events/${id}/rsvps/${key}/confirm`, { token: oldToken })).status).toBe(403);
    const confirmed = await post(`/api/events/${id}/rsvps/${key}/confirm`, { token });
    expect(confirmed.status).toBe(200);
    const body = (await confirmed.json()) as { status: string; event: { places: { left: number; confirmed: number } } };
    expect(body.status).toBe('confirmed');
    expect(body.event.places).toMatchObject({ capacity: 5, confirmed: 1, left: 4, waitlist: 0 });
    expect(JSON.stringify(body)).not.toContain('sian@example.org');
    expect(await (await post(`/api/events/${id}/rsvps/${key}/confirm`, { token })).json()).toMatchObject({ status: 'confirmed', already: true });
    expect((await counts(id)).confirmedCount).toBe(1);
    // Asking again with a place changes nothing about it (test/integration/rsvp-states.test.ts follows the email).
    expect((await post(`/api/events/${id}/rsvps`, { name: 'Siân Jones', email: 'sian@example.org' })).status).toBe(202);
    expect(await stack.deps.rsvps.get(id, key!)).toMatchObject({ name: 'Siân', status: 'confirmed', note: 'Step-free access please' });

    // The confirmation: event details, .ics attachment, a cancel link, replies to the organiser.
    await stack.deliver();
    const youreIn = (await inbox(stack.sesEndpoint, 'sian@example.org')).find((m) => m.subject.startsWith("You're in"))!;
    expect(youreIn.replyTo).toEqual([organiser]);
    expect(youreIn.body.text).toMatch(/Thursday,? 10 December 2026, 13:00 – 14:00 London time/);
    // "Add to Google" is our own short link (a redirect), not the provider's 700-character URL.
    expect(youreIn.body.text).toContain(`/events/${id}/add/google`);
    expect(youreIn.body.text).not.toContain('calendar.google.com');
    const attachments = (youreIn as unknown as { attachments: { contentType: string; content: string }[] }).attachments;
    const ics = attachments.find((a) => a.contentType.startsWith('application/ics') || a.contentType.startsWith('text/calendar'));
    expect(ics).toBeDefined();
    const icsText = Buffer.from(ics!.content, 'base64').toString('utf8');
    expect(icsText).toContain('METHOD:PUBLISH');
    expect(icsText).toContain('BEGIN:VTIMEZONE');
    expect(icsText).toContain('DTSTART;TZID=Europe/London:20261210T130000');
    expect(icsText).not.toContain('ORGANIZER');
    expect(icsText).not.toMatch(/token=|\/rsvp\//);

  });
});

const cancelLink = (text: string) => {
  const m = /\/rsvp\/([a-z0-9]+)\/([0-9a-f]+)\/cancel#token=([\w-]+)/.exec(text);
  if (!m) throw new Error('no cancel link');
  return { key: m[2]!, token: m[3]! };
};

describe('fair capacity under load', () => {
  // A table for each test: these leave hundreds of emails undelivered (200 confirm links and 200 confirmations from the
  // first alone), and on a shared table the next test's deliver() sent them all first, four round trips each.
  let shared: Awaited<ReturnType<typeof useNewTable>> | undefined;
  beforeEach(async () => {
    const before = await useNewTable();
    shared ??= before;
  });
  afterAll(() => {
    ({ stack, app } = shared!);
  });

  it('100 concurrent confirms for 10 places: exactly 10 confirmed and 90 waitlisted, counters equal to the items', async () => {
    const { id } = await meetup(10);
    const people = await pendingRsvps(id, 100, 'crowd');
    const results = await Promise.all(people.map((p) => post(`/api/events/${id}/rsvps/${p.key}/confirm`, { token: p.token })));
    const statuses = await Promise.all(results.map(async (r) => (r.status === 200 ? ((await r.json()) as { status: string }).status : `http ${r.status}`)));
    expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(10);
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(90);
    const c = await counts(id);
    expect(c).toMatchObject({ confirmedCount: 10, waitlistCount: 90 });
    expect(c.confirmed).toHaveLength(10);
    expect(c.waitlisted).toHaveLength(90);
  }, 300_000);

  it('25 concurrent cancels promote exactly 25, in waitlist order, and double submissions change nothing twice', async () => {
    const { id } = await meetup(30);
    const people = await pendingRsvps(id, 60, 'queue');
    // 30 take the places (all at once: there is room for each), then 30 join the waitlist one at a time, so its
    // order is known.
    const confirm = async (p: (typeof people)[number]) => expect((await post(`/api/events/${id}/rsvps/${p.key}/confirm`, { token: p.token })).status).toBe(200);
    await mapLimit(people.slice(0, 30), 10, confirm);
    for (const p of people.slice(30)) {
      await confirm(p);
      clock.set(new Date(clock.now().getTime() + 1000).toISOString());
    }
    expect(await counts(id)).toMatchObject({ confirmedCount: 30, waitlistCount: 30 });
    await stack.deliver();
    const cancelTokens = new Map<string, string>();
    for (const p of people) {
      const mails = await inbox(stack.sesEndpoint, p.email);
      const withLink = mails.filter((m) => (m.body.text ?? '').includes('/cancel#token='));
      expect(withLink).toHaveLength(1);
      cancelTokens.set(p.key, cancelLink(withLink[0]!.body.text ?? '').token);
    }
    const leaving = people.slice(0, 25);
    // Each cancel is submitted twice at once: the second must do nothing.
    const results = await Promise.all(
      leaving.flatMap((p) => [0, 1].map(() => post(`/api/events/${id}/rsvps/${p.key}/cancel`, { token: cancelTokens.get(p.key)! }))),
    );
    const bad = await Promise.all(results.filter((r) => r.status !== 200).map(async (r) => `${r.status} ${await r.text()}`));
    expect(bad).toEqual([]);
    // One of each pair did it; the other found nothing left to do.
    const already = await Promise.all(results.map(async (r) => ((await r.json()) as { already: boolean }).already));
    expect(already.filter((a) => !a)).toHaveLength(25);
    const c = await counts(id);
    expect(c).toMatchObject({ confirmedCount: 30, waitlistCount: 5 });
    expect(c.confirmed).toHaveLength(30);
    expect(c.waitlisted).toHaveLength(5);
    const promoted = new Set(people.slice(30, 55).map((p) => p.key));
    const confirmedKeys = new Set(c.confirmed.map((i) => i.key!.S!));
    for (const key of promoted) expect(confirmedKeys.has(key)).toBe(true);
    expect(c.waitlisted.map((i) => i.key!.S).sort()).toEqual(people.slice(55).map((p) => p.key).sort());

    // Each promoted person is emailed once that they now have a place.
    await stack.deliver();
    const promotedMails = await Promise.all(people.slice(30, 55).map(async (p) => (await inbox(stack.sesEndpoint, p.email)).filter((m) => m.subject.startsWith('A place freed up'))));
    expect(promotedMails.every((m) => m.length === 1)).toBe(true);
  }, 300_000);

  it('never waitlists a meetup without a capacity, and refuses RSVPs once closed or cancelled', async () => {
    const { id, manage } = await meetup();
    const people = await pendingRsvps(id, 30, 'open');
    const statuses = await Promise.all(people.map(async (p) => ((await (await post(`/api/events/${id}/rsvps/${p.key}/confirm`, { token: p.token })).json()) as { status: string }).status));
    expect(new Set(statuses)).toEqual(new Set(['confirmed']));
    expect(await counts(id)).toMatchObject({ confirmedCount: 30, waitlistCount: 0 });

    expect((await post(`/api/events/${id}/rsvp-settings`, { token: manage, rsvpsOpen: false })).status).toBe(200);
    const closed = await post(`/api/events/${id}/rsvps`, { name: 'Late', email: 'late@example.org' });
    expect(closed.status).toBe(409);
    expect(((await closed.json()) as { error: string }).error).toBe('rsvps_closed');
    const [late] = await pendingRsvps(id, 1, 'late');
    expect((await post(`/api/events/${id}/rsvps/${late!.key}/confirm`, { token: late!.token })).status).toBe(409);
    expect((await post(`/api/events/${id}/rsvp-settings`, { token: manage, rsvpsOpen: true })).status).toBe(200);
    expect((await post(`/api/events/${id}/cancel`, { token: manage })).status).toBe(200);
    expect((await post(`/api/events/${id}/rsvps`, { name: 'Late', email: 'late@example.org' })).status).toBe(409);
  });
});

describe('the organiser', () => {
  it('sees attendees, exports CSV, removes someone (promoting the next), and raising capacity promotes while lowering evicts nobody', async () => {
    const { id, manage } = await meetup(2);
    const people = await pendingRsvps(id, 5, '=cmd|');
    for (const p of people) {
      await post(`/api/events/${id}/rsvps/${p.key}/confirm`, { token: p.token });
      clock.set(new Date(clock.now().getTime() + 1000).toISOString());
    }
    const list = (await (await post(`/api/events/${id}/attendees`, { token: manage })).json()) as { confirmed: number; waitlist: number; attendees: { key: string; status: string; waitlistPosition?: number; email: string }[] };
    expect(list).toMatchObject({ capacity: 2, confirmed: 2, waitlist: 3 });
    expect(list.attendees.map((a) => a.waitlistPosition ?? null)).toEqual([null, null, 1, 2, 3]);
    expect((await post(`/api/events/${id}/attendees`, { token: 'A'.repeat(43) })).status).toBe(403);

    const csv = await post(`/api/events/${id}/attendees.csv`, { token: manage });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toBe('"Name","Email","Status","Note","RSVPed at (London time)","Confirmed at (London time)","Email problem","Still coming?","Checked in at (London time)","Checked in by"');
    expect(text).toContain(`"'=cmd| 0"`); // formulas neutralised
    expect(text).toContain('"Waitlisted (3)"');
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="cataloguing-cafe-2026-12-10-attendees.csv"`);

    const removed = (await (await post(`/api/events/${id}/attendees/${people[0]!.key}/remove`, { token: manage })).json()) as typeof list;
    expect(removed).toMatchObject({ confirmed: 2, waitlist: 2 });
    expect(removed.attendees.find((a) => a.key === people[2]!.key)?.status).toBe('confirmed');

    const managed = (await (await post(`/api/events/${id}/manage`, { token: manage })).json()) as Record<string, unknown> & { version: number };
    const edit = (capacity: number) =>
      app.request(`/api/events/${id}`, {
        method: 'PUT', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Cataloguing cafe', description: 'Bring records.', start: '2026-12-10T13:00', end: '2026-12-10T14:00', format: 'in_person', venue: 'Central Library', organiserName: 'Aoife', organiserEmail: 'aoife@example.org', capacity, token: manage, version: managed.version }),
      });
    const raised = await edit(3);
    expect(raised.status).toBe(200);
    expect(await counts(id)).toMatchObject({ confirmedCount: 3, waitlistCount: 1 });
    const v = ((await raised.json()) as { version: number }).version;
    const lowered = await app.request(`/api/events/${id}`, {
      method: 'PUT', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Cataloguing cafe', description: 'Bring records.', start: '2026-12-10T13:00', end: '2026-12-10T14:00', format: 'in_person', venue: 'Central Library', organiserName: 'Aoife', organiserEmail: 'aoife@example.org', capacity: 1, token: manage, version: v }),
    });
    expect(lowered.status).toBe(200);
    expect(await counts(id)).toMatchObject({ confirmedCount: 3, waitlistCount: 1 });

    // Over capacity after lowering: a cancel frees a place without promoting anyone.
    const confirmedKey = (await counts(id)).confirmed[0]!.key!.S!;
    const afterRemoval = (await (await post(`/api/events/${id}/attendees/${confirmedKey}/remove`, { token: manage })).json()) as typeof list;
    expect(afterRemoval).toMatchObject({ confirmed: 2, waitlist: 1 });
  });
});

describe('abuse', () => {
  it('limits confirmation mails per address per event, answering 429 with Retry-After', async () => {
    const { id } = await meetup(10);
    const ask = () => post(`/api/events/${id}/rsvps`, { name: 'Target', email: 'target@example.org' });
    expect([(await ask()).status, (await ask()).status, (await ask()).status]).toEqual([202, 202, 202]);
    const fourth = await ask();
    expect(fourth.status).toBe(429);
    expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(0);
    await stack.deliver();
    expect(await inbox(stack.sesEndpoint, 'target@example.org')).toHaveLength(3);
  });

  it('answers a filled bot-trap field like any other request, and stores and sends nothing', async () => {
    const { id } = await meetup(10);
    const res = await post(`/api/events/${id}/rsvps`, { name: 'Bot', email: 'bot@example.org', website: 'https://spam.example' });
    expect(res.status).toBe(202);
    expect(await stack.deps.rsvps.get(id, rsvpKey(id, 'bot@example.org'))).toBeUndefined();
    await stack.deliver();
    expect(await inbox(stack.sesEndpoint, 'bot@example.org')).toHaveLength(0);
  });
});

describe('organiser notices', () => {
  it('emails the organiser on each RSVP only when they asked, with replies going to the attendee', async () => {
    const { id, manage, organiser } = await meetup(5);
    const [quiet] = await pendingRsvps(id, 1, 'quiet');
    await post(`/api/events/${id}/rsvps/${quiet!.key}/confirm`, { token: quiet!.token });
    expect((await post(`/api/events/${id}/rsvp-settings`, { token: manage, notifyOnRsvp: true })).status).toBe(200);
    const [loud] = await pendingRsvps(id, 1, 'loud');
    await post(`/api/events/${id}/rsvps/${loud!.key}/confirm`, { token: loud!.token });
    await stack.deliver();
    const notices = (await inbox(stack.sesEndpoint, organiser)).filter((m) => m.subject.startsWith('New RSVP'));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.subject).toBe('New RSVP (confirmed): Cataloguing cafe');
    expect(notices[0]!.replyTo).toEqual([loud!.email]);
  });
});
