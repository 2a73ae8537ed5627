// API: check-in at the door, in-process on the in-memory app. Bad bodies are 400s naming the field; only the team
// (helpers on the day, organisers, the manage link) sees the list or taps, everyone else 401/403; a tap records who;
// another meetup's RSVP is refused; walk-ins take places while any are left, once per request id; the day's code
// checks a person with a place in within its window, wrong codes limited (429, even for the right code then); and
// the page works as plain forms without JavaScript.
import { beforeEach, describe, expect, it } from 'vitest';
import { hashSecret, newToken } from '#functions/core/ids.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import type { StoredRsvp } from '#functions/core/rsvp.ts';
import { CHECK_IN_CODE_ALPHABET } from '#functions/core/attendance.ts';
import { rsvpKey } from '#functions/rsvps/rsvp.ts';
import type { memoryRsvpsRepository } from '#functions/rsvps/memory-rsvps.repository.ts';
import { inMemoryApp } from '../support/fakes.ts';
import { get, meetup, network, post, putNetwork, rsvp, signIn, SITE, type Ctx } from '../support/signed-in.ts';

let ctx: Ctx;
let event: StoredEvent;
let other: StoredEvent;
let organiser: string;
let helper: string;
const manageToken = newToken();
const cancelToken = newToken();

const send = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  ctx.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', Origin: SITE, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
const api = (path: string) => `/api/events/${event.id}${path}`;
const stored = (e: StoredEvent, email: string): StoredRsvp => (ctx.deps.rsvps as ReturnType<typeof memoryRsvpsRepository>).rsvps.get(`${e.id}/${rsvpKey(e.id, email)}`)!;
const keyOf = (email: string, e = event) => rsvpKey(e.id, email);
const clock = () => ctx.deps.clock as unknown as { set(iso: string): void };

/** Puts someone on the list under a name (the helper gives everyone "Pat"). */
function person(e: StoredEvent, email: string, name: string, status: StoredRsvp['status']) {
  rsvp(ctx, e, email, status);
  Object.assign(stored(e, email), { name });
  if (status === 'confirmed') ctx.events.events.get(e.id)!.confirmedCount = (ctx.events.events.get(e.id)!.confirmedCount ?? 0) + 1;
}

async function codeNow() {
  const res = await send(api('/check-in/code'), {}, { Cookie: organiser });
  expect(res.status).toBe(200);
  return ((await res.json()) as { code: string }).code;
}

beforeEach(async () => {
  ctx = inMemoryApp();
  putNetwork(ctx, network('nlpn', { name: 'Manchester NLPN' }), [
    { email: 'org@example.org', role: 'organiser' },
    { email: 'helper@example.org', role: 'helper' },
  ]);
  organiser = signIn(ctx, 'org@example.org');
  helper = signIn(ctx, 'helper@example.org');
  // Today, 12:30 to 13:30 London (GMT in November); the clock is 09:00.
  event = await meetup(ctx, { title: 'Lunch club', organiser: 'owner@example.org', slug: 'nlpn', capacity: 3, days: 0 });
  other = await meetup(ctx, { title: 'Another meetup', organiser: 'owner@example.org', slug: 'nlpn', days: 0 });
  ctx.events.events.get(event.id)!.manageTokenHash = hashSecret(manageToken);
  person(event, 'ada@example.org', 'Ada Lovelace', 'confirmed');
  person(event, 'zoe@example.org', 'Zoë Baker', 'confirmed');
  person(event, 'wait@example.org', 'Wendy Wait', 'waitlisted');
  person(event, 'gone@example.org', 'Gone Person', 'cancelled');
  person(other, 'otto@example.org', 'Otto Other', 'confirmed');
  stored(event, 'ada@example.org').cancelTokenHash = hashSecret(cancelToken);
});

describe('bad bodies are 400s naming the field', () => {
  const cases: [string, string, unknown, string][] = [
    ['/check-in/list', 'null', 'null', 'body'],
    ['/check-in/person', 'a list', '[]', 'body'],
    ['/check-in/person', 'a string', '"ada"', 'body'],
    ['/check-in/person', 'no key', {}, 'key'],
    ['/check-in/person', 'a key with a slash', { key: '../x' }, 'key'],
    ['/check-in/person/undo', 'no key', {}, 'key'],
    ['/check-in/person', 'a short token', { key: 'abc', token: 'short' }, 'token'],
    ['/check-in/walk-ins', 'no name', {}, 'name'],
    ['/check-in/walk-ins', 'a blank name', { name: '   ' }, 'name'],
    ['/check-in/walk-ins', 'a two-line name', { name: 'Ann\nBcc' }, 'name'],
    ['/check-in/walk-ins', 'a bad email', { name: 'Ann', email: 'not-an-address' }, 'email'],
    ['/check-in/walk-ins', 'a bad request id', { name: 'Ann', requestId: 'x' }, 'requestId'],
    ['/check-in/walk-ins/remove', 'no key', {}, 'key'],
    ['/check-in/code/rotate', 'a list', '[]', 'body'],
    ['/check-in/self', 'no code', { key: 'abc', token: cancelToken }, 'code'],
    ['/check-in/self', 'a key without its token', { key: 'abc', code: 'ABCD' }, 'token'],
    ['/check-in/self', 'a token without its key', { token: cancelToken, code: 'ABCD' }, 'key'],
  ];
  it.each(cases)('%s: %s', async (path, _, body, field) => {
    const res = await send(api(path), body, { Cookie: organiser });
    expect(res.status).toBe(400);
    const json = (await res.json()) as { details?: { field: string }[] };
    expect(json.details?.map((d) => d.field)).toContain(field);
    expect(stored(event, 'ada@example.org').checkedInAt).toBeUndefined();
    expect([...(ctx.deps.rsvps as ReturnType<typeof memoryRsvpsRepository>).rsvps.values()].some((r) => r.status === 'walkin')).toBe(false);
  });
});

describe('authority', () => {
  const tap = (headers: Record<string, string>, body: Record<string, unknown> = {}) => send(api('/check-in/person'), { key: keyOf('ada@example.org'), ...body }, headers);

  it('signed out, with no manage link: 401, and nothing is checked in', async () => {
    expect((await send(api('/check-in/list'), {})).status).toBe(401);
    expect((await tap({})).status).toBe(401);
    expect(stored(event, 'ada@example.org').checkedInAt).toBeUndefined();
  });

  it('signed in but not on the team, or a bad manage link: 403; names never leave', async () => {
    const stranger = signIn(ctx, 'stranger@example.org');
    const list = await send(api('/check-in/list'), {}, { Cookie: stranger });
    expect(list.status).toBe(403);
    expect(await list.text()).not.toContain('Ada');
    expect((await tap({ Cookie: stranger })).status).toBe(403);
    expect((await tap({}, { token: newToken() })).status).toBe(403);
    expect((await send(api('/check-in/walk-ins'), { name: 'Sneaky' }, { Cookie: stranger })).status).toBe(403);
    expect((await send(api('/check-in/code/rotate'), {}, { Cookie: stranger })).status).toBe(403);
    expect(stored(event, 'ada@example.org').checkedInAt).toBeUndefined();
  });

  it('a helper only on the day; the organiser any day', async () => {
    const later = await meetup(ctx, { title: 'Next week', organiser: 'owner@example.org', slug: 'nlpn', days: 7 });
    expect((await send(`/api/events/${later.id}/check-in/list`, {}, { Cookie: helper })).status).toBe(403);
    expect((await send(`/api/events/${later.id}/check-in/list`, {}, { Cookie: organiser })).status).toBe(200);
    expect((await send(api('/check-in/list'), {}, { Cookie: helper })).status).toBe(200);
  });

  it('the list: everyone with a place, waiting or walked in, with statuses, the code and its window', async () => {
    const res = await send(api('/check-in/list'), { token: manageToken });
    expect(res.status).toBe(200);
    const list = (await res.json()) as { people: { name: string; status: string; waitlistPosition?: number }[]; code: { code: string }; codeWindow: { opens: string; closes: string } };
    expect(list.people.map((p) => `${p.name}:${p.status}`).sort()).toEqual(['Ada Lovelace:confirmed', 'Wendy Wait:waitlisted', 'Zoë Baker:confirmed']);
    expect(list.people.find((p) => p.status === 'waitlisted')?.waitlistPosition).toBe(1);
    expect(list.code.code).toMatch(new RegExp(`^[${CHECK_IN_CODE_ALPHABET}]{4}$`));
    expect(list.codeWindow).toEqual({ opens: '2026-11-27T11:30:00.000Z', closes: '2026-11-27T14:30:00.000Z' });
    // The same code the next time: it is made once.
    expect(await codeNow()).toBe(list.code.code);
  });
});

describe('the team checks people in', () => {
  it('records when and who (a team member by name, the manage link); a repeat keeps the first; undo clears it', async () => {
    const first = await send(api('/check-in/person'), { key: keyOf('ada@example.org') }, { Cookie: helper });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ already: false, person: { name: 'Ada Lovelace', checkedInBy: 'helper' } });
    expect(stored(event, 'ada@example.org')).toMatchObject({ checkedInAt: '2026-11-27T09:00:00.000Z', checkedInBy: { via: 'team', name: 'helper' } });
    clock().set('2026-11-27T09:05:00Z');
    const again = await send(api('/check-in/person'), { key: keyOf('ada@example.org'), token: manageToken });
    expect(await again.json()).toMatchObject({ already: true });
    expect(stored(event, 'ada@example.org').checkedInAt).toBe('2026-11-27T09:00:00.000Z');
    const waiting = await send(api('/check-in/person'), { key: keyOf('wait@example.org'), token: manageToken });
    expect(waiting.status).toBe(200);
    expect(stored(event, 'wait@example.org').checkedInBy).toEqual({ via: 'manage-link' });
    const undo = await send(api('/check-in/person/undo'), { key: keyOf('ada@example.org') }, { Cookie: organiser });
    expect(await undo.json()).toMatchObject({ already: false });
    expect(stored(event, 'ada@example.org').checkedInAt).toBeUndefined();
  });

  it('someone without a place is refused (409); another meetup\'s RSVP is not on this list (404) and stays as it was', async () => {
    const cancelled = await send(api('/check-in/person'), { key: keyOf('gone@example.org') }, { Cookie: organiser });
    expect(cancelled.status).toBe(409);
    const foreign = await send(api('/check-in/person'), { key: keyOf('otto@example.org', other) }, { Cookie: organiser });
    expect(foreign.status).toBe(404);
    expect(stored(other, 'otto@example.org').checkedInAt).toBeUndefined();
    expect((await send(api('/check-in/person/undo'), { key: keyOf('otto@example.org', other) }, { Cookie: organiser })).status).toBe(404);
  });

  it('walk-ins take places while there are any, once per request id; removing one frees it', async () => {
    const add = (name: string, requestId?: string) => send(api('/check-in/walk-ins'), { name, email: '', ...(requestId ? { requestId } : {}) }, { Cookie: helper });
    const walked = await add('Walter Walk', 'request-0001');
    expect(walked.status).toBe(201);
    const { person: w } = (await walked.json()) as { person: { key: string; status: string; checkedInAt?: string } };
    expect(w).toMatchObject({ status: 'walkin', checkedInAt: '2026-11-27T09:00:00.000Z' });
    // Sent again (a queued tap, a lost answer): the same walk-in, no second place taken.
    expect(((await (await add('Walter Walk', 'request-0001')).json()) as { person: { key: string } }).person.key).toBe(w.key);
    expect(ctx.events.events.get(event.id)!.confirmedCount).toBe(3);
    const full = await add('One Too Many', 'request-0002');
    expect(full.status).toBe(409);
    expect(((await full.json()) as { message: string }).message).toMatch(/full \(3 places\)/);
    // A booked person is not removed as a walk-in.
    expect((await send(api('/check-in/walk-ins/remove'), { key: keyOf('ada@example.org') }, { Cookie: helper })).status).toBe(409);
    expect((await send(api('/check-in/walk-ins/remove'), { key: w.key }, { Cookie: helper })).status).toBe(200);
    expect(ctx.events.events.get(event.id)!.confirmedCount).toBe(2);
    expect((await add('Now There Is Room', 'request-0003')).status).toBe(201);
  });

  it('a new code replaces the old one at once', async () => {
    const old = await codeNow();
    const res = await send(api('/check-in/code/rotate'), {}, { Cookie: helper });
    const { code } = (await res.json()) as { code: string };
    expect(code).not.toBe(old);
    expect(await codeNow()).toBe(code);
  });
});

describe('self check-in with the day\'s code', () => {
  const self = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    send(api('/check-in/self'), { key: keyOf('ada@example.org'), token: cancelToken, ...body }, headers);

  it('works only within its window: an hour before the start to an hour after the end', async () => {
    const code = await codeNow();
    const early = await self({ code });
    expect(early.status).toBe(409);
    expect(((await early.json()) as { error: string }).error).toBe('too_early');
    clock().set('2026-11-27T14:31:00Z');
    expect((await self({ code })).status).toBe(409);
    clock().set('2026-11-27T11:30:00Z');
    const ok = await self({ code: ` ${code.toLowerCase().split('').join(' ')} ` });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ checkedIn: true, already: false });
    expect(stored(event, 'ada@example.org')).toMatchObject({ checkedInAt: '2026-11-27T11:30:00.000Z', checkedInBy: { via: 'code' } });
  });

  it('needs the cancel link (not the confirm link, not a guess), and a place', async () => {
    clock().set('2026-11-27T12:00:00Z');
    const code = await codeNow();
    expect((await self({ code, token: newToken() })).status).toBe(403);
    stored(event, 'wait@example.org').cancelTokenHash = hashSecret(cancelToken);
    const waiting = await send(api('/check-in/self'), { key: keyOf('wait@example.org'), token: cancelToken, code });
    expect(waiting.status).toBe(409);
    expect((await send(api('/check-in/self'), { code })).status).toBe(401);
    // Signed in, without a link: their own RSVP by their address.
    const zoe = signIn(ctx, 'zoe@example.org');
    expect((await send(api('/check-in/self'), { code }, { Cookie: zoe })).status).toBe(200);
    expect(stored(event, 'zoe@example.org').checkedInBy).toEqual({ via: 'code' });
  });

  it('wrong codes are limited per RSVP; then even the right code waits (429 with Retry-After)', async () => {
    clock().set('2026-11-27T12:00:00Z');
    const code = await codeNow();
    const wrong = [...CHECK_IN_CODE_ALPHABET].find((l) => l !== code[0])!.repeat(4);
    for (let i = 0; i < 5; i++) {
      const res = await self({ code: wrong });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { details: { field: string }[] }).details[0]!.field).toBe('code');
    }
    const limited = await self({ code });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(stored(event, 'ada@example.org').checkedInAt).toBeUndefined();
    // A quarter of an hour later the right code works.
    clock().set('2026-11-27T12:15:00Z');
    expect((await self({ code })).status).toBe(200);
  });

  it('a right code takes no claim', async () => {
    clock().set('2026-11-27T12:00:00Z');
    const code = await codeNow();
    for (let i = 0; i < 8; i++) expect((await self({ code })).status).toBe(200);
  });
});

describe('the check-in page without JavaScript', () => {
  const page = (path = '', cookie = organiser) => get(ctx, `/events/${event.id}/check-in${path}`, cookie);
  const form = (fields: Record<string, string>, cookie = organiser) => post(ctx, `/events/${event.id}/check-in`, fields, cookie);

  it('signed out: how to get in, and no names', async () => {
    const res = await get(ctx, `/events/${event.id}/check-in`);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain('/sign-in?next=');
    expect(body).not.toContain('Ada Lovelace');
  });

  it('the team sees the sections, the code and the walk-in form; a search hides who does not match', async () => {
    const body = await (await page()).text();
    for (const text of ['Expected (2)', 'Checked in (0)', 'Waitlist (1)', 'Walk-ins (0)', 'Add a walk-in', 'New code', 'Ada Lovelace']) expect(body).toContain(text);
    expect(body).not.toContain('Gone Person');
    const searched = await (await page('?q=zoe')).text();
    expect(searched).toMatch(/id="person-[^"]+" data-name="zoe baker">/);
    expect(searched).toMatch(/data-name="ada lovelace" hidden>/);
  });

  it('each button is a form post; the page says what changed', async () => {
    const tapped = await form({ action: 'check-in', key: keyOf('ada@example.org') }, helper);
    expect(tapped.status).toBe(200);
    const body = await tapped.text();
    expect(body).toContain('Ada Lovelace is checked in.');
    expect(body).toContain('Checked in (1)');
    expect(body).toContain('Undo check-in<span class="visually-hidden"> for Ada Lovelace</span>');
    expect(await (await form({ action: 'undo', key: keyOf('ada@example.org') })).text()).toContain('Undone: Ada Lovelace is not checked in.');
    const walked = await (await form({ action: 'walk-in', name: 'Walter Walk', email: '', requestId: 'page-request-1' })).text();
    expect(walked).toContain('Walter Walk is added as a walk-in, and checked in.');
    const refused = await form({ action: 'walk-in', name: '', requestId: 'page-request-2' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Write their name');
    expect(await (await form({ action: 'rotate' })).text()).toMatch(/New code: [A-Z]{4}\. The old one no longer works\./);
  });

  it('full: the walk-in form says so, and a post is refused clearly', async () => {
    await form({ action: 'walk-in', name: 'Walter Walk', requestId: 'page-request-1' });
    const body = await (await page()).text();
    expect(body).toContain('The meetup is full (3 places)');
    const refused = await form({ action: 'walk-in', name: 'Late Larry', requestId: 'page-request-2' });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('so Late Larry can’t be added as a walk-in');
  });

  it('an attendee signed in checks themselves in; a stranger is refused', async () => {
    const zoe = signIn(ctx, 'zoe@example.org');
    const own = await (await page('', zoe)).text();
    expect(own).toContain('Code of the day');
    expect(own).not.toContain('Ada Lovelace');
    clock().set('2026-11-27T12:00:00Z');
    const code = await codeNow();
    const wrong = await form({ action: 'self', code: 'XXXX' }, zoe);
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('That is not the code of the day');
    const done = await form({ action: 'self', code }, zoe);
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('You’re checked in. Enjoy the meetup!');
    expect((await page('', signIn(ctx, 'stranger@example.org'))).status).toBe(403);
  });
});
