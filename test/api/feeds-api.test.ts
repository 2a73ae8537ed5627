// API: the calendar feeds in-process with in-memory parts — contents read back with ical.js, HTTP caching (ETag,
// Last-Modified, 304 without rendering, HEAD, gzip), 404s and 400s, privacy, and a person's own feed.
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inMemoryApp, tokenFrom, validMeetup } from '../support/fakes.ts';
import { parseIcs } from '../support/ical.ts';
import { teamOf } from '../support/signed-in.ts';
import type { FeedsRepository } from '#functions/feeds/feeds.repository.ts';
import type { AppDeps } from '#functions/apps/api/deps.ts';
import type { fixedClock } from '#functions/core/clock.ts';
import type { OutboxMessage } from '#functions/core/email.ts';

const json = (body: unknown) => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
type Ctx = ReturnType<typeof inMemoryApp>;

const setClock = (ctx: Ctx, iso: string) => (ctx.deps.clock as ReturnType<typeof fixedClock>).set(iso);

/** Lists and publishes a meetup, then lets a minute pass (feeds keep no validators for a few seconds after a change). */
async function publish(ctx: Ctx, over: Record<string, unknown> = {}, { settle = true } = {}) {
  const before = ctx.events.outbox.length;
  expect((await list(ctx, over)).status).toBe(202);
  const { id, token } = tokenFrom(ctx.events.outbox[before]!);
  expect((await ctx.app.request(`/api/events/${id}/publish`, json({ token }))).status).toBe(200);
  if (settle) setClock(ctx, new Date(ctx.deps.clock.now().getTime() + 60_000).toISOString());
  return { id, token };
}

async function edit(ctx: Ctx, id: string, token: string, over: Record<string, unknown>) {
  const managed = (await (await ctx.app.request(`/api/events/${id}/manage`, json({ token }))).json()) as { version: number };
  const res = await ctx.app.request(`/api/events/${id}`, { ...json({ ...validMeetup(over), token, version: managed.version }), method: 'PUT' });
  expect(res.status).toBe(200);
}

/**
 * Posts a listing. A `network` name is listed under that network by one of its organisers, signed in with another
 * address than the meetup's, so the organiser still gets the confirmation link.
 */
function list(ctx: Ctx, over: Record<string, unknown>) {
  const { network, ...rest } = over;
  if (typeof network !== 'string' || !network) return ctx.app.request('/api/events', json(validMeetup(rest)));
  const team = teamOf(ctx, network);
  const req = json(validMeetup({ ...rest, network: team.slug }));
  return ctx.app.request('/api/events', { ...req, headers: { ...req.headers, ...team.headers } });
}

/** Counts the reads that only rendering needs, to prove a 304 costs none of them. */
function countingFeeds(ctx: Ctx) {
  const counts = { events: 0 };
  const feeds = ctx.deps.feeds;
  const wrapped: FeedsRepository = { ...feeds, events: (...args) => (counts.events++, feeds.events(...args)) };
  return { counts, wrapped };
}

const get = (ctx: Ctx, path: string, headers: Record<string, string> = {}) => ctx.feedApp.request(path, { headers });

describe('the whole-site feed, /calendar.ics', () => {
  it('holds every published meetup, read back by ical.js to the same instants, places and statuses the API reports', async () => {
    const ctx = inMemoryApp();
    const a = await publish(ctx);
    const b = await publish(ctx, { title: 'Online chat', format: 'online', venue: undefined, onlineUrl: 'https://meet.example.org/x', timezone: 'America/New_York', start: '2026-12-10T19:00', end: '2026-12-10T20:00' });
    await ctx.app.request('/api/events', json(validMeetup({ title: 'A draft nobody confirmed' })));

    const res = await get(ctx, '/calendar.ics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    const text = await res.text();
    const feed = parseIcs(text);
    expect(feed.name).toBe('Signpost: free library and information meetups');
    expect(feed.method).toBe('PUBLISH');
    expect(feed.refreshInterval).toBe('PT1H');
    expect(feed.publishedTtl).toBe('PT1H');
    expect(feed.timezones.sort()).toEqual(['America/New_York', 'Europe/London']);
    expect(feed.events.map((e) => e.summary)).toEqual(['New professionals lunch club', 'Online chat']);

    for (const { id } of [a, b]) {
      const api = (await (await ctx.app.request(`/api/events/${id}`)).json()) as { title: string; start: { utc: string }; end: { utc: string }; url: string; venue?: string; onlineUrl?: string; timezone: string };
      const e = feed.events.find((x) => x.uid === `${id}@signpost`)!;
      expect(e.start).toBe(api.start.utc);
      expect(e.end).toBe(api.end.utc);
      expect(e.tzid).toBe(api.timezone);
      expect(e.url).toBe(api.url);
      // The joining link is private by default: the public feed says "Online" and never carries it.
      expect(e.location).toBe(api.venue?.replace(/\n+/g, ', ') ?? api.onlineUrl ?? 'Online');
      expect(e.status).toBe('CONFIRMED');
      expect(e.description).toContain('Free and open to everyone');
    }
    const lunch = feed.events[0]!;
    expect(lunch.categories).toEqual(['CPD', 'Networking']);
    expect(lunch.description).toContain('Accessibility: Step-free access.');
    expect(lunch.alarmTriggers).toEqual([]);
  });

  it('never carries personal data: no ORGANIZER, no addresses, no tokens', async () => {
    const ctx = inMemoryApp();
    const { id, token } = await publish(ctx);
    await ctx.app.request(`/api/events/${id}/rsvps`, json({ name: 'Ann Attendee', email: 'ann@example.org' }));
    const text = await (await get(ctx, '/calendar.ics')).text();
    expect(parseIcs(text).propertyNames.has('ORGANIZER')).toBe(false);
    expect(parseIcs(text).propertyNames.has('ATTENDEE')).toBe(false);
    for (const secret of ['sam.organiser@example.org', 'ann@example.org', 'Ann Attendee', token, '#token=', '/manage/', '/rsvp/']) expect(text).not.toContain(secret);
  });

  it('writes CRLF lines of at most 75 octets, folding multibyte titles without splitting a character', async () => {
    const ctx = inMemoryApp();
    const title = 'Cyfarfod llyfrgellwyr ifanc 🎉📚 — Ŵyl Ddarllen, Llanfair-ym-Muallt · Seó Éireannach: leabharlannaí óga';
    await publish(ctx, { title });
    const text = await (await get(ctx, '/calendar.ics')).text();
    expect(text.endsWith('\r\n')).toBe(true);
    const lines = text.split('\r\n').slice(0, -1);
    expect(lines.every((l) => !l.includes('\n') && !l.includes('\r'))).toBe(true);
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(lines.some((l) => l.startsWith(' '))).toBe(true);
    expect(text).not.toContain('\uFFFD');
    expect(parseIcs(text).events[0]!.summary).toBe(title);
  });

  it('keeps a cancelled meetup as STATUS:CANCELLED with the same UID and a higher SEQUENCE', async () => {
    const ctx = inMemoryApp();
    const { id, token } = await publish(ctx);
    const before = parseIcs(await (await get(ctx, '/calendar.ics')).text()).events[0]!;
    expect((await ctx.app.request(`/api/events/${id}/cancel`, json({ token }))).status).toBe(200);
    const after = parseIcs(await (await get(ctx, '/calendar.ics')).text()).events[0]!;
    expect(after.uid).toBe(before.uid);
    expect(after.status).toBe('CANCELLED');
    expect(after.summary).toBe('Cancelled: New professionals lunch club');
    expect(after.sequence).toBeGreaterThan(before.sequence);
  });

  it('shows an edit under the same UID with SEQUENCE raised, new times, and a new ETag', async () => {
    const ctx = inMemoryApp();
    const { id, token } = await publish(ctx);
    const first = await get(ctx, '/calendar.ics');
    const before = parseIcs(await first.text()).events[0]!;
    setClock(ctx, '2026-11-27T10:00:00Z');
    await edit(ctx, id, token, { start: '2026-12-03T13:00', end: '2026-12-03T14:00', venue: 'Room 2, Central Library' });
    const second = await get(ctx, '/calendar.ics', { 'if-none-match': first.headers.get('etag')! });
    expect(second.status).toBe(200);
    expect(second.headers.get('etag')).not.toBe(first.headers.get('etag'));
    const after = parseIcs(await second.text()).events[0]!;
    expect(after.uid).toBe(before.uid);
    expect(after.sequence).toBeGreaterThan(before.sequence);
    expect(after.start).toBe('2026-12-03T13:00:00.000Z');
    expect(after.location).toBe('Room 2, Central Library');
    expect(after.stamp).toBe('2026-11-27T10:00:00.000Z');
  });

  it('keeps the last 30 days and drops what started before them', async () => {
    const ctx = inMemoryApp();
    await publish(ctx);
    setClock(ctx, '2027-01-01T12:00:00Z');
    expect(parseIcs(await (await get(ctx, '/calendar.ics')).text()).events).toHaveLength(1);
    setClock(ctx, '2027-01-03T00:00:01Z');
    expect(parseIcs(await (await get(ctx, '/calendar.ics')).text()).events).toHaveLength(0);
  });

  it('adds a display alarm on request, and refuses an alarm it does not offer with a 400 naming the field', async () => {
    const ctx = inMemoryApp();
    await publish(ctx);
    const feed = parseIcs(await (await get(ctx, '/calendar.ics?alarm=60')).text());
    expect(feed.events[0]!.alarmTriggers).toEqual(['-PT1H']);
    const bad = await get(ctx, '/calendar.ics?alarm=7');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { details: { field: string }[] }).details[0]!.field).toBe('alarm');
  });
});

describe('HTTP caching of feeds', () => {
  it('answers 304 to If-None-Match and If-Modified-Since without reading the events or rendering', async () => {
    const ctx = inMemoryApp();
    await publish(ctx);
    const { counts, wrapped } = countingFeeds(ctx);
    ctx.deps.feeds = wrapped;
    const feedApp = (await import('#functions/apps/feeds/app.ts')).createFeedApp({ ...ctx.deps, renders: (await import('#functions/feeds/render-cache.ts')).renderCache() });
    setClock(ctx, '2026-11-27T09:10:00Z');

    const first = await feedApp.request('/calendar.ics');
    expect(first.status).toBe(200);
    expect(counts.events).toBe(1);
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    expect(etag).toMatch(/^"[\w-]{32}"$/);
    expect(new Date(lastModified).toISOString()).toBe('2026-11-27T09:00:00.000Z');

    const byTag = await feedApp.request('/calendar.ics', { headers: { 'if-none-match': etag } });
    expect(byTag.status).toBe(304);
    expect(await byTag.text()).toBe('');
    expect(byTag.headers.get('etag')).toBe(etag);
    expect(byTag.headers.get('cache-control')).toBe('public, max-age=300');
    const byDate = await feedApp.request('/calendar.ics', { headers: { 'if-modified-since': lastModified } });
    expect(byDate.status).toBe(304);
    const weakInList = await feedApp.request('/calendar.ics', { headers: { 'if-none-match': `"other", W/${etag}` } });
    expect(weakInList.status).toBe(304);
    expect(counts.events).toBe(1);

    // A warm full GET comes from memory too; a stale validator gets the whole feed.
    const again = await feedApp.request('/calendar.ics', { headers: { 'if-none-match': '"stale"' } });
    expect(again.status).toBe(200);
    expect(await again.text()).toBe(await first.clone().text());
    expect(counts.events).toBe(1);
    // If-None-Match wins over If-Modified-Since (RFC 9110).
    const both = await feedApp.request('/calendar.ics', { headers: { 'if-none-match': '"stale"', 'if-modified-since': lastModified } });
    expect(both.status).toBe(200);
  });

  it('answers HEAD with the GET headers and no body', async () => {
    const ctx = inMemoryApp();
    await publish(ctx);
    const full = await get(ctx, '/calendar.ics');
    const head = await ctx.feedApp.request('/calendar.ics', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    for (const h of ['etag', 'last-modified', 'content-type', 'cache-control', 'content-length']) expect(head.headers.get(h)).toBe(full.headers.get(h));
    expect(Number(head.headers.get('content-length'))).toBe(Buffer.byteLength(await full.text()));
  });

  it('sends gzip to clients that accept it, the same bytes once unpacked', async () => {
    const ctx = inMemoryApp();
    await publish(ctx);
    const plain = await get(ctx, '/calendar.ics');
    const zipped = await get(ctx, '/calendar.ics', { 'accept-encoding': 'br, gzip;q=0.8' });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toBe('Accept-Encoding');
    expect(zipped.headers.get('etag')).toBe(plain.headers.get('etag')!.replace(/"$/, '-gz"'));
    expect((await get(ctx, '/calendar.ics', { 'accept-encoding': 'gzip', 'if-none-match': zipped.headers.get('etag')! })).status).toBe(304);
    expect((await get(ctx, '/calendar.ics', { 'if-none-match': zipped.headers.get('etag')! })).status).toBe(200);
    expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString('utf8')).toBe(await plain.text());
    expect((await get(ctx, '/calendar.ics', { 'accept-encoding': 'gzip;q=0' })).headers.get('content-encoding')).toBeNull();
  });

  it('keeps no validators for a few seconds after a change, while the listing index catches up', async () => {
    const ctx = inMemoryApp();
    await publish(ctx, {}, { settle: false });
    const res = await get(ctx, '/calendar.ics');
    expect(res.headers.get('etag')).toBeNull();
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(parseIcs(await res.text()).events).toHaveLength(1);
  });
});

describe('network, tag and event feeds', () => {
  it('hold only their own meetups, named after the network or tag', async () => {
    const ctx = inMemoryApp();
    await publish(ctx, { network: 'Manchester NLPN' });
    await publish(ctx, { title: 'Library Camp', network: 'Library Camp', tags: ['Unconference'] });
    const network = parseIcs(await (await get(ctx, '/calendar/networks/manchester-nlpn.ics')).text());
    expect(network.name).toBe('Signpost: Manchester NLPN');
    expect(network.events.map((e) => e.summary)).toEqual(['New professionals lunch club']);
    const tag = parseIcs(await (await get(ctx, '/calendar/tags/unconference.ics')).text());
    expect(tag.name).toBe('Signpost: Unconference meetups');
    expect(tag.events.map((e) => e.summary)).toEqual(['Library Camp']);
  });

  it('answer 404 for an unknown network, tag or event, and for a draft; a network with no meetups yet has an empty feed', async () => {
    const ctx = inMemoryApp();
    await publish(ctx);
    expect((await list(ctx, { title: 'Draft', network: 'Secret network' })).status).toBe(202);
    const draftId = tokenFrom(ctx.events.outbox.at(-1)!).id;
    // A network that exists has a feed before its first meetup is published: subscribing early works. The draft is not in it.
    const early = await get(ctx, '/calendar/networks/secret-network.ics');
    expect(early.status).toBe(200);
    expect(parseIcs(await early.text()).events).toEqual([]);
    for (const path of ['/calendar/networks/nobody.ics', '/calendar/tags/nothing.ics', `/calendar/events/${draftId}.ics`, '/calendar/events/zzzzzzzzzz.ics', '/calendar/networks/Not%20A%20Slug.ics', '/calendar/nothing']) {
      const res = await get(ctx, path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
    }
  });

  it('serve one meetup as its own .ics, with validators from its version', async () => {
    const ctx = inMemoryApp();
    const { id, token } = await publish(ctx);
    const first = await get(ctx, `/calendar/events/${id}.ics`);
    const feed = parseIcs(await first.text());
    expect(feed.events.map((e) => e.uid)).toEqual([`${id}@signpost`]);
    expect(feed.timezones).toEqual(['Europe/London']);
    expect((await get(ctx, `/calendar/events/${id}.ics`, { 'if-none-match': first.headers.get('etag')! })).status).toBe(304);
    await edit(ctx, id, token, { title: 'Renamed lunch club' });
    const changed = await get(ctx, `/calendar/events/${id}.ics`, { 'if-none-match': first.headers.get('etag')! });
    expect(changed.status).toBe(200);
    expect(parseIcs(await changed.text()).events[0]!.summary).toBe('Renamed lunch club');
  });
});

describe("a person's own feed", () => {
  const feedLinkIn = (m: OutboxMessage) => /(https?:\/\/\S+\/calendar\/me\/[0-9a-f]{24}[\w-]{43}\.ics)/.exec(m.text)?.[1];

  async function rsvp(ctx: Ctx, eventId: string, email: string) {
    const before = ctx.events.outbox.length;
    expect((await ctx.app.request(`/api/events/${eventId}/rsvps`, json({ name: 'Ann', email }))).status).toBe(202);
    const m = /\/rsvp\/([a-z0-9]+)\/([\w-]+)#token=([\w-]{43})/.exec(ctx.events.outbox[before]!.text)!;
    const res = await ctx.app.request(`/api/events/${eventId}/rsvps/${m[2]}/confirm`, json({ token: m[3] }));
    expect(res.status).toBe(200);
    const mail = ctx.events.outbox.slice(before + 1).find((x) => x.to === email)!;
    return { key: m[2]!, mail, status: ((await res.json()) as { status: string }).status };
  }

  it('comes in the RSVP emails and holds the meetups the person is going to or waitlisted for', async () => {
    const ctx = inMemoryApp();
    const small = await publish(ctx, { title: 'Tiny meetup', capacity: 1 });
    const big = await publish(ctx, { title: 'Big meetup', network: 'Other' });
    await publish(ctx, { title: 'Not going' });
    await rsvp(ctx, small.id, 'first@example.org');
    const waiting = await rsvp(ctx, small.id, 'ann@example.org');
    expect(waiting.status).toBe('waitlisted');
    const going = await rsvp(ctx, big.id, 'ann@example.org');
    const link = feedLinkIn(going.mail)!;
    expect(link).toBeDefined();
    expect(feedLinkIn(waiting.mail)).toBe(link);
    expect(going.mail.text).toContain('/my-calendar#token=');

    const res = await get(ctx, new URL(link).pathname);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    const feed = parseIcs(await res.text());
    expect(feed.name).toBe('Signpost: my meetups');
    const byTitle = Object.fromEntries(feed.events.map((e) => [e.summary, e.status]));
    expect(byTitle).toEqual({ 'Big meetup': 'CONFIRMED', 'Waitlist: Tiny meetup': 'TENTATIVE' });
    expect((await get(ctx, new URL(link).pathname, { 'if-none-match': res.headers.get('etag')! })).status).toBe(304);
  });

  it('drops a meetup the person cancelled, with a new ETag', async () => {
    const ctx = inMemoryApp();
    const { id } = await publish(ctx);
    const going = await rsvp(ctx, id, 'ann@example.org');
    const path = new URL(feedLinkIn(going.mail)!).pathname;
    const first = await get(ctx, path);
    expect(parseIcs(await first.text()).events).toHaveLength(1);
    const cancel = /\/rsvp\/[a-z0-9]+\/[\w-]+\/cancel#token=([\w-]{43})/.exec(going.mail.text)![1]!;
    expect((await ctx.app.request(`/api/events/${id}/rsvps/${going.key}/cancel`, json({ token: cancel }))).status).toBe(200);
    const after = await get(ctx, path, { 'if-none-match': first.headers.get('etag')! });
    expect(after.status).toBe(200);
    expect(parseIcs(await after.text()).events).toHaveLength(0);
  });

  it('can be replaced from its page: the old link then gets 404 and the new one works', async () => {
    const ctx = inMemoryApp();
    const { id } = await publish(ctx);
    const going = await rsvp(ctx, id, 'ann@example.org');
    const token = /\/calendar\/me\/([\w-]+)\.ics/.exec(feedLinkIn(going.mail)!)![1]!;
    const info = await ctx.app.request('/api/calendar/me', json({ token }));
    expect(info.status).toBe(200);
    expect(await info.json()).toEqual({ feedUrl: `https://events.example.org/calendar/me/${token}.ics`, pageUrl: `https://events.example.org/my-calendar#token=${token}` });

    const replaced = await ctx.app.request('/api/calendar/me/replace', json({ token }));
    expect(replaced.status).toBe(200);
    const { feedUrl } = (await replaced.json()) as { feedUrl: string };
    expect(feedUrl).not.toContain(token);
    expect((await get(ctx, `/calendar/me/${token}.ics`)).status).toBe(404);
    expect((await ctx.app.request('/api/calendar/me', json({ token }))).status).toBe(404);
    expect((await ctx.app.request('/api/calendar/me/replace', json({ token }))).status).toBe(404);
    const fresh = await get(ctx, new URL(feedUrl).pathname);
    expect(parseIcs(await fresh.text()).events).toHaveLength(1);
  });

  it('refuses forged and malformed tokens', async () => {
    const ctx = inMemoryApp();
    const { id } = await publish(ctx);
    const going = await rsvp(ctx, id, 'ann@example.org');
    const token = /\/calendar\/me\/([\w-]+)\.ics/.exec(feedLinkIn(going.mail)!)![1]!;
    const forged = token.slice(0, 24) + (token[24] === 'A' ? 'B' : 'A') + token.slice(25);
    expect((await get(ctx, `/calendar/me/${forged}.ics`)).status).toBe(404);
    expect((await get(ctx, `/calendar/me/${token.slice(0, 40)}.ics`)).status).toBe(404);
    const bad = await ctx.app.request('/api/calendar/me', json({ token: 'short' }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { details: { field: string }[] }).details[0]!.field).toBe('token');
  });

  it('keeps tokens out of the request logs', async () => {
    const ctx = inMemoryApp();
    const { id } = await publish(ctx);
    const going = await rsvp(ctx, id, 'ann@example.org');
    const path = new URL(feedLinkIn(going.mail)!).pathname;
    const logLines: string[] = [];
    const { createLogger } = await import('#functions/core/log.ts');
    const { createFeedApp } = await import('#functions/apps/feeds/app.ts');
    const { renderCache } = await import('#functions/feeds/render-cache.ts');
    const app = createFeedApp({ ...(ctx.deps as AppDeps), renders: renderCache(), logger: createLogger('info', (l) => logLines.push(l)) });
    expect((await app.request(path)).status).toBe(200);
    expect(logLines.join('\n')).not.toContain(path.slice(13, 50));
    expect(logLines.join('\n')).toContain('/calendar/me/');
  });
});

describe('the joining link in feeds', () => {
  const JOIN = 'https://meet.example.org/private-room?pwd=s3cret';
  const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '');

  async function rsvp(ctx: Ctx, eventId: string, email: string) {
    const before = ctx.events.outbox.length;
    expect((await ctx.app.request(`/api/events/${eventId}/rsvps`, json({ name: 'Ann', email }))).status).toBe(202);
    const m = /\/rsvp\/([a-z0-9]+)\/([\w-]+)#token=([\w-]{43})/.exec(ctx.events.outbox[before]!.text)!;
    const res = await ctx.app.request(`/api/events/${eventId}/rsvps/${m[2]}/confirm`, json({ token: m[3] }));
    expect(res.status).toBe(200);
    const mail = ctx.events.outbox.slice(before + 1).find((x) => x.to === email)!;
    const feed = /(https?:\/\/\S+\/calendar\/me\/[0-9a-f]{24}[\w-]{43}\.ics)/.exec(mail.text)![1]!;
    return { status: ((await res.json()) as { status: string }).status, feedPath: new URL(feed).pathname };
  }

  it('is absent from every public feed, and present in the personal feed of a person with a confirmed place only', async () => {
    const ctx = inMemoryApp();
    const online = await publish(ctx, { title: 'Online chat', format: 'online', venue: undefined, onlineUrl: JOIN, capacity: 1, network: 'Online network', tags: ['Online'] });
    const hybrid = await publish(ctx, { title: 'Hybrid chat', format: 'hybrid', onlineUrl: JOIN });
    const going = await rsvp(ctx, online.id, 'going@example.org');
    await rsvp(ctx, hybrid.id, 'going@example.org');
    const waiting = await rsvp(ctx, online.id, 'waiting@example.org');
    expect([going.status, waiting.status]).toEqual(['confirmed', 'waitlisted']);

    for (const path of ['/calendar.ics', '/calendar/networks/online-network.ics', '/calendar/tags/online.ics', `/calendar/events/${online.id}.ics`, `/calendar/events/${hybrid.id}.ics`]) {
      const res = await get(ctx, path);
      expect(res.status, path).toBe(200);
      const text = unfold(await res.text());
      expect(text, path).not.toContain('meet.example.org');
      expect(text, path).toContain('The joining link is sent to everyone with a place.');
    }

    const mine = parseIcs(await (await get(ctx, going.feedPath)).text());
    const byTitle = Object.fromEntries(mine.events.map((e) => [e.summary, e]));
    expect(byTitle['Online chat']!.location).toBe(JOIN);
    expect(byTitle['Online chat']!.description).toContain(`Join online: ${JOIN}`);
    expect(byTitle['Hybrid chat']!.location).toBe("Central Library, St Peter's Square, Manchester");
    expect(byTitle['Hybrid chat']!.description).toContain(`Join online: ${JOIN}`);

    const theirs = await get(ctx, waiting.feedPath);
    const text = unfold(await theirs.text());
    expect(parseIcs(text).events.map((e) => e.summary)).toEqual(['Waitlist: Online chat']);
    expect(text).not.toContain('meet.example.org');
  });

  it('is in public feeds when the organiser made it public, and in no feed once the meetup is cancelled', async () => {
    const ctx = inMemoryApp();
    const open = await publish(ctx, { title: 'Open webinar', format: 'online', venue: undefined, onlineUrl: JOIN, onlineUrlPublic: true });
    const going = await rsvp(ctx, open.id, 'going@example.org');
    const before = parseIcs(await (await get(ctx, `/calendar/events/${open.id}.ics`)).text()).events[0]!;
    expect(before.location).toBe(JOIN);
    expect(before.description).toContain(`Join online: ${JOIN}`);

    expect((await ctx.app.request(`/api/events/${open.id}/cancel`, json({ token: open.token }))).status).toBe(200);
    setClock(ctx, new Date(ctx.deps.clock.now().getTime() + 60_000).toISOString());
    for (const path of ['/calendar.ics', `/calendar/events/${open.id}.ics`, going.feedPath]) {
      const text = unfold(await (await get(ctx, path)).text());
      expect(text, path).toContain('STATUS:CANCELLED');
      expect(text, path).not.toContain('meet.example.org');
    }
  });
});
