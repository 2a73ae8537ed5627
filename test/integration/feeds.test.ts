// Integration: calendar feeds on DynamoDB Local and the SES emulator — feed versions moving in the save transaction,
// the listing index and BatchGetItem paths, clock changes in London and New York read back by ical.js, and a
// person's own feed from the link in their real email.
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '#functions/apps/api/app.ts';
import { createFeedApp } from '#functions/apps/feeds/app.ts';
import { renderCache } from '#functions/feeds/render-cache.ts';
import { fixedClock } from '#functions/core/clock.ts';
import { createEvent, publishEvent } from '#functions/events/event.ts';
import { eventInputSchema } from '#functions/events/event.schema.ts';
import { hashSecret, newId, newToken } from '#functions/core/ids.ts';
import { inbox, linkFrom, testStack } from '../support/stack.ts';
import { parseIcs } from '../support/ical.ts';

const clock = fixedClock('2026-11-27T09:00:00Z');
let stack: Awaited<ReturnType<typeof testStack>>;
let app: ReturnType<typeof createApp>;
let feeds: ReturnType<typeof createFeedApp>;

/** A JSON request; a body naming a network is sent by that network's team (stack.asTeam), as only a team may list under it. */
async function post(path: string, body: unknown, method = 'POST') {
  const team = body && typeof body === 'object' && !Array.isArray(body) ? await stack.asTeam(body as Record<string, unknown>) : { body, headers: {} };
  return app.request(path, { method, body: JSON.stringify(team.body), headers: { 'content-type': 'application/json', ...team.headers } });
}
/** Feeds keep no validators for a few seconds after a change; tests let a minute pass instead of sleeping. */
const later = (ms = 60_000) => clock.set(new Date(clock.now().getTime() + ms).toISOString());
const feed = async (path: string, headers: Record<string, string> = {}) => {
  const res = await feeds.request(path, { headers });
  return { res, ics: res.status === 200 ? parseIcs(await res.clone().text()) : undefined };
};

async function meetup(over: Record<string, unknown> = {}) {
  const organiser = `org-${newId(8)}@example.org`;
  const res = await post('/api/events', {
    title: 'Cataloguing cafe', description: 'Bring records.', start: '2026-12-10T13:00', end: '2026-12-10T14:00', timezone: 'Europe/London',
    format: 'in_person', venue: 'Central Library', organiserName: 'Aoife', organiserEmail: organiser, network: 'Feed Test Network', tags: ['Cataloguing'], ...over,
  });
  expect(res.status).toBe(202);
  await stack.deliver();
  const { id, token } = linkFrom((await inbox(stack.sesEndpoint, organiser)).at(-1)!, 'confirm');
  expect((await post(`/api/events/${id}/publish`, { token })).status).toBe(200);
  later();
  return { id, token };
}

const apiEvent = async (id: string) =>
  (await (await app.request(`/api/events/${id}`)).json()) as { start: { utc: string }; end: { utc: string }; timezone: string; version?: number };

beforeAll(async () => {
  stack = await testStack(clock);
  app = createApp(stack.deps);
  feeds = createFeedApp({ ...stack.deps, renders: renderCache() });
});

describe('clock changes, read back by ical.js through the VTIMEZONE we wrote', () => {
  // [name, local start, local end, the UTC instants they must be]. Times in the hour that happens twice are written in
  // UTC (RFC 5545 means the first occurrence, but ical.js and others read the second); the rest as TZID times.
  const cases: [string, string, string, string, string][] = [
    ['London, the night the clocks go back (Oct)', '2027-10-30T23:30', '2027-10-31T03:00', '2027-10-30T22:30:00.000Z', '2027-10-31T03:00:00.000Z'],
    ['London, the hour that happens twice takes the first', '2027-10-31T01:30', '2027-10-31T02:30', '2027-10-31T00:30:00.000Z', '2027-10-31T02:30:00.000Z'],
    ['London, the night the clocks go forward (Mar)', '2027-03-28T00:30', '2027-03-28T03:00', '2027-03-28T00:30:00.000Z', '2027-03-28T02:00:00.000Z'],
    ['London in summer', '2027-07-15T18:00', '2027-07-15T19:00', '2027-07-15T17:00:00.000Z', '2027-07-15T18:00:00.000Z'],
    ['New York, the morning DST starts', '2027-03-14T01:30', '2027-03-14T04:00', '2027-03-14T06:30:00.000Z', '2027-03-14T08:00:00.000Z'],
    ['New York, the hour that happens twice in November', '2027-11-07T01:30', '2027-11-07T03:00', '2027-11-07T05:30:00.000Z', '2027-11-07T08:00:00.000Z'],
  ];

  it.each(cases)('%s', async (_name, start, end, startUtc, endUtc) => {
    const timezone = start.startsWith('2027-03-14') || start.startsWith('2027-11-07') ? 'America/New_York' : 'Europe/London';
    const { id } = await meetup({ title: `DST ${start}`, start, end, timezone });
    const api = await apiEvent(id);
    expect([api.start.utc, api.end.utc]).toEqual([startUtc, endUtc]);
    for (const path of ['/calendar.ics', `/calendar/events/${id}.ics`, '/calendar/networks/feed-test-network.ics']) {
      const { ics } = await feed(path);
      const e = ics!.events.find((x) => x.uid === `${id}@signpost`)!;
      expect([e.start, e.end], path).toEqual([startUtc, endUtc]);
      if (_name.includes('twice')) {
        expect(e.tzid, path).toBeUndefined();
      } else {
        expect(e.tzid, path).toBe(timezone);
        expect(ics!.timezones, path).toContain(timezone);
      }
    }
  });
});

describe('feed versions on DynamoDB', () => {
  it('move with each save: a 304 until an edit, then the edit under the same UID with a higher SEQUENCE', async () => {
    const { id, token } = await meetup({ network: 'Versioned Network', title: 'Versioned' });
    const first = await feed('/calendar/networks/versioned-network.ics');
    const etag = first.res.headers.get('etag')!;
    expect(etag).toBeTruthy();
    expect((await feed('/calendar/networks/versioned-network.ics', { 'if-none-match': etag })).res.status).toBe(304);

    const managed = (await (await post(`/api/events/${id}/manage`, { token })).json()) as { version: number };
    const edited = await post(`/api/events/${id}`, {
      title: 'Versioned, renamed', description: 'Bring records.', start: '2026-12-10T15:00', end: '2026-12-10T16:00', timezone: 'Europe/London',
      format: 'in_person', venue: 'Central Library', organiserName: 'Aoife', organiserEmail: 'x@example.org', network: 'Versioned Network', tags: [],
      token, version: managed.version,
    }, 'PUT');
    expect(edited.status).toBe(200);
    later();
    const second = await feed('/calendar/networks/versioned-network.ics', { 'if-none-match': etag });
    expect(second.res.status).toBe(200);
    const [before, after] = [first.ics!.events[0]!, second.ics!.events[0]!];
    expect(after.uid).toBe(before.uid);
    expect(after.sequence).toBeGreaterThan(before.sequence);
    expect(after.summary).toBe('Versioned, renamed');
    expect(after.start).toBe('2026-12-10T15:00:00.000Z');
  });

  it('moves a meetup from one network feed to another, changing both', async () => {
    const { id, token } = await meetup({ network: 'Moving From', title: 'Mover' });
    const from = await feed('/calendar/networks/moving-from.ics');
    expect(from.ics!.events).toHaveLength(1);
    const managed = (await (await post(`/api/events/${id}/manage`, { token })).json()) as { version: number };
    expect((await post(`/api/events/${id}`, {
      title: 'Mover', description: 'Bring records.', start: '2026-12-10T13:00', end: '2026-12-10T14:00', timezone: 'Europe/London',
      format: 'in_person', venue: 'Central Library', organiserName: 'Aoife', organiserEmail: 'x@example.org', network: 'Moving To', tags: [],
      token, version: managed.version,
    }, 'PUT')).status).toBe(200);
    later();
    const stale = await feed('/calendar/networks/moving-from.ics', { 'if-none-match': from.res.headers.get('etag')! });
    expect(stale.res.status).toBe(200);
    expect(stale.ics!.events).toHaveLength(0);
    expect((await feed('/calendar/networks/moving-to.ics')).ics!.events.map((e) => e.summary)).toEqual(['Mover']);
  });

  it('answers 404 for a network that does not exist; a network with only a draft has an empty feed; drafts left out', async () => {
    expect((await post('/api/events', {
      title: 'Only a draft', description: 'x', start: '2026-12-10T13:00', end: '2026-12-10T14:00', timezone: 'Europe/London',
      format: 'online', onlineUrl: 'https://meet.example.org/d', organiserName: 'A', organiserEmail: 'draft@example.org', network: 'Draft Only Network',
    })).status).toBe(202);
    const early = await feed('/calendar/networks/draft-only-network.ics');
    expect(early.res.status).toBe(200);
    expect(early.ics!.events).toEqual([]);
    expect((await feed('/calendar/networks/no-such-network.ics')).res.status).toBe(404);
    expect((await feed('/calendar/tags/never-used.ics')).res.status).toBe(404);
    const all = await feed('/calendar.ics');
    expect(all.ics!.events.some((e) => e.summary === 'Only a draft')).toBe(false);
  });

  it('gathers a tag feed across many months and more than one BatchGetItem (over 100 events)', async () => {
    const input = eventInputSchema.parse({
      title: 'Bulk', description: 'x', start: '2026-12-01T10:00', end: '2026-12-01T11:00', timezone: 'Europe/Dublin',
      format: 'online', onlineUrl: 'https://meet.example.org/b', organiserName: 'B', organiserEmail: 'bulk@example.org', tags: ['Bulk tag'],
    });
    const now = clock.now();
    const drafts = Array.from({ length: 130 }, (_, i) => {
      const day = new Date(Date.UTC(2026, 11, 1) + i * 4 * 86_400_000).toISOString().slice(0, 10);
      return createEvent({ ...input, title: `Bulk ${i} — Ŵyl`, start: `${day}T10:00`, end: `${day}T11:00` }, { id: newId(), tokenHash: hashSecret(newToken()) }, now);
    });
    // Created together (each is its own item); published one after another, as each publish moves the same feed versions.
    await Promise.all(drafts.map((draft) => stack.deps.events.create(draft, [], [])));
    for (const draft of drafts) await stack.deps.events.save(publishEvent(draft, now), draft);
    const ids = drafts.map((d) => d.id);
    later();
    const { res, ics } = await feed('/calendar/tags/bulk-tag.ics');
    expect(res.status).toBe(200);
    expect(ics!.events).toHaveLength(130);
    expect(new Set(ics!.events.map((e) => e.uid))).toEqual(new Set(ids.map((id) => `${id}@signpost`)));
    expect(ics!.events.map((e) => e.start)).toEqual([...ics!.events.map((e) => e.start)].sort());
  });
});

describe("a person's own feed, from their real email", () => {
  it('lists their meetups, and stops working once they make a new link', async () => {
    const { id } = await meetup({ title: 'Personal feed meetup', network: 'Personal Network' });
    const email = `person-${newId(6)}@example.org`;
    expect((await post(`/api/events/${id}/rsvps`, { name: 'Pat', email })).status).toBe(202);
    await stack.deliver();
    const ask = (await inbox(stack.sesEndpoint, email))[0]!.body.text!;
    const [, key, token] = /\/rsvp\/[a-z0-9]+\/([\w-]+)#token=([\w-]{43})/.exec(ask)!;
    expect((await post(`/api/events/${id}/rsvps/${key}/confirm`, { token })).status).toBe(200);
    await stack.deliver();
    const confirmed = (await inbox(stack.sesEndpoint, email)).at(-1)!.body.text!;
    const feedUrl = /(https?:\/\/\S+\/calendar\/me\/[\w-]+\.ics)/.exec(confirmed)![1]!;
    expect(confirmed).toContain('/my-calendar#token=');

    const mine = await feed(new URL(feedUrl).pathname);
    expect(mine.res.headers.get('cache-control')).toBe('private, no-cache');
    expect(mine.ics!.events.map((e) => e.summary)).toEqual(['Personal feed meetup']);
    expect((await feed(new URL(feedUrl).pathname, { 'if-none-match': mine.res.headers.get('etag')! })).res.status).toBe(304);

    const personal = /\/calendar\/me\/([\w-]+)\.ics/.exec(feedUrl)![1]!;
    const replaced = await post('/api/calendar/me/replace', { token: personal });
    expect(replaced.status).toBe(200);
    expect((await feed(new URL(feedUrl).pathname)).res.status).toBe(404);
    const next = ((await replaced.json()) as { feedUrl: string }).feedUrl;
    expect((await feed(new URL(next).pathname)).ics!.events).toHaveLength(1);
  });
});
