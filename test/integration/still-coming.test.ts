// Integration: "Still coming?" on DynamoDB Local and the SES emulator, with a clock the tests move. Each person with a
// place is asked once whatever the sweeps do (three at once, a crash halfway, a moved start), never after cancelling,
// never when suppressed or with reminders off; "No" gives the place to the first in line, who is told; unanswered
// places are released only when the organiser turned it on, only to someone waiting, and can be taken back while free.
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '#functions/apps/api/app.ts';
import { fixedClock } from '#functions/core/clock.ts';
import { createLogger } from '#functions/core/log.ts';
import { newId } from '#functions/core/ids.ts';
import type { AttendanceSettings } from '#functions/core/event.ts';
import { sweepStillComing, type StillComingSweepDeps } from '#functions/attendance/still-coming-sweep.ts';
import type { StillComingRepository } from '#functions/attendance/still-coming.repository.ts';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#functions/table/client.ts';
import { rsvpKey } from '#functions/table/items/rsvp.ts';
import { inbox, testStack } from '../support/stack.ts';
import { peopleWithPlaces, publishedMeetup } from '../support/through-api.ts';

const clock = fixedClock('2026-11-27T09:00:00Z');
let stack: Awaited<ReturnType<typeof testStack>>;
let app: ReturnType<typeof createApp>;
let deps: StillComingSweepDeps;

const SITE = 'http://localhost:3000';
const post = (path: string, body: unknown, method = 'POST') =>
  app.request(path, { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const form = (path: string, fields: Record<string, string>) =>
  app.request(path, { method: 'POST', body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', origin: SITE } });

// Each test has a table of its own, so no other test's meetup is due when it sweeps.
beforeEach(async () => {
  clock.set('2026-11-27T09:00:00Z');
  stack = await testStack(clock, SITE);
  app = createApp(stack.deps);
  deps = { ...stack.deps, logger: createLogger('silent'), concurrency: 3 };
});

/** A published meetup starting 2026-12-10 12:30 London time (12:30 UTC): asked from 7 December 12:30 by default. */
async function meetup(over: Record<string, unknown> = {}) {
  const { id, manage } = await publishedMeetup(stack, app, { title: `Still coming test ${newId(4)}`, capacity: 10, ...over });
  return { id, manage };
}

/** The organiser's "Still coming?" settings, saved as an edit saves them. */
async function setAttendance(id: string, attendance: AttendanceSettings) {
  const event = (await stack.deps.events.get(id))!;
  expect((await stack.deps.events.save({ ...event, attendance, version: event.version + 1 }, event)).ok).toBe(true);
}

const people = (eventId: string, count: number) => peopleWithPlaces(stack, app, clock, eventId, count);

const mailsTo = async (email: string, subject: RegExp) => {
  await stack.deliver();
  return (await inbox(stack.sesEndpoint, email)).filter((m) => subject.test(m.subject));
};
const asked = (email: string) => mailsTo(email, /^Still coming to /);

/** The token of the latest "Still coming?" (or "released") email's links. */
async function linkToken(email: string, subject = /^Still coming to /) {
  const mail = (await mailsTo(email, subject)).at(-1)!;
  const m = /\/still-coming\/[\w-]+(?:\/back)?\?token=([A-Za-z0-9_-]{43})/.exec(mail.body.text ?? '');
  if (!m) throw new Error('no still-coming link in the email');
  return m[1]!;
}

const rsvp = (eventId: string, key: string) => stack.deps.rsvps.get(eventId, key);

describe('asking "Still coming?"', () => {
  it('asks each person with a place once, even with three sweeps at once, and later sweeps skip the meetup', async () => {
    const { id } = await meetup({ capacity: 3 });
    const crowd = await people(id, 4);
    expect(crowd.map((p) => p.status)).toEqual(['confirmed', 'confirmed', 'confirmed', 'waitlisted']);

    clock.set('2026-12-07T12:00:00Z'); // 72.5 hours before: not yet
    expect((await sweepStillComing(deps)).asked).toBe(0);

    clock.set('2026-12-07T12:31:00Z');
    const runs = await Promise.all([sweepStillComing(deps), sweepStillComing(deps), sweepStillComing(deps)]);
    expect(runs.reduce((n, r) => n + r.asked, 0)).toBe(3);
    // Marked: the next sweep does not even read its RSVPs.
    expect(await sweepStillComing(deps)).toMatchObject({ events: 0, asked: 0 });

    for (const p of crowd.slice(0, 3)) {
      const mails = await asked(p.email);
      expect(mails.map((m) => m.subject)).toEqual([expect.stringMatching(/^Still coming to Still coming test \w+ on Thursday 10 December\?$/)]);
      const text = mails[0]!.body.text!;
      expect(text).toContain("Yes, I'm coming");
      expect(text).toContain('No, give my place to someone else');
      expect(text).toMatch(new RegExp(`/events/${id}/still-coming/${p.key}\\?token=[\\w-]{43}&answer=yes`));
      // Release is off: nothing about a deadline.
      expect(text).not.toMatch(/If we have not heard from you/);
      expect((await rsvp(id, p.key))!.stillComingAskedAt).toBe('2026-12-07T12:31:00.000Z');
    }
    // The waitlisted person has no place to be asked about.
    expect(await asked(crowd[3]!.email)).toEqual([]);
  });

  it('asks exactly once when a sweep crashes halfway and runs again', async () => {
    const { id } = await meetup();
    const crowd = await people(id, 6);
    clock.set('2026-12-07T13:00:00Z');
    let claims = 0;
    const flaky: StillComingRepository = {
      ...deps.stillComing,
      claim: async (claim) => {
        if (++claims > 2) throw new Error('the function ran out of time');
        return deps.stillComing.claim(claim);
      },
    };
    await expect(sweepStillComing({ ...deps, stillComing: flaky, concurrency: 1 })).rejects.toThrow('ran out of time');
    expect((await sweepStillComing(deps)).asked).toBe(4);
    for (const p of crowd) expect((await asked(p.email)).length, p.email).toBe(1);
  });

  it('skips people who cancelled, are suppressed or turned reminders off; a move of the start never asks again; a new joiner is asked', async () => {
    const { id, manage } = await meetup();
    const [a, gone, bounced, quiet] = await people(id, 4);
    expect((await stack.deps.rsvps.cancel({ eventId: id, key: gone!.key, now: clock.now(), as: 'cancelled' })).ok).toBe(true);
    await stack.suppressions.mark(bounced!.email, { reason: 'bounce', detail: 'Permanent/General', at: clock.now().toISOString() });
    expect(await stack.deps.rsvps.setRemindersOff(id, quiet!.key)).toBe(true);

    clock.set('2026-12-07T12:31:00Z');
    expect((await sweepStillComing(deps)).asked).toBe(1);
    expect((await asked(a!.email)).length).toBe(1);
    for (const p of [gone!, bounced!, quiet!]) expect(await asked(p.email), p.email).toEqual([]);

    // Two days later: the question already went, and is never sent again for the new start.
    const managed = (await (await post(`/api/events/${id}/manage`, { token: manage })).json()) as { version: number; title: string };
    const moved = await post(`/api/events/${id}`, {
      title: managed.title, description: 'Bring records.', start: '2026-12-12T12:30', end: '2026-12-12T13:30', timezone: 'Europe/London', format: 'in_person',
      venue: 'Central Library', capacity: 10, organiserName: 'Aoife', organiserEmail: 'aoife@example.org', token: manage, version: managed.version,
    }, 'PUT');
    expect(moved.status).toBe(200);
    clock.set('2026-12-09T12:31:00Z');
    expect(await sweepStillComing(deps)).toMatchObject({ events: 1, asked: 0 });
    expect((await asked(a!.email)).length).toBe(1);

    // Someone who books now (3 days ahead) is asked at the next sweep, halfway to the start at the latest.
    const [late] = await people(id, 1);
    clock.set('2026-12-11T00:31:00Z');
    expect((await sweepStillComing(deps)).asked).toBe(1);
    expect((await asked(late!.email)).length).toBe(1);
    expect((await asked(a!.email)).length).toBe(1);
  });
});

describe('answering', () => {
  it('"No" gives the place to the first on the waitlist in the same transaction, and they are told; "Yes" is recorded once', async () => {
    const { id } = await meetup({ capacity: 2 });
    const [a, b, c] = await people(id, 3);
    expect(c!.status).toBe('waitlisted');
    clock.set('2026-12-07T12:31:00Z');
    expect((await sweepStillComing(deps)).asked).toBe(2);

    // The link's page changes nothing; its button (a plain form post) answers.
    const page = `/events/${id}/still-coming/${a!.key}`;
    const token = await linkToken(a!.email);
    const opened = await app.request(`${page}?token=${token}&answer=no`);
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain('No, give my place to someone else');
    expect((await rsvp(id, a!.key))!.status).toBe('confirmed');

    const answered = await form(page, { token, answer: 'no' });
    expect(answered.status).toBe(200);
    expect(await answered.text()).toContain('It went to the first person on the waitlist');
    expect(await rsvp(id, a!.key)).toMatchObject({ status: 'cancelled', stillComing: 'no' });
    expect((await rsvp(id, c!.key))!.status).toBe('confirmed');
    expect(await stack.deps.events.get(id)).toMatchObject({ confirmedCount: 2, waitlistCount: 0 });
    expect((await mailsTo(c!.email, /^A place freed up/)).length).toBe(1);
    // Pressing it again changes nothing.
    expect(await (await form(page, { token, answer: 'no' })).text()).toContain('You had given it up already');
    expect(await stack.deps.events.get(id)).toMatchObject({ confirmedCount: 2, waitlistCount: 0 });

    const yes = `/api/events/${id}/rsvps/${b!.key}/still-coming`;
    const bToken = await linkToken(b!.email);
    expect(await (await post(yes, { token: bToken, answer: 'yes' })).json()).toEqual({ answer: 'yes', already: false, status: 'confirmed' });
    expect(await (await post(yes, { token: bToken, answer: 'yes' })).json()).toEqual({ answer: 'yes', already: true, status: 'confirmed' });
    expect(await rsvp(id, b!.key)).toMatchObject({ status: 'confirmed', stillComing: 'yes' });
    // A's link can't say "yes" once the place is gone.
    expect((await post(`/api/events/${id}/rsvps/${a!.key}/still-coming`, { token, answer: 'yes' })).status).toBe(409);
  });
});

describe('releasing unanswered places', () => {
  it('never happens unless turned on', async () => {
    const { id } = await meetup({ capacity: 2 });
    const [a, b] = await people(id, 3);
    clock.set('2026-12-07T12:31:00Z');
    expect((await sweepStillComing(deps)).asked).toBe(2);
    clock.set('2026-12-09T13:00:00Z'); // past where a deadline would have been
    expect((await sweepStillComing(deps)).released).toBe(0);
    for (const p of [a!, b!]) expect((await rsvp(id, p.key))!.status).toBe('confirmed');
  });

  it('gives only to someone waiting, says the deadline, and a released person can take a place back only while one is free', async () => {
    const { id } = await meetup({ capacity: 2 });
    await setAttendance(id, { release: true });
    const [a, b] = await people(id, 2);
    clock.set('2026-12-07T12:31:00Z');
    expect((await sweepStillComing(deps)).asked).toBe(2);
    const text = (await asked(a!.email))[0]!.body.text!.replace(/\s+/g, ' ');
    expect(text).toContain('If we have not heard from you by Wednesday 9 December at 12:30 London time, your place goes to the next person on the waitlist');
    expect((await rsvp(id, a!.key))!.releaseDeadline).toBe('2026-12-09T12:30:00.000Z');
    // B answers in time, so only A can be released.
    expect((await post(`/api/events/${id}/rsvps/${b!.key}/still-coming`, { token: await linkToken(b!.email), answer: 'yes' })).status).toBe(200);

    // Past the deadline, with nobody waiting: nobody is released.
    clock.set('2026-12-09T13:00:00Z');
    expect(await sweepStillComing(deps)).toMatchObject({ events: 1, released: 0 });
    expect((await rsvp(id, a!.key))!.status).toBe('confirmed');

    // Someone joins the waitlist: the next sweep looks again and gives them A's place, once.
    const [c] = await people(id, 1);
    expect(c!.status).toBe('waitlisted');
    const sweeps = await Promise.all([sweepStillComing(deps), sweepStillComing(deps)]);
    expect(sweeps.reduce((n, r) => n + r.released, 0)).toBe(1);
    expect(await rsvp(id, a!.key)).toMatchObject({ status: 'cancelled', releasedAt: '2026-12-09T13:00:00.000Z' });
    expect(await rsvp(id, b!.key)).toMatchObject({ status: 'confirmed' });
    expect(await rsvp(id, c!.key)).toMatchObject({ status: 'confirmed' });
    expect((await mailsTo(c!.email, /^A place freed up/)).length).toBe(1);
    const releasedMails = await mailsTo(a!.email, /^Your place went to the waitlist/);
    expect(releasedMails.length).toBe(1);
    expect((await sweepStillComing(deps)).released).toBe(0);

    // Full: the take-back link's page and its button say so, with the way to the waitlist.
    const backToken = await linkToken(a!.email, /^Your place went to the waitlist/);
    const back = `/events/${id}/still-coming/${a!.key}/back`;
    const full = await app.request(`${back}?token=${backToken}`);
    expect(await full.text()).toContain('No place is free right now');
    const refused = await form(back, { token: backToken });
    expect(refused.status).toBe(409);
    const refusedPage = await refused.text();
    expect(refusedPage).toContain('No place is free right now');
    expect(refusedPage).toMatch(/href="\/events\/[a-z0-9]+\/[\w-]+#rsvp">Join the waitlist/);
    expect((await rsvp(id, a!.key))!.status).toBe('cancelled');
    // The question's own links lead to the same take-back page once released, and its Yes says the place went.
    const askedToken = await linkToken(a!.email);
    expect(await (await app.request(`/events/${id}/still-coming/${a!.key}?token=${askedToken}&answer=yes`)).text()).toContain('No place is free right now');
    const lateYes = await post(`/api/events/${id}/rsvps/${a!.key}/still-coming`, { token: askedToken, answer: 'yes' });
    expect(lateYes.status).toBe(409);
    expect(await lateYes.json()).toMatchObject({ error: 'no_place', message: expect.stringMatching(/because we had not heard from you/) });

    // C gives the place up: A may take it back, once.
    expect((await stack.deps.rsvps.cancel({ eventId: id, key: c!.key, now: clock.now(), as: 'cancelled' })).ok).toBe(true);
    const taken = await form(back, { token: backToken });
    expect(taken.status).toBe(200);
    expect(await taken.text()).toContain('You have your place back');
    expect(await rsvp(id, a!.key)).toMatchObject({ status: 'confirmed', stillComing: 'yes' });
    expect((await rsvp(id, a!.key))!.releasedAt).toBeUndefined();
    expect(await stack.deps.events.get(id)).toMatchObject({ confirmedCount: 2, waitlistCount: 0 });
    const placeBack = await mailsTo(a!.email, /^You have your place back/);
    expect(placeBack.length).toBe(1);
    expect(placeBack[0]!.body.text).toMatch(/\/rsvp\/[a-z0-9]+\/[\w-]+\/cancel#token=/);
    expect(await (await form(back, { token: backToken })).text()).toContain('You had taken it back already');
    expect(await stack.deps.events.get(id)).toMatchObject({ confirmedCount: 2 });
  });

  it('releases nobody checked in, and gives each released place to the next in line in order', async () => {
    const { id } = await meetup({ capacity: 3 });
    await setAttendance(id, { release: true, releaseHours: 12 });
    const [a, b, here] = await people(id, 3);
    clock.set('2026-12-07T12:31:00Z');
    expect((await sweepStillComing(deps)).asked).toBe(3);
    // Checked in early (say, at a pre-meetup the day before): their place is never released.
    await documentClient(stack.dynamo).send(new UpdateCommand({
      TableName: stack.tableName, Key: rsvpKey(id, here!.key), UpdateExpression: 'SET checkedInAt = :at', ExpressionAttributeValues: { ':at': clock.now().toISOString() },
    }));
    // A minute apart, so the line's order is theirs.
    const line = [];
    for (const minute of ['32', '33', '34']) {
      clock.set(`2026-12-07T12:${minute}:00Z`);
      line.push(...(await people(id, 1)));
    }
    const [w1, w2, w3] = line;
    expect([w1, w2, w3].map((p) => p!.status)).toEqual(['waitlisted', 'waitlisted', 'waitlisted']);

    clock.set('2026-12-10T00:31:00Z'); // past the 12-hour deadline
    expect((await sweepStillComing(deps)).released).toBe(2);
    for (const p of [a!, b!]) expect((await rsvp(id, p.key))!.status, p.email).toBe('cancelled');
    expect((await rsvp(id, here!.key))!.status).toBe('confirmed');
    // The first two in line have the places, in order; the third still waits.
    expect((await rsvp(id, w1!.key))!.status).toBe('confirmed');
    expect((await rsvp(id, w2!.key))!.status).toBe('confirmed');
    expect((await rsvp(id, w3!.key))!.status).toBe('waitlisted');
    expect(await stack.deps.events.get(id)).toMatchObject({ confirmedCount: 3, waitlistCount: 1 });
    expect((await sweepStillComing(deps)).released).toBe(0);
  });
});

