// Integration: announcements and digests to a network's followers on DynamoDB Local and the SES emulator, with a
// clock the tests move. Meetups are published through the API by their network's team; the follows sweep seals each
// network's gathering once due and fans it out, claiming each follower with their email, so a crash mid-sweep and a
// second sweep still mail everyone exactly once. Followers are seeded through the DynamoDB FollowersRepository (put).
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '#functions/apps/api/app.ts';
import { fixedClock } from '#functions/core/clock.ts';
import type { StoredFollower } from '#functions/core/follow.ts';
import { newId } from '#functions/core/ids.ts';
import { createLogger } from '#functions/core/log.ts';
import { personId } from '#functions/core/person.ts';
import { slugify } from '#functions/core/slug.ts';
import { dynamoAnnouncementsRepository } from '#functions/follows/dynamo-announcements.repository.ts';
import { followerLinks } from '#functions/follows/follower-links.ts';
import { isoWeek } from '#functions/follows/digest.ts';
import { sweepFollows, type FollowSweepDeps } from '#functions/follows/sweep.ts';
import { localDate } from '#functions/events/listing.ts';
import type { BroadcastStore } from '#functions/mail/broadcasts.ts';
import { buildMime } from '#functions/mail/ses-mailer.ts';
import type { OutboxMessage } from '#functions/core/email.ts';
import { MAIL_FROM, inbox, testStack } from '../support/stack.ts';

const clock = fixedClock('2027-01-04T09:00:00Z');
const SITE = 'http://localhost:3000';
let stack: Awaited<ReturnType<typeof testStack>>;
let app: ReturnType<typeof createApp>;
let deps: FollowSweepDeps;
/** Every message the fan-outs queued, as the outbox stored it (to build the raw MIME the mailer sends). */
const queued: OutboxMessage[] = [];

const minutes = (n: number) => clock.set(new Date(clock.now().getTime() + n * 60_000).toISOString());

/** A meetup of `network`, listed by its team's organiser signed in with the organiser address: published at once. */
async function publish(network: string, over: Record<string, unknown> = {}) {
  const slug = slugify(network);
  const team = await stack.asTeam({ network });
  const res = await app.request('/api/events', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...team.headers },
    body: JSON.stringify({
      title: `Lunch club ${newId(4)}`, description: 'Sandwiches and cataloguing.', start: '2027-03-02T12:30', end: '2027-03-02T13:30',
      timezone: 'Europe/London', format: 'in_person', venue: 'Central Library', capacity: 20, organiserName: 'Team',
      ...over, network: slug, organiserEmail: `team.${slug}@example.org`,
    }),
  });
  expect(res.status).toBe(201);
  const body = (await res.json()) as { id: string; status: string; title: string };
  expect(body.status).toBe('published');
  return { ...body, slug, headers: team.headers };
}

async function follow(slug: string, mode: StoredFollower['mode'], extra: Partial<StoredFollower> = {}) {
  const email = `f-${newId(8)}@example.org`;
  const at = clock.now().toISOString();
  const follower: StoredFollower = { networkSlug: slug, id: personId(email), email, mode, status: 'active', createdAt: at, confirmedAt: at, updatedAt: at, ...extra };
  await stack.deps.followers.put(follower);
  return follower;
}

/** What reached an address, after the mailer ran over everything pending. */
async function mailTo(email: string) {
  await stack.deliver();
  return inbox(stack.sesEndpoint, email);
}

/** The sweep's deps, with `broadcasts` wrapped (a crash after some claims). */
const withBroadcasts = (broadcasts: BroadcastStore): FollowSweepDeps => ({ ...deps, broadcasts });

/** A store whose fan-out stops (throws) after `k` claims, as a Lambda timing out or crashing would. */
function crashingAfter(k: number): BroadcastStore {
  let claims = 0;
  return {
    ...deps.broadcasts,
    async claim(...args) {
      if (claims++ >= k) throw new Error('crash mid-sweep');
      return deps.broadcasts.claim(...args);
    },
  };
}

beforeAll(async () => {
  stack = await testStack(clock, SITE);
  app = createApp(stack.deps);
  const recording: BroadcastStore = {
    ...stack.deps.broadcasts,
    async claim(id, key, message, now) {
      const ok = await stack.deps.broadcasts.claim(id, key, message, now);
      if (ok) queued.push(message);
      return ok;
    },
  };
  deps = {
    announcements: dynamoAnnouncementsRepository(stack.dynamo, stack.tableName),
    broadcasts: recording,
    followers: stack.deps.followers,
    events: stack.deps.events,
    networks: stack.deps.networks,
    suppressions: stack.suppressions,
    clock,
    logger: createLogger('silent'),
    siteUrl: SITE,
    feedSecret: stack.deps.feedSecret,
    concurrency: 3,
  };
});

describe('an announcement', () => {
  let network: Awaited<ReturnType<typeof publish>>;
  let each: StoredFollower[];
  let digestOnly: StoredFollower;

  it('goes to every "each meetup" follower exactly once, after a crash mid-sweep and a second sweep; digest followers get none', async () => {
    network = await publish('Announce Once Network', { title: 'Cataloguing lunch' });
    each = await Promise.all(Array.from({ length: 6 }, () => follow(network.slug, 'each')));
    digestOnly = await follow(network.slug, 'digest');

    // Still gathering: not due for ANNOUNCE_WINDOW_MINUTES.
    minutes(5);
    expect((await sweepFollows(deps)).sealed).toBe(0);

    minutes(6);
    await expect(sweepFollows(withBroadcasts(crashingAfter(2)))).rejects.toThrow(/fan-outs stopped/);
    const second = await sweepFollows(deps);
    expect(second).toMatchObject({ sealed: 0, broadcasts: 1, queued: 4 });
    // A third sweep finds nothing open.
    expect(await sweepFollows(deps)).toMatchObject({ broadcasts: 0, queued: 0 });

    for (const f of each) {
      const mails = (await mailTo(f.email)).filter((m) => m.subject.includes('Announce Once Network'));
      expect(mails.map((m) => m.subject)).toEqual(['New meetup from Announce Once Network: Cataloguing lunch']);
      expect(mails[0]!.body.text).toContain(`${SITE}/events/${network.id}/`);
      expect(mails[0]!.body.text).toContain('20 of 20 left');
      expect(mails[0]!.body.text).toContain('You get this because you follow Announce Once Network on Signpost');
      expect(mails[0]!.replyTo).toEqual(['team.announce-once-network@example.org']);
    }
    expect(await mailTo(digestOnly.email)).toEqual([]);
  });

  it('carries List-Unsubscribe, List-Unsubscribe-Post and the network\'s List-Id in the raw email the mailer sends', async () => {
    const message = queued.find((m) => m.to === each[0]!.email)!;
    expect(message.purpose).toBe('announcement');
    const links = followerLinks(SITE, await deps.feedSecret(), network.slug, each[0]!.id);
    const mime = (await buildMime(MAIL_FROM, message)).toString('utf8').replace(/\r\n[ \t]+/g, ' ');
    expect(mime).toContain(`List-Unsubscribe: <${links.oneClick}>`);
    expect(mime).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    // RFC 2919, readable as written: a quoted name and the id in angle brackets (never RFC 2047 encoded words).
    expect(mime).toMatch(/^List-Id: "Announce Once Network followers" <announce-once-network\.followers\.localhost>$/im);
    // The .ics is the public entry: no private link, no personal link.
    expect(mime).toMatch(/Content-Type: text\/calendar; ?charset=utf-8; ?method=PUBLISH/i);
  });

  it('is not sent again when the meetup is edited afterwards', async () => {
    const event = (await stack.deps.events.get(network.id))!;
    const res = await app.request(`/api/events/${network.id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...network.headers },
      body: JSON.stringify({
        title: 'Cataloguing lunch, new room', description: event.description, start: event.startLocal, end: event.endLocal, timezone: event.timezone,
        format: event.format, venue: 'Room 2, Central Library', capacity: 20, organiserName: 'Team', organiserEmail: event.organiserEmail,
        network: network.slug, version: event.version,
      }),
    });
    expect(res.status).toBe(200);
    minutes(15);
    expect(await sweepFollows(deps)).toMatchObject({ sealed: 0, queued: 0 });
    expect((await mailTo(each[1]!.email)).filter((m) => m.subject.startsWith('New meetup'))).toHaveLength(1);
  });
});

describe('several meetups published within the window', () => {
  it('become one email, and a suppressed follower is skipped without a claim', async () => {
    const first = await publish('Burst Network', { title: 'Morning coffee' });
    minutes(3);
    await publish('Burst Network', { title: 'Afternoon tea', start: '2027-03-09T15:00', end: '2027-03-09T16:00' });
    const [a, b] = await Promise.all([follow(first.slug, 'each'), follow(first.slug, 'each')]);
    await stack.suppressions.mark(b!.email, { reason: 'bounce', detail: 'Permanent/General', at: clock.now().toISOString() });

    minutes(8); // 11 minutes after the first: the gathering is due, holding both
    expect(await sweepFollows(deps)).toMatchObject({ sealed: 1, queued: 1, skipped: 1 });
    const mails = await mailTo(a!.email);
    expect(mails.map((m) => m.subject)).toEqual(['2 new meetups from Burst Network']);
    expect(mails[0]!.body.text).toContain('Morning coffee');
    expect(mails[0]!.body.text).toContain('Afternoon tea');
    expect(await mailTo(b!.email)).toEqual([]);
    expect(queued.some((m) => m.to === b!.email)).toBe(false);
  });
});

describe('the weekly digest', () => {
  it('sends nothing in a week with no meetups, and once when the weekly run repeats', async () => {
    const slug = 'digest-network';
    await stack.asTeam({ network: 'Digest Network' }); // the network, with nothing listed yet
    const reader = await follow(slug, 'digest');
    const each = await follow(slug, 'each');
    const week = isoWeek(localDate(clock.now()));

    // (Other tests' networks with digest followers and meetups get theirs; this one has nothing to list.)
    await sweepFollows(deps, { job: 'digest' });
    expect(await stack.deps.broadcasts.get(`digest-${slug}-${week}`)).toBeUndefined();
    expect(await mailTo(reader.email)).toEqual([]);

    // Next week, one meetup was listed meanwhile (announced to the "each" follower, not to the digest reader).
    clock.set(new Date(clock.now().getTime() + 7 * 86_400_000).toISOString());
    await publish('Digest Network', { title: 'Spring TeachMeet', start: '2027-03-20T10:00', end: '2027-03-20T16:00' });
    minutes(11);
    const nextWeek = isoWeek(localDate(clock.now()));
    expect(nextWeek).not.toBe(week);
    expect(await sweepFollows(deps, { job: 'digest' })).toMatchObject({ sealed: 1 });
    // The weekly run repeated (a retry): the digests exist already, so nothing is made or sent again.
    expect(await sweepFollows(deps, { job: 'digest' })).toMatchObject({ digests: 0, queued: 0 });

    const got = await mailTo(reader.email);
    expect(got.map((m) => m.subject)).toEqual(['This week at Digest Network: 1 new']);
    expect(got[0]!.body.text).toContain('New this week');
    expect(got[0]!.body.text).toContain('Spring TeachMeet');
    expect((await stack.deps.broadcasts.get(`digest-${slug}-${nextWeek}`))).toMatchObject({ status: 'done', queued: 1 });
    expect((await mailTo(each.email)).map((m) => m.subject)).toEqual(['New meetup from Digest Network: Spring TeachMeet']);
    expect(queued.find((m) => m.to === reader.email)?.purpose).toBe('digest');
  });
});
