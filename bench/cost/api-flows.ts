// Cost bench: the flows people start through the API — listing meetups, managing and editing them, RSVPs, cancellations, pages.
import type { OutboxMessage } from '#functions/core/email.ts';
import type { AppDeps } from '#functions/apps/api/deps.ts';
import { hashSecret, newToken } from '#functions/core/ids.ts';
import { personId } from '#functions/core/person.ts';
import { SESSION_COOKIE } from '#functions/core/viewer.ts';
import type { Stage } from './stage.ts';
import type { Crowd } from './workload.ts';

const grab = (messages: OutboxMessage[], pattern: RegExp, to?: string) => {
  for (const m of messages) {
    if (to && m.to !== to) continue;
    const found = pattern.exec(m.text);
    if (found) return found;
  }
  throw new Error(`No link matching ${pattern} in ${messages.length} emails${to ? ` to ${to}` : ''}`);
};
/** Stores the network with `email` as its organiser and a session for them: the headers their requests carry. */
async function teamSession(deps: AppDeps, slug: string, email: string): Promise<Record<string, string>> {
  const at = deps.clock.now().toISOString();
  const created = await deps.networks.create(
    {
      slug, name: 'Library Information Network Ireland', tagline: '', description: '', accent: '#1d6b54', where: { kind: 'online' }, links: {},
      contactEmail: email, topics: [], status: 'active', createdAt: at, updatedAt: at, createdBy: email, version: 1,
    },
    [{ slug, personId: personId(email), email, name: 'Coordinator', role: 'organiser', showName: true, joinedAt: at }],
  );
  if (!created.ok) throw new Error(`network ${slug} exists already`);
  const secret = newToken();
  await deps.sessions.createSession({ id: hashSecret(secret), personId: personId(email), email, createdAt: at, expiresAt: Math.floor(deps.clock.now().getTime() / 1000) + 86_400 });
  return { cookie: `${SESSION_COOKIE}=${secret}`, origin: deps.siteUrl };
}

const LINKS = {
  listing: /\/confirm\/([a-z0-9]+)#token=([\w-]+)/,
  rsvpConfirm: /\/rsvp\/([a-z0-9]+)\/([0-9a-f]+)#token=([\w-]+)/,
  rsvpCancel: /\/rsvp\/([a-z0-9]+)\/([0-9a-f]+)\/cancel#token=([\w-]+)/,
  personalFeed: /\/calendar\/me\/([0-9a-f]{24}[A-Za-z0-9_-]{43})\.ics/,
};

export interface Listed { id: string; token: string; version: number; input: Record<string, unknown>; path: string }
export interface Person { email: string; eventId: string; key: string; cancelToken: string; feedToken: string }

/** Every API operation, in the order people make them; returns the meetups listed and the people who RSVPed. */
export async function apiFlows({ run, app, deps, operation, http, deliverQueued }: Stage, crowd: Crowd) {
  // ---- The network, and one of its organisers signed in (set-up, not an operation: each happens once a year) ----

  const slug = `lini-${run}`;
  const team = await teamSession(deps, slug, `coordinator-${run}@example.org`);

  // ---- The meetups ----

  const meetup = (n: number, overrides: Record<string, unknown> = {}) => ({
    title: `Cataloguing cafe ${n}: RDA questions answered`,
    description: 'Bring your trickiest records. Experienced cataloguers answer questions in a relaxed lunchtime session.\nNotes afterwards: https://notes.example.org/rda',
    start: `2030-06-${15 + 3 * n}T18:00`,
    end: `2030-06-${15 + 3 * n}T19:00`,
    timezone: 'Europe/London',
    format: 'online',
    onlineUrl: `https://meet.example.org/cafe-${n}`,
    organiserName: 'Aoife',
    organiserEmail: `organiser${n}-${run}@example.org`,
    network: slug,
    tags: ['Cataloguing', 'CPD'],
    ...overrides,
  });

  const listed: Listed[] = [];
  for (const [n, overrides] of [[0, { capacity: crowd.places }], [1, { format: 'in_person', onlineUrl: undefined, venue: 'Central Library\nDublin 1' }], [2, {}], [3, {}]] as const) {
    const input = meetup(n, overrides);
    const id = await operation('list a meetup', 'api', 'POST /api/events; confirm page: POST …/manage, POST …/publish', async (step) => {
      // Listed by the network's coordinator for each meetup's own organiser, who confirms it from the email (the
      // flow, emails and writes of a signed-out listing; an organiser listing for themselves skips the email).
      await step(() => http(app, 'POST', '/api/events', 202, input, team));
      const [, eventId, token] = grab(await deliverQueued(), LINKS.listing, input.organiserEmail);
      await step(() => http(app, 'POST', `/api/events/${eventId}/manage`, 200, { token }));
      const published = await step(() => http(app, 'POST', `/api/events/${eventId}/publish`, 200, { token }));
      const event = JSON.parse(published.text) as { version: number; url: string };
      listed.push({ id: eventId!, token: token!, version: event.version, input, path: new URL(event.url).pathname });
      return eventId;
    });
    if (!id) throw new Error('no meetup id');
  }
  const [m1, m2, m3] = listed as [Listed, Listed, Listed, Listed];

  for (const m of listed) {
    await operation('organiser opens the manage page', 'api', 'POST …/manage, POST …/attendees', async (step) => {
      await step(() => http(app, 'POST', `/api/events/${m.id}/manage`, 200, { token: m.token }));
      await step(() => http(app, 'POST', `/api/events/${m.id}/attendees`, 200, { token: m.token }));
    });
  }
  for (const m of [m2, m3]) {
    await operation('edit (description)', 'api', 'PUT /api/events/:id', async (step) => {
      const edited = await step(() => http(app, 'PUT', `/api/events/${m.id}`, 200, { ...m.input, description: `${m.input.description as string}\nRoom 2 this time.`, token: m.token, version: m.version }));
      m.version = (JSON.parse(edited.text) as { version: number }).version;
    });
  }

  // ---- RSVPs: 2 more than the first meetup has places (2 wait; 10 for 8 at full size), a few (4) on the second ----

  const people: Person[] = [];
  for (const [m, count] of [[m1, crowd.places + 2], [m2, crowd.secondMeetupRsvps]] as const) {
    for (let i = 0; i < count; i++) {
      const email = `person${people.length + 1}-${run}@example.org`;
      await operation('RSVP (request, then confirm from the email)', 'api', 'GET /events/:id/:slug is counted apart; POST …/rsvps; RSVP page: GET /api/events/:id, POST …/confirm', async (step) => {
        await step(() => http(app, 'POST', `/api/events/${m.id}/rsvps`, 202, { name: `Person ${people.length + 1}`, email }));
        const [, , key, token] = grab(await deliverQueued(), LINKS.rsvpConfirm, email);
        await step(() => http(app, 'GET', `/api/events/${m.id}`, 200));
        await step(() => http(app, 'POST', `/api/events/${m.id}/rsvps/${key}/confirm`, 200, { token }));
        const mails = await deliverQueued();
        const [, , , cancelToken] = grab(mails, LINKS.rsvpCancel, email);
        const [, feedToken] = grab(mails, LINKS.personalFeed, email);
        people.push({ email, eventId: m.id, key: key!, cancelToken: cancelToken!, feedToken: feedToken! });
      });
    }
  }

  const cancel = (name: string, p: Person) =>
    operation(name, 'api', 'cancel page: GET /api/events/:id, POST …/cancel', async (step) => {
      await step(() => http(app, 'GET', `/api/events/${p.eventId}`, 200));
      await step(() => http(app, 'POST', `/api/events/${p.eventId}/rsvps/${p.key}/cancel`, 200, { token: p.cancelToken }));
    });
  for (const p of people.filter((x) => x.eventId === m1.id).slice(0, 2)) {
    await cancel('cancel, the place goes to the first waiting', p);
    await deliverQueued();
  }
  for (const p of people.filter((x) => x.eventId === m2.id).slice(0, 2)) await cancel('cancel, nobody waiting', p);

  // The first meetup moves an hour later: a change notice, due 5 minutes on.
  await operation('edit (new time: notice to everyone going)', 'api', 'PUT /api/events/:id', async (step) => {
    await step(() => http(app, 'PUT', `/api/events/${m1.id}`, 200, { ...m1.input, start: '2030-06-15T19:00', end: '2030-06-15T20:00', token: m1.token, version: m1.version }));
  });
  const m1StartUtc = Date.parse('2030-06-15T18:00:00.000Z'); // 19:00 BST

  for (const m of listed) await operation('event page view', 'api', 'GET /events/:id/:slug', (step) => step(() => http(app, 'GET', m.path, 200)));
  for (const query of ['', `?network=${slug}`, '?tag=cpd', '', '?format=online']) {
    await operation('home page listing', 'api', 'GET /api/events', (step) => step(() => http(app, 'GET', `/api/events${query}`, 200)));
  }

  return { listed, people, m1, m1StartUtc };
}
