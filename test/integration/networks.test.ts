// Integration: networks and their teams on DynamoDB Local and the SES emulator, through the site's own routes.
// Creating a network claims its slug once, even twice at the same moment; an invitation is emailed (sent by the
// mailer), its link shows without changing anything and accepts once, signing the invitee in; an expired one is
// refused; a new organiser manages the network's meetups with the cookie alone, and the activity list says who did;
// helpers, strangers and signed-out callers are refused; two organisers demoting or leaving at once never leave the
// network without one (the organiser count on the network item); sessions and invitations carry the table's TTL;
// "your meetups" finds meetups by the address they were listed with (the organiser index).
import { beforeAll, describe, expect, it } from 'vitest';
import { DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createApp } from '#functions/apps/api/app.ts';
import { fixedClock } from '#functions/core/clock.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import { hashSecret, newToken } from '#functions/core/ids.ts';
import type { Invitation, TeamRole } from '#functions/core/network.ts';
import { personId } from '#functions/core/person.ts';
import { SESSION_COOKIE } from '#functions/core/viewer.ts';
import type { TeamChange } from '#functions/networks/networks.repository.ts';
import { invitationId } from '#functions/networks/team.ts';
import { documentClient, type Item } from '#functions/table/client.ts';
import { tableDesign } from '#functions/table/design.ts';
import { invitationKey, networkKey } from '#functions/table/items/network.ts';
import { sessionKey } from '#functions/table/items/session.ts';
import { validMeetup } from '../support/fakes.ts';
import { testStack, uniqueAddress, waitForEmail } from '../support/stack.ts';

const NOW = '2026-11-27T09:00:00Z';
const NOW_SECONDS = Date.parse(NOW) / 1000;
const clock = fixedClock(NOW);
const SITE = 'http://localhost:3000';
const TTL = tableDesign.ttlAttribute;
let stack: Awaited<ReturnType<typeof testStack>>;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  stack = await testStack(clock, SITE);
  app = createApp(stack.deps);
});

const cookieOf = (res: Response) => {
  const secret = new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(res.headers.get('set-cookie') ?? '')?.[1];
  return secret ? `${SESSION_COOKIE}=${secret}` : undefined;
};

/** A session for `email`, stored as signing in would store it; the cookie header that carries it. */
async function signIn(email: string) {
  const secret = newToken();
  await stack.deps.sessions.createSession({ id: hashSecret(secret), personId: personId(email), email, createdAt: NOW, expiresAt: NOW_SECONDS + 30 * 86_400 });
  return `${SESSION_COOKIE}=${secret}`;
}

/** A form post from the site's own pages. */
const post = (path: string, fields: Record<string, string>, cookie?: string) =>
  app.request(path, { method: 'POST', body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', origin: SITE, ...(cookie ? { cookie } : {}) } });
/** A JSON request from the site's own pages. */
const api = (method: string, path: string, body: unknown, cookie?: string) =>
  app.request(path, { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json', origin: SITE, ...(cookie ? { cookie } : {}) } });
const get = (path: string, cookie?: string) => app.request(path, cookie ? { headers: { cookie } } : {});

const rawItem = async (Key: Item) =>
  (await documentClient(stack.dynamo).send(new GetCommand({ TableName: stack.tableName, Key, ConsistentRead: true }))).Item;
const organiserCount = async (slug: string) => (await rawItem(networkKey(slug)))?.organiserCount;

async function eventually(check: () => Promise<boolean>) {
  for (let i = 0; i < 50 && !(await check()); i++) await new Promise((r) => setTimeout(r, 100));
  expect(await check()).toBe(true);
}

const networkForm = (slug: string, yourName: string) => ({ name: `Network ${slug}`, slug, tagline: 'Librarians who meet for lunch', whereKind: 'online', yourName });

/** A network created through /networks/new by a signed-in founder. */
async function founded(name: string) {
  const founder = uniqueAddress(name);
  const cookie = await signIn(founder);
  const slug = `${name}-${Math.random().toString(36).slice(2, 8)}`;
  const res = await post('/networks/new', networkForm(slug, 'Fran Founder'), cookie);
  expect(res.status, await res.clone().text()).toBe(200);
  return { slug, founder, cookie };
}

const INVITATION_LINK = /\/invitations\/([a-z0-9-]+\.[a-z0-9]{16})\?token=([A-Za-z0-9_-]{43})/;

/** An organiser invites `email` through the manage page; the mailer sends it; the link read from the emulator. */
async function invited(slug: string, organiserCookie: string, email: string, role: TeamRole) {
  const res = await post(`/networks/${slug}/manage/invitations`, { email, role }, organiserCookie);
  expect(res.status, await res.clone().text()).toBe(303);
  await stack.deliver();
  const mail = await waitForEmail(stack.sesEndpoint, email, new RegExp(`invited you to help run Network ${slug} on Signpost$`));
  const [, id, token] = INVITATION_LINK.exec(mail.body.text ?? '')!;
  return { mail, id: id!, token: token!, path: `/invitations/${id}` };
}

/** Invited and accepted: the invitee's cookie from the accepting response. */
async function joined(slug: string, organiserCookie: string, role: TeamRole, name = 'Jo Joiner') {
  const email = uniqueAddress(role);
  const { path, token } = await invited(slug, organiserCookie, email, role);
  const res = await post(path, { token, name }, undefined);
  expect(res.status, await res.clone().text()).toBe(200);
  return { email, cookie: cookieOf(res)! };
}

/** A meetup listed under the network through the API by a signed-in organiser with their own address: live at once. */
async function listed(slug: string, cookie: string, organiserEmail: string, title: string, start = '2026-12-09T12:30', end = '2026-12-09T13:30'): Promise<StoredEvent> {
  const res = await api('POST', '/api/events', validMeetup({ title, organiserEmail, organiserName: 'Fran', network: slug, start, end }), cookie);
  expect(res.status, await res.clone().text()).toBe(201);
  return (await stack.deps.events.get(((await res.json()) as { id: string }).id))!;
}

const editBody = (e: StoredEvent, title: string) =>
  validMeetup({ title, start: e.startLocal, end: e.endLocal, organiserName: e.organiserName, organiserEmail: e.organiserEmail, network: e.networkSlug, version: e.version });

describe('creating a network', () => {
  it('makes the signed-in creator its only organiser', async () => {
    const { slug, founder } = await founded('created');
    expect(await stack.deps.networks.get(slug)).toMatchObject({ slug, createdBy: founder, contactEmail: founder, status: 'active', version: 1 });
    expect((await stack.deps.networks.team(slug)).map((m) => [m.email, m.role, m.name])).toEqual([[founder, 'organiser', 'Fran Founder']]);
    expect(await organiserCount(slug)).toBe(1);
    expect((await get(`/networks/${slug}`)).status).toBe(200);
  });

  it('claims a slug once when two people create it at the same moment', async () => {
    const slug = `race-${Math.random().toString(36).slice(2, 8)}`;
    const people = [uniqueAddress('first'), uniqueAddress('second')];
    const cookies = await Promise.all(people.map(signIn));
    const answers = await Promise.all(cookies.map((cookie, i) => post('/networks/new', networkForm(slug, `Person ${i}`), cookie)));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 400]);
    expect(await answers.find((r) => r.status === 400)!.text()).toContain('That address is taken');
    const network = (await stack.deps.networks.get(slug))!;
    expect(people).toContain(network.createdBy);
    expect((await stack.deps.networks.team(slug)).map((m) => m.email)).toEqual([network.createdBy]);
    expect(await organiserCount(slug)).toBe(1);
    expect((await stack.deps.networks.activity(slug, 10)).filter((a) => a.action === 'network.created')).toHaveLength(1);
    const loser = people.find((p) => p !== network.createdBy)!;
    expect(await stack.deps.networks.membershipsOf(personId(loser))).toEqual([]);
  });
});

describe('invitations', () => {
  it('are emailed; opening the link changes nothing; accepting joins the team and signs the invitee in', async () => {
    const { slug, cookie } = await founded('invites');
    const email = uniqueAddress('invitee');
    const { mail, id, token, path } = await invited(slug, cookie, email, 'organiser');
    expect(mail.subject).toBe(`Fran Founder invited you to help run Network ${slug} on Signpost`);
    expect(mail.body.text).toContain(`${SITE}${path}?token=${token}`);
    const before = await rawItem(invitationKey(slug, id));
    expect(before).toMatchObject({ email, role: 'organiser', tokenHash: hashSecret(token) });
    expect(JSON.stringify(before)).not.toContain(token);

    const opened = await get(`${path}?token=${token}`);
    expect(opened.status).toBe(200);
    expect(opened.headers.get('set-cookie')).toBeNull();
    expect(await rawItem(invitationKey(slug, id))).toEqual(before);
    expect(await stack.deps.networks.member(slug, personId(email))).toBeUndefined();

    const res = await post(path, { token, name: 'Ola Organiser' });
    expect(res.status).toBe(200);
    const invitee = cookieOf(res)!;
    expect(await (await get('/api/session', invitee)).json()).toMatchObject({ signedIn: true, email });
    expect(await stack.deps.networks.member(slug, personId(email))).toMatchObject({ email, role: 'organiser', name: 'Ola Organiser' });
    expect(await organiserCount(slug)).toBe(2);
    expect((await rawItem(invitationKey(slug, id)))!.acceptedAt).toBe(new Date(NOW).toISOString());
    // The manage page is theirs now.
    expect((await get(`/networks/${slug}/manage`, invitee)).status).toBe(200);
    expect((await post(path, { token, name: 'Ola Organiser' })).status).toBe(410);
  });

  it('accepted twice at the same moment adds the member once', async () => {
    const { slug, cookie } = await founded('twice');
    const email = uniqueAddress('double');
    const { path, token } = await invited(slug, cookie, email, 'helper');
    const answers = await Promise.all([0, 1, 2].map(() => post(path, { token, name: 'Dee Double' })));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 410, 410]);
    expect(answers.filter((r) => cookieOf(r))).toHaveLength(1);
    expect((await stack.deps.networks.team(slug)).filter((m) => m.email === email)).toHaveLength(1);
    expect((await stack.deps.networks.activity(slug, 20)).filter((a) => a.action === 'member.joined')).toHaveLength(1);
    expect(await organiserCount(slug)).toBe(1);
  });

  it('expired, is refused by the page and by the write, and adds nobody', async () => {
    const { slug } = await founded('expired');
    const email = uniqueAddress('late');
    const token = newToken();
    const invitation: Invitation = {
      slug, id: invitationId(slug), email, role: 'organiser', invitedBy: 'Fran Founder', tokenHash: hashSecret(token),
      createdAt: '2026-11-10T09:00:00Z', expiresAt: NOW_SECONDS - 60,
    };
    expect(await stack.deps.networks.invite(invitation, {})).toEqual({ ok: true });
    const path = `/invitations/${invitation.id}`;
    expect((await get(`${path}?token=${token}`)).status).toBe(410);
    const res = await post(path, { token, name: 'Lee Late' });
    expect(res.status).toBe(410);
    expect(res.headers.get('set-cookie')).toBeNull();
    // The transaction checks the time too (TTL deletion lags), whatever the caller decided.
    const member = { slug, personId: personId(email), email, name: 'Lee Late', role: 'organiser' as const, showName: false, joinedAt: NOW };
    expect(await stack.deps.networks.acceptInvitation(invitation, member, new Date(NOW), {})).toEqual({ ok: false, reason: 'used' });
    expect(await stack.deps.networks.member(slug, personId(email))).toBeUndefined();
    expect(await organiserCount(slug)).toBe(1);
  });
});

describe("the team's powers over the network's meetups", () => {
  it('a new organiser edits a meetup with the cookie alone, and the activity list says who', async () => {
    const { slug, founder, cookie } = await founded('powers');
    const e = await listed(slug, cookie, founder, 'Lunch club');
    const organiser = await joined(slug, cookie, 'organiser');
    const res = await api('PUT', `/api/events/${e.id}`, editBody(e, 'Lunch club (moved)'), organiser.cookie);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await stack.deps.events.get(e.id)).toMatchObject({ title: 'Lunch club (moved)', networkSlug: slug, version: e.version + 1 });
    const edits = (await stack.deps.networks.activity(slug, 20)).filter((a) => a.action === 'meetup.edited');
    expect(edits).toEqual([expect.objectContaining({ eventId: e.id, actor: { email: organiser.email, name: 'Jo Joiner', via: 'session' }, summary: 'Edited “Lunch club (moved)”' })]);
    expect(await (await get(`/networks/${slug}/manage`, cookie)).text()).toContain("Jo Joiner: Edited “Lunch club (moved)”");
  });

  it('a helper, a stranger and a signed-out caller are refused, and nothing changes', async () => {
    const { slug, founder, cookie } = await founded('refused');
    const e = await listed(slug, cookie, founder, 'Lunch club');
    const helper = await joined(slug, cookie, 'helper');
    const stranger = await signIn(uniqueAddress('stranger'));
    const answers = [
      [await api('PUT', `/api/events/${e.id}`, editBody(e, 'Hijacked'), helper.cookie), 403, 'not_your_meetup'],
      [await api('PUT', `/api/events/${e.id}`, editBody(e, 'Hijacked'), stranger), 403, 'not_your_meetup'],
      [await api('PUT', `/api/events/${e.id}`, editBody(e, 'Hijacked')), 401, 'sign_in_needed'],
    ] as const;
    for (const [res, status, error] of answers) {
      expect(res.status).toBe(status);
      expect(((await res.json()) as { error: string }).error).toBe(error);
    }
    expect(await stack.deps.events.get(e.id)).toMatchObject({ title: 'Lunch club', version: e.version });
    expect((await stack.deps.networks.activity(slug, 20)).filter((a) => a.action === 'meetup.edited')).toEqual([]);
  });
});

describe('a network always keeps an organiser', () => {
  /** Two organisers, the founder and one who joined by invitation. */
  async function twoOrganisers(name: string) {
    const { slug, founder, cookie } = await founded(name);
    const other = await joined(slug, cookie, 'organiser', 'Oli Other');
    expect(await organiserCount(slug)).toBe(2);
    return { slug, a: { email: founder, cookie }, b: other };
  }

  async function keptOne(slug: string) {
    const team = await stack.deps.networks.team(slug);
    const organisers = team.filter((m) => m.role === 'organiser');
    expect(organisers).toHaveLength(1);
    expect(await organiserCount(slug)).toBe(1);
    return team;
  }

  /**
   * One of two racing requests wins; the other is refused as the last organiser (400), as no longer an organiser or on
   * the team (403, when it read the team after the winner's write), or because the member it read changed (409).
   */
  async function oneWins(answers: Response[], won = 303) {
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === won), String(statuses)).toHaveLength(1);
    expect(statuses.filter((s) => [400, 403, 409].includes(s)), String(statuses)).toHaveLength(1);
  }

  it('when each demotes the other at the same moment', async () => {
    const { slug, a, b } = await twoOrganisers('demote');
    await oneWins(await Promise.all([
      post(`/networks/${slug}/manage/members/${personId(b.email)}/role`, { role: 'helper' }, a.cookie),
      post(`/networks/${slug}/manage/members/${personId(a.email)}/role`, { role: 'helper' }, b.cookie),
    ]));
    expect((await keptOne(slug)).map((m) => m.role).sort()).toEqual(['helper', 'organiser']);
  });

  it('when both leave at the same moment', async () => {
    const { slug, a, b } = await twoOrganisers('leave');
    const answers = await Promise.all([post(`/networks/${slug}/manage/leave`, {}, a.cookie), post(`/networks/${slug}/manage/leave`, {}, b.cookie)]);
    await oneWins(answers, 200);
    expect(await answers.find((r) => r.status !== 200)!.text()).toContain('A network needs at least one organiser');
    expect(await keptOne(slug)).toHaveLength(1);
  });

  it('when each removes the other, or one leaves as the other demotes them, at the same moment', async () => {
    const removes = await twoOrganisers('remove');
    await oneWins(await Promise.all([
      post(`/networks/${removes.slug}/manage/members/${personId(removes.b.email)}/remove`, {}, removes.a.cookie),
      post(`/networks/${removes.slug}/manage/members/${personId(removes.a.email)}/remove`, {}, removes.b.cookie),
    ]));
    expect(await keptOne(removes.slug)).toHaveLength(1);

    const { slug, a, b } = await twoOrganisers('leave-or-demote');
    const answers = await Promise.all([post(`/networks/${slug}/manage/leave`, {}, a.cookie), post(`/networks/${slug}/manage/members/${personId(a.email)}/role`, { role: 'helper' }, b.cookie)]);
    const done = answers.filter((r) => r.status === 200 || r.status === 303).length;
    const team = await keptOne(slug);
    // At the same moment, one is refused. On a busy machine the two may not overlap at all: demoted first, A leaves as
    // a helper may, and both are done. Either way B is the one organiser left, and A is a helper or gone.
    expect(team.find((m) => m.personId === personId(b.email))?.role).toBe('organiser');
    const left = !team.some((m) => m.personId === personId(a.email));
    expect(done === 1 || (done === 2 && left), String(answers.map((r) => r.status))).toBe(true);
  });

  it('in the transaction itself, when both changes were decided from the same reading of the team', async () => {
    // The routes read the team first; here both writes start from the one reading, so only the transaction decides.
    for (const race of ['demote', 'remove', 'leave-or-demote'] as const) {
      const { slug, a, b } = await twoOrganisers(`tx-${race}`);
      const [ma, mb] = await Promise.all([stack.deps.networks.member(slug, personId(a.email)), stack.deps.networks.member(slug, personId(b.email))]);
      const changes: [TeamChange, TeamChange] =
        race === 'demote' ? [{ kind: 'role', member: mb!, role: 'helper' }, { kind: 'role', member: ma!, role: 'helper' }]
        : race === 'remove' ? [{ kind: 'remove', member: mb! }, { kind: 'remove', member: ma! }]
        : [{ kind: 'remove', member: ma! }, { kind: 'role', member: ma!, role: 'helper' }];
      const outcomes = await Promise.all(changes.map((c) => stack.deps.networks.changeTeam(slug, [c], {})));
      expect(outcomes.filter((o) => o.ok), race).toHaveLength(1);
      expect(outcomes.find((o) => !o.ok), race).toEqual({ ok: false, reason: race === 'leave-or-demote' ? 'changed' : 'last_organiser' });
      await keptOne(slug);
    }
  });
});

describe('TTLs', () => {
  it('the table expires items by the attribute the infrastructure names', async () => {
    const out = await stack.dynamo.send(new DescribeTimeToLiveCommand({ TableName: stack.tableName }));
    expect(out.TimeToLiveDescription).toMatchObject({ AttributeName: TTL, TimeToLiveStatus: 'ENABLED' });
  });

  it('a session from accepting an invitation, and the invitation, carry it in epoch seconds', async () => {
    const { slug, cookie } = await founded('ttl');
    const email = uniqueAddress('ttl');
    const { id, token, path } = await invited(slug, cookie, email, 'helper');
    expect((await rawItem(invitationKey(slug, id)))![TTL]).toBe(NOW_SECONDS + 7 * 86_400);
    const secret = cookieOf(await post(path, { token, name: 'Tia' }))!.split('=')[1]!;
    const session = (await rawItem(sessionKey(hashSecret(secret))))!;
    expect(session).toMatchObject({ type: 'session', email, personId: personId(email) });
    expect(session[TTL]).toBe(NOW_SECONDS + 30 * 86_400);
    expect(JSON.stringify(session)).not.toContain(secret);
  });
});

describe('your meetups from the organiser index', () => {
  it('organisedBy finds the meetups listed with an address, in start order, and /me lists them', async () => {
    const { slug, founder, cookie } = await founded('mine');
    const later = await listed(slug, cookie, founder, 'Later lunch', '2026-12-16T12:30', '2026-12-16T13:30');
    const sooner = await listed(slug, cookie, founder, 'Sooner lunch');
    // Listed by someone else: not the founder's own (they see it through the network instead).
    const other = uniqueAddress('other');
    const otherCookie = await signIn(other);
    const theirs = (await (await api('POST', '/api/events', validMeetup({ title: 'Their lunch', organiserEmail: other }), otherCookie)).json()) as { id: string };

    await eventually(async () => (await stack.deps.events.organisedBy(personId(founder))).length === 2);
    expect((await stack.deps.events.organisedBy(personId(founder))).map((e) => e.id)).toEqual([sooner.id, later.id]);
    // The address as typed in another case is the same person.
    expect((await stack.deps.events.organisedBy(personId(founder.toUpperCase()))).map((e) => e.id)).toEqual([sooner.id, later.id]);
    await eventually(async () => (await stack.deps.events.organisedBy(personId(other))).length === 1);
    expect((await stack.deps.events.organisedBy(personId(other)))[0]).toMatchObject({ id: theirs.id, title: 'Their lunch' });

    const page = await (await get('/me', cookie)).text();
    expect(page).toContain('Sooner lunch');
    expect(page).toContain('Later lunch');
    expect(page).not.toContain('Their lunch');
    expect(page.indexOf('Sooner lunch')).toBeLessThan(page.indexOf('Later lunch'));
  });
});
