// API: following a network, in-process with in-memory parts. The network page's form and its JSON twin: bad bodies
// answered naming the field (JSON) or with the form again, what was typed kept (no JavaScript needed); the bot trap
// and the rate limits; unknown and hidden networks a friendly 404. The confirmation link's page, the settings page
// and one-click unsubscribe; "Networks you follow" on /me with its Unfollow buttons.
import { describe, expect, it } from 'vitest';
import { FOLLOW_PAGES, NETWORK_PAGES, feedPaths } from '#functions/core/paths.ts';
import { personId } from '#functions/core/person.ts';
import type { StoredFollower } from '#functions/core/follow.ts';
import { followerLinks } from '#functions/follows/follower-links.ts';
import { inMemoryApp, TEST_FEED_SECRET } from '../support/fakes.ts';
import { NOW, SITE, get, network, post, putNetwork, signIn, type Ctx } from '../support/signed-in.ts';

const SLUG = 'nlpn';
const secret = new TextEncoder().encode(TEST_FEED_SECRET);

function setUp(ip?: () => string) {
  const ctx = inMemoryApp(ip ? { clientIp: ip } : {});
  putNetwork(ctx, network(SLUG, { name: 'Manchester NLPN' }), [{ email: 'team@example.org', role: 'organiser' }]);
  putNetwork(ctx, network('hidden-net', { hidden: { reason: 'Spam', at: NOW.toISOString(), by: 'operator@example.org' } }), []);
  putNetwork(ctx, network('waiting-net', { status: 'pending' }), []);
  return ctx;
}

const follow = (ctx: Ctx, fields: Record<string, string>, slug = SLUG) => post(ctx, FOLLOW_PAGES.follow(slug), fields);
const json = (ctx: Ctx, body: string, slug = SLUG) =>
  ctx.app.request(`/api/follows/${slug}`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
const mails = (ctx: Ctx, purpose: string) => ctx.events.outbox.filter((m) => m.purpose === purpose);

function confirmLinkOf(ctx: Ctx, to: string) {
  const mail = mails(ctx, 'follow-confirm').filter((m) => m.to === to).at(-1)!;
  const m = /https:\/\/events\.example\.org(\/follows\/[a-z0-9-]+\/[0-9a-f]{24}\/confirm)\?token=([A-Za-z0-9_-]{43})/.exec(mail.text)!;
  return { path: m[1]!, token: m[2]! };
}

/** A confirmed follower, straight into the fake. */
async function follower(ctx: Ctx, email: string, slug = SLUG, mode: StoredFollower['mode'] = 'each') {
  const at = NOW.toISOString();
  await ctx.followers.put({ networkSlug: slug, id: personId(email), email, mode, status: 'active', createdAt: at, confirmedAt: at, updatedAt: at });
  return followerLinks(SITE, secret, slug, personId(email));
}

describe('the network page', () => {
  it('has a "Follow by email" form that works without JavaScript, and links its Atom feed for readers', async () => {
    const ctx = setUp();
    const page = await (await get(ctx, NETWORK_PAGES.page(SLUG))).text();
    expect(page).toContain('<h2 id="follow-title">Follow by email</h2>');
    expect(page).toMatch(new RegExp(`<form method="post" action="${FOLLOW_PAGES.follow(SLUG)}" id="follow-form"`));
    expect(page).toMatch(/<label for="follow-email">Your email address<\/label>/);
    expect(page).toMatch(/<input id="follow-email" name="email" type="email" autocomplete="email"/);
    expect(page).toMatch(/<label for="follow-name">Your name <span class="optional">\(optional\)<\/span><\/label>/);
    expect(page).toMatch(/<input type="radio" id="follow-mode-each" name="mode" value="each" checked>/);
    expect(page).toContain(`<link rel="alternate" type="application/atom+xml" title="New meetups from Manchester NLPN" href="${feedPaths.networkAtom(SLUG)}">`);
  });
});

describe('following by the form', () => {
  it('stores a pending follow and queues its confirmation email, answering "Check your inbox"', async () => {
    const ctx = setUp();
    const res = await follow(ctx, { name: ' Pat ', email: ' Pat@Example.org ', mode: 'digest', timezone: 'America/New_York', website: '' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toContain('We sent an email to <strong>pat@example.org</strong>');
    const stored = ctx.followers.followers.get(`${SLUG}#${personId('pat@example.org')}`);
    expect(stored).toMatchObject({ status: 'pending', name: 'Pat', email: 'pat@example.org', mode: 'digest', timezone: 'America/New_York', expiresAt: NOW.getTime() / 1000 + 7 * 86_400 });
    const [mail] = mails(ctx, 'follow-confirm');
    expect(mail).toMatchObject({ to: 'pat@example.org', subject: 'Confirm you want to follow Manchester NLPN', replyTo: 'contact.nlpn@example.org' });
    expect(mail!.listUnsubscribe).toBeUndefined();
  });

  it('sends back the form with the error and what was typed when the address is bad, storing and sending nothing', async () => {
    const ctx = setUp();
    for (const [email, message] of [['', 'Enter your email address'], ['not an address', 'Enter an email address in the correct format']] as const) {
      const res = await follow(ctx, { name: 'Pat <b>', email, mode: 'digest' });
      expect(res.status).toBe(400);
      const page = await res.text();
      expect(page).toMatch(/<title>Error: Follow Manchester NLPN · Signpost<\/title>/);
      expect(page).toContain(`<li><a href="#follow-email">${message}`);
      expect(page).toMatch(/<input id="follow-email" name="email" type="email"[^>]*aria-describedby="follow-email-hint follow-email-error" aria-invalid="true">/);
      expect(page).toContain(`value="${email}"`);
      expect(page).toContain('value="Pat &lt;b&gt;"');
      expect(page).toMatch(/<input type="radio" id="follow-mode-digest" name="mode" value="digest" checked>/);
    }
    const tooLong = await follow(ctx, { name: 'x'.repeat(101), email: 'pat@example.org', mode: 'sometimes' });
    expect(tooLong.status).toBe(400);
    const page = await tooLong.text();
    expect(page).toContain('Your name must be 100 characters or fewer');
    expect(page).toContain('Choose &quot;each new meetup&quot; or &quot;a weekly digest&quot;');
    expect(ctx.followers.followers.size).toBe(0);
    expect(ctx.events.outbox).toEqual([]);
  });

  it('answers a filled bot trap as a real request, storing and sending nothing', async () => {
    const ctx = setUp();
    const res = await follow(ctx, { email: 'bot@example.org', website: 'https://spam.example' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Check your inbox');
    expect(ctx.followers.followers.size).toBe(0);
    expect(ctx.events.outbox).toEqual([]);
  });

  it('answers an unknown, hidden or unapproved network with the friendly 404, GET or POST', async () => {
    const ctx = setUp();
    for (const slug of ['no-such-network', 'hidden-net', 'waiting-net', 'Bad_Slug']) {
      for (const res of [await get(ctx, FOLLOW_PAGES.follow(slug)), await follow(ctx, { email: 'pat@example.org' }, slug)]) {
        expect(res.status).toBe(404);
        expect(await res.text()).toContain("We can't find that network");
      }
    }
    expect(ctx.events.outbox).toEqual([]);
  });

  it('limits requests per address (5 an hour, across networks) and per IP (20 an hour), with Retry-After', async () => {
    let n = 0;
    const ctx = setUp(() => `198.51.100.${n++}`);
    putNetwork(ctx, network('other', { name: 'Other' }), []);
    for (let i = 0; i < 5; i++) expect((await follow(ctx, { email: 'pat@example.org' }, i % 2 ? 'other' : SLUG)).status).toBe(200);
    const refused = await follow(ctx, { name: 'Pat', email: 'pat@example.org' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const page = await refused.text();
    expect(page).toContain('Too many requests to follow');
    expect(page).toContain('value="Pat"');
    expect(mails(ctx, 'follow-confirm')).toHaveLength(5);

    const oneIp = setUp(() => '203.0.113.9');
    for (let i = 0; i < 20; i++) expect((await follow(oneIp, { email: `p${i}@example.org` })).status).toBe(200);
    expect((await follow(oneIp, { email: 'p20@example.org' })).status).toBe(429);
    expect(oneIp.followers.followers.size).toBe(20);
  });

  it('gives an address that follows already the same answer, an "already follow" email, and changes nothing', async () => {
    const ctx = setUp();
    const links = await follower(ctx, 'pat@example.org', SLUG, 'digest');
    const before = structuredClone(ctx.followers.followers.get(`${SLUG}#${personId('pat@example.org')}`));
    // Whoever asks can type anything as the name: none of it reaches the address's inbox.
    const res = await follow(ctx, { email: 'pat@example.org', mode: 'each', name: 'Visit evil.example now' });
    const fresh = await follow(ctx, { email: 'sam@example.org', mode: 'each', name: 'Visit evil.example now' });
    const strip = (html: string) => html.replace(/<strong>[^<]*<\/strong>/, '');
    expect(res.status).toBe(fresh.status);
    expect(strip(await res.text())).toBe(strip(await fresh.text()));
    expect(ctx.followers.followers.get(`${SLUG}#${personId('pat@example.org')}`)).toEqual(before);
    const [already] = mails(ctx, 'follow-already');
    expect(already).toMatchObject({ to: 'pat@example.org', subject: 'You already follow Manchester NLPN' });
    expect(already!.text).toContain(links.settings);
    expect(mails(ctx, 'follow-confirm').map((m) => m.to)).toEqual(['sam@example.org']);
    for (const m of [already!, ...mails(ctx, 'follow-confirm')]) expect(`${m.text}${m.html}`).not.toContain('evil.example');
    expect((await ctx.followers.stats(SLUG, 1, NOW)).count).toBe(1);
  });
});

describe('the team\'s view of its followers', () => {
  it('is how many follow and joined or left this month, on the manage page, never who', async () => {
    const ctx = setUp();
    await follower(ctx, 'pat@example.org');
    await follower(ctx, 'sam@example.org');
    await follower(ctx, 'kim@example.org');
    await ctx.followers.unfollow(SLUG, personId('kim@example.org'), NOW);
    const page = await (await get(ctx, NETWORK_PAGES.manage(SLUG), signIn(ctx, 'team@example.org'))).text();
    expect(page).toContain('2 people follow it by email: 3 joined and 1 left this month. The team sees only how many, never who.');
    for (const address of ['pat@example.org', 'sam@example.org', 'kim@example.org']) expect(page).not.toContain(address);
  });
});

describe('following while signed in', () => {
  it('with the session\'s own address follows at once, with no email; again, it changes how often; another address is asked to confirm', async () => {
    const ctx = setUp();
    const cookie = signIn(ctx, 'pat@example.org');
    const signedIn = (fields: Record<string, string>) => post(ctx, FOLLOW_PAGES.follow(SLUG), fields, cookie);
    const res = await signedIn({ email: 'Pat@Example.org', mode: 'each', name: 'Pat' });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('You follow Manchester NLPN');
    expect(page).toMatch(/<a href="[^"]*\/follows\/nlpn\/[0-9a-f]{24}\?token=[\w-]+">Change how often, or unfollow<\/a>/);
    const id = personId('pat@example.org');
    expect(await ctx.followers.get(SLUG, id)).toMatchObject({ status: 'active', mode: 'each', name: 'Pat', email: 'pat@example.org' });
    expect(mails(ctx, 'follow-confirm')).toHaveLength(0);
    expect((await ctx.followers.stats(SLUG, 1, NOW)).count).toBe(1);

    expect((await signedIn({ email: 'pat@example.org', mode: 'digest' })).status).toBe(200);
    expect(await ctx.followers.get(SLUG, id)).toMatchObject({ status: 'active', mode: 'digest', name: 'Pat' });
    expect((await ctx.followers.stats(SLUG, 1, NOW)).months.at(-1)).toMatchObject({ joined: 1, left: 0 });

    const other = await signedIn({ email: 'sam@example.org', mode: 'each' });
    expect(await other.text()).toContain('Check your inbox');
    expect(mails(ctx, 'follow-confirm').map((m) => m.to)).toEqual(['sam@example.org']);
    expect((await ctx.followers.get(SLUG, personId('sam@example.org')))?.status).toBe('pending');
    // Bad fields are still a 400 naming them, and store nothing.
    const bad = await signedIn({ email: 'pat@example.org', mode: 'hourly' });
    expect(bad.status).toBe(400);
    expect(await ctx.followers.get(SLUG, id)).toMatchObject({ mode: 'digest' });
  });
});

describe('following by the JSON API', () => {
  it('answers bodies that are not an object with a 400 naming the body, and bad fields naming each', async () => {
    const ctx = setUp();
    for (const body of ['null', '[]', '"pat@example.org"', '42']) {
      const res = await json(ctx, body);
      expect(res.status).toBe(400);
      expect((await res.json()).details.map((d: { field: string }) => d.field)).toContain('body');
    }
    const cases: [Record<string, unknown>, string][] = [
      [{}, 'email'],
      [{ email: 'nope' }, 'email'],
      [{ email: 'pat@example.org', mode: 'hourly' }, 'mode'],
      [{ email: 'pat@example.org', name: 42 }, 'name'],
      [{ email: 'pat@example.org', timezone: 7 }, 'timezone'],
    ];
    for (const [body, field] of cases) {
      const res = await json(ctx, JSON.stringify(body));
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect((await res.json()).details.map((d: { field: string }) => d.field)).toEqual([field]);
    }
    expect(ctx.events.outbox).toEqual([]);
  });

  it('answers 202 "check your inbox", a 404 for a hidden network, and the bot trap alike', async () => {
    const ctx = setUp();
    const res = await json(ctx, JSON.stringify({ email: 'pat@example.org' }));
    expect(res.status).toBe(202);
    const answer = await res.json();
    expect(answer.status).toBe('check-your-inbox');
    const trapped = await json(ctx, JSON.stringify({ email: 'bot@example.org', website: 'x' }));
    expect(trapped.status).toBe(202);
    expect(await trapped.json()).toEqual(answer);
    expect((await json(ctx, JSON.stringify({ email: 'pat@example.org' }), 'hidden-net')).status).toBe(404);
    expect(mails(ctx, 'follow-confirm').map((m) => m.to)).toEqual(['pat@example.org']);
    expect(ctx.followers.followers.get(`${SLUG}#${personId('pat@example.org')}`)?.mode).toBe('each');
  });
});

describe('the confirmation link', () => {
  it('shows a Confirm button and changes nothing on GET; the button confirms; a wrong or old token gets the same friendly page', async () => {
    const ctx = setUp();
    await follow(ctx, { email: 'pat@example.org' });
    const link = confirmLinkOf(ctx, 'pat@example.org');
    const page = await get(ctx, `${link.path}?token=${link.token}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`<input type="hidden" name="token" value="${link.token}">`);
    expect((await ctx.followers.get(SLUG, personId('pat@example.org')))?.status).toBe('pending');

    const wrong = 'A'.repeat(43);
    for (const res of [await get(ctx, `${link.path}?token=${wrong}`), await post(ctx, link.path, { token: wrong }), await get(ctx, link.path)]) {
      expect(res.status).toBe(410);
      expect(await res.text()).toContain('This link no longer works');
    }
    expect((await post(ctx, link.path, { token: link.token })).status).toBe(200);
    expect((await ctx.followers.get(SLUG, personId('pat@example.org')))?.status).toBe('active');
    // Used: the same link now says so, and a wrong token still learns nothing.
    expect(await (await get(ctx, `${link.path}?token=${link.token}`)).text()).toContain('You had confirmed already');
    expect((await get(ctx, `${link.path}?token=${wrong}`)).status).toBe(410);
    expect(await ctx.followers.stats(SLUG, 1, NOW)).toEqual({ count: 1, months: [{ month: '2026-11', joined: 1, left: 0 }] });
  });

  it('no longer confirms once it has expired', async () => {
    const ctx = setUp();
    await follow(ctx, { email: 'pat@example.org' });
    const link = confirmLinkOf(ctx, 'pat@example.org');
    const later = inMemoryApp({ ...ctx.deps, clock: { now: () => new Date(NOW.getTime() + 7 * 86_400_000 + 1000) } });
    expect((await later.app.request(link.path, { method: 'POST', body: `token=${link.token}`, headers: { 'content-type': 'application/x-www-form-urlencoded', origin: SITE } })).status).toBe(410);
    expect((await ctx.followers.get(SLUG, personId('pat@example.org')))?.status).toBe('pending');
  });
});

describe('the settings page and one-click unsubscribe', () => {
  it('changes how often, and unfollows at once, without JavaScript; a forged link is refused', async () => {
    const ctx = setUp();
    const links = await follower(ctx, 'pat@example.org');
    const path = new URL(links.settings).pathname;
    const token = new URL(links.settings).searchParams.get('token')!;
    const page = await (await get(ctx, `${path}?token=${token}`)).text();
    expect(page).toMatch(/<input type="radio" id="settings-mode-each" name="mode" value="each" checked>/);

    const saved = await post(ctx, path, { token, mode: 'digest' });
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain('Saved: a weekly digest.');
    expect((await ctx.followers.get(SLUG, personId('pat@example.org')))?.mode).toBe('digest');
    expect((await post(ctx, path, { token, mode: 'never' })).status).toBe(400);

    for (const forged of ['A'.repeat(43), '']) {
      expect((await get(ctx, `${path}?token=${forged}`)).status).toBe(403);
      expect((await post(ctx, `${path}/unfollow`, { token: forged })).status).toBe(403);
    }
    const gone = await post(ctx, `${path}/unfollow`, { token });
    expect(gone.status).toBe(200);
    expect(await gone.text()).toContain('You no longer follow Manchester NLPN');
    expect(await ctx.followers.get(SLUG, personId('pat@example.org'))).toBeUndefined();
    expect(await (await post(ctx, `${path}/unfollow`, { token })).text()).toContain('You had unfollowed already');
    expect((await ctx.followers.stats(SLUG, 1, NOW)).months[0]).toEqual({ month: '2026-11', joined: 1, left: 1 });
  });

  it('answers the one-click POST with 200 and no redirect or cookie, and its GET with a page and a button', async () => {
    const ctx = setUp();
    const links = await follower(ctx, 'pat@example.org');
    const path = links.oneClick.slice(SITE.length);
    const page = await get(ctx, path);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<button type="submit" class="button" id="follow-unfollow">Unfollow Manchester NLPN<\/button>/);
    expect(await ctx.followers.get(SLUG, personId('pat@example.org'))).toBeDefined();

    const res = await ctx.app.request(path, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await res.json()).toEqual({ status: 'unfollowed', message: 'You no longer follow Manchester NLPN.' });
    expect(await ctx.followers.get(SLUG, personId('pat@example.org'))).toBeUndefined();
    const bare = await ctx.app.request(path.split('?')[0]!, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(bare.status).toBe(400);
    expect((await bare.json()).details[0].field).toBe('token');
  });
});

describe('"Networks you follow" on /me', () => {
  it('lists the networks the signed-in person follows, each with an Unfollow button that works at once', async () => {
    const ctx = setUp();
    putNetwork(ctx, network('libcamp', { name: 'Library Camp' }), []);
    await follower(ctx, 'pat@example.org');
    await follower(ctx, 'pat@example.org', 'libcamp');
    await follower(ctx, 'someone@example.org', 'libcamp');
    const cookie = signIn(ctx, 'pat@example.org');
    const page = await (await get(ctx, '/me', cookie)).text();
    expect(page).toContain('<h2 id="follows-title">Networks you follow</h2>');
    expect(page).toContain(`<a href="${NETWORK_PAGES.page('libcamp')}">Library Camp</a>`);
    expect(page).toContain(`<form method="post" action="${FOLLOW_PAGES.unfollowMine(SLUG)}">`);

    // Signed out, or from another site: refused, nothing changed.
    expect((await post(ctx, FOLLOW_PAGES.unfollowMine(SLUG), {})).status).toBe(401);
    const crossSite = await ctx.app.request(FOLLOW_PAGES.unfollowMine(SLUG), { method: 'POST', body: '', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example', cookie } });
    expect(crossSite.status).toBe(403);
    expect(await ctx.followers.followedBy(personId('pat@example.org'))).toHaveLength(2);

    const res = await post(ctx, FOLLOW_PAGES.unfollowMine(SLUG), {}, cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/me/);
    expect((await ctx.followers.followedBy(personId('pat@example.org'))).map((f) => f.networkSlug)).toEqual(['libcamp']);
    expect(await ctx.followers.followedBy(personId('someone@example.org'))).toHaveLength(1);
    const after = await (await get(ctx, res.headers.get('location')!, cookie)).text();
    expect(after).not.toContain(FOLLOW_PAGES.unfollowMine(SLUG));
    expect(after).toContain('<p class="notice" role="status" id="unfollowed">You no longer follow Manchester NLPN: its emails have stopped.</p>');
    // Each follow says how often, with its settings link (the one its emails carry).
    expect(after).toMatch(/>Library Camp<\/a>: an email for each new meetup \(<a href="\/follows\/libcamp\/[0-9a-f]{24}\?token=[\w-]+">change/);
    // A slug that is still followed, or made up, says nothing.
    expect(await (await get(ctx, '/me?unfollowed=libcamp', cookie)).text()).not.toContain('id="unfollowed"');
    const odd = await get(ctx, `/me?unfollowed=${'x'.repeat(3000)}`, cookie);
    expect(odd.status).toBe(200);
    expect(await odd.text()).not.toContain('id="unfollowed"');
  });

  it('says so when the person follows nothing', async () => {
    const ctx = setUp();
    const page = await (await get(ctx, '/me', signIn(ctx, 'pat@example.org'))).text();
    expect(page).toContain('You don’t follow a network yet.');
  });
});
