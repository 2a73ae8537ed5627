// Integration: records of attendance on DynamoDB Local and the SES emulator, with a clock the tests move. Once a
// meetup's check-in window closes, the sweep issues each checked-in person with an address their record and one email,
// exactly once (two sweeps at once, or a sweep after a crash that had issued one already); no-shows, walk-ins without
// an address and cancelled meetups get none, nor an RSVP cancelled after the sweep listed it; one record whose issuing
// throws is counted as failed while the rest are issued. The email's verification link works, and stops when turned
// off; "Make a new link" pressed twice at once makes one link.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '#functions/apps/api/app.ts';
import { runSweeps } from '#functions/apps/reminders/sweeps.ts';
import { fixedClock } from '#functions/core/clock.ts';
import { outboxMessage } from '#functions/core/email.ts';
import { hashSecret, newId, newToken } from '#functions/core/ids.ts';
import { createLogger } from '#functions/core/log.ts';
import { personId } from '#functions/core/person.ts';
import { SESSION_COOKIE } from '#functions/core/viewer.ts';
import { recordEmail } from '#functions/cpd/emails.ts';
import { recordFor, verifyUrl } from '#functions/cpd/records.ts';
import { sweepRecords, type RecordsSweepDeps } from '#functions/cpd/records-sweep.ts';
import type { FollowSweepDeps } from '#functions/follows/sweep.ts';
import { dynamoAnnouncementsRepository } from '#functions/follows/dynamo-announcements.repository.ts';
import { readsTogether } from '../support/cpd-races.ts';
import { inbox, sweepDepsFor, testStack, type StoredEmail } from '../support/stack.ts';
import { peopleWithPlaces, publishedMeetup } from '../support/through-api.ts';

const clock = fixedClock('2026-11-27T09:00:00Z');
let stack: Awaited<ReturnType<typeof testStack>>;
let app: ReturnType<typeof createApp>;
let sweep: RecordsSweepDeps;

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  app.request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });

/** A published meetup, 12:30 to 13:30 London (UTC in December) on `day`, with CPD details. */
async function meetup(day: string, over: Record<string, unknown> = {}) {
  clock.set('2026-11-27T09:00:00Z');
  return publishedMeetup(stack, app, { title: `Records ${newId(4)}`, start: `${day}T12:30`, end: `${day}T13:30`, capacity: 10, ...over });
}

const checkIn = (eventId: string, key: string) => stack.deps.checkIns.checkIn({ eventId, key, by: { via: 'team', name: 'Sam' }, now: clock.now() });

const recordsIn = async (email: string): Promise<StoredEmail[]> => (await inbox(stack.sesEndpoint, email)).filter((m) => /^Your record of attendance: /.test(m.subject));
const linkIn = (email: StoredEmail) => {
  const found = /\/records\/([a-z0-9]{26})#([A-Za-z0-9_-]{43})/.exec(email.body.text ?? '');
  if (!found) throw new Error('no verification link in the email');
  return { id: found[1]!, token: found[2]! };
};

async function cookieFor(email: string): Promise<Record<string, string>> {
  const secret = newToken();
  const at = clock.now();
  await stack.deps.sessions.createSession({ id: hashSecret(secret), personId: personId(email), email, createdAt: at.toISOString(), expiresAt: Math.floor(at.getTime() / 1000) + 86_400 });
  return { Cookie: `${SESSION_COOKIE}=${secret}`, Origin: stack.deps.siteUrl };
}

beforeAll(async () => {
  stack = await testStack(clock);
  app = createApp(stack.deps);
  sweep = {
    events: stack.deps.events, rsvps: stack.deps.rsvps, networks: stack.deps.networks, cpdLog: stack.deps.cpdLog, feedSecret: stack.deps.feedSecret,
    clock, logger: createLogger('silent'), siteUrl: stack.deps.siteUrl,
  };
});

afterAll(() => clock.set('2026-11-27T09:00:00Z'));

describe('issuing records of attendance', () => {
  it('issues one record and one email to each checked-in person with an address, once, even with two sweeps at once', async () => {
    const { id } = await meetup('2026-12-03', { cpd: { hours: 1.5, outcomes: ['Catalogue a serial'], areas: ['organising-knowledge'], format: 'workshop' } });
    const [ann, bo, cy] = await peopleWithPlaces(stack, app, clock, id, 3, (i) => ['Ann Attendee', 'Bo Attendee', 'Cy No-show'][i]!);
    clock.set('2026-12-03T12:35:00Z');
    await checkIn(id, ann!.key);
    await checkIn(id, bo!.key);
    const walkInWithAddress = `walk-${newId(6)}@example.org`;
    expect((await stack.deps.checkIns.addWalkIn({ eventId: id, name: 'Di Walk-in', email: walkInWithAddress, by: { via: 'team', name: 'Sam' }, now: clock.now(), expiresAt: Math.floor(Date.parse('2027-01-03') / 1000) })).ok).toBe(true);
    expect((await stack.deps.checkIns.addWalkIn({ eventId: id, name: 'Ed No Address', by: { via: 'team', name: 'Sam' }, now: clock.now(), expiresAt: Math.floor(Date.parse('2027-01-03') / 1000) })).ok).toBe(true);

    // The window is open until 14:30 (an hour after the end): nothing yet.
    clock.set('2026-12-03T14:29:00Z');
    expect((await sweepRecords(sweep)).issued).toBe(0);

    clock.set('2026-12-03T14:31:00Z');
    const [first, second] = await Promise.all([sweepRecords(sweep), sweepRecords(sweep)]);
    expect(first.issued + second.issued).toBe(3);
    expect(first.failed + second.failed).toBe(0);
    // Later sweeps find every RSVP marked: nothing more.
    clock.set('2026-12-03T14:41:00Z');
    expect(await sweepRecords(sweep)).toMatchObject({ issued: 0, skipped: 0, failed: 0 });

    for (const person of [ann!.email, bo!.email, walkInWithAddress]) {
      const log = await stack.deps.cpdLog.log(personId(person));
      expect(log.records).toHaveLength(1);
      expect(log.records[0]).toMatchObject({ eventId: id, quarters: 6, role: 'attended', shared: true });
    }
    expect((await stack.deps.cpdLog.log(personId(cy!.email))).records).toEqual([]);
    const rsvps = await stack.deps.rsvps.list(id);
    expect(rsvps.filter((r) => (r as { recordIssuedAt?: string }).recordIssuedAt)).toHaveLength(3);
    expect(rsvps.find((r) => r.name === 'Ed No Address')).not.toHaveProperty('recordIssuedAt');

    await stack.deliver();
    for (const person of [ann!.email, bo!.email, walkInWithAddress]) expect(await recordsIn(person)).toHaveLength(1);
    expect(await recordsIn(cy!.email)).toHaveLength(0);
    const email = (await recordsIn(ann!.email))[0]!;
    expect(email.body.text).toMatch(/record of attendance/);
    expect(email.body.text).toContain('1.5 hours');
    expect(email.body.text).not.toMatch(/accredit/i);
    expect(email.body.text).toContain(`${stack.deps.siteUrl}/me/cpd`);
    expect(email.body.text).toContain('Ann Attendee');
    expect(email.body.text).toContain('Catalogue a serial');
    expect(email.body.text).toContain('Organising knowledge and information');
  });

  it('after a crash that had issued one record, the sweep issues the rest and never that one again', async () => {
    const { id } = await meetup('2026-12-10');
    const [ann, bo] = await peopleWithPlaces(stack, app, clock, id, 2);
    clock.set('2026-12-10T12:40:00Z');
    await checkIn(id, ann!.key);
    await checkIn(id, bo!.key);
    clock.set('2026-12-10T14:31:00Z');
    // A sweep that issued Ann's record and died before it went on.
    const event = (await stack.deps.events.get(id))!;
    const rsvp = (await stack.deps.rsvps.list(id)).find((r) => r.key === ann!.key)!;
    const record = recordFor(event, rsvp, undefined, clock.now());
    const email = recordEmail(event, stack.deps.siteUrl, rsvp, record, { verifyUrl: verifyUrl(stack.deps.siteUrl, await stack.deps.feedSecret(), record) });
    expect(await stack.deps.cpdLog.issue({ record, rsvp: { eventId: id, key: ann!.key }, email: outboxMessage(email, 'cpd-record', clock.now()) })).toBe(true);
    // The same record again (a retried transaction) is refused.
    expect(await stack.deps.cpdLog.issue({ record: { ...record, id: `${record.id.slice(0, 25)}x` }, rsvp: { eventId: id, key: ann!.key }, email: outboxMessage(email, 'cpd-record', clock.now()) })).toBe(false);

    // The next run goes through the scheduled sweeps, as the Lambda and the local stack's minute sweep do.
    const follows: FollowSweepDeps = {
      announcements: dynamoAnnouncementsRepository(stack.dynamo, stack.tableName), broadcasts: stack.deps.broadcasts, followers: stack.deps.followers, events: stack.deps.events,
      networks: stack.deps.networks, suppressions: stack.suppressions, clock, logger: createLogger('silent'), siteUrl: stack.deps.siteUrl, feedSecret: stack.deps.feedSecret,
    };
    await runSweeps({ reminders: sweepDepsFor(stack, clock), follows, records: sweep });
    for (const person of [ann!, bo!]) expect((await stack.deps.cpdLog.log(personId(person.email))).records).toHaveLength(1);
    await stack.deliver();
    for (const person of [ann!, bo!]) expect(await recordsIn(person.email)).toHaveLength(1);
  });

  it('issues none for a cancelled meetup', async () => {
    const { id } = await meetup('2026-12-17');
    const [ann] = await peopleWithPlaces(stack, app, clock, id, 1);
    clock.set('2026-12-17T12:40:00Z');
    await checkIn(id, ann!.key);
    const event = (await stack.deps.events.get(id))!;
    expect((await stack.deps.events.save({ ...event, status: 'cancelled', version: event.version + 1 }, event)).ok).toBe(true);
    clock.set('2026-12-17T14:31:00Z');
    expect((await sweepRecords(sweep)).issued).toBe(0);
    expect((await stack.deps.cpdLog.log(personId(ann!.email))).records).toEqual([]);
  });
});

describe('issuing racing other changes', () => {
  it('gives no record to an RSVP cancelled between the sweep listing it and its transaction', async () => {
    const { id } = await meetup('2026-12-31');
    const [ann, bo] = await peopleWithPlaces(stack, app, clock, id, 2);
    clock.set('2026-12-31T12:40:00Z');
    await checkIn(id, ann!.key);
    await checkIn(id, bo!.key);
    clock.set('2026-12-31T14:31:00Z');
    // The sweep lists the RSVPs (both due); Bo is removed by the organiser; then the sweep issues.
    const raced: RecordsSweepDeps = {
      ...sweep,
      rsvps: {
        list: async (eventId) => {
          const listed = await stack.deps.rsvps.list(eventId);
          if (eventId === id) expect(await stack.deps.rsvps.cancel({ eventId: id, key: bo!.key, now: clock.now(), as: 'removed' })).toMatchObject({ ok: true });
          return listed;
        },
      },
    };
    expect(await sweepRecords(raced)).toMatchObject({ issued: 1, skipped: 1, failed: 0 });
    expect((await stack.deps.cpdLog.log(personId(ann!.email))).records).toHaveLength(1);
    expect((await stack.deps.cpdLog.log(personId(bo!.email))).records).toEqual([]);
    expect((await stack.deps.rsvps.list(id)).find((r) => r.key === bo!.key)).not.toHaveProperty('recordIssuedAt');
    await stack.deliver();
    expect(await recordsIn(bo!.email)).toHaveLength(0);
  });

  it('counts a record whose issuing throws as failed, logs it by meetup only, and issues and awaits every other one', async () => {
    const { id } = await meetup('2027-01-07');
    const names = ['Ann Flaky', 'Bo Flaky', 'Cy Flaky', 'Di Flaky'];
    const people = await peopleWithPlaces(stack, app, clock, id, names.length, (i) => names[i]!);
    clock.set('2027-01-07T12:40:00Z');
    for (const p of people) await checkIn(id, p.key);
    clock.set('2027-01-07T14:31:00Z');
    // The port, as the sweep uses it: the first issue is slow, the second throws, the rest go to DynamoDB.
    let calls = 0;
    let threwFor: string | undefined;
    const lines: string[] = [];
    const flaky: RecordsSweepDeps = {
      ...sweep,
      logger: createLogger('info', (line) => lines.push(line)),
      cpdLog: {
        issue: async (input) => {
          const call = ++calls;
          if (call === 2) {
            threwFor = input.rsvp.key;
            throw new Error('ProvisionedThroughputExceededException');
          }
          if (call === 1) await new Promise((resolve) => setTimeout(resolve, 300));
          return stack.deps.cpdLog.issue(input);
        },
      },
    };
    expect(await sweepRecords(flaky)).toEqual({ events: 1, issued: 3, skipped: 0, failed: 1 });
    // Every write was done by the time the sweep answered: the slow one too.
    const withRecord = async () => {
      const out: string[] = [];
      for (const p of people) if ((await stack.deps.cpdLog.log(personId(p.email))).records.length) out.push(p.key);
      return out;
    };
    expect((await withRecord()).sort()).toEqual(people.map((p) => p.key).filter((k) => k !== threwFor).sort());
    const failures = lines.filter((l) => JSON.parse(l).level === 'error');
    expect(failures).toHaveLength(1);
    expect(JSON.parse(failures[0]!)).toMatchObject({ eventId: id, error: expect.stringContaining('ProvisionedThroughputExceededException') });
    for (const p of people) expect(lines.join('\n')).not.toContain(p.email);
    for (const name of names) expect(lines.join('\n')).not.toContain(name);
    // The next run issues the one that failed, and only it.
    clock.set('2027-01-07T14:41:00Z');
    expect(await sweepRecords(sweep)).toMatchObject({ issued: 1, failed: 0 });
    expect(await withRecord()).toHaveLength(people.length);
  });
});

describe('the verification link', () => {
  it('shows the public record; a wrong token, a link turned off and the old link after turning it on again are 404', async () => {
    const { id } = await meetup('2026-12-24');
    const [ann] = await peopleWithPlaces(stack, app, clock, id, 1, () => 'Ann Verified');
    clock.set('2026-12-24T12:40:00Z');
    await checkIn(id, ann!.key);
    clock.set('2026-12-24T14:31:00Z');
    expect((await sweepRecords(sweep)).issued).toBe(1);
    await stack.deliver();
    const link = linkIn((await recordsIn(ann!.email))[0]!);
    const reflection = 'What I learned, privately';
    expect(await stack.deps.cpdLog.updateRecord(personId(ann!.email), link.id, { reflection, reflectionUpdatedAt: clock.now().toISOString() })).toBe(true);

    const verify = (token: string) => post(`/api/records/${link.id}/verify`, { token });
    const shown = await verify(link.token);
    expect(shown.status).toBe(200);
    const body = await shown.text();
    expect(JSON.parse(body)).toMatchObject({ id: link.id, name: 'Ann Verified', hours: 1, timezone: 'Europe/London', date: '2026-12-24', feedbackCollected: true });
    expect(body).not.toContain(reflection);
    expect(body).not.toContain(ann!.email);
    expect(body).not.toContain(personId(ann!.email));
    expect(body).not.toContain(id);

    expect((await verify(`${link.token.slice(0, 42)}${link.token.endsWith('A') ? 'B' : 'A'}`)).status).toBe(404);

    const owner = await cookieFor(ann!.email);
    expect((await post(`/api/me/cpd/records/${link.id}/share`, { shared: false }, await cookieFor(`other-${newId(4)}@example.org`))).status).toBe(404);
    expect((await post(`/api/me/cpd/records/${link.id}/share`, { shared: false }, owner)).status).toBe(200);
    const off = await verify(link.token);
    expect(off.status).toBe(404);

    const on = await post(`/api/me/cpd/records/${link.id}/share`, { shared: true }, owner);
    expect(on.status).toBe(200);
    const { url } = (await on.json()) as { url: string };
    const fresh = url.split('#')[1]!;
    expect(fresh).not.toBe(link.token);
    expect((await verify(fresh)).status).toBe(200);
    const old = await verify(link.token);
    expect(old.status).toBe(404);
    expect(await old.json()).toEqual(await off.json());

    // Deleted with the whole log: the link is 404 too.
    await stack.deps.cpdLog.deleteAll(personId(ann!.email));
    expect((await verify(fresh)).status).toBe(404);
  });
});

describe('"Make a new link" pressed twice at once', () => {
  it('makes one link, and both answers carry it', async () => {
    const { id } = await meetup('2027-01-14');
    const [ann] = await peopleWithPlaces(stack, app, clock, id, 1);
    clock.set('2027-01-14T12:40:00Z');
    await checkIn(id, ann!.key);
    clock.set('2027-01-14T14:31:00Z');
    expect((await sweepRecords(sweep)).issued).toBe(1);
    const [record] = (await stack.deps.cpdLog.log(personId(ann!.email))).records;
    const owner = await cookieFor(ann!.email);
    expect((await post(`/api/me/cpd/records/${record!.id}/share`, { shared: false }, owner)).status).toBe(200);

    // Both presses read the record (link off) before either writes.
    const both = createApp({ ...stack.deps, cpdLog: readsTogether(stack.deps.cpdLog, 2) });
    const press = () => both.request(`/api/me/cpd/records/${record!.id}/share`, { method: 'POST', body: JSON.stringify({ shared: true }), headers: { 'content-type': 'application/json', ...owner } });
    const answers = await Promise.all([press(), press()]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const [first, second] = (await Promise.all(answers.map((a) => a.json()))) as { shared: boolean; url: string }[];
    expect(first!.url).toBe(second!.url);
    const token = first!.url.split('#')[1]!;
    expect((await post(`/api/records/${record!.id}/verify`, { token })).status).toBe(200);
  });
});
