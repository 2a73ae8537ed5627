// API: the organiser's side of attendance, on the Hono app in-process with in-memory parts: the "Still coming?"
// settings (defaults, saving, every bad value a 400 naming its field with nothing stored), each person's answer and
// check-in on the attendee list and its CSV, and the numbers after the meetup (kept, or counted from the list).
import { describe, expect, it } from 'vitest';
import { inMemoryApp, tokenFrom, validMeetup } from '../support/fakes.ts';
import { network, putNetwork } from '../support/signed-in.ts';
import { fixedClock } from '#functions/core/clock.ts';
import type { StoredRsvp } from '#functions/core/rsvp.ts';
import type { memoryRsvpsRepository } from '#functions/rsvps/memory-rsvps.repository.ts';

const json = (body: unknown) => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

type Settings = { stillComing: boolean; stillComingDefault: boolean; checkHours: number; release: boolean; releaseHours: number };
type Attendee = { key: string; name: string; status: string; stillComing?: string; checkedInAt?: string; checkedInBy?: unknown };
type List = { attendance: Settings; numbers?: Record<string, unknown>; attendees: Attendee[] };

async function published(over: Record<string, unknown> = {}) {
  const clock = fixedClock('2026-11-27T09:00:00Z');
  const ctx = inMemoryApp({ clock });
  const post = (path: string, body: unknown) => ctx.app.request(path, json(body));
  expect((await post('/api/events', validMeetup(over))).status).toBe(202);
  const { id, token } = tokenFrom(ctx.events.outbox[0]!);
  expect((await post(`/api/events/${id}/publish`, { token })).status).toBe(200);
  const settings = (body: Record<string, unknown>) => post(`/api/events/${id}/rsvp-settings`, { token, ...body });
  const list = async () => {
    const res = await post(`/api/events/${id}/attendees`, { token });
    expect(res.status).toBe(200);
    return (await res.json()) as List;
  };
  const rsvps = (ctx.deps.rsvps as ReturnType<typeof memoryRsvpsRepository>).rsvps;
  /** An RSVP straight into the store, with the attendance fields given. */
  const person = (name: string, status: StoredRsvp['status'], fields: Partial<StoredRsvp> = {}) => {
    const key = `k-${name.toLowerCase()}`;
    rsvps.set(`${id}/${key}`, {
      eventId: id, key, name, email: `${name.toLowerCase()}@example.org`, status, confirmTokenHash: 'x', confirmTokenExpiresAt: 0,
      createdAt: '2026-11-27T09:00:00.000Z', updatedAt: '2026-11-27T09:00:00.000Z', expiresAt: 2_000_000_000, ...fields,
    });
    return key;
  };
  return { ctx, clock, id, token, post, settings, list, person, event: () => ctx.deps.events.get(id) };
}

async function expectFieldError(res: Response, field: string) {
  expect(res.status).toBe(400);
  const body = (await res.json()) as { error: string; details?: { field: string; message: string }[] };
  expect(body.error).toBe('validation_failed');
  expect(body.details?.map((d) => d.field)).toEqual([field]);
  expect(body.details![0]!.message.length).toBeGreaterThan(10);
}

describe('the "Still coming?" settings', () => {
  it('default to on with a limit on places, off without, and on for every meetup when the network asks', async () => {
    const capped = await published({ capacity: 20 });
    expect((await capped.list()).attendance).toEqual({ stillComing: true, stillComingDefault: true, checkHours: 72, release: false, releaseHours: 24 });
    const open = await published();
    expect((await open.list()).attendance).toMatchObject({ stillComing: false, stillComingDefault: false });
    // A network that asks for every meetup: its meetups without a limit are asked too.
    const team = { email: 'sam.organiser@example.org', role: 'organiser' as const };
    const everyMeetup = await published();
    putNetwork(everyMeetup.ctx, network('asks', { name: 'Asks', stillComingEveryMeetup: true }), [team]);
    everyMeetup.ctx.events.events.get(everyMeetup.id)!.networkSlug = 'asks';
    expect((await everyMeetup.list()).attendance).toMatchObject({ stillComing: true, stillComingDefault: true });
  });

  it('saves the organiser’s choice (only what differs from a default) and goes back to the default with null', async () => {
    const { settings, event } = await published({ capacity: 20 });
    const res = await settings({ stillComing: true, checkHours: 120, release: true, releaseHours: 12 });
    expect(res.status).toBe(200);
    expect(((await res.json()) as List).attendance).toEqual({ stillComing: true, stillComingDefault: true, checkHours: 120, release: true, releaseHours: 12 });
    expect((await event())!.attendance).toEqual({ check: true, checkHours: 120, release: true, releaseHours: 12 });

    const off = (await (await settings({ stillComing: false, release: false })).json()) as List;
    expect(off.attendance).toMatchObject({ stillComing: false, stillComingDefault: true, release: false });
    expect((await event())!.attendance).toEqual({ check: false, checkHours: 120, releaseHours: 12 });

    await settings({ stillComing: null, checkHours: 72, releaseHours: 24 });
    expect((await event())!.attendance).toBeUndefined();
    // Other settings alone leave these as they are.
    await settings({ checkHours: 48 });
    await settings({ notifyOnRsvp: true });
    expect((await event())!.attendance).toEqual({ checkHours: 48 });
  });

  it('refuses bad values with a 400 naming the field, and stores nothing of that request', async () => {
    const { settings, event } = await published({ capacity: 20 });
    const before = await event();
    await expectFieldError(await settings({ rsvpsOpen: false, checkHours: 5 }), 'checkHours');
    await expectFieldError(await settings({ checkHours: 14 * 24 + 1 }), 'checkHours');
    await expectFieldError(await settings({ checkHours: 7.5 }), 'checkHours');
    await expectFieldError(await settings({ checkHours: '3 days' }), 'checkHours');
    await expectFieldError(await settings({ release: true, releaseHours: 0 }), 'releaseHours');
    await expectFieldError(await settings({ release: true, releaseHours: 7 * 24 + 1 }), 'releaseHours');
    await expectFieldError(await settings({ stillComing: 'yes' }), 'stillComing');
    await expectFieldError(await settings({ release: 'on' }), 'release');
    // Releasing needs the question, and the deadline must leave time to answer it.
    await expectFieldError(await settings({ stillComing: false, release: true }), 'release');
    await expectFieldError(await settings({ checkHours: 24, release: true, releaseHours: 20 }), 'releaseHours');
    expect(await event()).toEqual(before);
  });

  it('checks a release against what is already stored', async () => {
    const { settings } = await published();
    // No limit on places and no network: "Still coming?" is off, so releasing alone is refused.
    await expectFieldError(await settings({ release: true }), 'release');
    expect((await settings({ stillComing: true })).status).toBe(200);
    expect((await settings({ release: true })).status).toBe(200);
  });
});

describe('the attendee list', () => {
  it('shows each person’s answer to "Still coming?", their check-in (when, and by whom or by code) and walk-ins', async () => {
    const { person, list, post, id, token } = await published({ capacity: 20 });
    const asked = '2026-11-30T12:30:00.000Z';
    person('Ada', 'confirmed', { stillComingAskedAt: asked, stillComing: 'yes', checkedInAt: '2026-12-03T12:31:00.000Z', checkedInBy: { via: 'team', name: 'Sam' } });
    person('Bo', 'confirmed', { stillComingAskedAt: asked, checkedInAt: '2026-12-03T12:40:00.000Z', checkedInBy: { via: 'code' } });
    person('Cy', 'cancelled', { stillComingAskedAt: asked, stillComing: 'no' });
    person('Di', 'cancelled', { stillComingAskedAt: asked, releasedAt: '2026-12-02T12:30:00.000Z' });
    person('Ed', 'confirmed');
    person('Flo', 'walkin', { checkedInAt: '2026-12-03T12:45:00.000Z', checkedInBy: { via: 'manage-link' } });

    const rows = (await list()).attendees.map((a) => [a.name, a.status, a.stillComing ?? null, a.checkedInAt ?? null, a.checkedInBy ?? null]);
    expect(rows).toEqual([
      ['Ada', 'confirmed', 'yes', '2026-12-03T12:31:00.000Z', { via: 'team', name: 'Sam' }],
      ['Bo', 'confirmed', 'no-answer', '2026-12-03T12:40:00.000Z', { via: 'code' }],
      ['Ed', 'confirmed', null, null, null],
      ['Flo', 'walkin', null, '2026-12-03T12:45:00.000Z', { via: 'manage-link' }],
      ['Cy', 'cancelled', 'no', null, null],
      ['Di', 'cancelled', 'released', null, null],
    ]);

    const csv = (await (await post(`/api/events/${id}/attendees.csv`, { token })).text()).split('\r\n');
    expect(csv[0]).toBe('"Name","Email","Status","Note","RSVPed at (London time)","Confirmed at (London time)","Email problem","Still coming?","Checked in at (London time)","Checked in by"');
    const line = (name: string) => csv.find((l) => l.startsWith(`"${name}"`))!.slice(1, -1).split('","').slice(-3);
    expect(line('Ada')).toEqual(['Yes, coming', '2026-12-03 12:31', 'Sam']);
    expect(line('Bo')).toEqual(['No answer', '2026-12-03 12:40', 'Their code']);
    expect(line('Cy')).toEqual(['No, gave their place up', '', '']);
    expect(line('Di')).toEqual(['Released (no answer)', '', '']);
    expect(line('Flo')).toEqual(['', '2026-12-03 12:45', 'The manage link']);
    expect(csv.find((l) => l.startsWith('"Flo"'))).toContain('"Walk-in"');
  });

  it('neutralises a formula in a team member’s name in the CSV', async () => {
    const { person, post, id, token } = await published();
    person('Ada', 'confirmed', { checkedInAt: '2026-12-03T12:31:00.000Z', checkedInBy: { via: 'team', name: '=cmd|x' } });
    const csv = await (await post(`/api/events/${id}/attendees.csv`, { token })).text();
    expect(csv).toContain(`"'=cmd|x"`);
  });
});

describe('the numbers after the meetup', () => {
  it('are absent before the end, counted from the list after it, and taken from the kept counts once there', async () => {
    const { person, list, clock, ctx, id } = await published({ capacity: 20 });
    const asked = '2026-11-30T12:30:00.000Z';
    person('Ada', 'confirmed', { stillComingAskedAt: asked, stillComing: 'yes', checkedInAt: '2026-12-03T12:31:00.000Z', checkedInBy: { via: 'code' } });
    person('Bo', 'confirmed', { stillComingAskedAt: asked, stillComing: 'yes' });
    person('Cy', 'confirmed', { stillComingAskedAt: asked });
    person('Di', 'confirmed', { checkedInAt: '2026-12-03T12:35:00.000Z', checkedInBy: { via: 'code' } });
    person('Flo', 'walkin', { checkedInAt: '2026-12-03T12:45:00.000Z', checkedInBy: { via: 'manage-link' } });
    clock.set('2026-12-03T13:00:00Z');
    expect((await list()).numbers).toBeUndefined();

    clock.set('2026-12-03T13:45:00Z');
    expect((await list()).numbers).toEqual({
      booked: 4, asked: 3, answeredYes: 2, answeredNo: 0, released: 0, checkedIn: 2, walkIns: 1, came: 3, noShows: 2, noShowRate: 0.5,
      kept: false, at: '2026-12-03T13:45:00.000Z',
    });

    // Kept (and the RSVPs since gone): the kept counts, whatever the list says.
    const kept = { booked: 10, asked: 8, answeredYes: 6, answeredNo: 1, released: 1, checkedIn: 7, walkIns: 2, came: 9, noShows: 3, at: '2026-12-03T14:31:00.000Z' };
    await ctx.deps.checkIns.saveSummary(id, kept);
    (ctx.deps.rsvps as ReturnType<typeof memoryRsvpsRepository>).rsvps.clear();
    const after = await list();
    expect(after.attendees).toEqual([]);
    expect(after.numbers).toEqual({ ...kept, noShowRate: 0.3, kept: true });
  });

  it('have no no-show rate when nobody booked', async () => {
    const { list, clock } = await published();
    clock.set('2026-12-04T09:00:00Z');
    expect((await list()).numbers).toMatchObject({ booked: 0, came: 0, kept: false });
    expect((await list()).numbers).not.toHaveProperty('noShowRate');
  });
});
