// Integration: honest RSVP states on DynamoDB Local and the SES emulator — a reminder for people who confirm after
// the day-before sweep, "You already have a place", used links that say so, removal by the organiser (with its
// email), the organiser's cancellation notices, and deleting an RSVP's or a past meetup's data from the table.
import { beforeAll, describe, expect, it } from 'vitest';
import { GetItemCommand, QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { createApp } from '#functions/apps/api/app.ts';
import { fixedClock } from '#functions/core/clock.ts';
import { newId } from '#functions/core/ids.ts';
import { personId } from '#functions/core/person.ts';
import { claimFor, rsvpRules } from '#functions/ratelimit/rate-limit.ts';
import { sweepReminders, type ReminderDeps } from '#functions/reminders/sweep.ts';
import { inbox, linkFrom, sweepDepsFor, testStack, type StoredEmail } from '../support/stack.ts';

const clock = fixedClock('2026-11-27T09:00:00Z');
let stack: Awaited<ReturnType<typeof testStack>>;
let app: ReturnType<typeof createApp>;
let sweepDeps: ReminderDeps;

beforeAll(async () => {
  stack = await testStack(clock);
  app = createApp(stack.deps);
  sweepDeps = sweepDepsFor(stack, clock);
});

/** A JSON post; a body naming a network is sent by that network's team (stack.asTeam), as only a team may list under it. */
async function post(path: string, body: unknown) {
  const team = body && typeof body === 'object' && !Array.isArray(body) ? await stack.asTeam(body as Record<string, unknown>) : { body, headers: {} };
  return app.request(path, { method: 'POST', body: JSON.stringify(team.body), headers: { 'content-type': 'application/json', ...team.headers } });
}

/** A published meetup listed "now" (the clock), by an organiser of its own. */
async function meetup(over: Record<string, unknown> = {}) {
  const organiser = `org-${newId(8)}@example.org`;
  const title = `Honest states ${newId(4)}`;
  const res = await post('/api/events', {
    title, description: 'Bring records.', start: '2026-12-10T13:00', end: '2026-12-10T14:00', timezone: 'Europe/London',
    format: 'in_person', venue: 'Central Library', organiserName: 'Aoife', organiserEmail: organiser, ...over,
  });
  expect(res.status).toBe(202);
  await stack.deliver();
  const { id, token } = linkFrom((await inbox(stack.sesEndpoint, organiser)).at(-1)!, 'confirm');
  expect((await post(`/api/events/${id}/publish`, { token })).status).toBe(200);
  return { id, manage: token, organiser, title };
}

const mailsTo = async (email: string) => {
  await stack.deliver();
  return inbox(stack.sesEndpoint, email);
};
const textOf = (m: StoredEmail) => m.body.text ?? '';
/** The text part with its lines joined, for phrases a line break may fall in. */
const flat = (m: StoredEmail) => textOf(m).replace(/\s+/g, ' ');
const tokenIn = (text: string, kind: 'confirm' | 'cancel') => {
  const m = (kind === 'confirm' ? /\/rsvp\/[a-z0-9]+\/([0-9a-f]+)#token=([\w-]{43})/ : /\/rsvp\/[a-z0-9]+\/([0-9a-f]+)\/cancel#token=([\w-]{43})/).exec(text);
  if (!m) throw new Error(`no ${kind} link in: ${text.slice(0, 200)}`);
  return { key: m[1]!, token: m[2]! };
};

interface Outcome { status: string; already: boolean; waitlistPosition?: number; onlineUrl?: string; event: { places: { confirmed: number; left?: number; waitlist: number } } }

/** Reserves through the API, confirms from the emailed link; returns the confirm link, the outcome and the cancel link. */
async function join(eventId: string, name = 'Person') {
  const email = `p-${newId(8)}@example.org`;
  expect((await post(`/api/events/${eventId}/rsvps`, { name, email, note: 'Step-free access please' })).status).toBe(202);
  const confirm = tokenIn(textOf((await mailsTo(email)).at(-1)!), 'confirm');
  const res = await post(`/api/events/${eventId}/rsvps/${confirm.key}/confirm`, { token: confirm.token });
  expect(res.status).toBe(200);
  const outcome = (await res.json()) as Outcome;
  const cancel = tokenIn(textOf((await mailsTo(email)).at(-1)!), 'cancel');
  clock.set(new Date(clock.now().getTime() + 1000).toISOString());
  return { email, key: confirm.key, confirm: confirm.token, cancel: cancel.token, outcome };
}

/** The reminders an address was sent (whatever their subject says): every reminder carries the reminders-off link. */
const remindersTo = async (email: string) => (await mailsTo(email)).filter((m) => textOf(m).includes('/reminders-off/') && !/waitlist/i.test(m.subject));

/** Every item of the table's partition, read raw. */
async function partition(pk: string) {
  const out = await stack.dynamo.send(new QueryCommand({
    TableName: stack.tableName, KeyConditionExpression: 'PK = :pk', ConsistentRead: true, ExpressionAttributeValues: { ':pk': { S: pk } },
  }));
  return out.Items ?? [];
}

describe('a reminder for people who confirm after the day-before sweep', () => {
  it('an in-person meetup listed within a day of its start (the README walkthrough): RSVP, sweep, reminder — once', async () => {
    clock.set('2027-01-11T09:00:00Z');
    const { id } = await meetup({ start: '2027-01-11T18:00', end: '2027-01-11T19:00' });
    // The running stack sweeps every minute: it finds the meetup before anyone has RSVPed.
    expect((await sweepReminders(sweepDeps)).queued).toBe(0);
    const early = await join(id, 'Early');
    clock.set('2027-01-11T09:05:00Z');
    expect((await sweepReminders(sweepDeps)).queued).toBe(1);
    expect(await remindersTo(early.email)).toHaveLength(1);

    // Someone confirms after that sweep: the next one reminds them, and only them, however many run at once.
    const late = await join(id, 'Late');
    clock.set('2027-01-11T09:10:00Z');
    const runs = await Promise.all([sweepReminders(sweepDeps), sweepReminders(sweepDeps)]);
    expect(runs[0]!.queued + runs[1]!.queued).toBe(1);
    expect((await sweepReminders(sweepDeps)).queued).toBe(0);
    const reminders = await remindersTo(late.email);
    expect(reminders).toHaveLength(1);
    expect(textOf(reminders[0]!)).toMatch(/\/rsvp\/[a-z0-9]+\/[0-9a-f]+\/cancel#token=/);
    expect(await remindersTo(early.email)).toHaveLength(1);

    // Nobody joined since: sweeps leave the meetup's RSVPs alone; and never after the start.
    expect((await sweepReminders(sweepDeps)).queued).toBe(0);
    clock.set('2027-01-11T18:00:01Z');
    expect((await sweepReminders(sweepDeps)).queued).toBe(0);
  });

  it('online: someone confirming in the last hour gets the "starting soon" reminder alone, with the joining link', async () => {
    clock.set('2027-02-11T09:00:00Z');
    const { id } = await meetup({ start: '2027-02-12T19:00', end: '2027-02-12T20:00', format: 'online', venue: undefined, onlineUrl: 'https://meet.example.org/late' });
    const early = await join(id, 'Early');
    clock.set('2027-02-11T19:05:00Z');
    expect((await sweepReminders(sweepDeps)).queued).toBe(1); // the day-before one
    clock.set('2027-02-12T18:20:00Z');
    expect((await sweepReminders(sweepDeps)).queued).toBe(1); // starting soon, for the early one
    const late = await join(id, 'Late');
    expect(late.outcome).toMatchObject({ status: 'confirmed', onlineUrl: 'https://meet.example.org/late' });
    clock.set('2027-02-12T18:25:00Z');
    expect((await sweepReminders(sweepDeps)).queued).toBe(1);
    const toLate = await remindersTo(late.email);
    expect(toLate).toHaveLength(1);
    expect(textOf(toLate[0]!)).toContain('https://meet.example.org/late');
    expect(await remindersTo(early.email)).toHaveLength(2);
    expect((await sweepReminders(sweepDeps)).queued).toBe(0);
  });

  it('someone who joins the waitlist after it was due is not told "still on the waitlist" straight after "you are on it"', async () => {
    clock.set('2027-03-01T09:00:00Z');
    const { id } = await meetup({ start: '2027-03-01T18:00', end: '2027-03-01T19:00', capacity: 1 });
    await join(id, 'Has the place');
    const waiting = await join(id, 'Waiting');
    expect(waiting.outcome).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect((await sweepReminders(sweepDeps)).queued).toBe(1);
    expect((await mailsTo(waiting.email)).filter((m) => /^Still on the waitlist/.test(m.subject))).toHaveLength(0);
  });
});

describe('links that were used, and the counts after', () => {
  it('a used confirm link says already (never "confirm again"), a used cancel link too, with the counts after each', async () => {
    clock.set('2026-11-27T09:00:00Z');
    const { id } = await meetup({ capacity: 3, format: 'hybrid', onlineUrl: 'https://meet.example.org/private' });
    const ada = await join(id, 'Ada');
    expect(ada.outcome).toMatchObject({ status: 'confirmed', already: false, onlineUrl: 'https://meet.example.org/private', event: { places: { confirmed: 1, left: 2 } } });
    const again = (await (await post(`/api/events/${id}/rsvps/${ada.key}/confirm`, { token: ada.confirm })).json()) as Outcome;
    expect(again).toMatchObject({ status: 'confirmed', already: true, event: { places: { confirmed: 1, left: 2 } } });

    const cancel = () => post(`/api/events/${id}/rsvps/${ada.key}/cancel`, { token: ada.cancel });
    const first = await cancel();
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(await first.json()).toMatchObject({ status: 'cancelled', already: false, event: { places: { confirmed: 0, left: 3 } } });
    expect(await (await cancel()).json()).toMatchObject({ status: 'cancelled', already: true, event: { places: { confirmed: 0, left: 3 } } });
    // The used confirm link does not take the place back: reserving again does.
    const after = (await (await post(`/api/events/${id}/rsvps/${ada.key}/confirm`, { token: ada.confirm })).json()) as Outcome;
    expect(after).toMatchObject({ status: 'cancelled', already: true, event: { places: { confirmed: 0 } } });
    expect(after.onlineUrl).toBeUndefined();

    // An unknown RSVP and a wrong token get the same 403 from both links, never cached.
    const unknown = await post(`/api/events/${id}/rsvps/0123456789abcdef01234567/cancel`, { token: ada.cancel });
    const wrongConfirm = await post(`/api/events/${id}/rsvps/0123456789abcdef01234567/confirm`, { token: ada.confirm });
    for (const res of [unknown, wrongConfirm]) {
      expect(res.status).toBe(403);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(((await res.json()) as { error: string }).error).toBe('invalid_token');
    }
  });
});

describe('asking again while holding a place', () => {
  it('emails "You already have a place" with the links (a working fresh cancel link), not "Confirm your place"; same answer, same rate limit', async () => {
    clock.set('2026-11-28T09:00:00Z');
    const { id, title } = await meetup({ format: 'online', venue: undefined, onlineUrl: 'https://meet.example.org/again', capacity: 1 });
    const held = await join(id, 'Holder');
    const waiting = await join(id, 'Waiting');
    clock.set('2026-11-28T11:00:00Z'); // a new hour: three emails per address per hour
    const ask = (email: string) => post(`/api/events/${id}/rsvps`, { name: 'Somebody else', email });
    const known = await ask(held.email);
    const unknown = await ask(`new-${newId(6)}@example.org`);
    expect([known.status, unknown.status]).toEqual([202, 202]);
    expect(await known.json()).toEqual(await unknown.json());

    const mail = (await mailsTo(held.email)).at(-1)!;
    expect(mail.subject).toBe(`You already have a place at ${title}`);
    const text = textOf(mail);
    expect(text).not.toContain('Confirm my place');
    expect(text).toContain('Hello Holder,'); // their own name, not the one just typed
    expect(text).toContain('https://meet.example.org/again');
    expect(text).toMatch(/\/my-calendar#token=/);
    const fresh = tokenIn(text, 'cancel');
    expect((await stack.deps.rsvps.get(id, held.key))).toMatchObject({ name: 'Holder', status: 'confirmed', note: 'Step-free access please' });

    // On the waitlist: where they stand, never the joining link.
    await ask(waiting.email);
    const waitMail = (await mailsTo(waiting.email)).at(-1)!;
    expect(waitMail.subject).toBe(`You're already on the waitlist for ${title}`);
    expect(flat(waitMail)).toContain('You are number 1 in line.');
    expect(textOf(waitMail)).not.toContain('https://meet.example.org/again');

    // The fresh cancel link works (and gives the place to the waitlist).
    expect(await (await post(`/api/events/${id}/rsvps/${held.key}/cancel`, { token: fresh.token })).json()).toMatchObject({ status: 'cancelled', already: false });
    expect((await stack.deps.rsvps.get(id, waiting.key))?.status).toBe('confirmed');

    // The per-address limit still holds: two more, then 429.
    await ask(waiting.email);
    await ask(waiting.email);
    expect((await ask(waiting.email)).status).toBe(429);
  });
});

describe('the organiser removes someone', () => {
  it('emails them (with the message, replies to the organiser), lists them as removed, and their confirm link never gives the place back', async () => {
    clock.set('2026-11-29T09:00:00Z');
    const { id, manage, organiser, title } = await meetup({ capacity: 1 });
    const ada = await join(id, 'Ada');
    const bo = await join(id, 'Bo');
    const res = await post(`/api/events/${id}/attendees/${ada.key}/remove`, { token: manage, message: 'Sorry, Ada: this session is for members.\nSee you at the next one.' });
    expect(res.status).toBe(200);
    const list = (await res.json()) as { confirmed: number; waitlist: number; attendees: { key: string; status: string }[] };
    expect(list).toMatchObject({ confirmed: 1, waitlist: 0 });
    expect(list.attendees.map((a) => [a.key, a.status])).toEqual([[bo.key, 'confirmed'], [ada.key, 'removed']]);

    const removal = (await mailsTo(ada.email)).filter((m) => m.subject === `The organiser has removed you from ${title}`);
    expect(removal).toHaveLength(1);
    expect(removal[0]!.replyTo).toEqual([organiser]);
    expect(textOf(removal[0]!)).toContain('Their message:\nSorry, Ada: this session is for members.\nSee you at the next one.');
    expect(removal[0]!.body.html).toContain('Sorry, Ada: this session is for members.');
    expect((await mailsTo(bo.email)).some((m) => m.subject.startsWith('A place freed up'))).toBe(true);

    // Her old links: the confirm link says removed and takes nothing; asking again tells her why not.
    expect(await (await post(`/api/events/${id}/rsvps/${ada.key}/confirm`, { token: ada.confirm })).json()).toMatchObject({ status: 'removed', already: true, event: { places: { confirmed: 1 } } });
    expect((await post(`/api/events/${id}/rsvps`, { name: 'Ada', email: ada.email })).status).toBe(202);
    expect((await mailsTo(ada.email)).at(-1)!.subject).toBe(`You cannot reserve a place at ${title}`);
    expect((await stack.deps.rsvps.get(id, ada.key))?.status).toBe('removed');

    const csv = await (await post(`/api/events/${id}/attendees.csv`, { token: manage })).text();
    expect(csv).toContain('"Removed by the organiser"');
    expect(csv).toContain('"Confirmed"');
  });
});

describe('telling the organiser of cancellations (notifyOnCancel)', () => {
  it('only when asked: who left and the counts after, no access-needs note, replies to the attendee', async () => {
    clock.set('2026-11-30T09:00:00Z');
    const { id, manage, organiser, title } = await meetup({ capacity: 2 });
    const [a, b, c] = [await join(id, 'Ann'), await join(id, 'Ben'), await join(id, 'Cat')];
    expect(c.outcome.status).toBe('waitlisted');
    const notices = async () => (await mailsTo(organiser)).filter((m) => m.subject.endsWith(`: ${title}`) && /^(Place freed|Left the waitlist)/.test(m.subject));

    expect(await (await post(`/api/events/${id}/rsvps/${a.key}/cancel`, { token: a.cancel })).json()).toMatchObject({ status: 'cancelled' });
    expect(await notices()).toHaveLength(0);

    const on = await post(`/api/events/${id}/rsvp-settings`, { token: manage, notifyOnCancel: true });
    expect(await on.json()).toMatchObject({ notifyOnCancel: true });
    expect(await (await post(`/api/events/${id}/manage`, { token: manage })).json()).toMatchObject({ notifyOnCancel: true });
    expect((await post(`/api/events/${id}/rsvps/${b.key}/cancel`, { token: b.cancel })).status).toBe(200);
    const [notice] = await notices();
    expect(notice!.subject).toBe(`Place freed: ${title}`);
    expect(notice!.replyTo).toEqual([b.email]);
    expect(flat(notice!)).toContain(`Ben <${b.email}> cancelled their place.`);
    expect(flat(notice!)).toContain('Now: 1 of 2 places taken.'); // Cat took Ann's place; Ben's is free
    expect(textOf(notice!)).not.toContain('Step-free access please');

    // A deletion tells them too, naming the person only.
    const d = await join(id, 'Dee');
    expect((await post(`/api/events/${id}/rsvps/${d.key}/delete`, { token: d.cancel })).status).toBe(200);
    const last = (await notices()).at(-1)!;
    expect(flat(last)).toContain('Dee cancelled their place and deleted their RSVP.');
    expect(textOf(last)).not.toContain(d.email);
    expect(flat(last)).toContain('Now: 1 of 2 places taken.');
    expect(await notices()).toHaveLength(2);
  });
});

describe('deleting data', () => {
  it("an attendee deletes their RSVP: the item, their feed's link to it and their rate-limit counters go; the place goes to the waitlist", async () => {
    clock.set('2026-12-01T09:00:00Z');
    const { id } = await meetup({ capacity: 1 });
    const ada = await join(id, 'Ada');
    const bo = await join(id, 'Bo');
    const del = (key: string, token: string) => post(`/api/events/${id}/rsvps/${key}/delete`, { token });
    const wrong = await del(ada.key, bo.cancel);
    expect(wrong.status).toBe(403);
    expect((await del('0123456789abcdef01234567', ada.cancel)).status).toBe(403);

    const res = await del(ada.key, ada.cancel);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ deleted: true });
    // Idempotent: the same link again is the same answer; another's is still refused.
    expect(await (await del(ada.key, ada.cancel)).json()).toEqual({ deleted: true });
    expect((await del(ada.key, bo.cancel)).status).toBe(403);

    const items = await partition(`EVENT#${id}`);
    expect(items.find((i) => i.SK?.S === `RSVP#${ada.key}`)).toBeUndefined();
    // What is left of it names no one: a tombstone with the link hashes.
    const tombstone = items.find((i) => i.SK?.S === `GONE#${ada.key}`)!;
    expect(Object.keys(tombstone).sort()).toEqual(['PK', 'SK', 'cancelTokenHash', 'expiresAt', 'type']);
    expect(JSON.stringify(items)).not.toContain(ada.email);
    expect(await partition(`PERSON#${personId(ada.email)}`)).toEqual(
      expect.not.arrayContaining([expect.objectContaining({ SK: { S: `RSVP#${id}` } })]),
    );
    const counters = await stack.dynamo.send(new ScanCommand({ TableName: stack.tableName, FilterExpression: 'begins_with(PK, :p)', ExpressionAttributeValues: { ':p': { S: 'RATE#rsvp-to#' } } }));
    const theirs = (counters.Items ?? []).filter((i) => i.PK!.S!.includes(hashForRecipient(id, ada.email)));
    expect(theirs).toHaveLength(0);

    expect((await stack.deps.rsvps.get(id, bo.key))?.status).toBe('confirmed');
    const event = await stack.dynamo.send(new GetItemCommand({ TableName: stack.tableName, Key: { PK: { S: `EVENT#${id}` }, SK: { S: 'EVENT' } }, ConsistentRead: true }));
    expect(event.Item).toMatchObject({ confirmedCount: { N: '1' }, waitlistCount: { N: '0' } });
  });

  it('the organiser deletes a past meetup and all its attendee data; not before it has ended; idempotent', async () => {
    clock.set('2026-12-02T09:00:00Z');
    const { id, manage } = await meetup({ start: '2026-12-05T13:00', end: '2026-12-05T14:00', network: 'Deletion Network', tags: ['Gone'] });
    const people = [await join(id, 'One'), await join(id, 'Two')];
    const early = await post(`/api/events/${id}/delete`, { token: manage });
    expect(early.status).toBe(409);
    expect(((await early.json()) as { message: string }).message).toMatch(/^You can delete a meetup once it has ended/);
    const feedBefore = await feedVersion('net:deletion-network');

    clock.set('2026-12-05T15:00:00Z');
    expect((await post(`/api/events/${id}/delete`, { token: 'A'.repeat(43) })).status).toBe(403);
    const res = await post(`/api/events/${id}/delete`, { token: manage });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ deleted: true });

    // Only a tombstone is left in the meetup's partition; nobody's link to it; its feeds moved on; it is gone.
    const left = await partition(`EVENT#${id}`);
    expect(left.map((i) => i.SK?.S)).toEqual(['GONE']);
    expect(JSON.stringify(left)).not.toMatch(/@example\.org/);
    for (const p of people) expect((await partition(`PERSON#${personId(p.email)}`)).some((i) => i.SK?.S === `RSVP#${id}`)).toBe(false);
    expect(await feedVersion('net:deletion-network')).toBeGreaterThan(feedBefore);
    expect((await app.request(`/api/events/${id}`)).status).toBe(404);
    expect((await post(`/api/events/${id}/rsvps/${people[0]!.key}/delete`, { token: people[0]!.cancel })).status).toBe(200);

    expect(await (await post(`/api/events/${id}/delete`, { token: manage })).json()).toEqual({ deleted: true });
    expect((await post(`/api/events/${id}/delete`, { token: 'A'.repeat(43) })).status).toBe(403);
    expect((await post('/api/events/zzzzzzzzzz/delete', { token: manage })).status).toBe(404);
  });

  it('a cancelled meetup can be deleted before its day, once everyone has been told it is cancelled', async () => {
    clock.set('2026-12-03T09:00:00Z');
    const { id, manage, title } = await meetup({ start: '2027-01-20T13:00', end: '2027-01-20T14:00' });
    const going = await join(id, 'Going');
    expect((await post(`/api/events/${id}/cancel`, { token: manage })).status).toBe(200);
    const tooSoon = await post(`/api/events/${id}/delete`, { token: manage });
    expect(tooSoon.status).toBe(409);
    expect(((await tooSoon.json()) as { error: string }).error).toBe('notices_pending');

    expect((await sweepReminders(sweepDeps)).notices).toBe(1);
    expect((await mailsTo(going.email)).some((m) => m.subject.includes(title) && /cancel/i.test(m.subject))).toBe(true);
    expect(await (await post(`/api/events/${id}/delete`, { token: manage })).json()).toEqual({ deleted: true });
    expect((await partition(`EVENT#${id}`)).map((i) => i.SK?.S)).toEqual(['GONE']);
    // The sweep has nothing left to do for it.
    expect(await sweepReminders(sweepDeps)).toMatchObject({ queued: 0, notices: 0 });
  });
});

/** The hash a per-address RSVP counter is keyed by. */
const hashForRecipient = (eventId: string, email: string) => claimFor(rsvpRules.perRecipient, `${eventId}:${email}`, clock.now()).subjectHash;

async function feedVersion(facet: string): Promise<number> {
  const out = await stack.dynamo.send(new GetItemCommand({ TableName: stack.tableName, Key: { PK: { S: `FEED#${facet}` }, SK: { S: 'VERSION' } }, ConsistentRead: true }));
  return Number(out.Item?.version?.N ?? 0);
}
