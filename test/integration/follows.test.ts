// Integration: following a network on DynamoDB Local and the SES emulator. The form's POST writes a pending follow,
// its rate-limit claims and its confirmation email in one transaction; the mailer sends it; the link's GET changes
// nothing and its button confirms, counted once in the month's counter. A second request from the same address gets
// the same answer, an "already follow" email and no second follower; RFC 8058 one-click unfollows at once and counts
// once however often it is pressed. The team's numbers come from the counters beside the followers.
import { beforeAll, describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createApp } from '#functions/apps/api/app.ts';
import { fixedClock } from '#functions/core/clock.ts';
import { FOLLOW_PAGES } from '#functions/core/paths.ts';
import { personId } from '#functions/core/person.ts';
import { slugify } from '#functions/core/slug.ts';
import { followerLinks } from '#functions/follows/follower-links.ts';
import { documentClient, queryAll } from '#functions/table/client.ts';
import { followerKey, followersPartition } from '#functions/table/items/follower.ts';
import { FEED_SECRET, inbox, testStack, uniqueAddress, waitForEmail, type StoredEmail } from '../support/stack.ts';

const clock = fixedClock('2027-02-10T09:00:00Z');
const SITE = 'http://localhost:3000';
let stack: Awaited<ReturnType<typeof testStack>>;
let app: ReturnType<typeof createApp>;
let slug: string;

const post = (path: string, fields: Record<string, string>) =>
  app.request(path, { method: 'POST', body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', origin: SITE } });

const storedFollower = async (email: string) =>
  (await documentClient(stack.dynamo).send(new GetCommand({ TableName: stack.tableName, Key: followerKey(slug, personId(email)), ConsistentRead: true }))).Item;

const followerItems = async () =>
  (await queryAll(stack.dynamo, {
    TableName: stack.tableName,
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
    ExpressionAttributeValues: { ':pk': followersPartition(slug), ':sk': 'FOLLOWER#' },
    ConsistentRead: true,
  }));

/** The confirmation link's path and token, from the email the emulator received. */
function confirmLink(mail: StoredEmail) {
  const m = /https?:\/\/[^\s]+(\/follows\/[a-z0-9-]+\/[0-9a-f]{24}\/confirm)\?token=([A-Za-z0-9_-]{43})/.exec(mail.body.text ?? '');
  if (!m) throw new Error('no confirmation link in the email');
  return { path: m[1]!, token: m[2]! };
}

/** Waits for the `n`th email to `email` (the emulator keeps every one). */
async function nthEmail(email: string, n: number): Promise<StoredEmail> {
  await stack.deliver();
  for (let tries = 0; ; tries++) {
    const all = await inbox(stack.sesEndpoint, email);
    if (all.length >= n) return all[n - 1]!;
    if (tries > 200) throw new Error(`Email ${n} never reached ${email}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  stack = await testStack(clock, SITE);
  app = createApp(stack.deps);
  await stack.asTeam({ network: 'Follow Flow Network' });
  slug = slugify('Follow Flow Network');
});

describe('following a network', () => {
  const email = uniqueAddress('follower');

  it('is double opt-in: a pending follow and its email; the link\'s page changes nothing; its button confirms, counted once', async () => {
    const res = await post(FOLLOW_PAGES.follow(slug), { name: 'Pat', email, mode: 'digest', timezone: 'Australia/Sydney', website: '' });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('Check your inbox');
    expect(page).toContain(email);

    const pending = await storedFollower(email);
    expect(pending).toMatchObject({ status: 'pending', mode: 'digest', name: 'Pat', timezone: 'Australia/Sydney', expiresAt: Date.parse('2027-02-17T09:00:00Z') / 1000 });
    expect(pending?.GSI1PK).toBeUndefined();
    expect((await stack.deps.followers.stats(slug, 1, clock.now())).count).toBe(0);

    await stack.deliver();
    const mail = await waitForEmail(stack.sesEndpoint, email, /^Confirm you want to follow Follow Flow Network$/);
    // Until the address confirms, nothing typed but the address reaches its inbox.
    expect(mail.body.text).toContain('Hello there,');
    expect(mail.replyTo).toContain(`team.${slug}@example.org`);
    const link = confirmLink(mail);
    expect(JSON.stringify(pending)).not.toContain(link.token);

    // A mail scanner opening the link, twice.
    for (let i = 0; i < 2; i++) {
      const opened = await app.request(`${link.path}?token=${link.token}`);
      expect(opened.status).toBe(200);
      expect(await opened.text()).toMatch(/<button type="submit" class="button" id="follow-confirm">Confirm<\/button>/);
    }
    expect((await storedFollower(email))?.status).toBe('pending');

    const confirmed = await post(link.path, { token: link.token });
    expect(confirmed.status).toBe(200);
    const done = await confirmed.text();
    expect(done).toContain('You follow Follow Flow Network');
    // It says how often, and gives the follow's settings link at once, before any email carries it.
    expect(done).toContain('a weekly digest of its meetups');
    expect(done).toMatch(new RegExp(`<a href="[^"]*/follows/${slug}/${personId(email)}\\?token=[\\w-]+">Change how often, or unfollow</a>`));
    const active = await storedFollower(email);
    expect(active).toMatchObject({ status: 'active', confirmedAt: '2027-02-10T09:00:00.000Z', GSI1PK: `FOLLOWS#${personId(email)}`, GSI1SK: slug });
    expect(active?.expiresAt).toBeUndefined();

    // The button pressed again: the same answer, counted once.
    const again = await post(link.path, { token: link.token });
    expect(await again.text()).toContain('You had confirmed already');
    expect(await stack.deps.followers.stats(slug, 2, clock.now())).toEqual({ count: 1, months: [{ month: '2027-01', joined: 0, left: 0 }, { month: '2027-02', joined: 1, left: 0 }] });
    expect((await stack.deps.followers.active(slug)).map((f) => f.email)).toEqual([email]);
    expect((await stack.deps.followers.followedBy(personId(email))).map((f) => f.networkSlug)).toEqual([slug]);
  });

  it('answers a second request from the same address the same way, with an "already follow" email, and changes nothing', async () => {
    const before = await storedFollower(email);
    const res = await post(FOLLOW_PAGES.follow(slug), { email: email.toUpperCase(), mode: 'each' });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('Check your inbox');
    // The page is the first one's, but for the address as stored (lower case): nothing tells the two apart.
    const stranger = await post(FOLLOW_PAGES.follow(slug), { email: uniqueAddress('stranger').toUpperCase(), mode: 'each' });
    expect(stranger.status).toBe(200);
    const strip = (html: string) => html.replace(/<strong>[^<]*<\/strong>/, '');
    expect(strip(page)).toBe(strip(await stranger.text()));

    const mail = await nthEmail(email, 2);
    expect(mail.subject).toBe('You already follow Follow Flow Network');
    expect(mail.body.text).toContain(followerLinks(SITE, new TextEncoder().encode(FEED_SECRET), slug, personId(email)).settings);
    expect(mail.body.text).not.toMatch(/\/confirm\?token=/);
    expect(await storedFollower(email)).toEqual(before);
    expect((await followerItems()).filter((i) => i.status === 'active')).toHaveLength(1);
    expect((await stack.deps.followers.stats(slug, 1, clock.now())).count).toBe(1);
  });

  it('replaces a pending follow\'s token when asked again: only the newest link confirms', async () => {
    const other = uniqueAddress('twice');
    await post(FOLLOW_PAGES.follow(slug), { email: other });
    const first = confirmLink(await nthEmail(other, 1));
    await post(FOLLOW_PAGES.follow(slug), { email: other, mode: 'digest' });
    const second = confirmLink(await nthEmail(other, 2));
    expect(second.token).not.toBe(first.token);

    const stale = await post(first.path, { token: first.token });
    expect(stale.status).toBe(410);
    expect(await stale.text()).toContain('This link no longer works');
    expect((await storedFollower(other))?.status).toBe('pending');
    expect((await post(second.path, { token: second.token })).status).toBe(200);
    expect(await storedFollower(other)).toMatchObject({ status: 'active', mode: 'digest' });
    expect((await stack.deps.followers.stats(slug, 1, clock.now())).count).toBe(2);
  });

  it('ends at once by RFC 8058 one-click, counted as left once however often it is pressed', async () => {
    const { oneClick } = followerLinks(SITE, new TextEncoder().encode(FEED_SECRET), slug, personId(email));
    const path = oneClick.slice(SITE.length);
    clock.set('2027-03-01T10:00:00Z');
    for (let i = 0; i < 2; i++) {
      const res = await app.request(path, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('location')).toBeNull();
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(await res.json()).toMatchObject({ status: 'unfollowed' });
    }
    expect(await storedFollower(email)).toBeUndefined();
    expect((await stack.deps.followers.active(slug)).map((f) => f.email)).not.toContain(email);
    expect(await stack.deps.followers.followedBy(personId(email))).toEqual([]);
    expect(await stack.deps.followers.stats(slug, 2, clock.now())).toEqual({
      count: 1,
      months: [{ month: '2027-02', joined: 2, left: 0 }, { month: '2027-03', joined: 0, left: 1 }],
    });

    // A forged token changes nothing and says so.
    const forged = await app.request(`${path.split('?')[0]}?token=${'A'.repeat(43)}`, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(forged.status).toBe(403);
  });

  it('refuses a sixth request for one address within the hour with a 429, sending nothing more', async () => {
    const busy = uniqueAddress('busy');
    stack.ip.pin(undefined);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await post(FOLLOW_PAGES.follow(slug), { email: busy })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    await stack.deliver();
    expect(await inbox(stack.sesEndpoint, busy)).toHaveLength(5);
  });
});
