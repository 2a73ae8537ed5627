// API: "Your meetups" (/me), in-process with in-memory parts: signed out it sends you to sign in; signed in it lists
// the meetups you organise (drafts, past and hidden ones too, with their status), your networks' meetups, your
// networks, the places you hold with their cancel forms and your calendar feed, and nobody else's.
import { describe, expect, it } from 'vitest';
import { inMemoryApp } from '../support/fakes.ts';
import { ACCOUNT_PAGES, eventPagePaths, NETWORK_PAGES } from '#functions/core/paths.ts';
import { get, meetup, network, post, putNetwork, rsvp, signIn } from '../support/signed-in.ts';
import { OPERATOR_ACTIONS } from '#views/operator-page.ts';

describe('/me', () => {
  it('sends a signed-out visitor to sign in, and back, caching nothing', async () => {
    const ctx = inMemoryApp();
    const res = await get(ctx, '/me');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/sign-in?next=/me');
    // A cookie that names no session is as signed out.
    const stale = await get(ctx, '/me', '__Host-signpost-session=nothing-here');
    expect(stale.status).toBe(303);
  });

  it('says in its header, without JavaScript, that you are signed in; shared pages leave it to the session script', async () => {
    const ctx = inMemoryApp();
    const page = await (await get(ctx, ACCOUNT_PAGES.me, signIn(ctx, 'pat@example.org'))).text();
    const header = page.slice(page.indexOf('<header'), page.indexOf('</header>'));
    expect(header).toContain(`<a href="${ACCOUNT_PAGES.me}" id="session-me">Your meetups</a>`);
    expect(header).toContain(`<form method="post" action="${ACCOUNT_PAGES.signOut}" class="sign-out-form">`);
    expect(header).not.toContain('Sign in');
    const shared = await (await get(ctx, NETWORK_PAGES.directory, signIn(ctx, 'pat@example.org'))).text();
    expect(shared.slice(shared.indexOf('<header'), shared.indexOf('</header>'))).toContain('id="session-link">Sign in</a>');
  });

  it('lists what you organise, your networks’ meetups, your networks and your places, and nobody else’s', async () => {
    const ctx = inMemoryApp();
    const me = 'morag@example.org';
    putNetwork(ctx, network('nlpn', { name: 'Manchester NLPN' }), [{ email: me, role: 'organiser' }, { email: 'co@example.org', role: 'organiser' }]);
    putNetwork(ctx, network('libcamp', { name: 'Library Camp' }), [{ email: 'other@example.org', role: 'organiser' }, { email: me, role: 'helper' }]);
    putNetwork(ctx, network('elsewhere', { name: 'Not mine' }), [{ email: 'other@example.org', role: 'organiser' }]);

    const mine = await meetup(ctx, { title: 'My lunch club', organiser: me, capacity: 20 });
    const draft = await meetup(ctx, { title: 'My unconfirmed draft', organiser: me, draft: true });
    const past = await meetup(ctx, { title: 'My past meetup', organiser: me, days: -20 });
    const coOrganised = await meetup(ctx, { title: 'Co-organiser’s NLPN meetup', organiser: 'co@example.org', slug: 'nlpn' });
    const helped = await meetup(ctx, { title: 'Library Camp north', organiser: 'other@example.org', slug: 'libcamp' });
    await meetup(ctx, { title: 'Someone else’s meetup', organiser: 'other@example.org', slug: 'elsewhere' });
    await meetup(ctx, { title: 'Not networked, not mine', organiser: 'other@example.org' });
    const going = await meetup(ctx, { title: 'Cataloguing chat', organiser: 'other@example.org', capacity: 1 });
    const waiting = await meetup(ctx, { title: 'Full teach meet', organiser: 'other@example.org', capacity: 1 });
    rsvp(ctx, going, me, 'confirmed');
    rsvp(ctx, waiting, 'first@example.org', 'waitlisted', '2026-11-20T00:00:00Z');
    rsvp(ctx, waiting, me, 'waitlisted', '2026-11-21T00:00:00Z');
    rsvp(ctx, helped, 'someone@example.org', 'confirmed');
    ctx.events.events.get(mine.id)!.confirmedCount = 3;

    const res = await get(ctx, '/me', signIn(ctx, me));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const text = await res.text();
    expect(text).toContain('<h1>Your meetups</h1>');
    for (const t of ['My lunch club', 'My unconfirmed draft', 'My past meetup', 'Co-organiser’s NLPN meetup', 'Library Camp north', 'Cataloguing chat', 'Full teach meet']) expect(text, t).toContain(t);
    expect(text).not.toContain('Someone else’s meetup');
    expect(text).not.toContain('Not networked, not mine');
    expect(text).toContain('Waiting for you to confirm it');
    expect(text).toContain('3 of 20 places taken');
    // Manage links without a token, for what you own and what your network's organisers manage; not as a helper.
    for (const e of [mine, draft, past, coOrganised]) expect(text).toContain(`href="/manage/${e.id}"`);
    expect(text).not.toContain(`href="/manage/${helped.id}"`);
    expect(text).not.toMatch(/manage\/[a-z0-9]+#token=/);
    // Networks, with the manage page for organisers only, and a way to start one.
    expect(text).toContain(`href="${NETWORK_PAGES.page('nlpn')}"`);
    expect(text).toContain(`href="${NETWORK_PAGES.manage('nlpn')}"`);
    expect(text).toContain(`href="${NETWORK_PAGES.page('libcamp')}"`);
    expect(text).not.toContain(`href="${NETWORK_PAGES.manage('libcamp')}"`);
    expect(text).not.toContain('Not mine');
    expect(text).toContain(`href="${NETWORK_PAGES.create}"`);
    // Places: a cancel form each, the waitlist position, and the personal feed.
    expect(text).toContain(`action="${eventPagePaths.cancelMine(going.id)}"`);
    expect(text).toContain(`action="${eventPagePaths.cancelMine(waiting.id)}"`);
    expect(text).toContain('Cancel my place');
    expect(text).toContain('Leave the waitlist');
    expect(text).toContain('You are number 2 in line.');
    expect(text).toMatch(/href="https:\/\/events\.example\.org\/my-calendar#token=[0-9a-f]{24}[A-Za-z0-9_-]{43}"/);
    // Signing out, this browser or everywhere.
    expect(text).toContain(`action="${ACCOUNT_PAGES.signOut}"`);
    expect(text).toContain('name="everywhere" value="1"');
    // Nobody else's address.
    expect(text).not.toContain('co@example.org');
    expect(text).not.toContain('first@example.org');
    expect(text).not.toContain('someone@example.org');
  });

  it('says kindly when there is nothing yet', async () => {
    const ctx = inMemoryApp();
    const text = await (await get(ctx, '/me', signIn(ctx, 'new@example.org'))).text();
    expect(text).toContain('You haven’t listed a meetup yet.');
    expect(text).toContain('href="/new">List one</a>');
    expect(text).toContain('You aren’t on a network’s team yet.');
    expect(text).toContain('You don’t have a place at any upcoming meetup.');
    expect(text).not.toContain('my-calendar');
    // Not an operator: no operator link.
    expect(text).not.toContain('href="/operator"');
  });

  it('shows a network’s team its hidden meetups, which no public list holds, and nobody else', async () => {
    const ctx = inMemoryApp();
    putNetwork(ctx, network('nlpn', { name: 'Manchester NLPN' }), [{ email: 'owner@example.org', role: 'organiser' }, { email: 'co@example.org', role: 'organiser' }, { email: 'helper@example.org', role: 'helper' }]);
    const hidden = await meetup(ctx, { title: 'Hidden NLPN lunch', organiser: 'owner@example.org', slug: 'nlpn' });
    const op = signIn(ctx, 'operator@example.org');
    expect((await post(ctx, OPERATOR_ACTIONS.hideMeetup, { meetup: hidden.id, reason: 'Looks like an advert' }, op)).status).toBe(303);
    expect((await (await get(ctx, '/api/events')).text())).not.toContain('Hidden NLPN lunch');

    for (const who of ['co@example.org', 'helper@example.org']) {
      const page = await (await get(ctx, '/me', signIn(ctx, who))).text();
      expect(page, who).toContain('Hidden NLPN lunch');
      expect(page, who).toContain('Looks like an advert');
    }
    expect(await (await get(ctx, '/me', signIn(ctx, 'stranger@example.org'))).text()).not.toContain('Hidden NLPN lunch');
  });

  it('shows operators the way to the operator page', async () => {
    const ctx = inMemoryApp();
    const text = await (await get(ctx, '/me', signIn(ctx, 'operator@example.org'))).text();
    expect(text).toContain('href="/operator"');
  });
});
