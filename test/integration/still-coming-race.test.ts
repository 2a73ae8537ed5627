// Integration: answering "Still coming?" at the very moment the release sweep gives unanswered places away, on
// DynamoDB Local and the SES emulator with the clock at the deadline. The sweep and the person's "Yes" (or "No") run at
// once, in several rounds with the answer a little later each time; whichever write lands first, there is one
// consistent outcome: the place held or released (never both, never neither), the counters matching the RSVPs, one
// promotion at most, and one email of each kind.
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '#functions/apps/api/app.ts';
import { fixedClock } from '#functions/core/clock.ts';
import { createLogger } from '#functions/core/log.ts';
import { newId } from '#functions/core/ids.ts';
import { sweepStillComing, type StillComingSweepDeps } from '#functions/attendance/still-coming-sweep.ts';
import { inbox, testStack } from '../support/stack.ts';
import { peopleWithPlaces, publishedMeetup } from '../support/through-api.ts';

const clock = fixedClock('2026-11-27T09:00:00Z');
let stack: Awaited<ReturnType<typeof testStack>>;
let app: ReturnType<typeof createApp>;
let deps: StillComingSweepDeps;

const SITE = 'http://localhost:3000';
const ASKED_AT = '2026-12-07T12:31:00Z';
/** The 24-hour deadline of a meetup starting 2026-12-10 12:30 UTC. */
const DEADLINE = '2026-12-09T12:30:00Z';
/** How long each round's answer waits after the sweep starts: from "at once" to "just after the sweep has read". */
const DELAYS = [0, 5, 15, 30, 60, 120];

const post = (path: string, body: unknown) =>
  app.request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// One table for the file: each round is a meetup of its own, and a sweep leaves earlier rounds' meetups as they are.
beforeAll(async () => {
  stack = await testStack(clock, SITE);
  app = createApp(stack.deps);
  deps = { ...stack.deps, logger: createLogger('silent'), concurrency: 3 };
}, 60_000);

async function meetup() {
  const { id } = await publishedMeetup(stack, app, { title: `Race test ${newId(4)}`, capacity: 1 });
  const event = (await stack.deps.events.get(id))!;
  expect((await stack.deps.events.save({ ...event, attendance: { release: true }, version: event.version + 1 }, event)).ok).toBe(true);
  return id;
}

const person = async (eventId: string, name: string) => (await peopleWithPlaces(stack, app, clock, eventId, 1, () => name))[0]!;

/** Subjects of everything each address got, after one delivery run (two at once could each send the same message). */
const subjectsOf = async (a: string, w1: string, w2: string) => {
  await stack.deliver();
  const of = async (email: string) => (await inbox(stack.sesEndpoint, email)).map((m) => m.subject);
  return [await of(a), await of(w1), await of(w2)] as const;
};
const countOf = (list: string[], subject: RegExp) => list.filter((s) => subject.test(s)).length;

/** A capped meetup (1 place) with release on: A asked and unanswered, W1 and W2 waiting in that order; the clock at A's deadline. */
async function atTheDeadline() {
  clock.set('2026-11-27T09:00:00Z');
  const id = await meetup();
  const a = await person(id, 'Asked');
  clock.set('2026-11-27T09:01:00Z');
  const w1 = await person(id, 'First in line');
  clock.set('2026-11-27T09:02:00Z');
  const w2 = await person(id, 'Second in line');
  expect([a.status, w1.status, w2.status]).toEqual(['confirmed', 'waitlisted', 'waitlisted']);
  clock.set(ASKED_AT);
  expect((await sweepStillComing(deps)).asked).toBe(1);
  await stack.deliver();
  const mail = (await inbox(stack.sesEndpoint, a.email)).find((m) => /^Still coming to /.test(m.subject));
  expect(mail, 'the question reached A').toBeDefined();
  const token = /\/still-coming\/[\w-]+\?token=([A-Za-z0-9_-]{43})/.exec(mail!.body.text ?? '')![1]!;
  expect((await stack.deps.rsvps.get(id, a.key))!.releaseDeadline).toBe(new Date(DEADLINE).toISOString());
  clock.set(DEADLINE);
  return { id, a, w1, w2, token };
}

/** Every RSVP of the meetup by status, and the event's counters: they must agree. */
async function countsAgree(id: string) {
  const rsvps = await deps.stillComing.rsvps(id);
  const confirmed = rsvps.filter((r) => r.status === 'confirmed').length;
  const waitlisted = rsvps.filter((r) => r.status === 'waitlisted').length;
  const event = (await stack.deps.events.get(id))!;
  expect({ confirmedCount: event.confirmedCount ?? 0, waitlistCount: event.waitlistCount ?? 0 }).toEqual({ confirmedCount: confirmed, waitlistCount: waitlisted });
  return { confirmed, waitlisted };
}

const outcomes: Record<string, string[]> = { yes: [], no: [] };

describe('answering at the moment of release', () => {
  it('"Yes" against the release sweep: either the Yes holds or the release does, never both or neither', async () => {
    for (const delay of DELAYS) {
      const { id, a, w1, w2, token } = await atTheDeadline();
      const [swept, answered] = await Promise.all([
        sweepStillComing(deps),
        sleep(delay).then(() => post(`/api/events/${id}/rsvps/${a.key}/still-coming`, { token, answer: 'yes' })),
      ]);
      const body = (await answered.json()) as Record<string, unknown>;
      const [ra, r1, r2] = await Promise.all([a, w1, w2].map((p) => stack.deps.rsvps.get(id, p.key)));
      const counts = await countsAgree(id);
      const [aMail, w1Mail, w2Mail] = await subjectsOf(a.email, w1.email, w2.email);
      expect(countOf(aMail, /^Still coming to /), `round ${delay}`).toBe(1);
      expect(countOf(w2Mail, /^A place freed up/)).toBe(0);
      expect(r2!.status).toBe('waitlisted');

      if (answered.status === 200) {
        // The Yes held: A keeps the place, nobody is released or promoted.
        outcomes.yes!.push(`${delay}ms: yes held`);
        expect(body).toEqual({ answer: 'yes', already: false, status: 'confirmed' });
        expect(swept.released).toBe(0);
        expect(ra).toMatchObject({ status: 'confirmed', stillComing: 'yes' });
        expect(ra!.releasedAt).toBeUndefined();
        expect(r1!.status).toBe('waitlisted');
        expect(counts).toEqual({ confirmed: 1, waitlisted: 2 });
        expect(countOf(aMail, /^Your place went to the waitlist/)).toBe(0);
        expect(countOf(w1Mail, /^A place freed up/)).toBe(0);
      } else {
        // The release held: A is refused as released people are (the question's link still opens the take-back page).
        outcomes.yes!.push(`${delay}ms: release held (${answered.status} ${String(body.error)})`);
        expect(answered.status).toBe(409);
        expect(body.error).toBe('no_place');
        expect(body.message).toMatch(/went to the next person on the waitlist because we had not heard from you/);
        expect(swept.released).toBe(1);
        expect(ra).toMatchObject({ status: 'cancelled', releasedAt: new Date(DEADLINE).toISOString() });
        expect(ra!.stillComing).toBeUndefined();
        expect(r1!.status).toBe('confirmed');
        expect(counts).toEqual({ confirmed: 1, waitlisted: 1 });
        expect(countOf(aMail, /^Your place went to the waitlist/)).toBe(1);
        expect(countOf(w1Mail, /^A place freed up/)).toBe(1);
      }
      // A later sweep changes nothing.
      expect((await sweepStillComing(deps)).released).toBe(0);
      expect(await countsAgree(id)).toEqual(counts);
    }
    console.info('Yes at release:', outcomes.yes!.join('; '));
  }, 120_000);

  it('"No" against the release sweep: the place is freed once and exactly one person promoted', async () => {
    for (const delay of DELAYS) {
      const { id, a, w1, w2, token } = await atTheDeadline();
      const [swept, answered] = await Promise.all([
        sweepStillComing(deps),
        sleep(delay).then(() => post(`/api/events/${id}/rsvps/${a.key}/still-coming`, { token, answer: 'no' })),
      ]);
      const body = (await answered.json()) as Record<string, unknown>;
      const [ra, r1, r2] = await Promise.all([a, w1, w2].map((p) => stack.deps.rsvps.get(id, p.key)));
      const counts = await countsAgree(id);
      const [aMail, w1Mail, w2Mail] = await subjectsOf(a.email, w1.email, w2.email);

      // Either way: A's place is gone, W1 has it (told once), W2 still waits.
      expect(ra!.status, `round ${delay}`).toBe('cancelled');
      expect(r1!.status).toBe('confirmed');
      expect(r2!.status).toBe('waitlisted');
      expect(counts).toEqual({ confirmed: 1, waitlisted: 1 });
      expect(countOf(w1Mail, /^A place freed up/)).toBe(1);
      expect(countOf(w2Mail, /^A place freed up/)).toBe(0);
      expect(countOf(aMail, /^Still coming to /)).toBe(1);

      if (ra!.releasedAt) {
        // The release landed first: the No changes nothing more (an "already" answer).
        outcomes.no!.push(`${delay}ms: release held (${answered.status}${answered.status === 200 ? ` already=${String(body.already)}` : ` ${String(body.error)}`})`);
        expect(swept.released).toBe(1);
        expect(ra!.stillComing).toBeUndefined();
        expect(answered.status).toBe(200);
        expect(body).toMatchObject({ answer: 'no', already: true, status: 'cancelled' });
        expect(countOf(aMail, /^Your place went to the waitlist/)).toBe(1);
      } else {
        // The No landed first: nothing is left for the sweep to release.
        outcomes.no!.push(`${delay}ms: no held`);
        expect(answered.status).toBe(200);
        expect(body).toEqual({ answer: 'no', already: false, status: 'cancelled', promoted: true });
        expect(swept.released).toBe(0);
        expect(ra!.stillComing).toBe('no');
        expect(countOf(aMail, /^Your place went to the waitlist/)).toBe(0);
      }
      expect((await sweepStillComing(deps)).released).toBe(0);
      expect(await countsAgree(id)).toEqual(counts);
    }
    console.info('No at release:', outcomes.no!.join('; '));
  }, 120_000);
});
