// API: a team's messages, in-process on the in-memory app. Bad bodies are 400s naming the field and store nothing;
// only the meetup's managers (manage link, owner, network organiser) or the network's organisers may preview or send;
// a preview sends nothing; a send queues one email per person, records the activity line, and stops at the day's limit.
import { beforeEach, describe, expect, it } from 'vitest';
import type { StoredFollower } from '#functions/core/follow.ts';
import { hashSecret, newToken } from '#functions/core/ids.ts';
import { personId } from '#functions/core/person.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import type { memoryRsvpsRepository } from '#functions/rsvps/memory-rsvps.repository.ts';
import { inMemoryApp } from '../support/fakes.ts';
import { meetup, network, NOW, putNetwork, rsvp, signIn, SITE, type Ctx } from '../support/signed-in.ts';

let ctx: Ctx;
let event: StoredEvent;
let organiser: string;
const manageToken = newToken();

const send = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  ctx.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', Origin: SITE, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

const message = (over: Record<string, unknown> = {}) => ({ audience: 'going', subject: 'Slides are up', body: 'The slides: https://example.org/slides\n\nThanks for coming!', ...over });
const mail = () => ctx.broadcasts.outbox.filter((m) => m.purpose.startsWith('message-'));

beforeEach(async () => {
  ctx = inMemoryApp();
  putNetwork(ctx, network('nlpn', { name: 'Manchester NLPN' }), [
    { email: 'org@example.org', role: 'organiser' },
    { email: 'helper@example.org', role: 'helper' },
  ]);
  organiser = signIn(ctx, 'org@example.org');
  event = await meetup(ctx, { title: 'Lunch club', organiser: 'owner@example.org', slug: 'nlpn', capacity: 2 });
  ctx.events.events.get(event.id)!.manageTokenHash = hashSecret(manageToken);
  rsvp(ctx, event, 'going1@example.org', 'confirmed');
  rsvp(ctx, event, 'going2@example.org', 'confirmed');
  rsvp(ctx, event, 'waiting@example.org', 'waitlisted');
  rsvp(ctx, event, 'gone@example.org', 'cancelled');
});

describe('a meetup message: bad bodies', () => {
  const cases: [string, unknown, string][] = [
    ['null', 'null', 'body'],
    ['a list', '[]', 'body'],
    ['a string', '"hello"', 'body'],
    ['no audience', { subject: 'Hi', body: 'Hello' }, 'audience'],
    ['an unknown audience', message({ audience: 'everyone' }), 'audience'],
    ['no subject', message({ subject: undefined }), 'subject'],
    ['an empty subject', message({ subject: '   ' }), 'subject'],
    ['a subject too long', message({ subject: 'x'.repeat(151) }), 'subject'],
    ['a two-line subject', message({ subject: 'Hi\nBcc: x@example.org' }), 'subject'],
    ['no body', message({ body: undefined }), 'body'],
    ['an empty body', message({ body: '' }), 'body'],
    ['a body too long', message({ body: 'x'.repeat(5001) }), 'body'],
  ];
  for (const path of ['/messages', '/messages/preview'])
    it.each(cases)(`${path}: %s is a 400 naming the field, and nothing is stored`, async (_, body, field) => {
      const res = await send(`/api/events/${event.id}${path}`, body, { Cookie: organiser });
      expect(res.status).toBe(400);
      const json = (await res.json()) as { details?: { field: string }[] };
      expect(json.details?.map((d) => d.field)).toContain(field);
      expect(ctx.broadcasts.broadcasts.size).toBe(0);
      expect(mail()).toHaveLength(0);
    });

  it('takes a subject of 150 characters and a body of 5,000', async () => {
    const res = await send(`/api/events/${event.id}/messages/preview`, message({ subject: 's'.repeat(150), body: 'b'.repeat(5000) }), { Cookie: organiser });
    expect(res.status).toBe(200);
  });
});

describe('a meetup message: who may send it', () => {
  it('signed out, with no manage link: 401', async () => {
    expect((await send(`/api/events/${event.id}/messages`, message())).status).toBe(401);
  });
  it('signed in off the team, or as a helper: 403, nothing sent', async () => {
    for (const who of ['stranger@example.org', 'helper@example.org']) {
      const res = await send(`/api/events/${event.id}/messages`, message(), { Cookie: signIn(ctx, who) });
      expect(res.status).toBe(403);
    }
    expect((await send(`/api/events/${event.id}/messages/preview`, message(), { Cookie: signIn(ctx, 'helper@example.org') })).status).toBe(403);
    expect(mail()).toHaveLength(0);
  });
  it('a wrong manage link: 403; an unknown meetup: 404', async () => {
    expect((await send(`/api/events/${event.id}/messages`, message({ token: newToken() }))).status).toBe(403);
    expect((await send('/api/events/nosuchmeetup/messages', message(), { Cookie: organiser })).status).toBe(404);
  });
  it('the manage link, the owner and the network organiser may', async () => {
    expect((await send(`/api/events/${event.id}/messages/preview`, message({ token: manageToken }))).status).toBe(200);
    expect((await send(`/api/events/${event.id}/messages/preview`, message(), { Cookie: signIn(ctx, 'owner@example.org') })).status).toBe(200);
    expect((await send(`/api/events/${event.id}/messages/preview`, message(), { Cookie: organiser })).status).toBe(200);
  });
});

describe('a meetup message: preview, then send', () => {
  it('the preview is the email as it arrives, with the footer and a stand-in link, and sends nothing', async () => {
    const res = await send(`/api/events/${event.id}/messages/preview`, message({ audience: 'both' }), { Cookie: organiser });
    expect(res.status).toBe(200);
    const preview = (await res.json()) as { subject: string; text: string; recipients: number };
    expect(preview.subject).toBe('Slides are up');
    expect(preview.recipients).toBe(3);
    expect(preview.text).toContain('The slides: https://example.org/slides');
    expect(preview.text).toContain('Lunch club');
    expect(preview.text).toContain('Please free your place');
    expect(preview.text).toContain('(their own link)');
    expect(preview.text).toContain('— Signpost');
    expect(mail()).toHaveLength(0);
    expect(ctx.broadcasts.broadcasts.size).toBe(0);
  });

  it('sends to each person once, with Reply-To the network and their own cancel link; the activity list says so', async () => {
    const res = await send(`/api/events/${event.id}/messages`, message({ token: manageToken }));
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ recipients: 2, queued: 2 });
    const sent = mail();
    expect(sent.map((m) => m.to).sort()).toEqual(['going1@example.org', 'going2@example.org']);
    for (const m of sent) {
      expect(m.purpose).toBe('message-attendees');
      expect(m.replyTo).toBe('contact.nlpn@example.org');
      expect(m.listUnsubscribe).toBeUndefined();
      expect(m.listId).toBeUndefined();
      const token = /\/cancel#token=([A-Za-z0-9_-]{43})/.exec(m.text)![1]!;
      const rsvps = (ctx.deps.rsvps as ReturnType<typeof memoryRsvpsRepository>).rsvps;
      const theirs = [...rsvps.values()].find((r) => r.email === m.to)!;
      expect(theirs.reminderCancelHash).toBe(hashSecret(token));
    }
    const entry = ctx.networks.activities.find((a) => a.action === 'meetup.messaged')!;
    expect(entry).toMatchObject({ slug: 'nlpn', eventId: event.id, actor: { email: 'owner@example.org', via: 'manage-link' } });
    expect(entry.summary).toContain('2 people');
    expect(entry.summary).toContain('Slides are up');
  });

  it('the waitlist alone gets the leave-the-waitlist link', async () => {
    expect((await send(`/api/events/${event.id}/messages`, message({ audience: 'waitlist' }), { Cookie: organiser })).status).toBe(202);
    expect(mail().map((m) => m.to)).toEqual(['waiting@example.org']);
    expect(mail()[0]!.text).toContain('Leave the waitlist');
  });

  it('sent twice with the preview\'s key goes once, and uses one of the day\'s messages', async () => {
    const preview = await send(`/api/events/${event.id}/messages/preview`, message(), { Cookie: organiser });
    const { sendKey } = (await preview.json()) as { sendKey: string };
    expect((await send(`/api/events/${event.id}/messages`, message({ sendKey }), { Cookie: organiser })).status).toBe(202);
    const before = mail().length;
    const again = await send(`/api/events/${event.id}/messages`, message({ sendKey }), { Cookie: organiser });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: string }).error).toBe('message_exists');
    expect(mail()).toHaveLength(before);
    expect(ctx.broadcasts.broadcasts.size).toBe(1);
    expect((await send(`/api/events/${event.id}/messages`, message({ sendKey: 'short' }), { Cookie: organiser })).status).toBe(400);
  });

  it('a fourth message in a day is refused with when to try again, and nothing is queued', async () => {
    for (let i = 0; i < 3; i++) expect((await send(`/api/events/${event.id}/messages`, message(), { Cookie: organiser })).status).toBe(202);
    const before = mail().length;
    const res = await send(`/api/events/${event.id}/messages`, message(), { Cookie: organiser });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(((await res.json()) as { message: string }).message).toMatch(/A meetup can send only 3 messages a day.*after midnight UTC/);
    expect(mail()).toHaveLength(before);
    expect(ctx.broadcasts.broadcasts.size).toBe(3);
  });

  it('counts towards the network: its meetups together send at most 10 a day', async () => {
    const others = await Promise.all([1, 2, 3].map((i) => meetup(ctx, { title: `Meetup ${i}`, organiser: 'owner@example.org', slug: 'nlpn' })));
    for (const e of others) rsvp(ctx, e, `p-${e.id}@example.org`, 'confirmed');
    const statuses: number[] = [];
    for (const e of [event, ...others]) for (let i = 0; i < 3; i++) statuses.push((await send(`/api/events/${e.id}/messages`, message(), { Cookie: organiser })).status);
    expect(statuses.filter((s) => s === 202)).toHaveLength(10);
    expect(statuses.slice(10)).toEqual([429, 429]);
    const res = await send(`/api/events/${others[2]!.id}/messages`, message(), { Cookie: organiser });
    expect(((await res.json()) as { message: string }).message).toMatch(/^Manchester NLPN and its meetups can send only 10 messages a day in all/);
  });
});

describe('a message to the network’s followers', () => {
  const follower = (email: string): StoredFollower => ({
    networkSlug: 'nlpn', id: personId(email), email, mode: 'digest', status: 'active', createdAt: NOW.toISOString(), confirmedAt: NOW.toISOString(), updatedAt: NOW.toISOString(),
  });
  beforeEach(async () => {
    await ctx.followers.put(follower('f1@example.org'));
    await ctx.followers.put(follower('f2@example.org'));
  });
  const body = { subject: 'Our new season', body: 'Twelve lunches from January.' };

  it('only its organisers: a helper is refused, signed out is a 401', async () => {
    expect((await send('/api/networks/nlpn/messages', body, { Cookie: signIn(ctx, 'helper@example.org') })).status).toBe(403);
    expect((await send('/api/networks/nlpn/messages/preview', body)).status).toBe(401);
    expect((await send('/api/networks/nosuch/messages/preview', body, { Cookie: organiser })).status).toBe(404);
    expect(mail()).toHaveLength(0);
  });

  it('bad bodies name the field', async () => {
    const res = await send('/api/networks/nlpn/messages', { subject: '', body: 'x' }, { Cookie: organiser });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { details: { field: string }[] }).details.map((d) => d.field)).toEqual(['subject']);
  });

  it('previews without sending, then sends each follower a follower email; a third in a day is refused', async () => {
    const preview = await send('/api/networks/nlpn/messages/preview', body, { Cookie: organiser });
    expect(preview.status).toBe(200);
    const p = (await preview.json()) as { text: string; recipients: number };
    expect(p.recipients).toBe(2);
    expect(p.text).toContain('You get this because you follow Manchester NLPN');
    expect(p.text).toContain('Unfollow: (their own link)');
    expect(mail()).toHaveLength(0);

    expect((await send('/api/networks/nlpn/messages', body, { Cookie: organiser })).status).toBe(202);
    const sent = mail();
    expect(sent.map((m) => m.to).sort()).toEqual(['f1@example.org', 'f2@example.org']);
    for (const m of sent) {
      expect(m.purpose).toBe('message-followers');
      expect(m.listUnsubscribe).toMatch(/\/api\/follows\/nlpn\/[a-f0-9]+\/unsubscribe\?token=/);
      expect(m.listId?.id).toBe('nlpn.followers.events.example.org');
      expect(m.replyTo).toBe('contact.nlpn@example.org');
    }
    expect(ctx.networks.activities.find((a) => a.action === 'network.messaged')?.summary).toContain('Our new season');

    expect((await send('/api/networks/nlpn/messages', body, { Cookie: organiser })).status).toBe(202);
    const third = await send('/api/networks/nlpn/messages', body, { Cookie: organiser });
    expect(third.status).toBe(429);
    expect(((await third.json()) as { message: string }).message).toMatch(/^A network can email its followers only 2 times a day/);
    expect(mail()).toHaveLength(4);
  });
});

describe('the message pages, without JavaScript', () => {
  // The app's own routing: its message pages come before the event page's '/:id/:slug?'.
  const pages = () => ctx.app;
  const form = (path: string, fields: Record<string, string>, cookie = organiser) =>
    pages().request(path, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: SITE, Cookie: cookie }, body: new URLSearchParams(fields).toString() });
  const typed = { audience: 'both', subject: 'Room changed', body: 'We are in Room 2 now.\nSee https://example.org/map' };

  it('signed out, the write page sends you to sign in and back', async () => {
    const res = await pages().request(`/events/${event.id}/messages`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/sign-in?next=${encodeURIComponent(`/events/${event.id}/messages`)}`);
  });

  it('writes, previews (sending nothing), goes back with what was typed, then sends', async () => {
    const write = await pages().request(`/events/${event.id}/messages`, { headers: { Cookie: organiser } });
    expect(write.status).toBe(200);
    const page = await write.text();
    expect(page).toContain('Everyone with a place (2 people)');
    expect(page).toContain('Everyone on the waitlist (1 person)');

    const preview = await form(`/events/${event.id}/messages`, { ...typed, action: 'preview' });
    expect(preview.status).toBe(200);
    const shown = await preview.text();
    expect(shown).toContain('We are in Room 2 now.');
    expect(shown).toContain('Send it to 3 people');
    expect(shown).toContain('name="subject" value="Room changed"');
    expect(mail()).toHaveLength(0);

    const back = await (await form(`/events/${event.id}/messages`, { ...typed, action: 'edit' })).text();
    expect(back).toContain('value="Room changed"');
    expect(back).toContain('>We are in Room 2 now.\nSee https://example.org/map</textarea>');
    expect(back).toMatch(/id="message-audience-both" name="audience" value="both" checked/);

    // Send, as the preview's form does: with its key. Pressed twice (or the page resubmitted), it goes once.
    const sendKey = shown.match(/name="sendKey" value="([\w-]+)"/)?.[1];
    expect(sendKey).toMatch(/^[\w-]{16,64}$/);
    const sent = await form(`/events/${event.id}/messages`, { ...typed, sendKey: sendKey!, action: 'send' });
    expect(sent.status).toBe(200);
    expect(await sent.text()).toContain('on its way');
    expect(mail().map((m) => m.to).sort()).toEqual(['going1@example.org', 'going2@example.org', 'waiting@example.org']);
    const again = await form(`/events/${event.id}/messages`, { ...typed, sendKey: sendKey!, action: 'send' });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('This message was sent already: nothing more went out.');
    expect(mail()).toHaveLength(3);
  });

  it('a problem comes back on the form with what was typed; over the limit it says when', async () => {
    const bad = await form(`/events/${event.id}/messages`, { ...typed, subject: '', action: 'preview' });
    expect(bad.status).toBe(400);
    const page = await bad.text();
    expect(page).toContain('Write a subject');
    expect(page).toContain('We are in Room 2 now.');
    for (let i = 0; i < 3; i++) expect((await form(`/events/${event.id}/messages`, { ...typed, action: 'send' })).status).toBe(200);
    const over = await form(`/events/${event.id}/messages`, { ...typed, action: 'send' });
    expect(over.status).toBe(429);
    expect(await over.text()).toContain('after midnight UTC');
    expect(mail()).toHaveLength(9);
  });

  it('a helper is refused; the network page shows the follower count and growth, no addresses', async () => {
    expect((await pages().request(`/events/${event.id}/messages`, { headers: { Cookie: signIn(ctx, 'helper@example.org') } })).status).toBe(403);
    expect((await pages().request('/networks/nlpn/messages', { headers: { Cookie: signIn(ctx, 'helper@example.org') } })).status).toBe(403);
    await ctx.followers.put({ networkSlug: 'nlpn', id: personId('fan@example.org'), email: 'fan@example.org', mode: 'each', status: 'active', createdAt: NOW.toISOString(), confirmedAt: NOW.toISOString(), updatedAt: NOW.toISOString() });
    const res = await pages().request('/networks/nlpn/messages', { headers: { Cookie: organiser } });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('<strong>1 person</strong> follows this network');
    expect(page).toContain('<caption>Followers joining and leaving, by month</caption>');
    expect(page).not.toContain('fan@example.org');
    const preview = await form('/networks/nlpn/messages', { subject: 'Hello followers', body: 'News.', action: 'preview' });
    expect(await preview.text()).toContain('Send it to 1 person');
    const sent = await form('/networks/nlpn/messages', { subject: 'Hello followers', body: 'News.', action: 'send' });
    expect(sent.status).toBe(200);
    expect(mail().map((m) => m.to)).toEqual(['fan@example.org']);
  });
});
