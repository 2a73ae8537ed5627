// API: what signing in changes about meetups, in-process with in-memory parts. Listing with your own address is live
// at once (no "confirm your meetup" email), and only a network's organisers list under it; a meetup's owner and its
// network's organisers manage it without a token, a helper sees its attendees on the day and nothing else, and every
// change goes on the network's activity list; one tap reserves a place; attendees' replies go to the network.
import { replyToFor } from '#functions/networks/reply-to.ts';
import { describe, expect, it } from 'vitest';
import { inMemoryApp, tokenFrom, validMeetup } from '../support/fakes.ts';
import { fixedClock } from '#functions/core/clock.ts';
import { get, meetup, network, NOW, post, putNetwork, rsvp, signIn, SITE, teamOf, type Ctx } from '../support/signed-in.ts';
import { eventPagePaths } from '#functions/core/paths.ts';
import { eventPath, type StoredEvent } from '#functions/core/event.ts';
import { hashSecret, newToken } from '#functions/core/ids.ts';
import { personId } from '#functions/core/person.ts';
import type { OutboxMessage } from '#functions/core/email.ts';
import { rsvpKey } from '#functions/rsvps/rsvp.ts';
import { NETWORK_MESSAGES } from '#functions/events/listing-network.ts';

type ErrorBody = { error: string; message: string; details?: { field: string; message: string }[] };

/** A JSON request from the site's own pages (Origin SITE), with the session cookie if given. */
const api = (ctx: Ctx, method: string, path: string, body: unknown, cookie?: string) =>
  ctx.app.request(path, {
    method,
    headers: { 'Content-Type': 'application/json', Origin: SITE, ...(cookie ? { Cookie: cookie } : {}) },
    body: JSON.stringify(body),
  });

const mails = (ctx: Ctx, purpose: OutboxMessage['purpose']) => ctx.events.outbox.filter((m) => m.purpose === purpose);

/** The no-JS listing form's fields for a meetup (as the page sends them). */
const listingForm = (over: Record<string, string> = {}): Record<string, string> => {
  const { tags: _tags, ...fields } = validMeetup();
  return { ...(fields as Record<string, string>), tags: 'CPD, Networking', ...over };
};

describe('listing a meetup signed in', () => {
  it('publishes at once with the organiser’s own address (POST /api/events), with no email, and remembers the name', async () => {
    const ctx = inMemoryApp();
    const cookie = signIn(ctx, 'sam.organiser@example.org');
    const res = await api(ctx, 'POST', '/api/events', validMeetup({ organiserEmail: 'Sam.Organiser@example.org' }), cookie);
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; status: string; url: string; manageUrl: string };
    const stored = ctx.events.events.get(body.id)!;
    expect(stored.status).toBe('published');
    expect(body).toMatchObject({ status: 'published', url: SITE + eventPath(stored), manageUrl: `${SITE}/manage/${body.id}` });
    expect(ctx.events.outbox).toEqual([]);
    expect(await ctx.sessions.profile(personId('sam.organiser@example.org'))).toMatchObject({ name: 'Sam' });
    // Live: anyone can read it.
    expect((await ctx.app.request(`/api/events/${body.id}`)).status).toBe(200);
  });

  it('publishes at once from the no-JS form (POST /new): a page saying it is live, with its links', async () => {
    const ctx = inMemoryApp();
    const res = await post(ctx, '/new', listingForm(), signIn(ctx, 'sam.organiser@example.org'));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const [stored] = [...ctx.events.events.values()];
    expect(stored?.status).toBe('published');
    const page = await res.text();
    expect(page).toContain('<h1>Your meetup is live</h1>');
    expect(page).toContain(`href="${eventPath(stored!)}"`);
    expect(page).toContain(`href="/manage/${stored!.id}"`);
    expect(page).not.toContain('Check your email');
    expect(ctx.events.outbox).toEqual([]);
  });

  it.each([
    ['signed in with another address', (ctx: Ctx) => signIn(ctx, 'someone.else@example.org'), true],
    ['signed out', () => undefined, true],
    // A state-changing request that does not show it came from the site's pages carries no session.
    ['with the organiser’s cookie but no Origin', (ctx: Ctx) => signIn(ctx, 'sam.organiser@example.org'), false],
  ] as const)('keeps the draft and the emailed confirmation link %s', async (_name, cookieOf, fromSite) => {
    const ctx = inMemoryApp();
    const cookie = cookieOf(ctx);
    const headers = { 'Content-Type': 'application/json', ...(fromSite ? { Origin: SITE } : {}), ...(cookie ? { Cookie: cookie } : {}) };
    const res = await ctx.app.request('/api/events', { method: 'POST', headers, body: JSON.stringify(validMeetup()) });
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ status: 'draft' });
    const [mail] = mails(ctx, 'listing-confirmation');
    expect(mail?.to).toBe('sam.organiser@example.org');
    expect(ctx.events.events.get(tokenFrom(mail!).id)?.status).toBe('draft');
  });

  it('keeps the draft and the emailed link from the no-JS form for another address, and signed out', async () => {
    for (const cookie of [(ctx: Ctx) => signIn(ctx, 'someone.else@example.org'), () => undefined]) {
      const ctx = inMemoryApp();
      const res = await post(ctx, '/new', listingForm(), cookie(ctx));
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('Nearly there: we have emailed you a link.');
      expect([...ctx.events.events.values()].map((e) => e.status)).toEqual(['draft']);
      expect(mails(ctx, 'listing-confirmation').map((m) => m.to)).toEqual(['sam.organiser@example.org']);
    }
  });
});

describe('listing under a network', () => {
  /** Manchester NLPN (organiser and helper), a hidden and a pending network both organised by the same person. */
  function networks() {
    const ctx = inMemoryApp();
    const { slug } = teamOf(ctx, 'Manchester NLPN', 'morag@example.org');
    putNetwork(ctx, ctx.networks.networks.get(slug)!, [{ email: 'helper@example.org', role: 'helper' }]);
    putNetwork(ctx, network('hidden-one', { name: 'Hidden one', hidden: { reason: 'Spam', at: '2026-11-01T00:00:00Z', by: 'operator@example.org' } }), [{ email: 'morag@example.org', role: 'organiser' }]);
    putNetwork(ctx, network('pending-one', { name: 'Pending one', status: 'pending' }), [{ email: 'morag@example.org', role: 'organiser' }]);
    putNetwork(ctx, network('elsewhere', { name: 'Someone else’s' }), [{ email: 'other@example.org', role: 'organiser' }]);
    return { ctx, slug };
  }

  it('lets an organiser of the network list under it: the meetup stores its slug and name, and the list records who', async () => {
    const { ctx, slug } = networks();
    const res = await api(ctx, 'POST', '/api/events', validMeetup({ organiserEmail: 'morag@example.org', network: slug }), signIn(ctx, 'morag@example.org'));
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    expect(ctx.events.events.get(id)).toMatchObject({ networkSlug: slug, network: 'Manchester NLPN', status: 'published' });
    expect(ctx.networks.activities).toEqual([
      expect.objectContaining({ slug, eventId: id, action: 'meetup.listed', actor: { email: 'morag@example.org', name: 'Sam', via: 'session' } }),
    ]);
    // The form too, choosing the network by its slug.
    const form = await post(ctx, '/new', listingForm({ organiserEmail: 'morag@example.org', network: slug, title: 'Second lunch' }), signIn(ctx, 'morag@example.org'));
    expect(form.status).toBe(200);
    expect([...ctx.events.events.values()].find((e) => e.title === 'Second lunch')).toMatchObject({ networkSlug: slug });
  });

  it.each([
    ['a helper', 'helper@example.org', 'manchester-nlpn', NETWORK_MESSAGES.notYours],
    ['a non-member', 'stranger@example.org', 'manchester-nlpn', NETWORK_MESSAGES.notYours],
    ['someone signed out', undefined, 'manchester-nlpn', NETWORK_MESSAGES.signIn],
    ['an organiser of a hidden network', 'morag@example.org', 'hidden-one', NETWORK_MESSAGES.notYours],
    ['an organiser of a network waiting for approval', 'morag@example.org', 'pending-one', NETWORK_MESSAGES.notYours],
    ['anyone naming a network that does not exist', 'morag@example.org', 'no-such-network', NETWORK_MESSAGES.notYours],
  ])('refuses %s with a 400 naming `network`, storing and sending nothing', async (_name, email, slug, message) => {
    const { ctx } = networks();
    const cookie = email ? signIn(ctx, email) : undefined;
    const res = await api(ctx, 'POST', '/api/events', validMeetup({ organiserEmail: email ?? 'sam.organiser@example.org', network: slug }), cookie);
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.details).toEqual([{ field: 'network', message }]);
    // The no-JS form says the same, with the answers kept.
    const form = await post(ctx, '/new', listingForm({ organiserEmail: email ?? 'sam.organiser@example.org', network: slug }), cookie);
    expect(form.status).toBe(400);
    expect(await form.text()).toContain(message);
    expect(ctx.events.events.size).toBe(0);
    expect(ctx.events.outbox).toEqual([]);
    expect(ctx.networks.activities).toEqual([]);
  });

  it('offers on GET /new only "No network" and the networks the person organises (not hidden, pending or helped)', async () => {
    const { ctx } = networks();
    putNetwork(ctx, network('libcamp', { name: 'Library Camp' }), [{ email: 'morag@example.org', role: 'organiser' }]);
    const options = async (cookie?: string) => {
      const res = await get(ctx, '/new', cookie);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      const select = /<select id="network" name="network"[^>]*>([\s\S]*?)<\/select>/.exec(await res.text())?.[1] ?? '';
      return [...select.matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].map((m) => [m[1], m[2]]);
    };
    expect(await options(signIn(ctx, 'morag@example.org'))).toEqual([['', 'No network'], ['libcamp', 'Library Camp'], ['manchester-nlpn', 'Manchester NLPN']]);
    expect(await options(signIn(ctx, 'helper@example.org'))).toEqual([['', 'No network']]);
    expect(await options()).toEqual([['', 'No network']]);
  });
});

// ---- Managing ----

const OWNER = 'owner@example.org';
const ORGANISER = 'org@example.org';
const HELPER = 'helper@example.org';
const STRANGER = 'stranger@example.org';
const ATTENDEE = 'ada@example.org';

/** Manchester NLPN with an organiser and a helper; a meetup of it (`days` from now) listed by OWNER, who is not on its team, with one attendee and a manage link. */
async function managed(opts: { days?: number; draft?: boolean } = {}) {
  const clock = fixedClock(NOW.toISOString());
  const ctx = inMemoryApp({ clock });
  putNetwork(ctx, network('nlpn', { name: 'Manchester NLPN' }), [{ email: ORGANISER, role: 'organiser' }, { email: HELPER, role: 'helper' }]);
  const e = await meetup(ctx, { title: 'Lunch club', organiser: OWNER, slug: 'nlpn', capacity: 10, ...opts });
  const token = newToken();
  const stored = ctx.events.events.get(e.id)!;
  stored.manageTokenHash = hashSecret(token);
  // support's meetup() dates a draft's creation back, so it would have expired: keep it waiting to be confirmed.
  if (opts.draft) stored.expiresAt = Math.floor(NOW.getTime() / 1000) + 86_400;
  else {
    rsvp(ctx, stored, ATTENDEE, 'confirmed');
    stored.confirmedCount = 1;
  }
  // Its RSVP key as stored (support's rsvp() chooses it).
  const attendee = (await ctx.deps.rsvps.list(e.id)).find((r) => r.email === ATTENDEE)?.key ?? '';
  return { ctx, clock, event: structuredClone(stored), token, attendee };
}

type Managed = Awaited<ReturnType<typeof managed>>;
interface Action {
  name: string;
  /** Only reads the attendee list: a helper may, on the day. */
  attendees?: boolean;
  draft?: boolean;
  run: (m: Managed, cookie: string | undefined, token?: string) => Response | Promise<Response>;
  /** The activity line a change writes. */
  activity?: string;
  /** What a change did, checked after it succeeded. */
  done?: (m: Managed) => void | Promise<void>;
}

const editBody = (e: StoredEvent) =>
  validMeetup({ title: 'Lunch club (moved)', start: e.startLocal, end: e.endLocal, organiserName: e.organiserName, organiserEmail: e.organiserEmail, network: e.networkSlug, capacity: 10, version: e.version });

const ACTIONS: Action[] = [
  {
    name: 'edit', activity: 'meetup.edited',
    run: ({ ctx, event }, cookie, token) => api(ctx, 'PUT', `/api/events/${event.id}`, { ...editBody(event), ...(token ? { token } : {}) }, cookie),
    done: ({ ctx, event }) => expect(ctx.events.events.get(event.id)).toMatchObject({ title: 'Lunch club (moved)', networkSlug: 'nlpn' }),
  },
  {
    name: 'publish', draft: true, activity: 'meetup.published',
    run: ({ ctx, event }, cookie, token) => api(ctx, 'POST', `/api/events/${event.id}/publish`, token ? { token } : {}, cookie),
    done: ({ ctx, event }) => expect(ctx.events.events.get(event.id)?.status).toBe('published'),
  },
  {
    name: 'cancel', activity: 'meetup.cancelled',
    run: ({ ctx, event }, cookie, token) => api(ctx, 'POST', `/api/events/${event.id}/cancel`, token ? { token } : {}, cookie),
    done: ({ ctx, event }) => expect(ctx.events.events.get(event.id)?.status).toBe('cancelled'),
  },
  {
    name: 'rsvp-settings', activity: 'meetup.rsvp-settings',
    run: ({ ctx, event }, cookie, token) => api(ctx, 'POST', `/api/events/${event.id}/rsvp-settings`, { rsvpsOpen: false, ...(token ? { token } : {}) }, cookie),
    done: ({ ctx, event }) => expect(ctx.events.events.get(event.id)?.rsvpsClosed).toBe(true),
  },
  {
    name: 'attendee list', attendees: true,
    run: ({ ctx, event }, cookie, token) => api(ctx, 'POST', `/api/events/${event.id}/attendees`, token ? { token } : {}, cookie),
  },
  {
    name: 'attendees.csv', attendees: true,
    run: ({ ctx, event }, cookie, token) => api(ctx, 'POST', `/api/events/${event.id}/attendees.csv`, token ? { token } : {}, cookie),
  },
  {
    name: 'remove attendee', activity: 'meetup.attendee-removed',
    run: ({ ctx, event, attendee }, cookie, token) => api(ctx, 'POST', `/api/events/${event.id}/attendees/${attendee}/remove`, token ? { token } : {}, cookie),
    done: async ({ ctx, event, attendee }) => {
      expect((await ctx.deps.rsvps.get(event.id, attendee))?.status).toBe('removed');
      expect(mails(ctx, 'rsvp-removed').map((m) => m.to)).toEqual([ATTENDEE]);
    },
  },
];

/** What a refused request must leave as it was. */
async function unchanged(m: Managed) {
  const { id, version, title, status, rsvpsClosed } = m.ctx.events.events.get(m.event.id)!;
  expect({ version, title, status, rsvpsClosed }).toEqual({ version: m.event.version, title: m.event.title, status: m.event.status, rsvpsClosed: m.event.rsvpsClosed });
  if (m.event.status !== 'draft') expect((await m.ctx.deps.rsvps.get(id, m.attendee))?.status).toBe('confirmed');
  expect(m.ctx.networks.activities).toEqual([]);
  expect(m.ctx.events.outbox).toEqual([]);
}

async function succeeds(m: Managed, action: Action, res: Response, actor: { email: string; name?: string; via: string }) {
  expect(res.status, await res.clone().text()).toBe(200);
  if (action.name === 'attendees.csv') expect(await res.text()).toContain(ATTENDEE);
  if (action.name === 'attendee list') expect(((await res.json()) as { attendees: { email: string }[] }).attendees.map((a) => a.email)).toEqual([ATTENDEE]);
  await action.done?.(m);
  // Reads write no line. A removal writes none yet: CancelInput (rsvps.repository.ts) has no place for one.
  if (action.activity || action.attendees)
    expect(m.ctx.networks.activities).toEqual(action.activity ? [expect.objectContaining({ slug: 'nlpn', eventId: m.event.id, action: action.activity, actor })] : []);
}

async function refused(m: Managed, res: Response, status: 401 | 403, error: string) {
  expect(res.status).toBe(status);
  expect(((await res.json()) as ErrorBody).error).toBe(error);
  await unchanged(m);
}

describe.each(ACTIONS)('managing a network’s meetup: $name', (action) => {
  const setUp = (days?: number) => managed({ ...(action.draft ? { draft: true } : {}), ...(days !== undefined ? { days } : {}) });

  it('its owner, signed in with no token, may', async () => {
    const m = await setUp();
    await succeeds(m, action, await action.run(m, signIn(m.ctx, OWNER)), { email: OWNER, name: 'Sam', via: 'session' });
  });

  it('an organiser of its network may', async () => {
    const m = await setUp();
    await succeeds(m, action, await action.run(m, signIn(m.ctx, ORGANISER)), { email: ORGANISER, name: 'org', via: 'session' });
  });

  it('the emailed manage link still works signed out', async () => {
    const m = await setUp();
    await succeeds(m, action, await action.run(m, undefined, m.token), { email: OWNER, name: 'Sam', via: 'manage-link' });
  });

  it('a non-member is refused with 403, and signed out with no token with 401', async () => {
    const m = await setUp();
    await refused(m, await action.run(m, signIn(m.ctx, STRANGER)), 403, 'not_your_meetup');
    await refused(m, await action.run(m, undefined), 401, 'sign_in_needed');
    // A wrong token is refused as a bad link, even signed in.
    await refused(m, await action.run(m, signIn(m.ctx, STRANGER), newToken()), 403, 'invalid_token');
  });

  it(action.attendees ? 'a helper may on the day, and is refused on other days' : 'a helper is refused, on the day too', async () => {
    for (const days of [5, -2]) {
      const m = await setUp(days);
      await refused(m, await action.run(m, signIn(m.ctx, HELPER)), 403, 'not_your_meetup');
    }
    const today = await setUp(0);
    const res = await action.run(today, signIn(today.ctx, HELPER));
    if (action.attendees) await succeeds(today, action, res, { email: HELPER, via: 'session' });
    else await refused(today, res, 403, 'not_your_meetup');
  });
});

describe('a helper’s day, as authority.ts draws it', () => {
  it('opens 12 hours before the start and closes 12 hours after the end', async () => {
    const { ctx, clock, event } = await managed({ days: 0 });
    const cookie = signIn(ctx, HELPER);
    const at = (ms: number) => {
      clock.set(new Date(ms).toISOString());
      return api(ctx, 'POST', `/api/events/${event.id}/attendees`, {}, cookie);
    };
    const [start, end, hours12] = [Date.parse(event.startUtc), Date.parse(event.endUtc), 12 * 3_600_000];
    expect((await at(start - hours12 - 60_000)).status).toBe(403);
    expect((await at(start - hours12)).status).toBe(200);
    expect((await at(end + hours12)).status).toBe(200);
    expect((await at(end + hours12 + 60_000)).status).toBe(403);
  });
});

describe('an older meetup’s free-text network, once someone creates a network of that name', () => {
  it('shows on the network’s page but stays its own lister’s: the team can’t manage it, see its attendees or get its replies', async () => {
    const { ctx, event } = await managed();
    // Stored before networks: the free-text name only, listed by OWNER; the network of that name is someone else's.
    const legacy = ctx.events.events.get(event.id)!;
    delete legacy.networkSlug;
    expect(legacy.network).toBe('Network nlpn');
    ctx.networks.networks.set('network-nlpn', network('network-nlpn', { name: 'Network nlpn' }));
    putNetwork(ctx, network('network-nlpn', { name: 'Network nlpn' }), [{ email: ORGANISER, role: 'organiser' }]);
    expect(await (await get(ctx, '/networks/network-nlpn')).text()).toContain('Lunch club');

    const cookie = signIn(ctx, ORGANISER);
    expect((await api(ctx, 'POST', `/api/events/${event.id}/attendees`, {}, cookie)).status).toBe(403);
    expect((await api(ctx, 'POST', `/api/events/${event.id}/cancel`, {}, cookie)).status).toBe(403);
    expect(ctx.events.events.get(event.id)!.status).toBe('published');
    expect(await (await get(ctx, '/me', cookie)).text()).not.toContain('Lunch club');
    expect(await replyToFor(ctx.deps, ctx.events.events.get(event.id)!)).toBeUndefined();
    // Its owner still manages it, signed in.
    expect((await api(ctx, 'POST', `/api/events/${event.id}/attendees`, {}, signIn(ctx, OWNER))).status).toBe(200);
  });
});

// ---- RSVPs signed in ----

const ME = 'morag@example.org';

/** The link in an RSVP email: `/rsvp/<id>/<key>[/cancel]#token=<43>`. */
function rsvpLink(mail: OutboxMessage) {
  const m = /\/rsvp\/([a-z0-9]+)\/([0-9a-f]+)#token=([A-Za-z0-9_-]{43})/.exec(mail.text);
  if (!m) throw new Error(`no confirm link in "${mail.subject}"`);
  return { key: m[2]!, token: m[3]! };
}

const statusOf = async (ctx: Ctx, e: StoredEvent, email: string) => (await ctx.deps.rsvps.get(e.id, rsvpKey(e.id, email)))?.status;

describe('reserving a place signed in: one tap', () => {
  it('confirms at once from the event page’s form, the name from the profile: "You’re in" emailed, no link to confirm', async () => {
    const ctx = inMemoryApp();
    const e = await meetup(ctx, { title: 'Cataloguing chat', organiser: OWNER, capacity: 5 });
    await ctx.sessions.rememberName(personId(ME), 'Morag');
    const cookie = signIn(ctx, ME);
    // The page is the same for everyone: its form posts here, and a signed-in tap needs neither name nor address.
    const page = await (await get(ctx, eventPath(e), cookie)).text();
    expect(page).toContain(`action="${eventPagePaths.rsvp(e.id)}"`);
    const res = await post(ctx, eventPagePaths.rsvp(e.id), { name: '', email: '', note: '' }, cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toContain('<h1>You’re in</h1>');
    expect(ctx.events.outbox.map((m) => [m.purpose, m.to])).toEqual([['rsvp-confirmed', ME]]);
    expect(ctx.events.outbox[0]!.subject).toBe("You're in: Cataloguing chat");
    expect(await ctx.deps.rsvps.get(e.id, rsvpKey(e.id, ME))).toMatchObject({ status: 'confirmed', name: 'Morag', email: ME });
    expect(ctx.events.events.get(e.id)?.confirmedCount).toBe(1);

    // Again: how it stands, and nothing changes.
    const again = await post(ctx, eventPagePaths.rsvp(e.id), { name: 'Morag', email: 'MORAG@example.org', note: '' }, cookie);
    expect(again.status).toBe(200);
    const text = await again.text();
    expect(text).toContain('<h1>You already have a place</h1>');
    expect(text).toContain('Nothing has changed');
    expect(ctx.events.outbox).toHaveLength(1);
    expect(await ctx.deps.rsvps.list(e.id)).toHaveLength(1);
    expect(ctx.events.events.get(e.id)?.confirmedCount).toBe(1);
  });

  it('confirms at once through the API, remembers the name given, joins the waitlist when full, and answers a repeat with `already`', async () => {
    const ctx = inMemoryApp();
    const e = await meetup(ctx, { title: 'Full teach meet', organiser: OWNER, capacity: 1 });
    const tap = (email: string, body: unknown = {}) => api(ctx, 'POST', `/api/events/${e.id}/rsvps`, body, signIn(ctx, email));
    const first = await tap(ME, { name: 'Morag' });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ status: 'confirmed', already: false });
    expect(await ctx.sessions.profile(personId(ME))).toMatchObject({ name: 'Morag' });
    const second = await tap('bo@example.org', { name: 'Bo' });
    expect(await second.json()).toMatchObject({ status: 'waitlisted', already: false, waitlistPosition: 1 });
    expect(ctx.events.outbox.map((m) => [m.purpose, m.to])).toEqual([['rsvp-confirmed', ME], ['rsvp-waitlisted', 'bo@example.org']]);

    const repeat = await tap(ME);
    expect(repeat.status).toBe(200);
    expect(await repeat.json()).toMatchObject({ status: 'confirmed', already: true });
    expect(ctx.events.outbox).toHaveLength(2);
    expect(ctx.events.events.get(e.id)).toMatchObject({ confirmedCount: 1, waitlistCount: 1 });
  });

  it('asks for a name when there is none to fill in, storing nothing', async () => {
    const ctx = inMemoryApp();
    const e = await meetup(ctx, { title: 'Cataloguing chat', organiser: OWNER });
    const cookie = signIn(ctx, ME);
    const res = await api(ctx, 'POST', `/api/events/${e.id}/rsvps`, {}, cookie);
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).details?.map((d) => d.field)).toEqual(['name']);
    const form = await post(ctx, eventPagePaths.rsvp(e.id), { name: '', email: '' }, cookie);
    expect(form.status).toBe(400);
    expect(await ctx.deps.rsvps.list(e.id)).toEqual([]);
    expect(ctx.events.outbox).toEqual([]);
  });

  it.each([
    ['signed out', undefined],
    ['signed in, for another address', ME],
  ])('keeps the emailed confirm link %s', async (_name, signedInAs) => {
    const ctx = inMemoryApp();
    const e = await meetup(ctx, { title: 'Cataloguing chat', organiser: OWNER });
    const cookie = signedInAs ? signIn(ctx, signedInAs) : undefined;
    const res = await post(ctx, eventPagePaths.rsvp(e.id), { name: 'Siân', email: 'sian@example.org', note: '' }, cookie);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<h1>Check your email</h1>');
    expect(ctx.events.outbox.map((m) => [m.purpose, m.to])).toEqual([['rsvp-confirm-link', 'sian@example.org']]);
    expect(await statusOf(ctx, e, 'sian@example.org')).toBe('pending');
    const json = await api(ctx, 'POST', `/api/events/${e.id}/rsvps`, { name: 'Cy', email: 'cy@example.org' }, cookie);
    expect(json.status).toBe(202);
    expect(await statusOf(ctx, e, 'cy@example.org')).toBe('pending');
  });
});

describe('cancelling my own place signed in', () => {
  it('frees the place for the first in line (page and API), then says there was nothing to cancel', async () => {
    const ctx = inMemoryApp();
    const e = await meetup(ctx, { title: 'Full teach meet', organiser: OWNER, capacity: 1 });
    const [mine, bo] = [signIn(ctx, ME), signIn(ctx, 'bo@example.org')];
    expect((await api(ctx, 'POST', `/api/events/${e.id}/rsvps`, { name: 'Morag' }, mine)).status).toBe(200);
    expect((await api(ctx, 'POST', `/api/events/${e.id}/rsvps`, { name: 'Bo' }, bo)).status).toBe(200);
    expect(await statusOf(ctx, e, 'bo@example.org')).toBe('waitlisted');

    const res = await post(ctx, eventPagePaths.cancelMine(e.id), {}, mine);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<h1>Your place is cancelled</h1>');
    expect(await statusOf(ctx, e, ME)).toBe('cancelled');
    expect(await statusOf(ctx, e, 'bo@example.org')).toBe('confirmed');
    expect(mails(ctx, 'rsvp-promoted').map((m) => m.to)).toEqual(['bo@example.org']);
    expect(ctx.events.events.get(e.id)).toMatchObject({ confirmedCount: 1, waitlistCount: 0 });
    const again = await post(ctx, eventPagePaths.cancelMine(e.id), {}, mine);
    expect(await again.text()).toContain('<h1>You had no place to cancel</h1>');

    // The API route, for Bo's promoted place.
    const api1 = await api(ctx, 'POST', `/api/events/${e.id}/rsvps/mine/cancel`, {}, bo);
    expect(api1.status).toBe(200);
    expect(await api1.json()).toMatchObject({ status: 'cancelled', already: false, promoted: false });
    expect(await (await api(ctx, 'POST', `/api/events/${e.id}/rsvps/mine/cancel`, {}, bo)).json()).toMatchObject({ status: 'cancelled', already: true });
    expect(ctx.events.events.get(e.id)).toMatchObject({ confirmedCount: 0, waitlistCount: 0 });
  });

  it('is 401 signed out and 404 for someone with no RSVP, changing nothing', async () => {
    const ctx = inMemoryApp();
    const e = await meetup(ctx, { title: 'Cataloguing chat', organiser: OWNER, capacity: 3 });
    expect((await api(ctx, 'POST', `/api/events/${e.id}/rsvps`, { name: 'Morag' }, signIn(ctx, ME))).status).toBe(200);
    const page = await post(ctx, eventPagePaths.cancelMine(e.id), {});
    expect(page.status).toBe(401);
    const res = await api(ctx, 'POST', `/api/events/${e.id}/rsvps/mine/cancel`, {});
    expect(res.status).toBe(401);
    expect(((await res.json()) as ErrorBody).error).toBe('sign_in_needed');
    const none = await api(ctx, 'POST', `/api/events/${e.id}/rsvps/mine/cancel`, {}, signIn(ctx, STRANGER));
    expect(none.status).toBe(404);
    expect(((await none.json()) as ErrorBody).error).toBe('no_rsvp');
    expect(await statusOf(ctx, e, ME)).toBe('confirmed');
    expect(ctx.events.events.get(e.id)?.confirmedCount).toBe(1);
  });
});

// ---- Reply-To ----

describe('Reply-To on attendees’ emails', () => {
  const hidden = { reason: 'Impersonation', at: '2026-11-01T00:00:00Z', by: 'operator@example.org' };
  it.each([
    ['a network’s meetup: the network’s contact address', 'nlpn', {}, 'contact.nlpn@example.org'],
    ['a meetup of no network: the organiser', undefined, {}, OWNER],
    ['a meetup of a hidden network: the organiser', 'nlpn', { hidden }, OWNER],
  ] as const)('%s', async (_name, slug, over, replyTo) => {
    const ctx = inMemoryApp();
    putNetwork(ctx, network('nlpn', { name: 'Manchester NLPN', ...over }), [{ email: ORGANISER, role: 'organiser' }]);
    const e = await meetup(ctx, { title: 'Lunch club', organiser: OWNER, capacity: 1, ...(slug ? { slug } : {}) });
    // Signed out: the confirm link, then "You're in".
    expect((await api(ctx, 'POST', `/api/events/${e.id}/rsvps`, { name: 'Siân', email: 'sian@example.org' })).status).toBe(202);
    const link = rsvpLink(mails(ctx, 'rsvp-confirm-link')[0]!);
    expect((await api(ctx, 'POST', `/api/events/${e.id}/rsvps/${link.key}/confirm`, { token: link.token })).status).toBe(200);
    // Signed in: one tap, onto the waitlist; then the owner removes Siân and the place goes to Morag.
    expect((await api(ctx, 'POST', `/api/events/${e.id}/rsvps`, { name: 'Morag' }, signIn(ctx, ME))).status).toBe(200);
    expect((await api(ctx, 'POST', `/api/events/${e.id}/attendees/${link.key}/remove`, {}, signIn(ctx, OWNER))).status).toBe(200);

    const purposes = ['rsvp-confirm-link', 'rsvp-confirmed', 'rsvp-waitlisted', 'rsvp-promoted', 'rsvp-removed'];
    expect(ctx.events.outbox.map((m) => [m.purpose, m.replyTo])).toEqual(purposes.map((p) => [p, replyTo]));
  });
});
