// API: the networks capability's writes, in-process with in-memory parts, through the real pages: creating a network
// (/networks/new), editing it, inviting (GET of the link changes nothing, the form post joins and signs in), the team's
// changes (a network always keeps an organiser), the manage page per role, no address on any public page, and
// cross-site posts refused. Every refusal is a clear 4xx naming the field, with nothing stored.
import { describe, expect, it } from 'vitest';
import { inMemoryApp, validMeetup } from '../support/fakes.ts';
import { get, network, NOW, post, putNetwork, signIn, type Ctx } from '../support/signed-in.ts';
import { fixedClock } from '#functions/core/clock.ts';
import { hashSecret, newId, newToken } from '#functions/core/ids.ts';
import { personId } from '#functions/core/person.ts';
import { NETWORK_PAGES } from '#functions/core/paths.ts';
import { createEvent, publishEvent } from '#functions/events/event.ts';
import { eventInputSchema } from '#functions/events/event.schema.ts';
import { backfillLegacyNames, LEGACY_NAME_TAKEN } from '#functions/networks/legacy-names.ts';
import { memoryNetworksRepository } from '#functions/networks/memory-networks.repository.ts';
import { LAST_ORGANISER } from '#functions/networks/team.ts';
import { SLUG_TAKEN } from '#functions/networks/use-cases.ts';
import { manageActions, networkValues } from '#views/network-manage-page.ts';

const COOKIE = '__Host-signpost-session';
/** Anything shaped like an email address: none may appear in a public answer. */
const ADDRESS = /[\w.+-]+@[\w-]+\.[\w.-]+/;
const LINK = /https:\/\/events\.example\.org\/invitations\/([a-z0-9-]+\.[a-z0-9]{16})\?token=([A-Za-z0-9_-]+)/;

/** A complete, valid /networks/new form. */
const newForm = (over: Record<string, string> = {}): Record<string, string> => ({
  name: 'Leeds Library Chat', slug: 'leeds-chat', tagline: 'Library people in and around Leeds', description: 'Monthly.\nhttps://example.org/leeds',
  accent: '#1d4e89', whereKind: 'place', place: 'Leeds', website: 'https://example.org/leeds', topics: 'cataloguing, CPD',
  contactEmail: '', yourName: 'Robin Jones', showName: 'yes', ...over,
});

/** Everything the networks repository stores, to compare before and after a refused request. */
const stored = (ctx: Ctx) =>
  structuredClone({
    networks: [...ctx.networks.networks], members: [...ctx.networks.members], invites: [...ctx.networks.invites],
    activities: ctx.networks.activities, outbox: ctx.networks.outbox,
  });

/** Manchester NLPN with an organiser, a second organiser and a helper (or the team given). */
function nlpn(ctx: Ctx, team = [{ email: 'lead@example.org', role: 'organiser' as const }, { email: 'co@example.org', role: 'organiser' as const }, { email: 'helper@example.org', role: 'helper' as const }]) {
  putNetwork(ctx, network('nlpn', { name: 'Manchester NLPN', tagline: 'New library professionals' }), team);
  return { lead: signIn(ctx, 'lead@example.org'), helper: signIn(ctx, 'helper@example.org'), stranger: signIn(ctx, 'stranger@example.org') };
}

const editForm = (ctx: Ctx, over: Record<string, string> = {}) => ({ ...networkValues(ctx.networks.networks.get('nlpn')!), version: '1', ...over });

/** The invitation link the last invitation email carries. */
function invitationLink(ctx: Ctx, to: string) {
  const mail = ctx.networks.outbox.filter((m) => m.purpose === 'network-invitation' && m.to.includes(to)).at(-1);
  const m = mail ? LINK.exec(mail.text) : null;
  if (!m) throw new Error(`no invitation link to ${to}`);
  return { id: m[1]!, token: m[2]!, path: `/invitations/${m[1]}?token=${m[2]}` };
}

/** An input named `name` showing `value`. */
const inputWith = (name: string, value: string) => new RegExp(`<input [^>]*name="${name}"[^>]*value="${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`);

const crossSite = (ctx: Ctx, path: string, fields: Record<string, string>, cookie: string) =>
  ctx.app.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example', Cookie: cookie },
    body: new URLSearchParams(fields).toString(),
  });

describe('creating a network', () => {
  it('sends a signed-out visitor to sign in, and refuses a signed-out post with a 401 page, storing nothing', async () => {
    const ctx = inMemoryApp();
    const page = await get(ctx, NETWORK_PAGES.create);
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe(`/sign-in?next=${encodeURIComponent(NETWORK_PAGES.create)}`);
    const res = await post(ctx, NETWORK_PAGES.create, newForm());
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('href="/sign-in"');
    expect(ctx.networks.networks.size).toBe(0);
    expect(ctx.networks.members.size).toBe(0);
  });

  it('shows the form signed in, and creates the network with its creator as organiser and contact', async () => {
    const ctx = inMemoryApp();
    const cookie = signIn(ctx, 'robin@example.org');
    const form = await get(ctx, NETWORK_PAGES.create, cookie);
    expect(form.status).toBe(200);
    expect(form.headers.get('cache-control')).toBe('no-store');
    expect(await form.text()).toContain(`action="${NETWORK_PAGES.create}"`);

    const res = await post(ctx, NETWORK_PAGES.create, newForm(), cookie);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('Leeds Library Chat is ready');
    expect(text).toContain(`href="${NETWORK_PAGES.manage('leeds-chat')}"`);
    expect(ctx.networks.networks.get('leeds-chat')).toMatchObject({
      name: 'Leeds Library Chat', tagline: 'Library people in and around Leeds', accent: '#1d4e89', where: { kind: 'place', place: 'Leeds' },
      links: { website: 'https://example.org/leeds' }, topics: ['cataloguing', 'CPD'], contactEmail: 'robin@example.org',
      status: 'active', createdBy: 'robin@example.org', createdAt: NOW.toISOString(), version: 1,
    });
    expect([...ctx.networks.members.values()]).toEqual([
      { slug: 'leeds-chat', personId: personId('robin@example.org'), email: 'robin@example.org', name: 'Robin Jones', role: 'organiser', showName: true, joinedAt: NOW.toISOString() },
    ]);
    expect(ctx.networks.activities).toMatchObject([{ slug: 'leeds-chat', action: 'network.created', at: NOW.toISOString(), actor: { email: 'robin@example.org', name: 'Robin Jones', via: 'session' } }]);
    // Their manage page is theirs at once.
    expect((await get(ctx, NETWORK_PAGES.manage('leeds-chat'), cookie)).status).toBe(200);
  });

  it('uses a contact address given instead of the creator’s, and suggests the address from the name when blank', async () => {
    const ctx = inMemoryApp();
    const res = await post(ctx, NETWORK_PAGES.create, newForm({ slug: '', contactEmail: 'Hello@Leeds.example.org' }), signIn(ctx, 'robin@example.org'));
    expect(res.status).toBe(200);
    expect(ctx.networks.networks.get('leeds-library-chat')!.contactEmail).toBe('hello@leeds.example.org');
  });

  it('makes a new network wait for approval when the deployment says so, telling each operator', async () => {
    const ctx = inMemoryApp({ networkApproval: true });
    const res = await post(ctx, NETWORK_PAGES.create, newForm(), signIn(ctx, 'robin@example.org'));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('It waits for the people who run this Signpost site to approve it');
    expect(ctx.networks.networks.get('leeds-chat')!.status).toBe('pending');
    expect(ctx.networks.outbox.map((m) => [m.purpose, m.to])).toEqual([['network-approval-needed', expect.stringContaining('operator@example.org')]]);
  });

  it.each([
    ['a taken address', { slug: 'nlpn' }, 'slug', SLUG_TAKEN],
    ['a reserved address (new)', { slug: 'new' }, 'slug', 'kept for Signpost’s own pages'],
    ['a reserved address (api)', { slug: 'API' }, 'slug', 'kept for Signpost’s own pages'],
    ['an address with other characters', { slug: 'leeds_chat!' }, 'slug', 'only use lower-case letters, digits and hyphens'],
    ['an accent failing contrast', { accent: '#f5c518' }, 'accent', 'it needs 4.5:1'],
    ['a missing name', { name: '  ' }, 'name', 'Enter the network’s name'],
  ])('answers %s with the form again naming the field, every value kept, storing nothing', async (_what, over, field, message) => {
    const ctx = inMemoryApp();
    nlpn(ctx);
    const before = stored(ctx);
    const fields = newForm(over);
    const res = await post(ctx, NETWORK_PAGES.create, fields, signIn(ctx, 'robin@example.org'));
    expect(res.status).toBe(400);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const text = await res.text();
    expect(text).toContain('There is a problem');
    expect(text).toContain(`<a href="#network-${field}">`);
    expect(text).toContain(message);
    expect(text).toContain('aria-invalid="true"');
    for (const name of ['name', 'slug', 'tagline', 'accent', 'place', 'website', 'topics', 'yourName']) expect(text, name).toMatch(inputWith(name, fields[name]!));
    expect(text).toContain('Monthly.\nhttps://example.org/leeds</textarea>');
    expect(text).toMatch(/name="showName" value="yes" checked/);
    expect(stored(ctx)).toEqual(before);
  });

  it('lets only the address that listed a free-text network’s meetups claim its name', async () => {
    const ctx = inMemoryApp();
    // A meetup from before networks, under the free-text "Manchester NLPN", and the backfill that records it.
    const input = eventInputSchema.parse(validMeetup({ network: 'Manchester NLPN', organiserEmail: 'sam@example.org' }));
    const draft = createEvent(input, { id: newId(), tokenHash: hashSecret(newToken()) }, NOW);
    expect((await ctx.events.create(draft, [], [])).ok).toBe(true);
    expect((await ctx.events.save(publishEvent(draft, NOW), draft)).ok).toBe(true);
    const scanned = memoryNetworksRepository(ctx.events.events);
    expect(await backfillLegacyNames(scanned)).toEqual({ events: 1, names: 1 });
    for (const [slug, name] of scanned.legacyNames) ctx.networks.legacyNames.set(slug, name);

    const fields = newForm({ name: 'Manchester NLPN', slug: '' });
    const other = await post(ctx, NETWORK_PAGES.create, fields, signIn(ctx, 'impostor@example.org'));
    expect(other.status).toBe(400);
    const text = await other.text();
    expect(text).toContain('<a href="#network-slug">');
    expect(text).toContain(LEGACY_NAME_TAKEN.slice(0, 40));
    expect(text).toContain('value="Manchester NLPN"');
    // Typing the address instead of suggesting it is refused the same way.
    expect((await post(ctx, NETWORK_PAGES.create, { ...fields, slug: 'manchester-nlpn' }, signIn(ctx, 'impostor@example.org'))).status).toBe(400);
    expect(ctx.networks.networks.size).toBe(0);

    const sam = await post(ctx, NETWORK_PAGES.create, fields, signIn(ctx, 'sam@example.org'));
    expect(sam.status).toBe(200);
    expect(ctx.networks.networks.get('manchester-nlpn')!.createdBy).toBe('sam@example.org');
    expect(ctx.networks.members.get(`manchester-nlpn#${personId('sam@example.org')}`)!.role).toBe('organiser');
  });
});

describe('editing a network', () => {
  it('saves an organiser’s changes, recording who changed what and when', async () => {
    const clock = fixedClock('2026-11-27T09:00:00Z');
    const ctx = inMemoryApp({ clock });
    const { lead } = nlpn(ctx);
    clock.set('2026-11-28T10:15:00Z');
    const res = await post(ctx, manageActions.edit('nlpn'), editForm(ctx, { tagline: 'New professionals in Greater Manchester', accent: '#7a1f5c' }), lead);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${NETWORK_PAGES.manage('nlpn')}?done=edited`);
    expect(ctx.networks.networks.get('nlpn')).toMatchObject({ tagline: 'New professionals in Greater Manchester', accent: '#7a1f5c', version: 2, updatedAt: '2026-11-28T10:15:00.000Z' });
    expect(ctx.networks.activities).toMatchObject([
      { slug: 'nlpn', action: 'network.edited', at: '2026-11-28T10:15:00.000Z', summary: 'Edited the network: tagline, colour', actor: { email: 'lead@example.org', name: 'lead', via: 'session' } },
    ]);
    const page = await (await get(ctx, `${NETWORK_PAGES.manage('nlpn')}?done=edited`, lead)).text();
    expect(page).toContain('Your changes are saved.');
    expect(page).toContain('<time datetime="2026-11-28T10:15:00.000Z">28 Nov 2026, 10:15 (UK time)</time>: lead: Edited the network: tagline, colour');
  });

  it('answers an edit made from an out-of-date page with a 409, keeping the newer version', async () => {
    const ctx = inMemoryApp();
    const { lead } = nlpn(ctx);
    expect((await post(ctx, manageActions.edit('nlpn'), editForm(ctx, { tagline: 'First change' }), lead)).status).toBe(303);
    const before = stored(ctx);
    const stale = await post(ctx, manageActions.edit('nlpn'), editForm(ctx, { tagline: 'Second change', version: '1' }), lead);
    expect(stale.status).toBe(409);
    const text = await stale.text();
    expect(text).toContain('Someone else changed the network meanwhile');
    expect(text).toContain('value="Second change"');
    expect(stored(ctx)).toEqual(before);
    expect(ctx.networks.networks.get('nlpn')).toMatchObject({ tagline: 'First change', version: 2 });
  });

  it('answers a bad colour with the manage page naming the field, storing nothing', async () => {
    const ctx = inMemoryApp();
    const { lead } = nlpn(ctx);
    const before = stored(ctx);
    const res = await post(ctx, manageActions.edit('nlpn'), editForm(ctx, { accent: '#ffff00', tagline: 'Kept as typed' }), lead);
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).toContain('<a href="#network-accent">');
    expect(text).toContain('value="Kept as typed"');
    expect(stored(ctx)).toEqual(before);
  });

  it.each([['a helper', 'helper', 403], ['a non-member', 'stranger', 403], ['a signed-out caller', undefined, 401]] as const)(
    'refuses %s (%s), changing nothing',
    async (_who, as, status) => {
      const ctx = inMemoryApp();
      const cookies = nlpn(ctx);
      const before = stored(ctx);
      const res = await post(ctx, manageActions.edit('nlpn'), editForm(ctx, { tagline: 'Taken over' }), as && cookies[as]);
      expect(res.status).toBe(status);
      expect(await res.text()).not.toContain('Taken over');
      expect(stored(ctx)).toEqual(before);
    },
  );
});

describe('invitations', () => {
  it('emails a 256-bit link whose GET changes nothing; its form post joins the team and signs the browser in', async () => {
    const ctx = inMemoryApp();
    const { lead } = nlpn(ctx);
    const res = await post(ctx, manageActions.invite('nlpn'), { email: 'New.Person@Example.org', role: 'helper' }, lead);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${NETWORK_PAGES.manage('nlpn')}?done=invited`);
    expect(ctx.networks.outbox.map((m) => [m.purpose, m.to])).toEqual([['network-invitation', expect.stringContaining('new.person@example.org')]]);
    const link = invitationLink(ctx, 'new.person@example.org');
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits, base64url
    const [invitation] = [...ctx.networks.invites.values()];
    expect(invitation).toMatchObject({ id: link.id, slug: 'nlpn', email: 'new.person@example.org', role: 'helper', invitedBy: 'lead', tokenHash: hashSecret(link.token) });
    expect(JSON.stringify([...ctx.networks.invites.values()])).not.toContain(link.token);
    expect(ctx.networks.activities.map((a) => a.action)).toEqual(['member.invited']);

    // Opening the link (as a mail scanner would) only shows it.
    const before = stored(ctx);
    const shown = await get(ctx, link.path);
    expect(shown.status).toBe(200);
    expect(shown.headers.get('set-cookie')).toBeNull();
    const page = await shown.text();
    expect(page).toContain('Join the team of Manchester NLPN');
    expect(page).toContain(`name="token" value="${link.token}"`);
    expect(stored(ctx)).toEqual(before);

    const joined = await post(ctx, `/invitations/${link.id}`, { token: link.token, name: 'New Person', showName: 'yes' });
    expect(joined.status).toBe(200);
    expect(await joined.text()).toContain('Welcome to the team of Manchester NLPN');
    const cookie = joined.headers.get('set-cookie')!;
    expect(cookie).toMatch(new RegExp(`^${COOKIE}=[A-Za-z0-9_-]{43}; Max-Age=2592000; Path=/; HttpOnly; Secure; SameSite=Lax$`));
    expect(ctx.networks.members.get(`nlpn#${personId('new.person@example.org')}`)).toMatchObject({ email: 'new.person@example.org', name: 'New Person', role: 'helper', showName: true });
    expect(ctx.networks.invites.get(`nlpn#${link.id}`)!.acceptedAt).toBe(NOW.toISOString());
    expect(ctx.networks.activities.at(-1)).toMatchObject({ action: 'member.joined', actor: { email: 'new.person@example.org', name: 'New Person' } });
    // The cookie set is a working session for the invited address.
    const session = cookie.split(';')[0]!;
    const manage = await get(ctx, NETWORK_PAGES.manage('nlpn'), session);
    expect(manage.status).toBe(200);
    expect(await manage.text()).toContain('<strong>New Person</strong> (you): helper');

    // The link works once.
    const again = await post(ctx, `/invitations/${link.id}`, { token: link.token, name: 'New Person' });
    expect(again.status).toBe(410);
    expect(again.headers.get('set-cookie')).toBeNull();
    expect(await again.text()).toContain('This invitation has been used');
    expect((await get(ctx, link.path)).status).toBe(410);
  });

  it('asks again for a blank name, keeping the link, and joins nobody', async () => {
    const ctx = inMemoryApp();
    const { lead } = nlpn(ctx);
    await post(ctx, manageActions.invite('nlpn'), { email: 'new@example.org', role: 'organiser' }, lead);
    const link = invitationLink(ctx, 'new@example.org');
    const before = stored(ctx);
    const res = await post(ctx, `/invitations/${link.id}`, { token: link.token, name: ' ' });
    expect(res.status).toBe(400);
    expect(res.headers.get('set-cookie')).toBeNull();
    const text = await res.text();
    expect(text).toContain('<a href="#join-name">');
    expect(text).toContain(`name="token" value="${link.token}"`);
    expect(stored(ctx)).toEqual(before);
  });

  it.each([
    ['yourself', 'LEAD@example.org', 'That is your own address'],
    ['a member', 'helper@example.org', 'helper@example.org is on the team already'],
    ['a bad address', 'not-an-address', 'Enter an email address in the correct format'],
  ])('refuses an invitation to %s with a 400 naming the field, storing and sending nothing', async (_who, email, message) => {
    const ctx = inMemoryApp();
    const { lead } = nlpn(ctx);
    const before = stored(ctx);
    const res = await post(ctx, manageActions.invite('nlpn'), { email, role: 'helper' }, lead);
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).toContain('<a href="#invite-email">');
    expect(text).toContain(message);
    expect(text).toContain(`name="email" type="email" autocomplete="off" spellcheck="false" value="${email}"`);
    expect(stored(ctx)).toEqual(before);
  });

  it('refuses a second invitation while one is waiting, and a role that is not one', async () => {
    const ctx = inMemoryApp();
    const { lead } = nlpn(ctx);
    expect((await post(ctx, manageActions.invite('nlpn'), { email: 'new@example.org', role: 'helper' }, lead)).status).toBe(303);
    const before = stored(ctx);
    const again = await post(ctx, manageActions.invite('nlpn'), { email: 'NEW@example.org', role: 'organiser' }, lead);
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('has been invited already');
    const badRole = await post(ctx, manageActions.invite('nlpn'), { email: 'other@example.org', role: 'owner' }, lead);
    expect(badRole.status).toBe(400);
    expect(await badRole.text()).toContain('<a href="#invite-role-helper">Choose a role: organiser or helper</a>');
    expect(stored(ctx)).toEqual(before);
  });

  it('refuses an expired invitation (410), joining and signing in nobody, and then lets the organiser invite again', async () => {
    const clock = fixedClock('2026-11-27T09:00:00Z');
    const ctx = inMemoryApp({ clock });
    const { lead } = nlpn(ctx);
    await post(ctx, manageActions.invite('nlpn'), { email: 'late@example.org', role: 'helper' }, lead);
    const link = invitationLink(ctx, 'late@example.org');
    clock.set('2026-12-04T09:00:00Z'); // 7 days on
    const before = stored(ctx);
    const shown = await get(ctx, link.path);
    expect(shown.status).toBe(410);
    expect(await shown.text()).toContain('This invitation has expired');
    const res = await post(ctx, `/invitations/${link.id}`, { token: link.token, name: 'Late' });
    expect(res.status).toBe(410);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(stored(ctx)).toEqual(before);
    // No longer waiting: it leaves the manage page, and the address can be invited again.
    expect(await (await get(ctx, NETWORK_PAGES.manage('nlpn'), signIn(ctx, 'lead@example.org'))).text()).not.toContain('late@example.org: helper, invited by');
    expect((await post(ctx, manageActions.invite('nlpn'), { email: 'late@example.org', role: 'helper' }, lead)).status).toBe(303);
  });

  it.each([
    ['a wrong token', (l: { id: string; token: string }) => ({ id: l.id, token: newToken() }), 403, 'This invitation link is not valid'],
    ['a cut-off token', (l: { id: string; token: string }) => ({ id: l.id, token: l.token.slice(0, 30) }), 403, 'This invitation link is not valid'],
    ['no token', (l: { id: string; token: string }) => ({ id: l.id, token: '' }), 403, 'This invitation link is not valid'],
    ['another network’s id', (l: { id: string; token: string }) => ({ id: l.id.replace('nlpn.', 'other.'), token: l.token }), 410, 'This invitation has expired'],
  ])('refuses %s with a page saying so, joining and signing in nobody', async (_what, broken, status, title) => {
    const ctx = inMemoryApp();
    const { lead } = nlpn(ctx);
    await post(ctx, manageActions.invite('nlpn'), { email: 'new@example.org', role: 'organiser' }, lead);
    const { id, token } = broken(invitationLink(ctx, 'new@example.org'));
    const before = stored(ctx);
    const shown = await get(ctx, `/invitations/${id}?token=${token}`);
    expect(shown.status).toBe(status);
    expect(await shown.text()).toContain(title);
    const res = await post(ctx, `/invitations/${id}`, { token, name: 'New' });
    expect(res.status).toBe(status);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(stored(ctx)).toEqual(before);
  });

  it.each([['a helper', 'helper', 403], ['a non-member', 'stranger', 403], ['a signed-out caller', undefined, 401]] as const)(
    'refuses %s (%s) an invitation or a withdrawal, storing and sending nothing',
    async (_who, as, status) => {
      const ctx = inMemoryApp();
      const cookies = nlpn(ctx);
      await post(ctx, manageActions.invite('nlpn'), { email: 'waiting@example.org', role: 'helper' }, cookies.lead);
      const { id } = invitationLink(ctx, 'waiting@example.org');
      const before = stored(ctx);
      expect((await post(ctx, manageActions.invite('nlpn'), { email: 'friend@example.org', role: 'organiser' }, as && cookies[as])).status).toBe(status);
      expect((await post(ctx, manageActions.withdraw('nlpn', id), {}, as && cookies[as])).status).toBe(status);
      expect(stored(ctx)).toEqual(before);
    },
  );

  it('caps the invitations one organiser sends in an hour (429), storing and sending nothing more', async () => {
    const ctx = inMemoryApp();
    const { lead } = nlpn(ctx);
    for (let i = 0; i < 10; i++) expect((await post(ctx, manageActions.invite('nlpn'), { email: `guest${i}@example.org`, role: 'helper' }, lead)).status).toBe(303);
    const before = stored(ctx);
    const res = await post(ctx, manageActions.invite('nlpn'), { email: 'one.more@example.org', role: 'helper' }, lead);
    expect(res.status).toBe(429);
    expect(await res.text()).toContain('Too many invitations just now');
    expect(stored(ctx)).toEqual(before);
  });

  it('lets an organiser withdraw a waiting invitation, so its link stops working', async () => {
    const ctx = inMemoryApp();
    const { lead } = nlpn(ctx);
    await post(ctx, manageActions.invite('nlpn'), { email: 'new@example.org', role: 'helper' }, lead);
    const link = invitationLink(ctx, 'new@example.org');
    const res = await post(ctx, manageActions.withdraw('nlpn', link.id), {}, lead);
    expect(res.headers.get('location')).toBe(`${NETWORK_PAGES.manage('nlpn')}?done=withdrawn`);
    expect(ctx.networks.invites.size).toBe(0);
    expect((await post(ctx, `/invitations/${link.id}`, { token: link.token, name: 'New' })).status).toBe(410);
    expect(ctx.networks.members.has(`nlpn#${personId('new@example.org')}`)).toBe(false);
  });
});

describe('the team', () => {
  const member = (ctx: Ctx, email: string) => ctx.networks.members.get(`nlpn#${personId(email)}`);

  it('lets an organiser change a role and remove a member, each on the activity list', async () => {
    const ctx = inMemoryApp();
    const { lead } = nlpn(ctx);
    const role = await post(ctx, manageActions.role('nlpn', personId('helper@example.org')), { role: 'organiser' }, lead);
    expect(role.status).toBe(303);
    expect(role.headers.get('location')).toBe(`${NETWORK_PAGES.manage('nlpn')}?done=role`);
    expect(member(ctx, 'helper@example.org')!.role).toBe('organiser');
    const removed = await post(ctx, manageActions.remove('nlpn', personId('co@example.org')), {}, lead);
    expect(removed.headers.get('location')).toBe(`${NETWORK_PAGES.manage('nlpn')}?done=removed`);
    expect(member(ctx, 'co@example.org')).toBeUndefined();
    expect(ctx.networks.activities.map((a) => [a.action, a.actor.email, a.summary])).toEqual([
      ['member.role-changed', 'lead@example.org', 'Made helper (helper@example.org) organiser'],
      ['member.removed', 'lead@example.org', 'Removed co (co@example.org) from the team'],
    ]);
  });

  it('lets an organiser leave while another organiser stays, and hand over to a helper, who becomes organiser', async () => {
    const ctx = inMemoryApp();
    const { lead } = nlpn(ctx);
    const left = await post(ctx, manageActions.leave('nlpn'), {}, signIn(ctx, 'co@example.org'));
    expect(left.status).toBe(200);
    expect(await left.text()).toContain('You have left Manchester NLPN');
    expect(member(ctx, 'co@example.org')).toBeUndefined();

    const handed = await post(ctx, manageActions.handOver('nlpn', personId('helper@example.org')), {}, lead);
    expect(handed.status).toBe(200);
    expect(await handed.text()).toContain('You have left Manchester NLPN');
    expect(member(ctx, 'lead@example.org')).toBeUndefined();
    expect(member(ctx, 'helper@example.org')!.role).toBe('organiser');
    expect(ctx.networks.activities.at(-1)).toMatchObject({ action: 'member.handed-over', actor: { email: 'lead@example.org' } });
  });

  it('lets a helper leave', async () => {
    const ctx = inMemoryApp();
    const { helper } = nlpn(ctx);
    const res = await post(ctx, manageActions.leave('nlpn'), {}, helper);
    expect(res.status).toBe(200);
    expect(member(ctx, 'helper@example.org')).toBeUndefined();
    expect(ctx.networks.activities).toMatchObject([{ action: 'member.left', actor: { email: 'helper@example.org' } }]);
  });

  it.each([
    ['leaving', (slug: string) => manageActions.leave(slug), {}],
    ['removing themselves', (slug: string) => manageActions.remove(slug, personId('lead@example.org')), {}],
    ['making themselves a helper', (slug: string) => manageActions.role(slug, personId('lead@example.org')), { role: 'helper' }],
  ])('refuses the last organiser %s with a 400 naming the team, changing nothing', async (_what, path, fields) => {
    const ctx = inMemoryApp();
    const { lead } = nlpn(ctx, [{ email: 'lead@example.org', role: 'organiser' }, { email: 'helper@example.org', role: 'helper' }]);
    const before = stored(ctx);
    const res = await post(ctx, path('nlpn'), fields, lead);
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).toContain('id="team-error-summary"');
    expect(text).toContain(`<a href="#team">${LAST_ORGANISER}</a>`);
    expect(stored(ctx)).toEqual(before);
  });

  it('answers handing over to yourself, a role that is not one, and someone not on the team', async () => {
    const ctx = inMemoryApp();
    const { lead } = nlpn(ctx);
    const before = stored(ctx);
    const self = await post(ctx, manageActions.handOver('nlpn', personId('lead@example.org')), {}, lead);
    expect(self.status).toBe(400);
    expect(await self.text()).toContain('Choose someone else to hand over to');
    const role = await post(ctx, manageActions.role('nlpn', personId('helper@example.org')), { role: 'boss' }, lead);
    expect(role.status).toBe(400);
    expect(await role.text()).toContain('Choose a role: organiser or helper');
    expect((await post(ctx, manageActions.remove('nlpn', personId('stranger@example.org')), {}, lead)).status).toBe(404);
    expect(stored(ctx)).toEqual(before);
  });

  it.each([['a helper', 'helper', 403], ['a non-member', 'stranger', 403], ['a signed-out caller', undefined, 401]] as const)(
    'refuses %s (%s) a role change, a removal and a hand-over, changing nothing',
    async (_who, as, status) => {
      const ctx = inMemoryApp();
      const cookies = nlpn(ctx);
      const before = stored(ctx);
      const cookie = as && cookies[as];
      expect((await post(ctx, manageActions.role('nlpn', personId('lead@example.org')), { role: 'helper' }, cookie)).status).toBe(status);
      expect((await post(ctx, manageActions.role('nlpn', personId('helper@example.org')), { role: 'organiser' }, cookie)).status).toBe(status);
      expect((await post(ctx, manageActions.remove('nlpn', personId('co@example.org')), {}, cookie)).status).toBe(status);
      expect((await post(ctx, manageActions.handOver('nlpn', personId('co@example.org')), {}, cookie)).status).toBe(status);
      expect(stored(ctx)).toEqual(before);
    },
  );

  it('refuses a non-member or a signed-out caller leaving', async () => {
    const ctx = inMemoryApp();
    const { stranger } = nlpn(ctx);
    const before = stored(ctx);
    expect((await post(ctx, manageActions.leave('nlpn'), {}, stranger)).status).toBe(403);
    expect((await post(ctx, manageActions.leave('nlpn'), {})).status).toBe(401);
    expect(stored(ctx)).toEqual(before);
  });
});

describe('the manage page', () => {
  async function world() {
    const ctx = inMemoryApp();
    const cookies = nlpn(ctx);
    await post(ctx, manageActions.invite('nlpn'), { email: 'waiting@example.org', role: 'organiser' }, cookies.lead);
    await post(ctx, manageActions.edit('nlpn'), editForm(ctx, { tagline: 'Edited tagline' }), cookies.lead);
    return { ctx, ...cookies };
  }

  it('shows organisers the team with addresses, the invite form, waiting invitations and the activity list', async () => {
    const { ctx, lead } = await world();
    const res = await get(ctx, NETWORK_PAGES.manage('nlpn'), lead);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const text = await res.text();
    expect(text).toContain('<h1>Manage Manchester NLPN</h1>');
    for (const email of ['lead@example.org', 'co@example.org', 'helper@example.org']) expect(text, email).toContain(email);
    expect(text).toContain('id="invite-form"');
    expect(text).toMatch(/waiting@example\.org: organiser, invited by lead, until 4 Dec 2026/);
    expect(text).toContain('id="activity"');
    expect(text).toContain('lead: Invited waiting@example.org as organiser');
    expect(text).toContain('lead: Edited the network: tagline');
    expect(text).toContain('value="Edited tagline"');
    expect(text).toContain(`action="${manageActions.role('nlpn', personId('helper@example.org'))}"`);
  });

  it('shows helpers the team only: no addresses, invitations, activity, edit form or others’ actions', async () => {
    const { ctx, helper } = await world();
    const res = await get(ctx, NETWORK_PAGES.manage('nlpn'), helper);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('<strong>helper</strong> (you): helper');
    expect(text).toContain('<strong>lead</strong>: organiser');
    expect(text).toContain(`action="${manageActions.leave('nlpn')}"`);
    expect(text).not.toMatch(ADDRESS);
    for (const hidden of ['id="invite-form"', 'id="invitations"', 'id="activity"', 'id="network-form"', '/role"', '/remove"', '/hand-over"']) expect(text, hidden).not.toContain(hidden);
  });

  it('refuses a non-member (403) and sends a signed-out visitor to sign in', async () => {
    const { ctx, stranger } = await world();
    const res = await get(ctx, NETWORK_PAGES.manage('nlpn'), stranger);
    expect(res.status).toBe(403);
    const text = await res.text();
    expect(text).toContain('This page is for the network’s team');
    expect(text).not.toMatch(ADDRESS);
    const out = await get(ctx, NETWORK_PAGES.manage('nlpn'));
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe(`/sign-in?next=${encodeURIComponent(NETWORK_PAGES.manage('nlpn'))}`);
    expect((await get(ctx, NETWORK_PAGES.manage('no-such-network'), stranger)).status).toBe(404);
  });

  it('leaves every address, the team’s and the contact’s, off the public page and the API', async () => {
    const ctx = inMemoryApp();
    const founder = signIn(ctx, 'robin@example.org');
    await post(ctx, NETWORK_PAGES.create, newForm({ contactEmail: 'replies@leeds.example.org' }), founder);
    await post(ctx, manageActions.invite('leeds-chat'), { email: 'pat.helper@example.org', role: 'helper' }, founder);
    const link = invitationLink(ctx, 'pat.helper@example.org');
    expect((await post(ctx, `/invitations/${link.id}`, { token: link.token, name: 'Pat Helper', showName: 'yes' })).status).toBe(200);

    const page = await get(ctx, NETWORK_PAGES.page('leeds-chat'));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Leeds Library Chat');
    expect(html).toContain('Robin'); // first names of those who agreed
    expect(html).toContain('Pat');
    for (const path of ['/api/networks', '/api/networks/leeds-chat']) {
      const res = await get(ctx, path);
      expect(res.status, path).toBe(200);
      expect(await res.text(), path).toContain('Leeds Library Chat');
    }
    for (const path of [NETWORK_PAGES.page('leeds-chat'), NETWORK_PAGES.directory, '/api/networks', '/api/networks/leeds-chat']) {
      const text = await (await get(ctx, path)).text();
      expect(text, path).not.toMatch(ADDRESS);
      for (const email of ['robin@example.org', 'pat.helper@example.org', 'replies@leeds.example.org']) expect(text, path).not.toContain(email);
    }
  });
});

describe('cross-site posts', () => {
  it('refuses every networks form posted from another site with the cookie (403), storing nothing', async () => {
    const ctx = inMemoryApp();
    const { lead } = nlpn(ctx);
    await post(ctx, manageActions.invite('nlpn'), { email: 'new@example.org', role: 'helper' }, lead);
    const link = invitationLink(ctx, 'new@example.org');
    const before = stored(ctx);
    const attempts: [string, Record<string, string>][] = [
      [NETWORK_PAGES.create, newForm()],
      [manageActions.edit('nlpn'), editForm(ctx, { tagline: 'Taken over' })],
      [manageActions.invite('nlpn'), { email: 'evil@example.org', role: 'organiser' }],
      [manageActions.withdraw('nlpn', link.id), {}],
      [manageActions.role('nlpn', personId('helper@example.org')), { role: 'organiser' }],
      [manageActions.remove('nlpn', personId('co@example.org')), {}],
      [manageActions.handOver('nlpn', personId('co@example.org')), {}],
      [manageActions.leave('nlpn'), {}],
      [`/invitations/${link.id}`, { token: link.token, name: 'Evil' }],
    ];
    for (const [path, fields] of attempts) {
      const res = await crossSite(ctx, path, fields, lead);
      expect(res.status, path).toBe(403);
      expect(res.headers.get('set-cookie'), path).toBeNull();
    }
    expect(stored(ctx)).toEqual(before);
    // The same cookie from the site's own page still works.
    expect((await post(ctx, manageActions.edit('nlpn'), editForm(ctx, { tagline: 'From our own page' }), lead)).status).toBe(303);
  });
});
