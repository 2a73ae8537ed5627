// Integration: reminders on DynamoDB Local and the SES emulator, with a clock the tests move. Each reminder goes out
// exactly once whatever the sweeps do (run together, crash halfway, miss a run), never after the start, never to
// someone who cancelled; it carries a working cancel link and a one-click unsubscribe that keeps the place.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '#functions/apps/api/app.ts';
import { fixedClock } from '#functions/core/clock.ts';
import { hashSecret, newId, newToken } from '#functions/core/ids.ts';
import { newRsvpFields } from '#functions/rsvps/rsvp.ts';
import { sweepReminders, type ReminderDeps } from '#functions/reminders/sweep.ts';
import type { RemindersRepository } from '#functions/reminders/reminders.repository.ts';
import { inbox, mapLimit, sweepDepsFor, testStack } from '../support/stack.ts';
import { peopleWithPlaces, publishedMeetup } from '../support/through-api.ts';
import { outboxMessage } from '#functions/core/email.ts';

const clock = fixedClock('2026-11-27T09:00:00Z');
let stack: Awaited<ReturnType<typeof testStack>>;
let app: ReturnType<typeof createApp>;
let deps: ReminderDeps;

const post = (path: string, body: unknown, method = 'POST') =>
  app.request(path, { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

/**
 * A published meetup (start 2026-12-03 12:30 London unless given). Each test uses a later month than the one before,
 * so no earlier test's meetup is still due when a later test sweeps.
 */
async function meetup(over: Record<string, unknown> = {}) {
  const { id, manage } = await publishedMeetup(stack, app, {
    title: `Reminder test ${newId(4)}`, start: '2026-12-03T12:30', end: '2026-12-03T13:30', format: 'hybrid', onlineUrl: 'https://meet.example.org/r', ...over,
  });
  return { id, manage };
}

const people = (eventId: string, count: number) => peopleWithPlaces(stack, app, clock, eventId, count);

/** Reminder emails in the outbox for one event, by purpose, read straight from the table's pending messages. */
async function sentTo(email: string) {
  await stack.deliver();
  return (await inbox(stack.sesEndpoint, email)).filter((m) => /^(Tomorrow, |Today, |Starting (in|now)|Still on the waitlist:)/.test(m.subject));
}

/** Points the tests at a new table (and returns what they used before). */
async function useNewTable() {
  const before = { stack, app, deps };
  stack = await testStack(clock);
  app = createApp(stack.deps);
  deps = sweepDepsFor(stack, clock);
  return before;
}

beforeAll(async () => {
  await useNewTable();
});

describe('the day-before reminder', () => {
  it('goes out once to each person with a place, and waitlisted people hear where they stand, even with two sweeps at once', async () => {
    const { id } = await meetup({ capacity: 2 });
    const [a, b, c] = await people(id, 3);
    expect(c!.status).toBe('waitlisted');

    clock.set('2026-12-02T12:00:00Z'); // 24.5 h before: not due yet
    expect((await sweepReminders(deps)).queued).toBe(0);

    clock.set('2026-12-02T12:31:00Z');
    const [one, two] = await Promise.all([sweepReminders(deps), sweepReminders(deps)]);
    expect(one.queued + two.queued).toBe(3);
    expect((await sweepReminders(deps)).queued).toBe(0);

    for (const p of [a!, b!]) {
      const mails = await sentTo(p.email);
      // The subject says when, in the meetup's zone, as of the sweep.
      expect(mails.map((m) => m.subject)).toEqual([expect.stringMatching(/^Tomorrow, 12:30: Reminder test/)]);
      const text = mails[0]!.body.text!;
      expect(text).toContain('3 December 2026');
      expect(text).toContain('Join online: https://meet.example.org/r');
      expect(text).toContain('Accessibility: Step-free access.');
      expect(text).toMatch(/\/rsvp\/[a-z0-9]+\/[\w-]+\/cancel#token=/);
      expect(text).toMatch(/\/reminders-off\/[a-z0-9]+\/[\w-]+#token=/);
    }
    const standing = await sentTo(c!.email);
    expect(standing.map((m) => m.subject)).toEqual([expect.stringMatching(/^Still on the waitlist:/)]);
    expect(standing[0]!.body.text!.replace(/\s+/g, ' ')).toContain("You're number 1 on the waitlist.");
    expect(standing[0]!.body.text).not.toContain('meet.example.org');
  });

  it('is sent exactly once when a sweep crashes halfway and runs again', async () => {
    clock.set('2026-11-27T09:00:00Z');
    const { id } = await meetup({ start: '2027-01-04T18:00', end: '2027-01-04T19:00', format: 'in_person', onlineUrl: undefined });
    const crowd = await people(id, 12);
    clock.set('2027-01-03T18:30:00Z');
    let claims = 0;
    const flaky: RemindersRepository = {
      ...deps.reminders,
      claim: async (claim) => {
        if (++claims > 5) throw new Error('the function ran out of time');
        return deps.reminders.claim(claim);
      },
    };
    await expect(sweepReminders({ ...deps, reminders: flaky, concurrency: 1 })).rejects.toThrow('ran out of time');
    const rerun = await sweepReminders(deps);
    expect(rerun.queued).toBe(7);
    for (const p of crowd) expect((await sentTo(p.email)).length, p.email).toBe(1);
  });

  it('follows the start when it moves a lot, and not when it moves a little', async () => {
    clock.set('2026-11-27T09:00:00Z');
    const { id, manage } = await meetup({ start: '2027-02-05T10:00', end: '2027-02-05T11:00', format: 'in_person', onlineUrl: undefined });
    const [p] = await people(id, 1);
    clock.set('2027-02-04T10:30:00Z');
    expect((await sweepReminders(deps)).queued).toBe(1);

    const move = async (start: string, end: string) => {
      const managed = (await (await post(`/api/events/${id}/manage`, { token: manage })).json()) as { version: number; title: string };
      const res = await post(`/api/events/${id}`, {
        title: managed.title, description: 'Bring records.', start, end, timezone: 'Europe/London', format: 'in_person', venue: 'Central Library',
        organiserName: 'Aoife', organiserEmail: 'aoife@example.org', token: manage, version: managed.version,
      }, 'PUT');
      expect(res.status).toBe(200);
    };
    await move('2027-02-05T10:30', '2027-02-05T11:30'); // 30 minutes later: the reminder already sent still stands
    expect((await sweepReminders(deps)).queued).toBe(0);
    await move('2027-02-05T15:00', '2027-02-05T16:00'); // 5 hours later: a fresh reminder when it is due again
    expect((await sweepReminders(deps)).queued).toBe(0);
    clock.set('2027-02-04T15:30:00Z');
    expect((await sweepReminders(deps)).queued).toBe(1);
    expect((await sentTo(p!.email)).length).toBe(2);
  });
});

describe('the starting-soon reminder (meetups with a joining link)', () => {
  it('catches up after a missed run, skips people who cancelled, and never goes out after the start', async () => {
    clock.set('2026-11-27T09:00:00Z');
    const { id } = await meetup({ start: '2027-03-06T19:00', end: '2027-03-06T20:00', format: 'online', venue: undefined, accessibility: undefined });
    const [stays, leaves] = await people(id, 2);
    clock.set('2027-03-05T19:10:00Z');
    expect((await sweepReminders(deps)).queued).toBe(2); // the day-before ones
    // The person who leaves uses the cancel link from their reminder.
    const reminder = (await sentTo(leaves!.email))[0]!.body.text!;
    const cancel = /\/rsvp\/[a-z0-9]+\/[\w-]+\/cancel#token=([\w-]{43})/.exec(reminder)![1]!;
    expect((await post(`/api/events/${id}/rsvps/${leaves!.key}/cancel`, { token: cancel })).status).toBe(200);

    clock.set('2027-03-06T18:40:00Z'); // the 18:00 sweep never ran; this one, 20 minutes before, catches up
    expect((await sweepReminders(deps)).queued).toBe(1);
    const soon = (await sentTo(stays!.email)).filter((m) => m.subject.startsWith('Starting in'));
    expect(soon.map((m) => m.subject)).toEqual([expect.stringMatching(/^Starting in 20 minutes: Reminder test/)]);
    expect(soon[0]!.body.text).toContain('Join online: https://meet.example.org/r');
    expect((await sentTo(leaves!.email)).filter((m) => m.subject.startsWith('Starting in'))).toHaveLength(0);
  });

  it('is never sent once the meetup has started', async () => {
    clock.set('2026-11-27T09:00:00Z');
    const { id } = await meetup({ start: '2027-04-07T19:00', end: '2027-04-07T20:00', format: 'online', venue: undefined });
    const [p] = await people(id, 1);
    clock.set('2027-04-07T18:00:01Z'); // 19:00:01 BST: every run before the start was missed
    expect((await sweepReminders(deps)).queued).toBe(0);
    expect(await sentTo(p!.email)).toHaveLength(0);
  });
});

describe('turning reminders off', () => {
  it('one click from the mail client stops them and keeps the place; the organiser can switch them off for a meetup', async () => {
    clock.set('2026-11-27T09:00:00Z');
    const { id, manage } = await meetup({ start: '2027-05-08T12:00', end: '2027-05-08T13:00', format: 'online', venue: undefined });
    const [p] = await people(id, 1);
    clock.set('2027-05-07T11:30:00Z'); // 12:30 BST the day before
    expect((await sweepReminders(deps)).queued).toBe(1);
    const text = (await sentTo(p!.email))[0]!.body.text!;
    const token = /\/reminders-off\/[a-z0-9]+\/[\w-]+#token=([\w-]{43})/.exec(text)![1]!;
    // RFC 8058: a form POST to the header's URL, token in its query, no cookies, no redirect.
    const oneClick = await app.request(`/api/events/${id}/rsvps/${p!.key}/reminders-off?token=${token}`, {
      method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(oneClick.status).toBe(200);
    expect((await app.request(`/api/events/${id}/rsvps/${p!.key}/reminders-off?token=${'x'.repeat(43)}`, { method: 'POST' })).status).toBe(403);
    const incomplete = await app.request(`/api/events/${id}/rsvps/${p!.key}/reminders-off`, { method: 'POST', body: '{"token": 1}', headers: { 'content-type': 'application/json' } });
    expect(incomplete.status).toBe(400);
    expect(((await incomplete.json()) as { details: { field: string }[] }).details[0]!.field).toBe('token');
    expect((await stack.deps.rsvps.get(id, p!.key))!.status).toBe('confirmed');
    clock.set('2027-05-08T10:30:00Z'); // 11:30 BST: the starting-soon reminder is due
    expect((await sweepReminders(deps)).queued).toBe(0);

    const [q] = await people(id, 1);
    expect((await post(`/api/events/${id}/rsvp-settings`, { token: manage, remindersOn: false })).status).toBe(200);
    expect((await sweepReminders(deps)).queued).toBe(0);
    expect(await sentTo(q!.email)).toHaveLength(0);
  });
});

describe('a big meetup', () => {
  // A table of its own: this test leaves 1,000 emails undelivered (500 confirm links, 500 reminders). On the shared
  // table the next test's deliver() sent them all through the emulator first, four round trips each, which took that
  // test ("a burst of edits") past its timeout on a busy machine.
  let shared: Awaited<ReturnType<typeof useNewTable>>;
  beforeAll(async () => {
    shared = await useNewTable();
  });
  afterAll(() => {
    ({ stack, app, deps } = shared);
  });

  it('queues 150 reminders with at most `concurrency` claims in flight', async () => {
    clock.set('2026-11-27T09:00:00Z');
    const { id } = await meetup({ start: '2027-06-09T12:00', end: '2027-06-09T13:00', format: 'in_person', onlineUrl: undefined });
    const event = (await stack.deps.events.get(id))!;
    await mapLimit(Array.from({ length: 150 }, (_, i) => i), 10, async (i) => {
      const token = newToken();
      const fields = newRsvpFields(event, { name: `P${i}`, email: `big-${i}-${newId(4)}@example.org` }, hashSecret(token), clock.now());
      await stack.deps.rsvps.request(fields, [], outboxMessage({ to: fields.email, subject: 's', text: 't', html: 'h' }, 'rsvp-confirm-link', clock.now()));
      await stack.deps.rsvps.confirm({ event, key: fields.key, confirmTokenHash: hashSecret(token), cancelTokenHash: hashSecret(newToken()), now: clock.now(), emails: { confirmed: [], waitlisted: [] } });
    });
    clock.set('2027-06-08T11:30:00Z');
    let inFlight = 0;
    let most = 0;
    const counting: RemindersRepository = {
      ...deps.reminders,
      claim: async (claim) => {
        most = Math.max(most, ++inFlight);
        try {
          return await deps.reminders.claim(claim);
        } finally {
          inFlight--;
        }
      },
    };
    const result = await sweepReminders({ ...deps, reminders: counting, concurrency: 8 });
    expect(result.queued).toBe(150);
    expect(most).toBe(8);
    expect((await sweepReminders(deps)).queued).toBe(0);
  }, 300_000);
});

describe('telling people about changes and cancellations', () => {
  const edit = async (id: string, manage: string, over: Record<string, unknown>) => {
    const managed = (await (await post(`/api/events/${id}/manage`, { token: manage })).json()) as { version: number; title: string };
    const res = await post(`/api/events/${id}`, {
      title: managed.title, description: 'Bring records.', start: '2027-07-10T12:30', end: '2027-07-10T13:30', timezone: 'Europe/London',
      format: 'hybrid', venue: 'Central Library', onlineUrl: 'https://meet.example.org/r', organiserName: 'Aoife', organiserEmail: 'aoife@example.org',
      token: manage, version: managed.version, ...over,
    }, 'PUT');
    expect(res.status).toBe(200);
  };
  const notices = async (email: string, subject: RegExp) => {
    await stack.deliver();
    return (await inbox(stack.sesEndpoint, email)).filter((m) => subject.test(m.subject));
  };

  it('sends one email for a burst of edits, listing what is new against how it was before the burst', async () => {
    clock.set('2026-11-27T09:00:00Z');
    const { id, manage } = await meetup({ start: '2027-07-10T12:30', end: '2027-07-10T13:30', capacity: 1 });
    const [going, waiting] = await people(id, 2);
    clock.set('2027-07-01T10:00:00Z');
    // Each edit keeps the capacity, so the second person stays on the waitlist.
    await edit(id, manage, { start: '2027-07-10T14:00', end: '2027-07-10T15:00', capacity: 1 });
    clock.set('2027-07-01T10:02:00Z');
    await edit(id, manage, { start: '2027-07-10T15:00', end: '2027-07-10T16:00', venue: 'Room 2, Central Library', capacity: 1 });
    await edit(id, manage, { start: '2027-07-10T15:00', end: '2027-07-10T16:00', venue: 'Room 2, Central Library', description: 'Typo fixed.', capacity: 1 });
    clock.set('2027-07-01T10:04:00Z');
    expect((await sweepReminders(deps)).notices).toBe(0); // still gathering
    clock.set('2027-07-01T10:05:30Z');
    const [one, two] = await Promise.all([sweepReminders(deps), sweepReminders(deps)]);
    expect(one.notices + two.notices).toBe(2);
    expect((await sweepReminders(deps)).notices).toBe(0);
    for (const p of [going!, waiting!]) {
      const mails = await notices(p.email, /^Changed:/);
      expect(mails).toHaveLength(1);
      const text = mails[0]!.body.text!;
      expect(text).toMatch(/New time: Saturday,? 10 July 2027, 15:00 – 16:00 .+\nWas: Saturday,? 10 July 2027, 12:30 – 13:30 /);
      expect(text).toMatch(/New place: Room 2, Central Library, and online\nWas: Central Library, and online/);
      expect(text).not.toContain('New joining link');
    }
    // A later edit is a new burst, and a new email.
    clock.set('2027-07-02T09:00:00Z');
    await edit(id, manage, { start: '2027-07-10T15:00', end: '2027-07-10T16:00', venue: 'Room 2, Central Library', onlineUrl: 'https://meet.example.org/new', capacity: 1 });
    clock.set('2027-07-02T09:06:00Z');
    // A new joining link alone is news only for people with a place: the waitlisted person hears nothing of it.
    expect((await sweepReminders(deps)).notices).toBe(1);
    const second = await notices(going!.email, /^Changed:/);
    expect(second).toHaveLength(2);
    expect(second[1]!.body.text).toContain('New joining link:\nhttps://meet.example.org/new');
    const waitingMails = await notices(waiting!.email, /^Changed:/);
    expect(waitingMails).toHaveLength(1);
    for (const m of waitingMails) expect(`${m.body.text}${m.body.html}`).not.toContain('meet.example.org');
  });

  it('claims a notice only for the status its email was written for, so a link never reaches someone who lost their place', async () => {
    clock.set('2026-11-27T09:00:00Z');
    const { id } = await meetup({ start: '2027-07-20T12:30', end: '2027-07-20T13:30', capacity: 1 });
    const [going, waiting] = await people(id, 2);
    const rsvps = await deps.reminders.rsvps(id);
    const stored = (key: string) => rsvps.find((r) => r.key === key)!;
    const notice = { eventId: id, id: newId(12), kind: 'updated' as const, dueAt: clock.now().toISOString(), baseline: {} as never };
    const mail = (to: string) => outboxMessage({ to, subject: 'Changed: x', text: 't', html: 'h' }, 'event-updated', clock.now());
    // Written for someone with a place, but they are waiting: refused. And the other way round.
    expect(await deps.reminders.claimNotice(notice, { ...stored(waiting!.key), status: 'confirmed' }, mail(waiting!.email))).toBe(false);
    expect(await deps.reminders.claimNotice(notice, { ...stored(going!.key), status: 'waitlisted' }, mail(going!.email))).toBe(false);
    expect(await deps.reminders.claimNotice(notice, stored(going!.key), mail(going!.email))).toBe(true);
    expect(await deps.reminders.claimNotice(notice, stored(going!.key), mail(going!.email))).toBe(false);
  });

  it('sends nothing when a burst ends where it started', async () => {
    clock.set('2026-11-27T09:00:00Z');
    const { id, manage } = await meetup({ start: '2027-08-10T12:30', end: '2027-08-10T13:30' });
    const [p] = await people(id, 1);
    clock.set('2027-08-01T10:00:00Z');
    await edit(id, manage, { start: '2027-08-10T14:00', end: '2027-08-10T15:00' });
    await edit(id, manage, { start: '2027-08-10T12:30', end: '2027-08-10T13:30' });
    clock.set('2027-08-01T10:06:00Z');
    expect((await sweepReminders(deps)).notices).toBe(0);
    expect(await notices(p!.email, /^Changed:/)).toHaveLength(0);
  });

  it('tells everyone of a cancellation at the next sweep, and stops their reminders', async () => {
    clock.set('2026-11-27T09:00:00Z');
    const { id, manage } = await meetup({ start: '2027-09-10T12:30', end: '2027-09-10T13:30', capacity: 1 });
    const [going, waiting] = await people(id, 2);
    clock.set('2027-09-09T09:00:00Z');
    expect((await post(`/api/events/${id}/cancel`, { token: manage })).status).toBe(200);
    clock.set('2027-09-09T12:00:00Z'); // the day-before reminder would be due now
    const result = await sweepReminders(deps);
    expect(result.notices).toBe(2);
    expect(result.queued).toBe(0);
    for (const p of [going!, waiting!]) {
      const mails = await notices(p.email, /^(Cancelled:|Tomorrow, |Today, |Starting (in|now)|Still on the waitlist:)/);
      expect(mails.map((m) => m.subject)).toEqual([expect.stringMatching(/^Cancelled: /)]);
      expect(mails[0]!.body.text).toContain('cancelled this meetup');
    }
  });
});
