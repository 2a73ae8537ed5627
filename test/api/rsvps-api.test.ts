// API: RSVPs as a client meets them, on the Hono app in-process with in-memory parts — reserving, the emailed
// confirm and cancel links, capacity and the waitlist, closed RSVPs, the organiser's tools and one-click reminders-off.
import { describe, expect, it } from 'vitest';
import { inMemoryApp, tokenFrom, validMeetup } from '../support/fakes.ts';
import { fixedClock } from '#functions/core/clock.ts';
import type { OutboxMessage } from '#functions/core/email.ts';
import { rsvpKey } from '#functions/rsvps/rsvp.ts';
import { MAX_BODY_BYTES } from '#functions/apps/api/app.ts';
import { remindersOffLinks, remindersOffToken } from '#functions/reminders/reminders-off-token.ts';

const START = '2026-11-27T09:00:00Z';
const json = (body: unknown) => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const encoder = new TextEncoder();

type Places = { capacity?: number; left?: number; confirmed: number; waitlist: number };
type Outcome = { status: string; waitlistPosition?: number; event: { id: string; places: Places; status: string } };
type Attendee = { key: string; name: string; email: string; status: string; note?: string; waitlistPosition?: number; mailSuppressed?: string };
type Attendees = { capacity?: number; confirmed: number; waitlist: number; rsvpsOpen: boolean; notifyOnRsvp: boolean; remindersOn: boolean; attendees: Attendee[] };
type ErrorBody = { error: string; message: string; details?: { field: string; message: string }[] };

/** The link in an RSVP email: `/rsvp/<id>/<key>[/cancel]#token=<43>`. */
function rsvpLink(mail: OutboxMessage, kind: 'confirm' | 'cancel') {
  const m = new RegExp(`/rsvp/([a-z0-9]+)/([0-9a-f]+)${kind === 'cancel' ? '/cancel' : ''}#token=([A-Za-z0-9_-]{43})`).exec(mail.text);
  if (!m) throw new Error(`no ${kind} link in "${mail.subject}"`);
  return { id: m[1]!, key: m[2]!, token: m[3]! };
}

/** Checks an error answer: status, JSON `{ error, message, details? }`, a real message, and the field it names. */
async function expectError(res: Response, status: number, error: string, field?: string): Promise<ErrorBody> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await res.json()) as ErrorBody;
  expect(Object.keys(body).filter((k) => !['error', 'message', 'details'].includes(k))).toEqual([]);
  expect(body.error).toBe(error);
  expect(body.message).toMatch(/^[A-Z].{10,}\.$/);
  if (field) {
    expect(body.details?.map((d) => d.field)).toContain(field);
    for (const d of body.details!) expect(d.message.length).toBeGreaterThan(3);
  } else {
    expect(body.details).toBeUndefined();
  }
  return body;
}

/** A published meetup in an app of its own, its outbox emptied of the listing email, with helpers for RSVPing. */
async function published(over: Record<string, unknown> = {}) {
  const clock = fixedClock(START);
  const ctx = inMemoryApp({ clock });
  const { app, events } = ctx;
  const post = (path: string, body: unknown) => app.request(path, json(body));
  expect((await post('/api/events', validMeetup(over))).status).toBe(202);
  const { id, token: manage } = tokenFrom(events.outbox[0]!);
  expect((await post(`/api/events/${id}/publish`, { token: manage })).status).toBe(200);
  events.outbox.splice(0);

  const outbox = events.outbox;
  const mailsTo = (address: string) => outbox.filter((m) => m.to === address);
  const lastMail = (address: string, purpose: OutboxMessage['purpose']) => {
    const mail = mailsTo(address).filter((m) => m.purpose === purpose).at(-1);
    if (!mail) throw new Error(`no ${purpose} email to ${address}`);
    return mail;
  };
  const tick = () => clock.set(new Date(clock.now().getTime() + 1000).toISOString());

  /** Asks for a place as the form does; returns the confirm link from the email. */
  const reserve = async (name: string, email: string, extra: Record<string, unknown> = {}) => {
    const res = await post(`/api/events/${id}/rsvps`, { name, email, ...extra });
    expect(res.status).toBe(202);
    return rsvpLink(lastMail(email.toLowerCase(), 'rsvp-confirm-link'), 'confirm');
  };
  /** Reserves and confirms from the emailed link; returns the outcome and the cancel (or leave) link it emailed. */
  const join = async (name: string, email: string) => {
    const link = await reserve(name, email);
    const res = await post(`/api/events/${id}/rsvps/${link.key}/confirm`, { token: link.token });
    expect(res.status).toBe(200);
    const outcome = (await res.json()) as Outcome;
    const mail = lastMail(email, outcome.status === 'waitlisted' ? 'rsvp-waitlisted' : 'rsvp-confirmed');
    tick(); // first come, first served: each confirmation a moment after the last
    return { key: link.key, email, outcome, cancel: rsvpLink(mail, 'cancel').token };
  };
  const attendees = async () => {
    const res = await post(`/api/events/${id}/attendees`, { token: manage });
    expect(res.status).toBe(200);
    return (await res.json()) as Attendees;
  };
  const stored = () => ctx.deps.rsvps.list(id);
  return { ...ctx, clock, id, manage, post, outbox, mailsTo, lastMail, reserve, join, attendees, stored };
}

describe('POST /api/events/:id/rsvps: reserving a place', () => {
  it('answers 202 "check your email" (no-store) and emails a link to confirm; no place is taken until then', async () => {
    const { app, post, id, outbox, stored, attendees } = await published({ capacity: 10 });
    const res = await post(`/api/events/${id}/rsvps`, { name: ' Siân ', email: ' Sian@Example.org ', note: 'Step-free access please' });
    expect(res.status).toBe(202);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ message: "Check your email: we've sent you a link to confirm your place (or, if you already have one, your links)." });

    expect(outbox).toHaveLength(1);
    const [mail] = outbox;
    expect(mail).toMatchObject({ to: 'sian@example.org', purpose: 'rsvp-confirm-link', subject: 'Confirm your place: New professionals lunch club', replyTo: 'sam.organiser@example.org' });
    expect(mail!.text).toContain('Hello Siân,');
    const link = rsvpLink(mail!, 'confirm');
    expect(link).toMatchObject({ id, key: rsvpKey(id, 'sian@example.org') });
    expect(mail!.text).toContain(`https://events.example.org/rsvp/${id}/${link.key}#token=${link.token}`);

    expect(await stored()).toEqual([expect.objectContaining({ status: 'pending', name: 'Siân', email: 'sian@example.org', note: 'Step-free access please' })]);
    expect(await attendees()).toMatchObject({ confirmed: 0, waitlist: 0 });
    expect((await (await app.request(`/api/events/${id}`)).json()) as { places: Places }).toMatchObject({ places: { capacity: 10, left: 10, confirmed: 0 } });
  });

  it('gives the same answer whether or not the address already RSVPed, and each fresh link replaces the last', async () => {
    const { post, id, mailsTo, stored, reserve, clock } = await published({ capacity: 10 });
    const ask = (email: string) => post(`/api/events/${id}/rsvps`, { name: 'Siân', email });
    const fresh = await ask('sian@example.org');
    const again = await ask('SIAN@example.org'); // the same address, typed differently
    expect([fresh.status, again.status]).toEqual([202, 202]);
    expect(await again.json()).toEqual(await fresh.json());
    expect(mailsTo('sian@example.org').map((m) => m.purpose)).toEqual(['rsvp-confirm-link', 'rsvp-confirm-link']);
    expect(await stored()).toHaveLength(1);

    // Only the newest link works.
    const [first, second] = mailsTo('sian@example.org').map((m) => rsvpLink(m, 'confirm'));
    expect(first!.key).toBe(second!.key);
    await expectError(await post(`/api/events/${id}/rsvps/${first!.key}/confirm`, { token: first!.token }), 403, 'invalid_token');
    expect((await post(`/api/events/${id}/rsvps/${second!.key}/confirm`, { token: second!.token })).status).toBe(200);

    // Once confirmed (and in the next hour: three links per address per hour), asking again still answers the same
    // and keeps the place: they get their links ("You already have a place"), not a confirm link; their details stay.
    clock.set('2026-11-27T10:00:00Z');
    const confirmedAlready = await post(`/api/events/${id}/rsvps`, { name: 'Someone else', email: 'sian@example.org', note: 'Changed' });
    expect(confirmedAlready.status).toBe(202);
    expect(await confirmedAlready.json()).toEqual(await (await ask('other@example.org')).json());
    expect((await stored()).find((r) => r.email === 'sian@example.org')).toMatchObject({ name: 'Siân', status: 'confirmed' });
    expect(mailsTo('sian@example.org').at(-1)).toMatchObject({ purpose: 'rsvp-already-booked', subject: 'You already have a place at New professionals lunch club' });
    expect(mailsTo('sian@example.org').filter((m) => m.purpose === 'rsvp-confirm-link')).toHaveLength(2);
    // The used confirm link says so, and changes nothing.
    const used = (await (await post(`/api/events/${id}/rsvps/${second!.key}/confirm`, { token: second!.token })).json()) as Outcome & { already: boolean };
    expect(used).toMatchObject({ status: 'confirmed', already: true, event: { places: { confirmed: 1 } } });
    expect(typeof reserve).toBe('function');
  });

  it('answers a filled bot-trap field (website) like any other request, and stores and sends nothing', async () => {
    const { post, id, outbox, stored } = await published();
    const res = await post(`/api/events/${id}/rsvps`, { name: 'Bot', email: 'bot@example.org', website: 'https://spam.example' });
    expect(res.status).toBe(202);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ message: "Check your email: we've sent you a link to confirm your place (or, if you already have one, your links)." });
    // Even for a meetup that does not exist: a bot learns nothing.
    expect((await post('/api/events/zzzzzzzzzz/rsvps', { name: 'Bot', email: 'bot@example.org', website: 'x' })).status).toBe(202);
    expect(await stored()).toEqual([]);
    expect(outbox).toEqual([]);

    // The field a real form sends, left empty, is a person.
    expect((await post(`/api/events/${id}/rsvps`, { name: 'Person', email: 'person@example.org', website: '' })).status).toBe(202);
    expect(await stored()).toHaveLength(1);
    expect(outbox.map((m) => m.to)).toEqual(['person@example.org']);
  });

  const invalid: [string, Record<string, unknown>, string][] = [
    ['no name', { email: 'a@example.org' }, 'name'],
    ['a blank name', { name: '   ', email: 'a@example.org' }, 'name'],
    ['a name over two lines', { name: 'Siân\nJones', email: 'a@example.org' }, 'name'],
    ['a 101-character name', { name: 'x'.repeat(101), email: 'a@example.org' }, 'name'],
    ['a name that is not text', { name: 42, email: 'a@example.org' }, 'name'],
    ['no email', { name: 'Siân' }, 'email'],
    ['a bad email', { name: 'Siân', email: 'sian at example' }, 'email'],
    ['an email over 254 characters', { name: 'Siân', email: `${'x'.repeat(250)}@example.org` }, 'email'],
    ['a 1001-character note', { name: 'Siân', email: 'a@example.org', note: 'x'.repeat(1001) }, 'note'],
    ['a bot-trap field that is not text', { name: 'Siân', email: 'a@example.org', website: 1 }, 'website'],
  ];
  it.each(invalid)('%s is a 400 naming the field, and nothing is stored or emailed', async (_name, body, field) => {
    const { post, id, outbox, stored } = await published();
    const res = await post(`/api/events/${id}/rsvps`, body);
    const error = await expectError(res, 400, 'validation_failed', field);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(error.message).toBe('Some fields need attention.');
    expect(await stored()).toEqual([]);
    expect(outbox).toEqual([]);
  });

  const person = JSON.stringify({ name: 'Siân', email: 'sian@example.org' });
  const notTheBody: [string, number, string, string, RequestInit][] = [
    ['null', 400, 'validation_failed', 'body', json(null)],
    ['an array', 400, 'validation_failed', 'body', json([{ name: 'Siân', email: 'sian@example.org' }])],
    ['a string', 400, 'validation_failed', 'body', json('Siân <sian@example.org>')],
    ['a number', 400, 'validation_failed', 'body', json(1)],
    ['malformed JSON', 400, 'malformed_json', 'body', { method: 'POST', body: '{"name": "Siân", ', headers: { 'content-type': 'application/json' } }],
    ['an empty JSON body', 400, 'malformed_json', 'body', { method: 'POST', headers: { 'content-type': 'application/json' } }],
    ['a form post', 415, 'unsupported_media_type', 'content-type', { method: 'POST', body: 'name=Si%C3%A2n&email=sian%40example.org', headers: { 'content-type': 'application/x-www-form-urlencoded' } }],
    ['JSON sent as text/plain', 415, 'unsupported_media_type', 'content-type', { method: 'POST', body: person, headers: { 'content-type': 'text/plain' } }],
    ['JSON with no content type', 415, 'unsupported_media_type', 'content-type', { method: 'POST', body: encoder.encode(person) }],
    ['no body at all', 415, 'unsupported_media_type', 'content-type', { method: 'POST' }],
    ['a body over 64 kB', 413, 'payload_too_large', 'body', json({ name: 'Siân', email: 'sian@example.org', note: 'x'.repeat(MAX_BODY_BYTES) })],
  ];
  // No Cache-Control check here: the answers made from Hono's HTTPException (malformed JSON, 413, 415) carry none,
  // unlike every other answer of these routes (harmless for an answer to a POST, which caches do not store).
  it.each(notTheBody)('%s gets a %i %s naming %s, and nothing is stored or emailed', async (_name, status, error, field, init) => {
    const { app, id, outbox, stored } = await published();
    const res = await app.request(`/api/events/${id}/rsvps`, init);
    await expectError(res, status, error, field);
    expect(await stored()).toEqual([]);
    expect(outbox).toEqual([]);
  });

  it('answers 404 for a meetup that does not exist or is not published yet', async () => {
    const { app, events, post } = await published();
    await expectError(await post('/api/events/zzzzzzzzzz/rsvps', { name: 'Siân', email: 'sian@example.org' }), 404, 'not_found');
    expect((await app.request('/api/events', json(validMeetup({ title: 'Not yet confirmed' })))).status).toBe(202);
    const draft = tokenFrom(events.outbox.at(-1)!).id;
    const res = await post(`/api/events/${draft}/rsvps`, { name: 'Siân', email: 'sian@example.org' });
    await expectError(res, 404, 'not_found');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(events.outbox.filter((m) => m.purpose !== 'listing-confirmation')).toEqual([]);
  });

  it('sends at most three confirm links per address per hour: the fourth request is a 429 with Retry-After', async () => {
    const { post, id, mailsTo } = await published();
    const ask = () => post(`/api/events/${id}/rsvps`, { name: 'Target', email: 'target@example.org' });
    expect([(await ask()).status, (await ask()).status, (await ask()).status]).toEqual([202, 202, 202]);
    const fourth = await ask();
    await expectError(fourth, 429, 'rate_limited');
    expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(fourth.headers.get('cache-control')).toBe('no-store');
    expect(mailsTo('target@example.org')).toHaveLength(3);
  });
});

describe('confirming from the emailed link', () => {
  it('takes a place with the token from the email, idempotently: one place, one "You\'re in" email with a cancel link', async () => {
    const { post, id, reserve, mailsTo, attendees } = await published({ capacity: 5 });
    const link = await reserve('Siân', 'sian@example.org');
    const confirm = () => post(`/api/events/${id}/rsvps/${link.key}/confirm`, { token: link.token });
    const first = await confirm();
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    const outcome = (await first.json()) as Outcome;
    expect(outcome).toMatchObject({ status: 'confirmed', event: { id, status: 'published', places: { capacity: 5, left: 4, confirmed: 1, waitlist: 0 } } });
    expect(outcome.waitlistPosition).toBeUndefined();
    expect(JSON.stringify(outcome)).not.toMatch(/sian@|sam\.organiser|token/i);

    const second = await confirm(); // a double click, or the link opened again
    expect(second.status).toBe(200);
    expect(((await second.json()) as Outcome).status).toBe('confirmed');
    expect(await attendees()).toMatchObject({ confirmed: 1, waitlist: 0 });

    const mails = mailsTo('sian@example.org');
    expect(mails.map((m) => m.purpose)).toEqual(['rsvp-confirm-link', 'rsvp-confirmed']);
    const youreIn = mails[1]!;
    expect(youreIn).toMatchObject({ subject: "You're in: New professionals lunch club", replyTo: 'sam.organiser@example.org' });
    expect(youreIn.calendar).toBeDefined();
    expect(rsvpLink(youreIn, 'cancel')).toMatchObject({ id, key: link.key });
    expect(youreIn.text).not.toContain(link.token);
  });

  it('refuses wrong, missing and incomplete tokens with clear messages, and changes nothing', async () => {
    const { post, id, reserve, stored, outbox } = await published({ capacity: 5 });
    const siân = await reserve('Siân', 'sian@example.org');
    const other = await reserve('Other', 'other@example.org');
    const before = outbox.length;
    const confirm = (key: string, body: unknown) => post(`/api/events/${id}/rsvps/${key}/confirm`, body);

    const wrong = await expectError(await confirm(siân.key, { token: 'A'.repeat(43) }), 403, 'invalid_token');
    expect(wrong.message).toMatch(/not valid or has expired/);
    await expectError(await confirm(siân.key, { token: other.token }), 403, 'invalid_token'); // someone else's link
    await expectError(await confirm('0123456789abcdef01234567', { token: siân.token }), 403, 'invalid_token');
    const missing = await expectError(await confirm(siân.key, {}), 400, 'validation_failed', 'token');
    expect(missing.details![0]!.message).toBe('The link in your email is missing its token');
    const short = await expectError(await confirm(siân.key, { token: siân.token.slice(0, 20) }), 400, 'validation_failed', 'token');
    expect(short.details![0]!.message).toBe('The link in your email is incomplete; copy the whole link from the email');
    await expectError(await confirm(siân.key, { token: 12345 }), 400, 'validation_failed', 'token');
    await expectError(await post(`/api/events/zzzzzzzzzz/rsvps/${siân.key}/confirm`, { token: siân.token }), 404, 'not_found');

    expect((await stored()).map((r) => r.status)).toEqual(['pending', 'pending']);
    expect(outbox).toHaveLength(before);
  });
});

describe('capacity and the waitlist', () => {
  it('waitlists once full, says where you stand, and gives a freed place to the first in line', async () => {
    const { post, id, join, lastMail, mailsTo, attendees, outbox } = await published({ capacity: 2 });
    const ada = await join('Ada', 'ada@example.org');
    const bo = await join('Bo', 'bo@example.org');
    const cy = await join('Cy', 'cy@example.org');
    const di = await join('Di', 'di@example.org');
    expect([ada, bo].map((p) => p.outcome.status)).toEqual(['confirmed', 'confirmed']);
    expect(cy.outcome).toMatchObject({ status: 'waitlisted', waitlistPosition: 1, event: { places: { capacity: 2, left: 0, confirmed: 2, waitlist: 1 } } });
    expect(di.outcome).toMatchObject({ status: 'waitlisted', waitlistPosition: 2, event: { places: { waitlist: 2 } } });
    expect(lastMail('cy@example.org', 'rsvp-waitlisted').subject).toBe("You're number 1 on the waitlist: New professionals lunch club");
    // The waitlisted email's leave link tells the page to speak of the waitlist.
    expect(lastMail('cy@example.org', 'rsvp-waitlisted').text).toMatch(/\/cancel#token=[\w-]{43}&waitlist=1/);

    // Ada frees her place with the link from her email: Cy, first in line, gets it and is told so.
    const sent = outbox.length;
    const cancel = () => post(`/api/events/${id}/rsvps/${ada.key}/cancel`, { token: ada.cancel });
    const res = await cancel();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toMatchObject({ status: 'cancelled', event: { places: { capacity: 2, left: 0, confirmed: 2, waitlist: 1 } } });
    expect(outbox.slice(sent).map((m) => [m.to, m.purpose])).toEqual([['cy@example.org', 'rsvp-promoted']]);
    const promoted = lastMail('cy@example.org', 'rsvp-promoted');
    expect(promoted.subject).toBe("A place freed up — you're in: New professionals lunch club");
    expect(promoted.calendar).toBeDefined();
    const list = await attendees();
    expect(list).toMatchObject({ capacity: 2, confirmed: 2, waitlist: 1 });
    expect(list.attendees.map((a) => [a.name, a.status, a.waitlistPosition ?? null])).toEqual([
      ['Bo', 'confirmed', null], ['Cy', 'confirmed', null], ['Di', 'waitlisted', 1], ['Ada', 'cancelled', null],
    ]);

    // Cancelling again changes nothing and promotes nobody else.
    const again = await cancel();
    expect(again.status).toBe(200);
    expect(((await again.json()) as Outcome).status).toBe('cancelled');
    expect(await attendees()).toMatchObject({ confirmed: 2, waitlist: 1 });
    expect(mailsTo('di@example.org').map((m) => m.purpose)).toEqual(['rsvp-confirm-link', 'rsvp-waitlisted']);

    // Cy's place can be freed with the link in the promotion email.
    const cyCancel = rsvpLink(promoted, 'cancel');
    expect((await post(`/api/events/${id}/rsvps/${cy.key}/cancel`, { token: cyCancel.token })).status).toBe(200);
    expect(lastMail('di@example.org', 'rsvp-promoted')).toBeDefined();
    expect(await attendees()).toMatchObject({ confirmed: 2, waitlist: 0 });
  });

  it('leaving the waitlist promotes nobody, and a meetup without a capacity never waitlists', async () => {
    const full = await published({ capacity: 1 });
    await full.join('Ada', 'ada@example.org');
    const bo = await full.join('Bo', 'bo@example.org');
    const cy = await full.join('Cy', 'cy@example.org');
    const sent = full.outbox.length;
    const res = await full.post(`/api/events/${full.id}/rsvps/${bo.key}/cancel`, { token: bo.cancel });
    expect(await res.json()).toMatchObject({ status: 'cancelled', event: { places: { confirmed: 1, waitlist: 1 } } });
    expect(full.outbox).toHaveLength(sent);
    expect((await full.attendees()).attendees.find((a) => a.key === cy.key)?.waitlistPosition).toBe(1);

    const open = await published();
    const outcomes = [];
    for (let i = 0; i < 12; i++) outcomes.push((await open.join(`P${i}`, `p${i}@example.org`)).outcome);
    expect(new Set(outcomes.map((o) => o.status))).toEqual(new Set(['confirmed']));
    expect(outcomes.at(-1)!.event.places).toEqual({ confirmed: 12, waitlist: 0 });
  });

  it('refuses to cancel with a wrong token or for an unknown RSVP (the same 403, so keys cannot be probed), and once the meetup is over (409)', async () => {
    const { post, id, join, clock, attendees } = await published({ capacity: 3 });
    const ada = await join('Ada', 'ada@example.org');
    const cancel = (key: string, body: unknown) => post(`/api/events/${id}/rsvps/${key}/cancel`, body);
    const wrong = await expectError(await cancel(ada.key, { token: 'B'.repeat(43) }), 403, 'invalid_token');
    const unknown = await expectError(await cancel('0123456789abcdef01234567', { token: ada.cancel }), 403, 'invalid_token');
    expect(unknown).toEqual(wrong);
    await expectError(await cancel(ada.key, {}), 400, 'validation_failed', 'token');
    await expectError(await cancel(ada.key, null), 400, 'validation_failed', 'body');
    expect(await attendees()).toMatchObject({ confirmed: 1 });

    clock.set('2026-12-03T14:00:00Z'); // the meetup ended at 13:30
    const over = await expectError(await cancel(ada.key, { token: ada.cancel }), 409, 'event_over');
    expect(over.message).toBe('This meetup has already happened, so there is no place to free.');
  });
});

describe('POST …/rsvps/:key/status: how an RSVP stands, for the page a link opens', () => {
  type Standing = Outcome & { link: string; remindersOff: boolean; onlineUrl?: string };
  const statusOf = async (ctx: Awaited<ReturnType<typeof published>>, key: string, token: string) => {
    const res = await ctx.post(`/api/events/${ctx.id}/rsvps/${key}/status`, { token });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    return (await res.json()) as Standing;
  };

  it('answers every state for the confirm link and the cancel link, changing nothing', async () => {
    const ctx = await published({ capacity: 1 });
    const { post, id, reserve, join, stored, outbox, manage, lastMail } = ctx;
    const ada = await reserve('Ada', 'ada@example.org');
    const before = JSON.stringify(await stored());
    const sent = outbox.length;
    expect(await statusOf(ctx, ada.key, ada.token)).toMatchObject({ status: 'pending', link: 'confirm', remindersOff: false, event: { id, places: { capacity: 1, left: 1 } } });
    expect(await statusOf(ctx, ada.key, ada.token)).toMatchObject({ status: 'pending' });
    // Opening a link (a mail scanner, twice) writes and sends nothing.
    expect(JSON.stringify(await stored())).toBe(before);
    expect(outbox).toHaveLength(sent);

    expect((await post(`/api/events/${id}/rsvps/${ada.key}/confirm`, { token: ada.token })).status).toBe(200);
    const adaCancel = rsvpLink(lastMail('ada@example.org', 'rsvp-confirmed'), 'cancel').token;
    expect(await statusOf(ctx, ada.key, ada.token)).toMatchObject({ status: 'confirmed', link: 'confirm', event: { places: { left: 0, confirmed: 1 } } });
    const byCancel = await statusOf(ctx, ada.key, adaCancel);
    expect(byCancel).toMatchObject({ status: 'confirmed', link: 'cancel' });
    expect(byCancel.onlineUrl).toBeUndefined(); // in person: no joining link
    expect(byCancel.waitlistPosition).toBeUndefined();

    const bo = await join('Bo', 'bo@example.org');
    const cy = await join('Cy', 'cy@example.org');
    expect(await statusOf(ctx, bo.key, bo.cancel)).toMatchObject({ status: 'waitlisted', link: 'cancel', waitlistPosition: 1 });
    expect(await statusOf(ctx, cy.key, cy.cancel)).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });

    // Ada cancels: her place goes to Bo, and the answer says so.
    const cancelled = await post(`/api/events/${id}/rsvps/${ada.key}/cancel`, { token: adaCancel });
    expect(await cancelled.json()).toMatchObject({ status: 'cancelled', already: false, promoted: true });
    expect(await statusOf(ctx, ada.key, ada.token)).toMatchObject({ status: 'cancelled', link: 'confirm' });
    expect(await statusOf(ctx, ada.key, adaCancel)).toMatchObject({ status: 'cancelled', link: 'cancel' });
    const again = await post(`/api/events/${id}/rsvps/${ada.key}/cancel`, { token: adaCancel });
    expect(await again.json()).not.toHaveProperty('promoted');

    // Cy leaves the waitlist: nobody is promoted.
    const left = await post(`/api/events/${id}/rsvps/${cy.key}/cancel`, { token: cy.cancel });
    expect(await left.json()).toMatchObject({ status: 'cancelled', promoted: false });

    // Ada asks again: her fresh link can take a place (pending); the old one no longer works.
    const fresh = await reserve('Ada', 'ada@example.org');
    expect(await statusOf(ctx, ada.key, fresh.token)).toMatchObject({ status: 'pending', link: 'confirm' });
    await expectError(await post(`/api/events/${id}/rsvps/${ada.key}/status`, { token: ada.token }), 403, 'invalid_token');

    // Bo, promoted, is removed by the organiser: both his links say so.
    const boCancel = rsvpLink(lastMail('bo@example.org', 'rsvp-promoted'), 'cancel').token;
    expect(await statusOf(ctx, bo.key, boCancel)).toMatchObject({ status: 'confirmed', link: 'cancel' });
    expect((await post(`/api/events/${id}/attendees/${bo.key}/remove`, { token: manage })).status).toBe(200);
    expect(await statusOf(ctx, bo.key, boCancel)).toMatchObject({ status: 'removed' });
  });

  it('gives the joining link only to a confirmed place, and says when reminders are off', async () => {
    const ctx = await published({ capacity: 1, format: 'online', venue: undefined, onlineUrl: 'https://meet.example.org/room-42' });
    const ada = await ctx.join('Ada', 'ada@example.org');
    const bo = await ctx.join('Bo', 'bo@example.org');
    const adaStanding = await statusOf(ctx, ada.key, ada.cancel);
    expect(adaStanding).toMatchObject({ status: 'confirmed', onlineUrl: 'https://meet.example.org/room-42' });
    expect(adaStanding.event).not.toHaveProperty('onlineUrl');
    expect(await statusOf(ctx, bo.key, bo.cancel)).not.toHaveProperty('onlineUrl');

    const token = remindersOffToken(await ctx.deps.feedSecret(), ctx.id, ada.key);
    expect((await ctx.post(`/api/events/${ctx.id}/rsvps/${ada.key}/reminders-off`, { token })).status).toBe(200);
    expect(await statusOf(ctx, ada.key, ada.cancel)).toMatchObject({ status: 'confirmed', remindersOff: true });
  });

  it('refuses a wrong token, another link\'s and an unknown RSVP with the same 403; bad bodies get a 400; an unknown meetup a 404', async () => {
    const ctx = await published({ capacity: 3 });
    const { post, id, join } = ctx;
    const ada = await join('Ada', 'ada@example.org');
    const bo = await join('Bo', 'bo@example.org');
    const status = (key: string, body: unknown, event = id) => post(`/api/events/${event}/rsvps/${key}/status`, body);
    const wrong = await expectError(await status(ada.key, { token: 'B'.repeat(43) }), 403, 'invalid_token');
    expect(await expectError(await status('0123456789abcdef01234567', { token: ada.cancel }), 403, 'invalid_token')).toEqual(wrong);
    expect(await expectError(await status(ada.key, { token: bo.cancel }), 403, 'invalid_token')).toEqual(wrong);
    // The reminders-off token only stops reminders: it says nothing about the place here.
    const reminderToken = remindersOffToken(await ctx.deps.feedSecret(), id, ada.key);
    expect(await expectError(await status(ada.key, { token: reminderToken }), 403, 'invalid_token')).toEqual(wrong);
    await expectError(await status(ada.key, {}), 400, 'validation_failed', 'token');
    await expectError(await status(ada.key, null), 400, 'validation_failed', 'body');
    await expectError(await status(ada.key, { token: ada.cancel }, 'nosuchmeetup1'), 404, 'not_found');
  });
});

describe('closed RSVPs', () => {
  it('closed by the organiser: new requests and pending links get 409 rsvps_closed; places stay; reopening works', async () => {
    const { post, id, manage, reserve, join, stored, mailsTo } = await published({ capacity: 5 });
    const ada = await join('Ada', 'ada@example.org');
    const pending = await reserve('Bo', 'bo@example.org');
    expect((await post(`/api/events/${id}/rsvp-settings`, { token: manage, rsvpsOpen: false })).status).toBe(200);

    const late = await post(`/api/events/${id}/rsvps`, { name: 'Late', email: 'late@example.org' });
    const body = await expectError(late, 409, 'rsvps_closed');
    expect(body.message).toBe('The organiser has closed RSVPs for this meetup.');
    expect(late.headers.get('cache-control')).toBe('no-store');
    expect(mailsTo('late@example.org')).toEqual([]);
    await expectError(await post(`/api/events/${id}/rsvps/${pending.key}/confirm`, { token: pending.token }), 409, 'rsvps_closed');
    expect((await stored()).map((r) => [r.email, r.status]).sort()).toEqual([['ada@example.org', 'confirmed'], ['bo@example.org', 'pending']]);
    // Those with a place can still free it.
    expect((await post(`/api/events/${id}/rsvps/${ada.key}/cancel`, { token: ada.cancel })).status).toBe(200);

    expect((await post(`/api/events/${id}/rsvp-settings`, { token: manage, rsvpsOpen: true })).status).toBe(200);
    expect((await post(`/api/events/${id}/rsvps/${pending.key}/confirm`, { token: pending.token })).status).toBe(200);
    expect((await post(`/api/events/${id}/rsvps`, { name: 'Late', email: 'late@example.org' })).status).toBe(202);
  });

  it('a cancelled meetup takes no RSVPs and confirms no pending ones', async () => {
    const { post, id, manage, reserve, mailsTo } = await published();
    const pending = await reserve('Bo', 'bo@example.org');
    expect((await post(`/api/events/${id}/cancel`, { token: manage })).status).toBe(200);
    const res = await post(`/api/events/${id}/rsvps`, { name: 'Late', email: 'late@example.org' });
    expect((await expectError(res, 409, 'rsvps_closed')).message).toBe('This meetup has been cancelled, so it is not taking RSVPs.');
    await expectError(await post(`/api/events/${id}/rsvps/${pending.key}/confirm`, { token: pending.token }), 409, 'rsvps_closed');
    expect(mailsTo('late@example.org')).toEqual([]);
    expect(mailsTo('bo@example.org').map((m) => m.purpose)).toEqual(['rsvp-confirm-link']);
  });

  it('a meetup that has started takes no RSVPs, and once it is over says it has ended (API, page and public data)', async () => {
    const { app, post, id, clock, outbox } = await published();
    const page = async () => {
      const moved = await app.request(`/events/${id}/x`);
      return (await app.request(moved.headers.get('location') ?? `/events/${id}/x`)).text();
    };
    clock.set('2026-12-03T12:31:00Z');
    const res = await post(`/api/events/${id}/rsvps`, { name: 'Late', email: 'late@example.org' });
    expect((await expectError(res, 409, 'rsvps_closed')).message).toBe('This meetup has already started, so RSVPs are closed.');
    expect(await page()).toContain('This meetup has already started, so RSVPs are closed.');
    expect(await (await app.request(`/api/events/${id}`)).json()).toMatchObject({ rsvpsOpen: false, rsvpClosedReason: 'started' });
    // The end (13:30) has passed: ended, not "already started".
    clock.set('2026-12-03T13:30:00Z');
    const after = await post(`/api/events/${id}/rsvps`, { name: 'Later', email: 'later@example.org' });
    expect((await expectError(after, 409, 'rsvps_closed')).message).toBe('This meetup has ended.');
    const ended = await page();
    expect(ended).toContain('This meetup has ended.');
    expect(ended).not.toContain('already started');
    expect(await (await app.request(`/api/events/${id}`)).json()).toMatchObject({ rsvpsOpen: false, rsvpClosedReason: 'ended' });
    expect(outbox).toEqual([]);
  });
});

describe("the organiser's attendee tools (manage token)", () => {
  it('lists attendees in order with waitlist positions, notes and email problems, without caching', async () => {
    const { post, id, manage, join, reserve, suppressions } = await published({ capacity: 1 });
    await join('Ada', 'ada@example.org');
    await join('Bo', 'bo@example.org');
    await join('Cy', 'cy@example.org');
    await reserve('Di', 'di@example.org', { note: 'Wheelchair user' });
    await suppressions.mark('cy@example.org', { reason: 'bounce', detail: 'Permanent/NoEmail', at: START });

    const res = await post(`/api/events/${id}/attendees`, { token: manage });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const list = (await res.json()) as Attendees;
    expect(list).toMatchObject({ capacity: 1, confirmed: 1, waitlist: 2, rsvpsOpen: true, notifyOnRsvp: false, remindersOn: true });
    expect(list.attendees.map((a) => [a.name, a.email, a.status, a.waitlistPosition ?? null, a.note ?? null, a.mailSuppressed ?? null])).toEqual([
      ['Ada', 'ada@example.org', 'confirmed', null, null, null],
      ['Bo', 'bo@example.org', 'waitlisted', 1, null, null],
      ['Cy', 'cy@example.org', 'waitlisted', 2, null, 'bounce'],
      ['Di', 'di@example.org', 'pending', null, 'Wheelchair user', null],
    ]);
    expect(JSON.stringify(list)).not.toMatch(/TokenHash|[0-9a-f]{64}/);
  });

  it('exports the list as a CSV attachment with spreadsheet formulas neutralised, without caching', async () => {
    const { post, id, manage, join } = await published();
    await join('=HYPERLINK("https://evil.example")', 'formula@example.org');
    await join('Siân "the cataloguer"', 'sian@example.org');
    const res = await post(`/api/events/${id}/attendees.csv`, { token: manage });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    // Named after the meetup (its slug and local date).
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="new-professionals-lunch-club-2026-12-03-attendees.csv"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const lines = (await res.text()).split('\r\n');
    expect(lines[0]).toBe('"Name","Email","Status","Note","RSVPed at (London time)","Confirmed at (London time)","Email problem","Still coming?","Checked in at (London time)","Checked in by"');
    expect(lines.slice(1, -1)).toHaveLength(2);
    expect(lines.join('\n')).toContain(`"'=HYPERLINK(""https://evil.example"")","formula@example.org","Confirmed"`);
    // Readable statuses, and times in the meetup's zone (09:00 UTC on 27 November is 09:00 in London).
    expect(lines.join('\n')).toContain('"Siân ""the cataloguer""","sian@example.org","Confirmed","","2026-11-27 09:00","2026-11-27 09:00",""');
    expect(lines.at(-1)).toBe('');
  });

  it('removes an attendee ("Removed by the organiser", emailed with the message), giving the place to the first in line, and 404s an unknown one', async () => {
    const { post, id, manage, join, lastMail, mailsTo, attendees } = await published({ capacity: 1 });
    const ada = await join('Ada', 'ada@example.org');
    const bo = await join('Bo', 'bo@example.org');
    await expectError(await post(`/api/events/${id}/attendees/${ada.key}/remove`, { token: manage, message: 'x'.repeat(1001) }), 400, 'validation_failed', 'message');
    const res = await post(`/api/events/${id}/attendees/${ada.key}/remove`, { token: manage, message: '  Sorry: this one is for members.  ' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const list = (await res.json()) as Attendees;
    expect(list).toMatchObject({ confirmed: 1, waitlist: 0 });
    expect(list.attendees.map((a) => [a.key, a.status])).toEqual([[bo.key, 'confirmed'], [ada.key, 'removed']]);
    expect(lastMail('bo@example.org', 'rsvp-promoted').to).toBe('bo@example.org');
    const removal = lastMail('ada@example.org', 'rsvp-removed');
    expect(removal).toMatchObject({ subject: 'The organiser has removed you from New professionals lunch club', replyTo: 'sam.organiser@example.org' });
    expect(removal.text).toContain('Their message:\nSorry: this one is for members.');
    // Removing again changes nothing and emails nobody.
    expect((await post(`/api/events/${id}/attendees/${ada.key}/remove`, { token: manage })).status).toBe(200);
    expect(mailsTo('ada@example.org').filter((m) => m.purpose === 'rsvp-removed')).toHaveLength(1);
    // Ada's own cancel link now changes nothing, and says how it stands.
    expect(await (await post(`/api/events/${id}/rsvps/${ada.key}/cancel`, { token: ada.cancel })).json()).toMatchObject({ status: 'removed', already: true });
    expect(await attendees()).toMatchObject({ confirmed: 1, waitlist: 0 });

    await expectError(await post(`/api/events/${id}/attendees/0123456789abcdef01234567/remove`, { token: manage }), 404, 'not_found');
  });

  it('settings: an email to the organiser on each RSVP (replies go to the attendee), reminders off, and validation', async () => {
    const { post, id, manage, join, mailsTo, attendees } = await published({ capacity: 1 });
    await join('Quiet', 'quiet@example.org');
    expect(mailsTo('sam.organiser@example.org')).toEqual([]);

    const res = await post(`/api/events/${id}/rsvp-settings`, { token: manage, notifyOnRsvp: true, remindersOn: false });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toMatchObject({ notifyOnRsvp: true, remindersOn: false, rsvpsOpen: true, confirmed: 1 });
    await join('Loud', 'loud@example.org');
    const notices = mailsTo('sam.organiser@example.org');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ purpose: 'rsvp-organiser-notice', subject: 'New RSVP (waitlisted): New professionals lunch club', replyTo: 'loud@example.org' });
    expect(notices[0]!.text).toContain('Loud <loud@example.org> is on the waitlist.');
    expect(await attendees()).toMatchObject({ notifyOnRsvp: true, remindersOn: false });

    await expectError(await post(`/api/events/${id}/rsvp-settings`, { token: manage, rsvpsOpen: 'no' }), 400, 'validation_failed', 'rsvpsOpen');
    await expectError(await post(`/api/events/${id}/rsvp-settings`, { token: manage, notifyOnRsvp: 1 }), 400, 'validation_failed', 'notifyOnRsvp');
    expect(await attendees()).toMatchObject({ rsvpsOpen: true, notifyOnRsvp: true, remindersOn: false });
  });

  it('every organiser route refuses a wrong, an attendee\'s or a missing manage token, and an unknown meetup', async () => {
    const { app, id, join, attendees } = await published({ capacity: 1 });
    const ada = await join('Ada', 'ada@example.org');
    await join('Bo', 'bo@example.org');
    const routes = [`/api/events/${id}/attendees`, `/api/events/${id}/attendees.csv`, `/api/events/${id}/attendees/${ada.key}/remove`, `/api/events/${id}/rsvp-settings`];
    for (const path of routes) {
      for (const token of ['C'.repeat(43), ada.cancel]) {
        const res = await app.request(path, json({ token, rsvpsOpen: false }));
        const body = await expectError(res, 403, 'invalid_token');
        expect(body.message).toBe('This manage link is not valid or has expired. Use the latest link from your email.');
        expect(res.headers.get('cache-control')).toBe('no-store');
      }
      // Neither a manage link nor a session: sign in (or use the link from the email).
      await expectError(await app.request(path, json({})), 401, 'sign_in_needed');
      await expectError(await app.request(path, { method: 'POST', body: 'token=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415, 'unsupported_media_type', 'content-type');
      await expectError(await app.request(path.replace(id, 'zzzzzzzzzz'), json({ token: 'C'.repeat(43) })), 404, 'not_found');
    }
    expect(await attendees()).toMatchObject({ confirmed: 1, waitlist: 1, rsvpsOpen: true });
  });
});

describe('reminders off (the link in every reminder)', () => {
  /** The links a reminder carries for this RSVP, as the sweep makes them. */
  async function reminderLinks(ctx: Awaited<ReturnType<typeof published>>, key: string) {
    const token = remindersOffToken(await ctx.deps.feedSecret(), ctx.id, key);
    const links = remindersOffLinks(ctx.deps.siteUrl, ctx.id, key, token);
    const page = /#token=([\w-]{43})$/.exec(links.remindersOffPage)![1]!;
    return { token: page, oneClick: links.remindersOffOneClick.replace(ctx.deps.siteUrl, ''), path: `/api/events/${ctx.id}/rsvps/${key}/reminders-off` };
  }
  const remindersOff = async (ctx: Awaited<ReturnType<typeof published>>, key: string) => (await ctx.deps.rsvps.get(ctx.id, key))?.remindersOff ?? false;

  it('with the token from the page link (JSON): 200, reminders off, the place kept; again is the same answer', async () => {
    const ctx = await published({ capacity: 3 });
    const ada = await ctx.join('Ada', 'ada@example.org');
    const { token, path } = await reminderLinks(ctx, ada.key);
    const sent = ctx.outbox.length;
    const res = await ctx.post(path, { token });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await res.json();
    expect(body).toEqual({ status: 'reminders-off', message: 'Done: no more reminders for this meetup. Your place stays.' });
    expect(await remindersOff(ctx, ada.key)).toBe(true);
    expect((await ctx.deps.rsvps.get(ctx.id, ada.key))?.status).toBe('confirmed');
    const again = await ctx.post(path, { token });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(body);
    expect(ctx.outbox).toHaveLength(sent);
    expect(await ctx.attendees()).toMatchObject({ confirmed: 1, remindersOn: true });
  });

  it('the page asks first whether reminders are already off (status: a read), with the same 403 and 404', async () => {
    const ctx = await published({ capacity: 3 });
    const ada = await ctx.join('Ada', 'ada@example.org');
    const { token, path } = await reminderLinks(ctx, ada.key);
    const status = (key: string, body: unknown) => ctx.post(`/api/events/${ctx.id}/rsvps/${key}/reminders-off/status`, body);
    const res = await status(ada.key, { token });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ remindersOff: false, status: 'confirmed' });
    expect(await remindersOff(ctx, ada.key)).toBe(false);
    expect((await ctx.post(path, { token })).status).toBe(200);
    expect(await (await status(ada.key, { token })).json()).toEqual({ remindersOff: true, status: 'confirmed' });

    await expectError(await status(ada.key, { token: 'C'.repeat(43) }), 403, 'invalid_token');
    await expectError(await status(ada.key, { token: ada.cancel }), 403, 'invalid_token');
    const unknown = '0123456789abcdef01234567';
    await expectError(await status(unknown, { token: remindersOffToken(await ctx.deps.feedSecret(), ctx.id, unknown) }), 404, 'not_found');
    await expectError(await status(ada.key, null), 400, 'validation_failed', 'body');
  });

  it('one click from the mail client (RFC 8058): a form post to the List-Unsubscribe URL, token in the query, no redirect', async () => {
    const ctx = await published({ capacity: 1 });
    await ctx.join('Ada', 'ada@example.org');
    const bo = await ctx.join('Bo', 'bo@example.org'); // waitlisted: keeps the place in line
    const { oneClick, path } = await reminderLinks(ctx, bo.key);
    expect(oneClick).toMatch(new RegExp(`^${path}\\?token=[\\w-]{43}$`));
    const res = await ctx.app.request(oneClick, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('location')).toBeNull();
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(((await res.json()) as { status: string }).status).toBe('reminders-off');
    expect(await remindersOff(ctx, bo.key)).toBe(true);
    expect((await ctx.deps.rsvps.get(ctx.id, bo.key))?.status).toBe('waitlisted');

    // RFC 8058 allows the same body as multipart/form-data.
    const ada = (await ctx.stored()).find((r) => r.email === 'ada@example.org')!;
    const form = new FormData();
    form.set('List-Unsubscribe', 'One-Click');
    const multipart = await ctx.app.request((await reminderLinks(ctx, ada.key)).oneClick, { method: 'POST', body: form });
    expect(multipart.status).toBe(200);
    expect(await remindersOff(ctx, ada.key)).toBe(true);
  });

  it('refuses a wrong token or another RSVP\'s (403), a missing or incomplete one (400 naming token), and an unknown RSVP (404)', async () => {
    const ctx = await published();
    const ada = await ctx.join('Ada', 'ada@example.org');
    const bo = await ctx.join('Bo', 'bo@example.org');
    const { path } = await reminderLinks(ctx, ada.key);
    const bos = await reminderLinks(ctx, bo.key);
    const oneClick = (query: string) => ctx.app.request(`${path}${query}`, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });

    const wrong = await expectError(await oneClick(`?token=${'x'.repeat(43)}`), 403, 'invalid_token');
    expect(wrong.message).toBe('This link is not valid. Use the link from your latest reminder.');
    await expectError(await ctx.post(path, { token: bos.token }), 403, 'invalid_token');
    await expectError(await ctx.post(path, { token: ada.cancel }), 403, 'invalid_token'); // the cancel link's token is not this one
    const missing = await expectError(await oneClick(''), 400, 'validation_failed', 'token');
    expect(missing.details).toEqual([{ field: 'token', message: 'The link is incomplete; use the whole link from the reminder' }]);
    await expectError(await oneClick(`?token=${bos.token.slice(0, 30)}`), 400, 'validation_failed', 'token');
    await expectError(await ctx.post(path, { token: 1 }), 400, 'validation_failed', 'token');

    const ghostKey = '0123456789abcdef01234567';
    const ghost = await reminderLinks(ctx, ghostKey);
    await expectError(await ctx.post(ghost.path, { token: ghost.token }), 404, 'not_found');
    expect([await remindersOff(ctx, ada.key), await remindersOff(ctx, bo.key)]).toEqual([false, false]);
  });

  const notTheBody: [string, RequestInit][] = [
    ['null', json(null)],
    ['an array', json([{ token: 'x' }])],
    ['a string', json('token')],
    ['malformed JSON', { method: 'POST', body: '{"token": ', headers: { 'content-type': 'application/json' } }],
    ['a form post without the token in the query', { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } }],
    ['a JSON token with no content type', { method: 'POST', body: encoder.encode(JSON.stringify({ token: 'T'.repeat(43) })) }],
    ['no body at all', { method: 'POST' }],
  ];
  it.each(notTheBody)('%s gets a 400 JSON error naming the token, and changes nothing', async (_name, init) => {
    const ctx = await published();
    const ada = await ctx.join('Ada', 'ada@example.org');
    const { path } = await reminderLinks(ctx, ada.key);
    const sent = ctx.outbox.length;
    const res = await ctx.app.request(path, init);
    await expectError(res, 400, 'validation_failed', 'token');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await remindersOff(ctx, ada.key)).toBe(false);
    expect(ctx.outbox).toHaveLength(sent);
  });
});

describe('privacy', () => {
  it('logs route patterns only: no tokens or addresses, and public answers never show attendees', async () => {
    const ctx = await published({ capacity: 1 });
    const ada = await ctx.join('Ada', 'ada@example.org');
    const bo = await ctx.join('Bo', 'bo@example.org');
    await ctx.post(`/api/events/${ctx.id}/rsvps/${ada.key}/cancel`, { token: ada.cancel });
    await ctx.post(`/api/events/${ctx.id}/attendees`, { token: ctx.manage });
    const log = ctx.logLines.join('\n');
    expect(log).not.toMatch(/@example\.org/);
    for (const secret of [ada.cancel, bo.cancel, ctx.manage, ada.key, bo.key]) expect(log).not.toContain(secret);
    const routes = ctx.logLines.map((l) => JSON.parse(l) as { msg: string; route?: string }).filter((l) => l.msg === 'request').map((l) => l.route);
    expect(routes).toContain('/api/events/:id/rsvps/:key/confirm');

    const pub = await ctx.app.request(`/api/events/${ctx.id}`);
    expect(pub.status).toBe(200);
    const text = await pub.text();
    expect(text).not.toMatch(/ada@|bo@|Ada|"Bo"/);
    expect(JSON.parse(text)).toMatchObject({ places: { capacity: 1, left: 0, confirmed: 1, waitlist: 0 } });
  });
});
