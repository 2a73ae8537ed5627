// Integration: a team's messages on DynamoDB Local and the SES emulator. A message to a meetup's attendees reaches
// everyone going, waitlisted or both once each, replies to the network, and carries a cancel link that works; a send
// cut short mid fan-out is finished by the sweep's message resumers, each person once; the day's limit refuses a
// fourth message and queues nothing; a follower message carries the one-click unsubscribe headers and List-Id; each
// message is a line in the network's activity list. Followers are seeded through the FollowersRepository port.
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '#functions/apps/api/app.ts';
import type { AppDeps } from '#functions/apps/api/deps.ts';
import { runSweeps } from '#functions/apps/reminders/sweeps.ts';
import { fixedClock } from '#functions/core/clock.ts';
import type { StoredFollower } from '#functions/core/follow.ts';
import { hashSecret, newId, newToken } from '#functions/core/ids.ts';
import { createLogger } from '#functions/core/log.ts';
import { outboxMessage, type OutboxMessage } from '#functions/core/email.ts';
import { personId } from '#functions/core/person.ts';
import { slugify } from '#functions/core/slug.ts';
import { dynamoAnnouncementsRepository } from '#functions/follows/dynamo-announcements.repository.ts';
import { followerLinks } from '#functions/follows/follower-links.ts';
import { memoryFollowersRepository } from '#functions/follows/memory-followers.repository.ts';
import type { FollowSweepDeps } from '#functions/follows/sweep.ts';
import type { BroadcastStore } from '#functions/mail/broadcasts.ts';
import { buildMime } from '#functions/mail/ses-mailer.ts';
import type { AttendeeClaims } from '#functions/messages/attendee-claims.ts';
import { dynamoAttendeeClaims } from '#functions/messages/dynamo-attendee-claims.ts';
import type { MessagesDeps } from '#functions/messages/deps.ts';
import { messageResumers } from '#functions/messages/use-cases.ts';
import { newRsvpFields } from '#functions/rsvps/rsvp.ts';
import { MAIL_FROM, inbox, sweepDepsFor, testStack } from '../support/stack.ts';

const clock = fixedClock('2027-02-01T09:00:00Z');
const SITE = 'http://localhost:3000';
let stack: Awaited<ReturnType<typeof testStack>>;
/** The app's deps with the attendee claims (apps/api wires them into AppDeps too). */
let deps: AppDeps & MessagesDeps;
let app: ReturnType<typeof createApp>;
// The DynamoDB followers adapter is another room's; messages read followers only through the port's active().
const followers = memoryFollowersRepository();
/** Every message claimed (followers' and attendees'), as the outbox stored it (to build the raw MIME the mailer sends). */
const queued: OutboxMessage[] = [];

const json = (a: ReturnType<typeof createApp>, path: string, body: unknown, headers: Record<string, string> = {}) =>
  a.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

/** A meetup of `network`, listed by its team's organiser (signed in): published at once. */
async function publish(network: string, capacity: number) {
  const slug = slugify(network);
  const team = await stack.asTeam({ network });
  const res = await json(app, '/api/events', {
    title: `Lunch club ${newId(4)}`, description: 'Sandwiches and cataloguing.', start: '2027-03-02T12:30', end: '2027-03-02T13:30',
    timezone: 'Europe/London', format: 'in_person', venue: 'Central Library', capacity, organiserName: 'Team', network: slug, organiserEmail: `team.${slug}@example.org`,
  }, team.headers);
  expect(res.status).toBe(201);
  const { id } = (await res.json()) as { id: string };
  return { id, slug, headers: team.headers };
}

/** `count` people who confirmed (the first `capacity` get places, the rest wait). */
async function people(eventId: string, count: number) {
  const event = (await stack.deps.events.get(eventId))!;
  const out: { key: string; email: string; status: string }[] = [];
  for (let i = 0; i < count; i++) {
    const token = newToken();
    const email = `m-${newId(8)}@example.org`;
    const fields = newRsvpFields(event, { name: `Person ${i}`, email }, hashSecret(token), clock.now());
    await stack.deps.rsvps.request(fields, [], outboxMessage({ to: email, subject: 's', text: 't', html: 'h' }, 'rsvp-confirm-link', clock.now()));
    const res = await json(app, `/api/events/${eventId}/rsvps/${fields.key}/confirm`, { token });
    out.push({ key: fields.key, email, status: ((await res.json()) as { status: string }).status });
  }
  return out;
}

async function messagesTo(email: string, subject: string) {
  await stack.deliver();
  return (await inbox(stack.sesEndpoint, email)).filter((m) => m.subject === subject);
}

const message = (subject: string, audience = 'going') => ({ audience, subject, body: `${subject}.\n\nSee https://example.org/slides` });

beforeAll(async () => {
  stack = await testStack(clock, SITE);
  const recording: BroadcastStore = {
    ...stack.deps.broadcasts,
    async claim(id, key, m, now) {
      const ok = await stack.deps.broadcasts.claim(id, key, m, now);
      if (ok) queued.push(m);
      return ok;
    },
  };
  const claims = dynamoAttendeeClaims(stack.dynamo, stack.tableName);
  const recordingClaims: AttendeeClaims = {
    async claim(c) {
      const ok = await claims.claim(c);
      if (ok) queued.push(c.message);
      return ok;
    },
  };
  deps = { ...stack.deps, followers, broadcasts: recording, attendeeClaims: recordingClaims };
  app = createApp(deps);
});

describe('a message to a meetup’s attendees', () => {
  let meetup: Awaited<ReturnType<typeof publish>>;
  let crowd: Awaited<ReturnType<typeof people>>;

  it('reaches those going, the waitlist, or both, once each, replying to the network', async () => {
    meetup = await publish('Messages Network', 2);
    crowd = await people(meetup.id, 3);
    expect(crowd.map((p) => p.status)).toEqual(['confirmed', 'confirmed', 'waitlisted']);
    const [a, b, c] = crowd;

    const sent = await json(app, `/api/events/${meetup.id}/messages`, message('Slides are up'), meetup.headers);
    expect(sent.status).toBe(202);
    expect(await sent.json()).toMatchObject({ recipients: 2, queued: 2 });
    expect((await json(app, `/api/events/${meetup.id}/messages`, message('Waitlist news', 'waitlist'), meetup.headers)).status).toBe(202);
    expect((await json(app, `/api/events/${meetup.id}/messages`, message('Room changed', 'both'), meetup.headers)).status).toBe(202);

    for (const p of [a!, b!]) {
      const mails = await messagesTo(p.email, 'Slides are up');
      expect(mails).toHaveLength(1);
      expect(mails[0]!.replyTo).toEqual(['team.messages-network@example.org']);
      expect(mails[0]!.body.text).toContain('See https://example.org/slides');
      expect(mails[0]!.body.text).toMatch(/\/rsvp\/[a-z0-9]+\/[\w-]+\/cancel#token=/);
      expect(await messagesTo(p.email, 'Waitlist news')).toEqual([]);
      expect(await messagesTo(p.email, 'Room changed')).toHaveLength(1);
    }
    expect(await messagesTo(c!.email, 'Slides are up')).toEqual([]);
    const waiting = await messagesTo(c!.email, 'Waitlist news');
    expect(waiting).toHaveLength(1);
    expect(waiting[0]!.body.text).toContain('Leave the waitlist');
    expect(await messagesTo(c!.email, 'Room changed')).toHaveLength(1);
    // Not list mail: no unsubscribe headers on an attendee's message.
    const raw = (await buildMime(MAIL_FROM, queued.find((m) => m.to === a!.email && m.subject === 'Slides are up')!)).toString('utf8');
    expect(raw).not.toMatch(/^List-(Unsubscribe|Id):/im);
  });

  it('refuses a fourth message that day, naming when, and queues nothing', async () => {
    const before = queued.length;
    const res = await json(app, `/api/events/${meetup.id}/messages`, message('One too many'), meetup.headers);
    expect(res.status).toBe(429);
    expect(((await res.json()) as { message: string }).message).toMatch(/after midnight UTC/);
    expect(queued.length).toBe(before);
    expect(await messagesTo(crowd[0]!.email, 'One too many')).toEqual([]);
    expect(await stack.deps.broadcasts.open(100)).toEqual([]);
  });

  it('is recorded in the network’s activity list: who sent it, to whom, the subject and how many', async () => {
    const lines = (await stack.deps.networks.activity(meetup.slug, 50)).filter((l) => l.action === 'meetup.messaged');
    expect(lines).toHaveLength(3);
    const slides = lines.find((l) => l.summary.includes('Slides are up'))!;
    expect(slides).toMatchObject({ eventId: meetup.id, actor: { email: 'team.messages-network@example.org', via: 'session' } });
    expect(slides.summary).toContain('2 people (everyone with a place)');
  });

  it('carries a cancel link that frees the place', async () => {
    const text = (await messagesTo(crowd[0]!.email, 'Room changed'))[0]!.body.text!;
    const [, id, key, token] = /\/rsvp\/([a-z0-9]+)\/([\w-]+)\/cancel#token=([\w-]+)/.exec(text)!;
    const res = await json(app, `/api/events/${id}/rsvps/${key}/cancel`, { token });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'cancelled', already: false });
  });
});

describe('a send cut short mid fan-out', () => {
  it('is finished by the sweep: everyone once, a suppressed address skipped', async () => {
    const meetup = await publish('Crash Messages Network', 20);
    const crowd = await people(meetup.id, 8);
    await stack.suppressions.mark(crowd[7]!.email, { reason: 'bounce', detail: 'Permanent/General', at: clock.now().toISOString() });
    let claims = 0;
    const crashing: AttendeeClaims = {
      claim: async (c) => {
        if (++claims > 3) throw new Error('the function ran out of time');
        return deps.attendeeClaims.claim(c);
      },
    };
    const flakyDeps: typeof deps = { ...deps, attendeeClaims: crashing };
    const flaky = createApp(flakyDeps);
    const res = await json(flaky, `/api/events/${meetup.id}/messages`, message('Bring your laptop'), meetup.headers);
    // Stored and on its way: the sweep finishes what the request could not.
    expect(res.status).toBe(202);
    expect(await stack.deps.broadcasts.open(100)).toHaveLength(1);

    const follows: FollowSweepDeps = {
      announcements: dynamoAnnouncementsRepository(stack.dynamo, stack.tableName), broadcasts: deps.broadcasts, followers, events: stack.deps.events,
      networks: stack.deps.networks, suppressions: stack.suppressions, clock, logger: createLogger('silent'), siteUrl: SITE, feedSecret: stack.deps.feedSecret,
    };
    const sweeps = { reminders: sweepDepsFor(stack, clock), follows, resumers: messageResumers({ ...deps, ...follows, rsvps: stack.deps.rsvps, attendeeClaims: deps.attendeeClaims }) };
    expect((await runSweeps(sweeps)).follows).toMatchObject({ broadcasts: 1, queued: 4 });
    expect((await runSweeps(sweeps)).follows).toMatchObject({ broadcasts: 0, queued: 0 });
    for (const p of crowd.slice(0, 7)) expect(await messagesTo(p.email, 'Bring your laptop'), p.email).toHaveLength(1);
    expect(await messagesTo(crowd[7]!.email, 'Bring your laptop')).toEqual([]);
  });
});

describe('a message to a network’s followers', () => {
  it('reaches each follower once, with List-Unsubscribe, List-Unsubscribe-Post and the List-Id', async () => {
    const { slug, headers } = await publish('Follower Messages Network', 10);
    const at = clock.now().toISOString();
    const fans: StoredFollower[] = [];
    for (const mode of ['each', 'digest'] as const) {
      const email = `fan-${newId(8)}@example.org`;
      fans.push({ networkSlug: slug, id: personId(email), email, mode, status: 'active', createdAt: at, confirmedAt: at, updatedAt: at });
      await followers.put(fans.at(-1)!);
    }
    const res = await json(app, `/api/networks/${slug}/messages`, { subject: 'Our spring season', body: 'Twelve lunches, one a month.' }, headers);
    expect(res.status).toBe(202);
    for (const f of fans) {
      const mails = await messagesTo(f.email, 'Our spring season');
      expect(mails).toHaveLength(1);
      expect(mails[0]!.body.text).toContain('You get this because you follow Follower Messages Network');
      const m = queued.find((q) => q.to === f.email)!;
      expect(m.purpose).toBe('message-followers');
      const links = followerLinks(SITE, await stack.deps.feedSecret(), slug, f.id);
      const mime = (await buildMime(MAIL_FROM, m)).toString('utf8').replace(/\r\n[ \t]+/g, ' ');
      expect(mime).toContain(`List-Unsubscribe: <${links.oneClick}>`);
      expect(mime).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
      expect(mime).toMatch(/^List-Id: "Follower Messages Network followers" <follower-messages-network\.followers\.localhost>$/im);
    }
    const line = (await stack.deps.networks.activity(slug, 10)).find((l) => l.action === 'network.messaged')!;
    expect(line.summary).toBe('Emailed the network’s 2 followers: “Our spring season”');
  });
});
