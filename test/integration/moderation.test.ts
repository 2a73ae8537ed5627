// Integration: moderation on DynamoDB Local and the SES emulator, through the real adapters. A report is stored with
// its email in one transaction and listed on the operators' page; hiding a meetup takes its listing entries and
// network facet away and puts it in the hidden register, emails its owners (sent by the mailer), and unhiding brings
// them back; hiding a network hides its meetups (withNetwork) and unhiding it shows only those again. Also "Your
// meetups" from the table: the places a person holds, read from their partition.
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '#functions/apps/api/app.ts';
import { fixedClock } from '#functions/core/clock.ts';
import { eventPath, type StoredEvent } from '#functions/core/event.ts';
import { hashSecret, newId, newToken } from '#functions/core/ids.ts';
import type { StoredNetwork } from '#functions/core/network.ts';
import { personId } from '#functions/core/person.ts';
import { SESSION_COOKIE } from '#functions/core/viewer.ts';
import { createEvent, publishEvent } from '#functions/events/event.ts';
import { eventInputSchema } from '#functions/events/event.schema.ts';
import { newRsvpFields } from '#functions/rsvps/rsvp.ts';
import { OPERATOR_ACTIONS } from '#views/operator-page.ts';
import { validMeetup } from '../support/fakes.ts';
import { testStack, uniqueAddress, waitForEmail } from '../support/stack.ts';

const NOW = '2026-11-27T09:00:00Z';
const clock = fixedClock(NOW);
const SITE = 'http://localhost:3000';
const OPERATOR = 'operator@example.org';
let stack: Awaited<ReturnType<typeof testStack>>;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  stack = await testStack(clock, SITE);
  app = createApp({ ...stack.deps, operatorEmail: 'ops@example.org' });
});

async function signIn(email: string) {
  const secret = newToken();
  await stack.deps.sessions.createSession({ id: hashSecret(secret), personId: personId(email), email, createdAt: NOW, expiresAt: Math.floor(Date.parse(NOW) / 1000) + 86_400 });
  return `${SESSION_COOKIE}=${secret}`;
}

const post = (path: string, fields: Record<string, string>, cookie?: string) =>
  app.request(path, { method: 'POST', body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', origin: SITE, ...(cookie ? { cookie } : {}) } });

async function meetup(title: string, organiser: string, slug?: string): Promise<StoredEvent> {
  const input = eventInputSchema.parse(validMeetup({ title, organiserEmail: organiser, network: slug ? `Network ${slug}` : undefined, start: '2026-12-09T12:30', end: '2026-12-09T13:30' }));
  const draft: StoredEvent = { ...createEvent(input, { id: newId(), tokenHash: hashSecret(newToken()) }, new Date(NOW)), ...(slug ? { networkSlug: slug } : {}) };
  expect((await stack.deps.events.create(draft, [], [])).ok).toBe(true);
  const published = publishEvent(draft, new Date(NOW));
  expect((await stack.deps.events.save(published, draft)).ok).toBe(true);
  return published;
}

async function network(slug: string, organiser: string): Promise<StoredNetwork> {
  const n: StoredNetwork = {
    slug, name: `Network ${slug}`, tagline: '', description: '', accent: '#1d6b54', where: { kind: 'online' }, links: {}, contactEmail: organiser, topics: [],
    status: 'active', createdAt: NOW, updatedAt: NOW, createdBy: organiser, version: 1,
  };
  const made = await stack.deps.networks.create(n, [{ slug, personId: personId(organiser), email: organiser, name: 'Lead', role: 'organiser', showName: true, joinedAt: NOW }]);
  expect(made.ok).toBe(true);
  return n;
}

/** The meetups the public listing and a network's facet hold (the index is eventually consistent: polled briefly). */
async function listedIds(facet = 'all'): Promise<string[]> {
  const page = await stack.deps.events.list({ facet, fromSortKey: '2026-11-01', fromMonth: '2026-11', lastMonth: '2027-01', endsAfter: NOW, words: [] }, 100);
  return page.items.map((e) => e.id);
}
async function eventually(check: () => Promise<boolean>) {
  for (let i = 0; i < 50 && !(await check()); i++) await new Promise((r) => setTimeout(r, 100));
  expect(await check()).toBe(true);
}

describe('reports', () => {
  it('are stored with their email in one write and listed newest first', async () => {
    const owner = uniqueAddress('reported');
    const e = await meetup('Reported meetup', owner);
    const res = await post(`/events/${e.id}/report`, { reason: 'spam', details: 'An advert', replyTo: 'reporter@example.org' });
    expect(res.status).toBe(200);
    await eventually(async () => (await stack.deps.reports.recent(10)).some((r) => r.eventId === e.id));
    const [stored] = (await stack.deps.reports.recent(10)).filter((r) => r.eventId === e.id);
    expect(stored).toMatchObject({ reason: 'spam', details: 'An advert', replyTo: 'reporter@example.org', eventTitle: 'Reported meetup', eventPath: eventPath(e) });
    await stack.deliver();
    expect((await waitForEmail(stack.sesEndpoint, 'ops@example.org', /^Report: Reported meetup/)).body.text).toContain('An advert');
    const page = await (await app.request('/operator', { headers: { cookie: await signIn(OPERATOR) } })).text();
    expect(page).toContain('Reported meetup');
    expect(page).toContain('reporter@example.org');
  });
});

describe('hiding and unhiding', () => {
  it('a meetup leaves the listings and its network facet, its owners are emailed, and unhiding restores it', async () => {
    const lead = uniqueAddress('lead');
    const owner = uniqueAddress('owner');
    await network('hide-one', lead);
    const e = await meetup('Meetup to hide', owner, 'hide-one');
    await eventually(async () => (await listedIds('net:hide-one')).includes(e.id));
    const op = await signIn(OPERATOR);

    const res = await post(OPERATOR_ACTIONS.hideMeetup, { meetup: e.id, reason: 'Impersonation' }, op);
    expect(res.status).toBe(303);
    expect((await stack.deps.events.get(e.id))!.hidden).toMatchObject({ reason: 'Impersonation', by: OPERATOR });
    await eventually(async () => !(await listedIds()).includes(e.id) && !(await listedIds('net:hide-one')).includes(e.id));
    expect((await app.request(eventPath(e))).status).toBe(404);
    expect((await stack.deps.hiddenMeetups.list()).map((h) => h.eventId)).toContain(e.id);
    expect((await stack.deps.networks.activity('hide-one', 10)).some((a) => a.action === 'meetup.hidden')).toBe(true);
    await stack.deliver();
    for (const to of [owner, lead]) expect((await waitForEmail(stack.sesEndpoint, to, /hidden: Meetup to hide/)).body.text).toContain('Impersonation');
    expect(await (await app.request('/me', { headers: { cookie: await signIn(owner) } })).text()).toContain('Impersonation');

    await post(OPERATOR_ACTIONS.unhideMeetup, { meetup: e.id, reason: 'Fine after all' }, op);
    expect((await stack.deps.events.get(e.id))!.hidden).toBeUndefined();
    await eventually(async () => (await listedIds()).includes(e.id) && (await listedIds('net:hide-one')).includes(e.id));
    expect((await stack.deps.hiddenMeetups.list()).map((h) => h.eventId)).not.toContain(e.id);
  });

  it('a network hides its meetups, and unhiding it shows only those hidden with it', async () => {
    const lead = uniqueAddress('netlead');
    await network('hide-net', lead);
    const withIt = await meetup('Hidden with the network', uniqueAddress('a'), 'hide-net');
    const alone = await meetup('Hidden on its own', uniqueAddress('b'), 'hide-net');
    await eventually(async () => (await listedIds('net:hide-net')).length === 2);
    const op = await signIn(OPERATOR);
    await post(OPERATOR_ACTIONS.hideMeetup, { meetup: alone.id, reason: 'Spam' }, op);

    expect((await post(OPERATOR_ACTIONS.hideNetwork, { network: 'hide-net', reason: 'Fake network' }, op)).headers.get('location')).toBe('/operator?done=network-hidden');
    expect((await stack.deps.networks.get('hide-net'))!.hidden).toMatchObject({ reason: 'Fake network' });
    expect((await stack.deps.events.get(withIt.id))!.hidden).toMatchObject({ withNetwork: true });
    await eventually(async () => (await listedIds('net:hide-net')).length === 0);
    await stack.deliver();
    expect((await waitForEmail(stack.sesEndpoint, lead, /network has been hidden/)).body.text).toContain('Fake network');

    await post(OPERATOR_ACTIONS.unhideNetwork, { network: 'hide-net', reason: 'Verified' }, op);
    expect((await stack.deps.networks.get('hide-net'))!.hidden).toBeUndefined();
    expect((await stack.deps.events.get(withIt.id))!.hidden).toBeUndefined();
    expect((await stack.deps.events.get(alone.id))!.hidden).toMatchObject({ reason: 'Spam' });
    await eventually(async () => JSON.stringify(await listedIds('net:hide-net')) === JSON.stringify([withIt.id]));
  });
});

describe('your places, from the table', () => {
  it('reads a person’s RSVPs from their partition, each with its meetup', async () => {
    const e = await meetup('A meetup with a place', uniqueAddress('org'));
    const me = uniqueAddress('attendee');
    const key = personId(me);
    const requested = await stack.deps.rsvps.request(
      newRsvpFields(e, { name: 'Pat', email: me }, 'hash', new Date(NOW)),
      [],
      { id: newId(), purpose: 'rsvp-confirm-link', createdAt: NOW, to: me, subject: 's', text: 't', html: 'h' },
    );
    expect(requested.ok).toBe(true);
    const places = await stack.deps.myPlaces.placesOf(key);
    expect(places.map((p) => [p.event.id, p.rsvp.status])).toEqual([[e.id, 'pending']]);
    expect(await stack.deps.myPlaces.placesOf(personId(uniqueAddress('nobody')))).toEqual([]);
  });
});
