// Integration: check-in on DynamoDB Local and the SES emulator, through the API with a controllable clock. The team
// checks people in and out (twenty helpers tapping the same person at once record one check-in); another meetup's
// RSVP can't be checked in through this one; walk-ins take places only while the capacity allows, even at once, and
// a resent walk-in adds one; the day's code checks a person with a place in within its window only, its wrong codes
// limited per RSVP and per IP (then even the right code waits); a change after the day refreshes the numbers kept.
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '#functions/apps/api/app.ts';
import { fixedClock } from '#functions/core/clock.ts';
import { CHECK_IN_CODE_ALPHABET } from '#functions/core/attendance.ts';
import { hashSecret, newId, newToken } from '#functions/core/ids.ts';
import { outboxMessage } from '#functions/core/email.ts';
import { slugify } from '#functions/core/slug.ts';
import { newRsvpFields } from '#functions/rsvps/rsvp.ts';
import { inbox, testStack } from '../support/stack.ts';

const clock = fixedClock('2027-02-01T09:00:00Z');
const SITE = 'http://localhost:3000';
let stack: Awaited<ReturnType<typeof testStack>>;
let app: ReturnType<typeof createApp>;
let team: Record<string, string>;

const json = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

/** A meetup of the team's network on 2 March 2027, 12:30 to 13:30 London (UTC then). */
let hours = 0;
async function publish(capacity: number) {
  // Each listed in an hour of its own a month ahead (the organiser may list 5 an hour).
  clock.set(`2027-02-01T${String(hours++).padStart(2, '0')}:00:00Z`);
  const network = 'Door Integration';
  const slug = slugify(network);
  const listed = await stack.asTeam({ network });
  team = listed.headers;
  const res = await json('/api/events', {
    title: `Door ${newId(4)}`, description: 'Sandwiches.', start: '2027-03-02T12:30', end: '2027-03-02T13:30', timezone: 'Europe/London',
    format: 'in_person', venue: 'Central Library', capacity, organiserName: 'Team', network: slug, organiserEmail: `team.${slug}@example.org`,
  }, team);
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** `count` people with places, with their "You're in" cancel link's token (which self check-in takes). */
async function people(eventId: string, count: number) {
  const event = (await stack.deps.events.get(eventId))!;
  const out: { key: string; email: string; cancel: string }[] = [];
  for (let i = 0; i < count; i++) {
    const token = newToken();
    const email = `door-${newId(8)}@example.org`;
    const fields = newRsvpFields(event, { name: `Person ${i}`, email }, hashSecret(token), clock.now());
    await stack.deps.rsvps.request(fields, [], outboxMessage({ to: email, subject: 's', text: 't', html: 'h' }, 'rsvp-confirm-link', clock.now()));
    expect((await json(`/api/events/${eventId}/rsvps/${fields.key}/confirm`, { token })).status).toBe(200);
    out.push({ key: fields.key, email, cancel: '' });
  }
  await stack.deliver();
  for (const p of out) {
    const mail = (await inbox(stack.sesEndpoint, p.email)).find((m) => m.subject.startsWith("You're in"))!;
    p.cancel = /\/cancel#token=([\w-]{43})/.exec(mail.body.text ?? '')![1]!;
  }
  return out;
}

const code = async (eventId: string) => ((await (await json(`/api/events/${eventId}/check-in/code`, {}, team)).json()) as { code: string }).code;
const rsvpOf = (eventId: string, key: string) => stack.deps.rsvps.get(eventId, key);
const wrongFor = (right: string) => [...CHECK_IN_CODE_ALPHABET].find((l) => l !== right[0])!.repeat(4);

beforeAll(async () => {
  stack = await testStack(clock, SITE);
  app = createApp(stack.deps);
}, 60_000);

describe('the team at the door', () => {
  it('checks in, once however many tap at once, records who, and undoes', async () => {
    const id = await publish(20);
    const [ada, bea] = await people(id, 2);
    clock.set('2027-03-02T12:00:00Z');
    const taps = await Promise.all(Array.from({ length: 20 }, () => json(`/api/events/${id}/check-in/person`, { key: ada!.key }, team)));
    expect(taps.map((t) => t.status)).toEqual(Array(20).fill(200));
    const answers = (await Promise.all(taps.map((t) => t.json()))) as { already: boolean }[];
    expect(answers.filter((a) => !a.already)).toHaveLength(1);
    expect(await rsvpOf(id, ada!.key)).toMatchObject({ checkedInAt: '2027-03-02T12:00:00.000Z', checkedInBy: { via: 'team', name: 'Team' } });
    clock.set('2027-03-02T12:05:00Z');
    expect(((await (await json(`/api/events/${id}/check-in/person`, { key: ada!.key }, team)).json()) as { already: boolean }).already).toBe(true);
    expect((await rsvpOf(id, ada!.key))!.checkedInAt).toBe('2027-03-02T12:00:00.000Z');
    expect((await json(`/api/events/${id}/check-in/person/undo`, { key: ada!.key }, team)).status).toBe(200);
    expect((await rsvpOf(id, ada!.key))!.checkedInAt).toBeUndefined();
    expect((await rsvpOf(id, bea!.key))!.checkedInAt).toBeUndefined();
  });

  it('can\'t set a checked-in state on another meetup\'s RSVP', async () => {
    const here = await publish(20);
    const there = await publish(20);
    const [theirs] = await people(there, 1);
    clock.set('2027-03-02T12:00:00Z');
    expect((await json(`/api/events/${here}/check-in/person`, { key: theirs!.key }, team)).status).toBe(404);
    expect((await json(`/api/events/${here}/check-in/person/undo`, { key: theirs!.key }, team)).status).toBe(404);
    expect((await rsvpOf(there, theirs!.key))!.checkedInAt).toBeUndefined();
    expect(await rsvpOf(here, theirs!.key)).toBeUndefined();
  });

  it('adds walk-ins while places allow, even when added at once, and a resent one once', async () => {
    const id = await publish(4);
    await people(id, 2);
    clock.set('2027-03-02T12:00:00Z');
    const first = await json(`/api/events/${id}/check-in/walk-ins`, { name: 'Walter', requestId: 'integration-walk-1' }, team);
    expect(first.status).toBe(201);
    const again = await json(`/api/events/${id}/check-in/walk-ins`, { name: 'Walter', requestId: 'integration-walk-1' }, team);
    expect(((await again.json()) as { person: { key: string } }).person.key).toBe(((await first.json()) as { person: { key: string } }).person.key);
    // One place left, three helpers add someone at the same moment: one gets it.
    const racing = await Promise.all(['A', 'B', 'C'].map((n, i) => json(`/api/events/${id}/check-in/walk-ins`, { name: `Racer ${n}`, requestId: `integration-race-${i}` }, team)));
    expect(racing.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    const event = (await stack.deps.events.get(id))!;
    expect(event.confirmedCount).toBe(4);
    const walkIns = (await stack.deps.rsvps.list(id)).filter((r) => r.status === 'walkin');
    expect(walkIns).toHaveLength(2);
    expect(walkIns.every((w) => w.checkedInAt && w.checkedInBy?.via === 'team')).toBe(true);
    // Removing one frees its place.
    expect((await json(`/api/events/${id}/check-in/walk-ins/remove`, { key: walkIns[0]!.key }, team)).status).toBe(200);
    expect((await stack.deps.events.get(id))!.confirmedCount).toBe(3);
  });

  it('a change after the day refreshes the numbers kept on the meetup', async () => {
    const id = await publish(20);
    const [ada, bea] = await people(id, 2);
    clock.set('2027-03-02T12:00:00Z');
    await json(`/api/events/${id}/check-in/person`, { key: ada!.key }, team);
    clock.set('2027-03-02T20:00:00Z');
    expect((await json(`/api/events/${id}/check-in/person`, { key: bea!.key }, team)).status).toBe(200);
    expect((await stack.deps.events.get(id))!.attendanceSummary).toMatchObject({ booked: 2, checkedIn: 2, came: 2, noShows: 0 });
  });
});

describe('self check-in with the code of the day', () => {
  it('works within its window only, and records it as by code', async () => {
    const id = await publish(20);
    const [ada] = await people(id, 1);
    clock.set('2027-03-02T09:00:00Z');
    const right = await code(id);
    const self = () => json(`/api/events/${id}/check-in/self`, { key: ada!.key, token: ada!.cancel, code: right.toLowerCase() });
    clock.set('2027-03-02T11:29:00Z');
    expect((await self()).status).toBe(409);
    clock.set('2027-03-02T14:31:00Z');
    expect((await self()).status).toBe(409);
    clock.set('2027-03-02T13:45:00Z');
    expect((await self()).status).toBe(200);
    expect(await rsvpOf(id, ada!.key)).toMatchObject({ checkedInAt: '2027-03-02T13:45:00.000Z', checkedInBy: { via: 'code' } });
  });

  it('a rotated code replaces the old one at once', async () => {
    const id = await publish(20);
    const [ada] = await people(id, 1);
    clock.set('2027-03-02T12:00:00Z');
    const old = await code(id);
    const rotated = ((await (await json(`/api/events/${id}/check-in/code/rotate`, {}, team)).json()) as { code: string }).code;
    expect(rotated).not.toBe(old);
    expect((await json(`/api/events/${id}/check-in/self`, { key: ada!.key, token: ada!.cancel, code: old })).status).toBe(400);
    expect((await json(`/api/events/${id}/check-in/self`, { key: ada!.key, token: ada!.cancel, code: rotated })).status).toBe(200);
  });

  it('limits wrong codes per RSVP, then refuses even the right one until the window passes', async () => {
    const id = await publish(20);
    const [ada] = await people(id, 1);
    clock.set('2027-03-02T12:00:00Z');
    const right = await code(id);
    const self = (typed: string) => json(`/api/events/${id}/check-in/self`, { key: ada!.key, token: ada!.cancel, code: typed });
    for (let i = 0; i < 5; i++) expect((await self(wrongFor(right))).status).toBe(400);
    const limited = await self(right);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect((await rsvpOf(id, ada!.key))!.checkedInAt).toBeUndefined();
    clock.set('2027-03-02T12:15:00Z');
    expect((await self(right)).status).toBe(200);
  });

  it('limits wrong codes per IP across RSVPs', async () => {
    const id = await publish(20);
    const crowd = await people(id, 7);
    clock.set('2027-03-02T13:00:00Z');
    const right = await code(id);
    stack.ip.pin('203.0.113.77');
    try {
      for (const p of crowd.slice(0, 6))
        for (let i = 0; i < 5; i++) expect((await json(`/api/events/${id}/check-in/self`, { key: p.key, token: p.cancel, code: wrongFor(right) })).status).toBe(400);
      const last = crowd[6]!;
      expect((await json(`/api/events/${id}/check-in/self`, { key: last.key, token: last.cancel, code: right })).status).toBe(429);
      stack.ip.pin(undefined);
      expect((await json(`/api/events/${id}/check-in/self`, { key: last.key, token: last.cancel, code: right })).status).toBe(200);
    } finally {
      stack.ip.pin(undefined);
    }
  });
});
