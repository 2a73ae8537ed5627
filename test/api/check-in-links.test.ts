// API: the check-in links on "Your meetups" (/me), in-process with in-memory parts. The team (the owner, the network's
// organisers and helpers) gets "Check people in" on the day only; a confirmed place gets "Check in with the code"
// while the code window is open, or on the day it opens (saying from when), and "Checked in" once done. Nobody
// else, and no other day, gets either; each link opens the check-in page in the form that person can use. The cached
// event page's script asks GET /api/me/meetups/:id/check-in the same question.
import { beforeEach, describe, expect, it } from 'vitest';
import { eventPagePaths } from '#functions/core/paths.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import type { memoryRsvpsRepository } from '#functions/rsvps/memory-rsvps.repository.ts';
import { rsvpKey } from '#functions/rsvps/rsvp.ts';
import { inMemoryApp } from '../support/fakes.ts';
import { get, meetup, network, putNetwork, rsvp, signIn, type Ctx } from '../support/signed-in.ts';

let ctx: Ctx;
/** Today 12:30 to 13:30 London (GMT in November); the clock is 09:00. The code window is 11:30 to 14:30. */
let today: StoredEvent;
let tomorrow: StoredEvent;
let nextWeek: StoredEvent;

const clock = () => ctx.deps.clock as unknown as { set(iso: string): void };
const mePage = async (email: string) => {
  const res = await get(ctx, '/me', signIn(ctx, email));
  expect(res.status).toBe(200);
  return res.text();
};
/** The `<li>` of a meetup on the page, by its title (each title is used once). */
const itemOf = (page: string, title: string) => {
  const at = page.indexOf(`>${title}</a></h3>`);
  expect(at, title).toBeGreaterThan(-1);
  return page.slice(page.lastIndexOf('<li class="meetup">', at), page.indexOf('</li>', at));
};
const teamLink = (e: StoredEvent) => `href="${eventPagePaths.checkIn(e.id)}">Check people in`;
const selfLink = (e: StoredEvent) => `href="${eventPagePaths.checkIn(e.id)}">Check in with the code`;

beforeEach(async () => {
  ctx = inMemoryApp();
  putNetwork(ctx, network('nlpn', { name: 'Manchester NLPN' }), [
    { email: 'org@example.org', role: 'organiser' },
    { email: 'helper@example.org', role: 'helper' },
  ]);
  today = await meetup(ctx, { title: 'Lunch club today', organiser: 'owner@example.org', slug: 'nlpn', capacity: 10, days: 0 });
  tomorrow = await meetup(ctx, { title: 'Lunch club tomorrow', organiser: 'owner@example.org', slug: 'nlpn', capacity: 10, days: 1 });
  nextWeek = await meetup(ctx, { title: 'Lunch club next week', organiser: 'owner@example.org', slug: 'nlpn', capacity: 10, days: 7 });
});

describe('"Check people in" on /me', () => {
  it.each(['owner@example.org', 'org@example.org', 'helper@example.org'])('shows %s a link to the check-in page on the day only', async (email) => {
    const page = await mePage(email);
    expect(itemOf(page, 'Lunch club today')).toContain(teamLink(today));
    expect(itemOf(page, 'Lunch club tomorrow')).not.toContain('Check people in');
    expect(itemOf(page, 'Lunch club next week')).not.toContain('Check people in');
    // It opens the team's list, signed in, without JavaScript.
    const list = await get(ctx, eventPagePaths.checkIn(today.id), signIn(ctx, email));
    expect(list.status).toBe(200);
    expect(await list.text()).toContain('data-mode="team"');
  });

  it('is there from 12 hours before the start to 12 hours after the end, and not for a cancelled meetup', async () => {
    clock().set('2026-11-28T00:29:00Z'); // tomorrow's starts 12:30
    expect(itemOf(await mePage('helper@example.org'), 'Lunch club tomorrow')).not.toContain('Check people in');
    clock().set('2026-11-28T00:30:00Z');
    expect(itemOf(await mePage('helper@example.org'), 'Lunch club tomorrow')).toContain(teamLink(tomorrow));
    clock().set('2026-11-29T01:31:00Z'); // 12 hours and a minute after it ended
    const after = await mePage('org@example.org');
    expect(after).toContain('Lunch club tomorrow');
    expect(after).not.toContain('Check people in');

    clock().set('2026-11-27T09:00:00Z');
    ctx.events.events.get(today.id)!.status = 'cancelled';
    expect(itemOf(await mePage('org@example.org'), 'Lunch club today')).not.toContain('Check people in');
  });

  it('is not shown to someone off the team, even with a place', async () => {
    rsvp(ctx, today, 'pat@example.org', 'confirmed');
    expect(await mePage('pat@example.org')).not.toContain('Check people in');
  });
});

describe('"Check in with the code" on /me', () => {
  it('shows a confirmed place the link on the day the window opens, saying from when, then plainly while it is open', async () => {
    rsvp(ctx, today, 'pat@example.org', 'confirmed');
    rsvp(ctx, tomorrow, 'pat@example.org', 'confirmed');
    rsvp(ctx, nextWeek, 'pat@example.org', 'confirmed');
    const morning = await mePage('pat@example.org');
    expect(itemOf(morning, 'Lunch club today')).toContain(selfLink(today));
    expect(itemOf(morning, 'Lunch club today')).toContain('(from 11:30)');
    expect(itemOf(morning, 'Lunch club tomorrow')).not.toContain('Check in with the code');
    expect(itemOf(morning, 'Lunch club next week')).not.toContain('Check in with the code');
    expect(morning).not.toContain('Check people in');

    clock().set('2026-11-27T12:00:00Z');
    const during = itemOf(await mePage('pat@example.org'), 'Lunch club today');
    expect(during).toContain(selfLink(today));
    expect(during).not.toContain('(from');
    // It opens the code form, signed in, without JavaScript.
    const form = await get(ctx, eventPagePaths.checkIn(today.id), signIn(ctx, 'pat@example.org'));
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('id="self-check-in-form"');
  });

  it('says "Checked in" once they are, with no link', async () => {
    rsvp(ctx, today, 'pat@example.org', 'confirmed');
    const repo = ctx.deps.rsvps as ReturnType<typeof memoryRsvpsRepository>;
    repo.rsvps.get(`${today.id}/${rsvpKey(today.id, 'pat@example.org')}`)!.checkedInAt = '2026-11-27T12:01:00Z';
    clock().set('2026-11-27T12:05:00Z');
    const item = itemOf(await mePage('pat@example.org'), 'Lunch club today');
    expect(item).toContain('Checked in');
    expect(item).not.toContain('Check in with the code');
  });

  it('is not shown outside the window, nor without a confirmed place, nor for a cancelled meetup', async () => {
    // The window closed at 14:30; the meetup ended at 13:30, so the place has left the list already.
    rsvp(ctx, today, 'pat@example.org', 'confirmed');
    clock().set('2026-11-27T14:31:00Z');
    expect(await mePage('pat@example.org')).not.toContain('Check in with the code');
    // The day before it opens: no link yet (tomorrow's opens 11:30 tomorrow).
    rsvp(ctx, tomorrow, 'pat@example.org', 'confirmed');
    clock().set('2026-11-27T23:59:00Z');
    expect(itemOf(await mePage('pat@example.org'), 'Lunch club tomorrow')).not.toContain('Check in with the code');
    clock().set('2026-11-28T00:01:00Z');
    expect(itemOf(await mePage('pat@example.org'), 'Lunch club tomorrow')).toContain(selfLink(tomorrow));

    clock().set('2026-11-27T12:00:00Z');
    rsvp(ctx, today, 'wait@example.org', 'waitlisted');
    rsvp(ctx, today, 'pending@example.org', 'pending');
    for (const email of ['wait@example.org', 'pending@example.org', 'nobody@example.org']) {
      const page = await mePage(email);
      expect(page, email).not.toContain('Check in with the code');
      expect(page, email).not.toContain('Check people in');
    }
    ctx.events.events.get(today.id)!.status = 'cancelled';
    expect(itemOf(await mePage('pat@example.org'), 'Lunch club today')).not.toContain('Check in with the code');
  });
});

describe('GET /api/me/meetups/:id/check-in (the event page’s script)', () => {
  const ask = async (e: StoredEvent, email?: string) => {
    const res = await get(ctx, `/api/me/meetups/${e.id}/check-in`, email ? signIn(ctx, email) : undefined);
    return { status: res.status, cache: res.headers.get('cache-control'), body: (await res.json()) as Record<string, unknown> };
  };

  it('answers the team on the day with its link, and not another day', async () => {
    for (const email of ['owner@example.org', 'org@example.org', 'helper@example.org']) {
      expect(await ask(today, email)).toEqual({ status: 200, cache: 'no-store', body: { kind: 'team', path: eventPagePaths.checkIn(today.id) } });
      expect((await ask(tomorrow, email)).body, email).toEqual({ kind: 'none' });
    }
  });

  it('answers a confirmed place with the code link on the day, open or not yet, and checked in', async () => {
    rsvp(ctx, today, 'pat@example.org', 'confirmed');
    rsvp(ctx, tomorrow, 'pat@example.org', 'confirmed');
    const link = { kind: 'self', path: eventPagePaths.checkIn(today.id), opens: '2026-11-27T11:30:00.000Z', timezone: today.timezone, done: false };
    expect((await ask(today, 'pat@example.org')).body).toEqual({ ...link, open: false });
    expect((await ask(tomorrow, 'pat@example.org')).body).toEqual({ kind: 'none' });
    clock().set('2026-11-27T12:00:00Z');
    expect((await ask(today, 'pat@example.org')).body).toEqual({ ...link, open: true });
    const repo = ctx.deps.rsvps as ReturnType<typeof memoryRsvpsRepository>;
    repo.rsvps.get(`${today.id}/${rsvpKey(today.id, 'pat@example.org')}`)!.checkedInAt = '2026-11-27T12:01:00Z';
    expect((await ask(today, 'pat@example.org')).body).toEqual({ ...link, open: true, done: true });
    clock().set('2026-11-27T14:31:00Z');
    expect((await ask(today, 'pat@example.org')).body).toEqual({ kind: 'none' });
  });

  it('answers none without a confirmed place, 401 signed out, 404 for no such meetup', async () => {
    clock().set('2026-11-27T12:00:00Z');
    rsvp(ctx, today, 'wait@example.org', 'waitlisted');
    for (const email of ['wait@example.org', 'nobody@example.org']) expect((await ask(today, email)).body, email).toEqual({ kind: 'none' });
    expect((await ask(today)).status).toBe(401);
    expect((await ask({ ...today, id: 'no-such-meetup' }, 'pat@example.org')).status).toBe(404);
  });
});
