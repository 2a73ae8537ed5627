// API: the operators' page (/operator) and its actions, in-process with in-memory parts: every action refused for a
// signed-out caller, a signed-in non-operator, a network organiser and a helper; hiding a meetup takes it off the
// API, its page and its network's feed, emails its owners the reason and leaves it in their "Your meetups"; hiding a
// network hides its meetups and unhiding it shows only those again; reports are stored and listed; the approval flow;
// a blank reason answered naming `reason`.
import { describe, expect, it } from 'vitest';
import { inMemoryApp } from '../support/fakes.ts';
import { fixedClock } from '#functions/core/clock.ts';
import { eventPath } from '#functions/core/event.ts';
import { hashSecret, newToken } from '#functions/core/ids.ts';
import { OPERATOR_ACTIONS } from '#views/operator-page.ts';
import { get, meetup, network, post, putNetwork, rsvp, signIn, type Ctx } from '../support/signed-in.ts';

const OPERATOR = 'operator@example.org';

async function world(over: Parameters<typeof inMemoryApp>[0] = {}) {
  const ctx = inMemoryApp({ operatorEmail: 'ops@example.org', ...over });
  putNetwork(ctx, network('nlpn', { name: 'Manchester NLPN' }), [{ email: 'lead@example.org', role: 'organiser' }, { email: 'helper@example.org', role: 'helper' }]);
  const owned = await meetup(ctx, { title: 'NLPN lunch', organiser: 'owner@example.org', slug: 'nlpn' });
  const solo = await meetup(ctx, { title: 'Solo coffee', organiser: 'solo@example.org' });
  return { ctx, owned, solo };
}

const ids = async (ctx: Ctx) => ((await (await get(ctx, '/api/events')).json()) as { items: { id: string }[] }).items.map((e) => e.id);
const feed = async (ctx: Ctx, slug: string) => (await ctx.feedApp.request(`/calendar/networks/${slug}.ics`)).text();
const mailTo = (ctx: Ctx, to: string) => [...ctx.events.outbox, ...ctx.networks.outbox].filter((m) => m.to.includes(to));

describe('who may moderate', () => {
  const actions: [string, Record<string, string>][] = [
    [OPERATOR_ACTIONS.hideMeetup, { meetup: 'MEETUP', reason: 'Spam' }],
    [OPERATOR_ACTIONS.unhideMeetup, { meetup: 'MEETUP', reason: 'Fine' }],
    [OPERATOR_ACTIONS.hideNetwork, { network: 'nlpn', reason: 'Spam' }],
    [OPERATOR_ACTIONS.unhideNetwork, { network: 'nlpn', reason: 'Fine' }],
    [OPERATOR_ACTIONS.approveNetwork, { network: 'nlpn' }],
    [OPERATOR_ACTIONS.refuseNetwork, { network: 'nlpn', reason: 'No' }],
  ];

  it('sends a signed-out caller to sign in from the page, refuses every action (401), and changes nothing', async () => {
    const { ctx, owned } = await world();
    const page = await get(ctx, '/operator');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/sign-in?next=/operator');
    for (const [path, fields] of actions) {
      const res = await post(ctx, path, { ...fields, meetup: owned.id });
      expect(res.status, path).toBe(401);
      expect(await res.text()).toContain('href="/sign-in"');
    }
    // An operator's cookie on a POST from another site counts as signed out.
    const cross = await ctx.app.request(OPERATOR_ACTIONS.hideMeetup, {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: signIn(ctx, OPERATOR), Origin: 'https://evil.example' },
      body: new URLSearchParams({ meetup: owned.id, reason: 'x' }).toString(),
    });
    expect(cross.status).not.toBe(200);
    expect(ctx.events.events.get(owned.id)!.hidden).toBeUndefined();
    expect(ctx.networks.networks.get('nlpn')!.hidden).toBeUndefined();
  });

  it.each([['a signed-in non-member', 'nobody@example.org'], ['the network’s organiser', 'lead@example.org'], ['the network’s helper', 'helper@example.org'], ['the meetup’s owner', 'owner@example.org']])(
    'refuses %s with a 403 page, for the page and every action',
    async (_who, email) => {
      const { ctx, owned } = await world();
      ctx.networks.networks.get('nlpn')!.status = 'pending';
      const cookie = signIn(ctx, email);
      const page = await get(ctx, '/operator', cookie);
      expect(page.status).toBe(403);
      expect(await page.text()).toContain('Operators only');
      for (const [path, fields] of actions) expect((await post(ctx, path, { ...fields, meetup: owned.id }, cookie)).status, path).toBe(403);
      expect(ctx.events.events.get(owned.id)!.hidden).toBeUndefined();
      expect(ctx.networks.networks.get('nlpn')!.hidden).toBeUndefined();
      expect(ctx.networks.networks.get('nlpn')!.status).toBe('pending');
    },
  );
});

describe('hiding a meetup', () => {
  it('takes it off the API, its page and its network’s feed, emails its owners, and unhiding restores it', async () => {
    const { ctx, owned, solo } = await world();
    rsvp(ctx, owned, 'attendee@example.org', 'confirmed');
    const op = signIn(ctx, OPERATOR);
    expect(await ids(ctx)).toContain(owned.id);
    expect(await feed(ctx, 'nlpn')).toContain('NLPN lunch');

    // Pasting the meetup's link works as well as its id.
    const res = await post(ctx, OPERATOR_ACTIONS.hideMeetup, { meetup: `https://events.example.org${eventPath(owned)}`, reason: 'Impersonates the network' }, op);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/operator?done=meetup-hidden');

    expect(ctx.events.events.get(owned.id)!.hidden).toMatchObject({ reason: 'Impersonates the network', by: OPERATOR });
    expect(await ids(ctx)).not.toContain(owned.id);
    expect(await ids(ctx)).toContain(solo.id);
    expect((await get(ctx, eventPath(owned))).status).toBe(404);
    expect(await feed(ctx, 'nlpn')).not.toContain('NLPN lunch');
    expect((await ctx.feedApp.request(`/calendar/events/${owned.id}.ics`)).status).toBe(404);
    // RSVPs stay.
    expect([...(ctx.deps.rsvps as unknown as { rsvps: Map<string, { status: string }> }).rsvps.values()].map((r) => r.status)).toEqual(['confirmed']);
    // The owner and the network's organisers are told why; the helper and the attendee are not.
    for (const to of ['owner@example.org', 'lead@example.org']) {
      const [mail] = mailTo(ctx, to).filter((m) => m.purpose === 'moderation-meetup-hidden');
      expect(mail, to).toBeDefined();
      expect(mail!.text).toContain('Impersonates the network');
      expect(mail!.replyTo).toBe('ops@example.org');
    }
    expect(mailTo(ctx, 'helper@example.org')).toHaveLength(0);
    expect(mailTo(ctx, 'attendee@example.org')).toHaveLength(0);
    expect(ctx.networks.activities.some((a) => a.action === 'meetup.hidden' && a.eventId === owned.id && a.actor.via === 'operator')).toBe(true);

    // The owner still sees it in "Your meetups", with the reason.
    const me = await (await get(ctx, '/me', signIn(ctx, 'owner@example.org'))).text();
    expect(me).toContain('NLPN lunch');
    expect(me).toContain('Impersonates the network');
    // The operator page lists it.
    const page = await (await get(ctx, '/operator?done=meetup-hidden', op)).text();
    expect(page).toContain('The meetup is hidden');
    expect(page).toContain('NLPN lunch');
    expect(page).toContain(`name="meetup" value="${owned.id}"`);

    const back = await post(ctx, OPERATOR_ACTIONS.unhideMeetup, { meetup: owned.id, reason: 'Checked with the network' }, op);
    expect(back.headers.get('location')).toBe('/operator?done=meetup-unhidden');
    expect(ctx.events.events.get(owned.id)!.hidden).toBeUndefined();
    expect(await ids(ctx)).toContain(owned.id);
    expect((await get(ctx, eventPath(owned))).status).toBe(200);
    expect(await feed(ctx, 'nlpn')).toContain('NLPN lunch');
    expect(mailTo(ctx, 'owner@example.org').filter((m) => m.purpose === 'moderation-meetup-unhidden')[0]!.text).toContain('Checked with the network');
    expect(ctx.hiddenMeetups.entries.size).toBe(0);
  });

  it('answers a blank or too-long reason, or a bad link, with the form again naming the field, changing nothing', async () => {
    const { ctx, owned } = await world();
    const op = signIn(ctx, OPERATOR);
    const blank = await post(ctx, OPERATOR_ACTIONS.hideMeetup, { meetup: owned.id, reason: '   ' }, op);
    expect(blank.status).toBe(400);
    const text = await blank.text();
    expect(text).toContain('There is a problem');
    expect(text).toContain('href="#hideMeetup-again-reason"');
    expect(text).toContain(`value="${owned.id}"`);
    const long = await post(ctx, OPERATOR_ACTIONS.hideMeetup, { meetup: owned.id, reason: 'x'.repeat(501) }, op);
    expect(long.status).toBe(400);
    expect(await long.text()).toContain('500 characters or fewer');
    const both = await (await post(ctx, OPERATOR_ACTIONS.hideMeetup, { meetup: 'not a link!', reason: '' }, op)).text();
    expect(both).toContain('href="#hideMeetup-again-meetup"');
    expect(both).toContain('href="#hideMeetup-again-reason"');
    const missing = await post(ctx, OPERATOR_ACTIONS.hideMeetup, { meetup: 'nosuchmeetup', reason: 'Spam' }, op);
    expect(missing.status).toBe(404);
    expect(ctx.events.events.get(owned.id)!.hidden).toBeUndefined();
    expect(ctx.events.outbox.filter((m) => m.purpose.startsWith('moderation'))).toHaveLength(0);
  });
});

describe('hiding a network', () => {
  it('hides its meetups with it, and unhiding shows only those again', async () => {
    const { ctx, owned } = await world();
    const own = await meetup(ctx, { title: 'NLPN spam on its own', organiser: 'spammer@example.org', slug: 'nlpn' });
    const op = signIn(ctx, OPERATOR);
    await post(ctx, OPERATOR_ACTIONS.hideMeetup, { meetup: own.id, reason: 'Spam' }, op);

    const res = await post(ctx, OPERATOR_ACTIONS.hideNetwork, { network: 'https://events.example.org/networks/nlpn', reason: 'Not a real network' }, op);
    expect(res.headers.get('location')).toBe('/operator?done=network-hidden');
    expect(ctx.networks.networks.get('nlpn')!.hidden).toMatchObject({ reason: 'Not a real network' });
    expect(ctx.events.events.get(owned.id)!.hidden).toMatchObject({ withNetwork: true });
    expect(ctx.events.events.get(own.id)!.hidden?.withNetwork).toBeUndefined();
    expect(await ids(ctx)).not.toContain(owned.id);
    expect(await feed(ctx, 'nlpn')).not.toContain('NLPN lunch');
    // The organiser gets the network's email (with the reason) and not one per meetup; the meetup's owner gets theirs.
    expect(mailTo(ctx, 'lead@example.org').filter((m) => m.purpose === 'moderation-network-hidden')[0]!.text).toContain('Not a real network');
    expect(mailTo(ctx, 'lead@example.org').filter((m) => m.purpose === 'moderation-meetup-hidden' && m.subject.includes('NLPN lunch'))).toHaveLength(0);
    expect(mailTo(ctx, 'owner@example.org').filter((m) => m.purpose === 'moderation-meetup-hidden')).toHaveLength(1);
    const page = await (await get(ctx, '/operator', op)).text();
    expect(page).toContain('Manchester NLPN');
    expect(page).toContain('with its network');

    const back = await post(ctx, OPERATOR_ACTIONS.unhideNetwork, { network: 'nlpn', reason: 'Verified' }, op);
    expect(back.headers.get('location')).toBe('/operator?done=network-unhidden');
    expect(ctx.networks.networks.get('nlpn')!.hidden).toBeUndefined();
    expect(ctx.events.events.get(owned.id)!.hidden).toBeUndefined();
    expect(ctx.events.events.get(own.id)!.hidden).toMatchObject({ reason: 'Spam' });
    expect(await ids(ctx)).toContain(owned.id);
    expect(await ids(ctx)).not.toContain(own.id);
  });

  it('keeps a draft of a hidden or waiting network a draft: publishing it is a 409 saying why, and it stays off every list', async () => {
    const { ctx } = await world();
    const draft = await meetup(ctx, { title: 'NLPN draft', organiser: 'owner@example.org', slug: 'nlpn', draft: true });
    const stored = ctx.events.events.get(draft.id)!;
    const token = newToken();
    stored.manageTokenHash = hashSecret(token);
    stored.expiresAt = Math.floor(Date.parse('2026-11-27T09:00:00Z') / 1000) + 86_400; // still waiting to be confirmed
    const publish = () => ctx.app.request(`/api/events/${draft.id}/publish`, { method: 'POST', body: JSON.stringify({ token }), headers: { 'content-type': 'application/json' } });

    await post(ctx, OPERATOR_ACTIONS.hideNetwork, { network: 'nlpn', reason: 'Not a real network' }, signIn(ctx, OPERATOR));
    const hidden = await publish();
    expect(hidden.status).toBe(409);
    expect(await hidden.json()).toMatchObject({ error: 'network_hidden', message: expect.stringContaining('hidden by this site’s operators') });
    expect(ctx.events.events.get(draft.id)!.status).toBe('draft');

    const waiting = ctx.networks.networks.get('nlpn')!;
    delete waiting.hidden;
    waiting.status = 'pending';
    const pending = await publish();
    expect(pending.status).toBe(409);
    expect(await pending.json()).toMatchObject({ error: 'network_pending' });
    expect(await ids(ctx)).not.toContain(draft.id);

    waiting.status = 'active';
    expect((await publish()).status).toBe(200);
    expect(await ids(ctx)).toContain(draft.id);
  });
});

describe('networks waiting for approval', () => {
  it('lists them, and approving makes one active with an email to its organisers', async () => {
    const { ctx } = await world({ networkApproval: true });
    ctx.networks.networks.get('nlpn')!.status = 'pending';
    const op = signIn(ctx, OPERATOR);
    const page = await (await get(ctx, '/operator', op)).text();
    expect(page).toContain('Networks waiting for approval');
    expect(page).toContain(`action="${OPERATOR_ACTIONS.approveNetwork}"`);
    const res = await post(ctx, OPERATOR_ACTIONS.approveNetwork, { network: 'nlpn' }, op);
    expect(res.headers.get('location')).toBe('/operator?done=network-approved');
    expect(ctx.networks.networks.get('nlpn')!.status).toBe('active');
    expect(mailTo(ctx, 'lead@example.org').filter((m) => m.purpose === 'moderation-network-approved')).toHaveLength(1);
    // Approving again changes nothing and sends nothing.
    expect((await post(ctx, OPERATOR_ACTIONS.approveNetwork, { network: 'nlpn' }, op)).headers.get('location')).toBe('/operator?done=network-unchanged');
    expect(mailTo(ctx, 'lead@example.org').filter((m) => m.purpose === 'moderation-network-approved')).toHaveLength(1);
  });

  it('refusing hides it with the reason, which its organisers are emailed; a blank reason is a 400 naming it', async () => {
    const { ctx } = await world({ networkApproval: true });
    ctx.networks.networks.get('nlpn')!.status = 'pending';
    const op = signIn(ctx, OPERATOR);
    const blank = await post(ctx, OPERATOR_ACTIONS.refuseNetwork, { network: 'nlpn', reason: '' }, op);
    expect(blank.status).toBe(400);
    expect(await blank.text()).toContain('href="#refuseNetwork-again-reason"');
    const res = await post(ctx, OPERATOR_ACTIONS.refuseNetwork, { network: 'nlpn', reason: 'Duplicate of another network' }, op);
    expect(res.headers.get('location')).toBe('/operator?done=network-refused');
    expect(ctx.networks.networks.get('nlpn')!).toMatchObject({ status: 'pending', hidden: { reason: 'Duplicate of another network' } });
    expect(mailTo(ctx, 'lead@example.org').filter((m) => m.purpose === 'moderation-network-refused')[0]!.text).toContain('Duplicate of another network');
    const page = await (await get(ctx, '/operator', op)).text();
    expect(page).toContain('No network is waiting for approval.');
    expect(page).toContain('Refused');
  });
});

describe('reports', () => {
  it('are stored with their email and listed newest first, with the reply address for operators only', async () => {
    const clock = fixedClock('2026-11-27T09:00:00Z');
    const { ctx, owned, solo } = await world({ clock });
    const report = (id: string, fields: Record<string, string>) =>
      ctx.app.request(`/events/${id}/report`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
    expect((await report(owned.id, { reason: 'spam', details: 'Looks like an advert', replyTo: 'reporter@example.org' })).status).toBe(200);
    clock.set('2026-11-27T10:00:00Z');
    expect((await report(solo.id, { reason: 'misleading' })).status).toBe(200);
    expect(ctx.reports.reports).toHaveLength(2);
    expect(ctx.events.outbox.filter((m) => m.purpose === 'meetup-report')).toHaveLength(2);

    const text = await (await get(ctx, '/operator', signIn(ctx, OPERATOR))).text();
    expect(text.indexOf('Solo coffee')).toBeLessThan(text.indexOf('NLPN lunch'));
    expect(text).toContain('It is spam, or not a real meetup');
    expect(text).toContain('Looks like an advert');
    expect(text).toContain('reporter@example.org');
    expect(text).toContain('They gave no reply address.');
    expect(text).toContain(`href="${eventPath(owned)}"`);
    // Nobody else sees the reports.
    expect(await (await get(ctx, '/operator', signIn(ctx, 'lead@example.org'))).text()).not.toContain('reporter@example.org');
  });
});

describe('what was just done (?done=), from the address', () => {
  it('shows only the page’s own notices: an inherited name (constructor, toString, __proto__) is no notice at all', async () => {
    const { ctx } = await world();
    const op = signIn(ctx, OPERATOR);
    expect(await (await get(ctx, '/operator?done=meetup-hidden', op)).text()).toContain('notice-success');
    for (const done of ['constructor', 'toString', '__proto__', 'nonsense']) {
      const res = await get(ctx, `/operator?done=${done}`, op);
      expect(res.status, done).toBe(200);
      const page = await res.text();
      expect(page, done).not.toContain('notice-success');
      expect(page, done).not.toContain('[native code]');
    }
  });
});
