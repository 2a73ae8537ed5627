// Integration: the personal CPD log on DynamoDB Local, through the app with a signed-in cookie. The CSV export has the
// records of attendance (issued by the sweep) and the activities from elsewhere, with their reflections; "Delete my
// CPD log" empties the log and removes the record pointers (so recordById and the verification API find nothing),
// leaving the RSVP the record came from as it was. Changes racing each other: an edit (or a reflection) racing the
// delete brings nothing back, and an edit and a reflection saved at once both stay.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '#functions/apps/api/app.ts';
import { fixedClock } from '#functions/core/clock.ts';
import { hashSecret, newId, newToken } from '#functions/core/ids.ts';
import { createLogger } from '#functions/core/log.ts';
import { personId } from '#functions/core/person.ts';
import { SESSION_COOKIE } from '#functions/core/viewer.ts';
import { sweepRecords } from '#functions/cpd/records-sweep.ts';
import { afterNextRead, readsAsBefore } from '../support/cpd-races.ts';
import { inbox, testStack } from '../support/stack.ts';
import { peopleWithPlaces, publishedMeetup } from '../support/through-api.ts';

const clock = fixedClock('2026-11-27T09:00:00Z');
let stack: Awaited<ReturnType<typeof testStack>>;
let app: ReturnType<typeof createApp>;

async function cookieFor(email: string): Promise<Record<string, string>> {
  const secret = newToken();
  const at = clock.now();
  await stack.deps.sessions.createSession({ id: hashSecret(secret), personId: personId(email), email, createdAt: at.toISOString(), expiresAt: Math.floor(at.getTime() / 1000) + 86_400 });
  return { Cookie: `${SESSION_COOKIE}=${secret}`, Origin: stack.deps.siteUrl };
}

const sweep = () => sweepRecords({ ...stack.deps, clock, logger: createLogger('silent') });

/** A meetup 12:30 to 13:30 London on `day` with CPD details; `names` with places, checked in; records issued. */
async function attendedMeetup(day: string, names: string[]) {
  clock.set('2026-11-27T09:00:00Z');
  const title = `Log ${newId(4)}`;
  const { id } = await publishedMeetup(stack, app, {
    title, start: `${day}T12:30`, end: `${day}T13:30`, capacity: 10, cpd: { hours: 1.5, outcomes: ['Catalogue a serial'], areas: ['organising-knowledge'], format: 'workshop' },
  });
  const people = await peopleWithPlaces(stack, app, clock, id, names.length, (i) => names[i]!);
  clock.set(`${day}T12:40:00Z`);
  for (const p of people) await stack.deps.checkIns.checkIn({ eventId: id, key: p.key, by: { via: 'team', name: 'Sam' }, now: clock.now() });
  clock.set(`${day}T14:31:00Z`);
  expect((await sweep()).issued).toBe(names.length);
  return { id, title, people };
}

beforeAll(async () => {
  stack = await testStack(clock);
  app = createApp(stack.deps);
});

afterAll(() => clock.set('2026-11-27T09:00:00Z'));

const csvLines = (text: string) => text.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);

describe('the CPD log on DynamoDB', () => {
  it('exports records and activities as CSV, through the app, for the signed-in person only', async () => {
    const { title, people } = await attendedMeetup('2026-12-03', ['Ann Exporter', 'Bo Other']);
    const [ann, bo] = people;
    const owner = await cookieFor(ann!.email);
    const [record] = (await stack.deps.cpdLog.log(personId(ann!.email))).records;
    expect((await app.request(`/api/me/cpd/records/${record!.id}/reflection`, {
      method: 'PUT', headers: { ...owner, 'content-type': 'application/json' }, body: JSON.stringify({ reflection: 'Serials, at last.' }),
    })).status).toBe(200);
    const added = await app.request('/api/me/cpd/activities', {
      method: 'POST', headers: { ...owner, 'content-type': 'application/json' },
      body: JSON.stringify({ date: '2026-11-20', title: 'Webinar, "metadata"', provider: 'CILIP', hours: 1.25, areas: ['research-skills'], reflection: 'Good.' }),
    });
    expect(added.status).toBe(201);

    const res = await app.request('/me/cpd/export.csv', { headers: owner });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toContain('signpost-cpd-log.csv');
    const lines = csvLines(await res.text());
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('"Date","Title","Provider","Hours","PKSB areas","Reflection","Type"');
    // Newest first: the record (its provider the meetup's network or organiser), then the activity.
    expect(lines[1]).toMatch(new RegExp(`^"2026-12-03","${title}","[^"]+","1.5","Organising knowledge and information","Serials, at last.","Record of attendance"$`));
    expect(lines[2]).toBe('"2026-11-20","Webinar, ""metadata""","CILIP","1.25","Research skills","Good.","Activity"');

    // Bo's export has Bo's record alone; signed out, no CSV.
    const boLines = csvLines(await (await app.request('/me/cpd/export.csv', { headers: await cookieFor(bo!.email) })).text());
    expect(boLines).toHaveLength(2);
    expect(boLines[1]).toContain(`"${title}"`);
    expect(boLines[1]).not.toContain('Serials');
    const signedOut = await app.request('/me/cpd/export.csv');
    expect(signedOut.headers.get('content-type') ?? '').not.toMatch(/csv/);
  });

  it('"Delete my CPD log" empties the log, removes the record pointers and leaves the RSVP as it was', async () => {
    const { id, people } = await attendedMeetup('2026-12-10', ['Cy Deleter']);
    const cy = people[0]!;
    const owner = await cookieFor(cy.email);
    expect((await app.request('/api/me/cpd/activities', {
      method: 'POST', headers: { ...owner, 'content-type': 'application/json' },
      body: JSON.stringify({ date: '2026-11-20', title: 'Reading group', hours: 1, areas: [] }),
    })).status).toBe(201);
    const before = await stack.deps.cpdLog.log(personId(cy.email));
    expect(before.records).toHaveLength(1);
    expect(before.activities).toHaveLength(1);
    const recordId = before.records[0]!.id;
    expect(await stack.deps.cpdLog.recordById(recordId)).toBeDefined();
    await stack.deliver();
    const mail = (await inbox(stack.sesEndpoint, cy.email)).find((m) => /^Your record of attendance: /.test(m.subject))!;
    const token = /\/records\/[a-z0-9]{26}#([A-Za-z0-9_-]{43})/.exec(mail.body.text ?? '')![1]!;
    const verify = () => app.request(`/api/records/${recordId}/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
    expect((await verify()).status).toBe(200);
    const rsvpBefore = (await stack.deps.rsvps.list(id)).find((r) => r.key === cy.key)!;

    const deleted = await app.request('/me/cpd/delete', { method: 'POST', headers: { ...owner, 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect(deleted.status).toBe(200);

    expect(await stack.deps.cpdLog.log(personId(cy.email))).toMatchObject({ records: [], activities: [] });
    expect(await stack.deps.cpdLog.recordById(recordId)).toBeUndefined();
    expect((await verify()).status).toBe(404);
    const rsvpAfter = (await stack.deps.rsvps.list(id)).find((r) => r.key === cy.key)!;
    expect(rsvpAfter).toEqual(rsvpBefore);
    // Another sweep issues nothing again: the RSVP still says its record was issued.
    clock.set('2026-12-10T14:41:00Z');
    expect((await sweep()).issued).toBe(0);
  });
});

describe('changes to the log racing each other, on DynamoDB', () => {
  const NOT_IN_LOG = 'That activity is not in your CPD log.';
  const activity = { date: '2026-11-20', title: 'Reading group', provider: 'CILIP', hours: 1, areas: ['research-skills'], reflection: 'First thoughts.' };
  const send = (on: ReturnType<typeof createApp>, method: string, path: string, who: Record<string, string>, body: unknown) =>
    on.request(path, { method, headers: { ...who, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  async function personWithActivity() {
    const email = `race-${newId(6)}@example.org`;
    const owner = await cookieFor(email);
    const added = await send(app, 'POST', '/api/me/cpd/activities', owner, activity);
    expect(added.status).toBe(201);
    const { id } = ((await added.json()) as { activity: { id: string } }).activity;
    return { email, owner, id, log: () => stack.deps.cpdLog.log(personId(email)) };
  }
  const deleteLog = async (owner: Record<string, string>) =>
    expect((await app.request('/me/cpd/delete', { method: 'POST', headers: { ...owner, 'content-type': 'application/x-www-form-urlencoded' }, body: '' })).status).toBe(200);

  it('an edit that read the activity before "Delete my CPD log" finds it gone (404) and brings nothing back', async () => {
    const { owner, id, log } = await personWithActivity();
    // The edit reads the activity; the whole log is deleted; then the edit writes.
    const raced = afterNextRead(stack.deps.cpdLog, () => deleteLog(owner));
    const res = await send(createApp({ ...stack.deps, cpdLog: raced }), 'PUT', `/api/me/cpd/activities/${id}`, owner, { ...activity, title: 'Renamed' });
    expect(raced.ran()).toBe(true);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'not_found', message: NOT_IN_LOG });
    expect(await log()).toMatchObject({ records: [], activities: [] });
  });

  it('a reflection saved on an activity deleted meanwhile is a 404 and brings nothing back', async () => {
    const { owner, id, log } = await personWithActivity();
    const before = await log();
    await send(app, 'DELETE', `/api/me/cpd/activities/${id}`, owner, undefined);
    expect((await log()).activities).toEqual([]);
    // Any read the save makes saw the activity, as one made before the delete would.
    const res = await send(createApp({ ...stack.deps, cpdLog: readsAsBefore(stack.deps.cpdLog, before) }), 'PUT', `/api/me/cpd/activities/${id}/reflection`, owner, { reflection: 'Late thoughts.' });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ message: NOT_IN_LOG });
    expect((await log()).activities).toEqual([]);
  });

  it('an edit and a reflection saved at once both stay, whichever read first', async () => {
    // The edit reads the activity (with the reflection it showed); the reflection is saved; then the edit writes.
    const first = await personWithActivity();
    const raced = afterNextRead(stack.deps.cpdLog, async () =>
      expect((await send(app, 'PUT', `/api/me/cpd/activities/${first.id}/reflection`, first.owner, { reflection: 'Written in another tab.' })).status).toBe(200));
    const edited = await send(createApp({ ...stack.deps, cpdLog: raced }), 'PUT', `/api/me/cpd/activities/${first.id}`, first.owner, { ...activity, title: 'Renamed', hours: 2 });
    expect(raced.ran()).toBe(true);
    expect(edited.status).toBe(200);
    // The edit answers the activity as stored: with the reflection saved meanwhile.
    expect(await edited.json()).toMatchObject({ activity: { title: 'Renamed', quarters: 8, reflection: 'Written in another tab.' } });
    expect((await first.log()).activities).toMatchObject([{ id: first.id, title: 'Renamed', quarters: 8, provider: 'CILIP', reflection: 'Written in another tab.' }]);

    // The reflection's save read first (if it reads at all); the edit lands; then the reflection is written.
    const second = await personWithActivity();
    const before = await second.log();
    expect((await send(app, 'PUT', `/api/me/cpd/activities/${second.id}`, second.owner, { ...activity, title: 'Renamed too', provider: '' })).status).toBe(200);
    const saved = await send(createApp({ ...stack.deps, cpdLog: readsAsBefore(stack.deps.cpdLog, before) }), 'PUT', `/api/me/cpd/activities/${second.id}/reflection`, second.owner, { reflection: 'Second thoughts.' });
    expect(saved.status).toBe(200);
    const [stored] = (await second.log()).activities;
    expect(stored).toMatchObject({ id: second.id, title: 'Renamed too', reflection: 'Second thoughts.' });
    expect(stored).not.toHaveProperty('provider');
  });
});
