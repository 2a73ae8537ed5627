// API: the short "add to Google / Outlook" links under /events/:id/add/ — a 302 to the provider's long URL for a
// published meetup, never carrying a private joining link; the friendly 404 page for drafts, cancelled and unknown
// meetups; the "You're in" email uses them. In-process, with in-memory parts.
import { describe, expect, it } from 'vitest';
import { inMemoryApp, tokenFrom, validMeetup } from '../support/fakes.ts';
import { eventPagePaths } from '#functions/core/paths.ts';

const json = (body: unknown) => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
type Ctx = ReturnType<typeof inMemoryApp>;
const JOIN = 'https://meet.example.org/private-room?pwd=s3cret';

async function listed(ctx: Ctx, over: Record<string, unknown> = {}) {
  const before = ctx.events.outbox.length;
  expect((await ctx.app.request('/api/events', json(validMeetup(over)))).status).toBe(202);
  return tokenFrom(ctx.events.outbox[before]!);
}

async function published(ctx: Ctx, over: Record<string, unknown> = {}) {
  const { id, token } = await listed(ctx, over);
  expect((await ctx.app.request(`/api/events/${id}/publish`, json({ token }))).status).toBe(200);
  return { id, token };
}

describe('GET /events/:id/add/google and /add/outlook', () => {
  it("redirect to the provider's add-event page with the meetup's public details", async () => {
    const ctx = inMemoryApp();
    const { id } = await published(ctx);
    const google = await ctx.app.request(eventPagePaths.add(id, 'google'));
    expect(google.status).toBe(302);
    expect(google.headers.get('cache-control')).toBe('public, max-age=300');
    const to = new URL(google.headers.get('location')!);
    expect(to.origin + to.pathname).toBe('https://calendar.google.com/calendar/render');
    expect(to.searchParams.get('action')).toBe('TEMPLATE');
    expect(to.searchParams.get('text')).toBe('New professionals lunch club');
    expect(to.searchParams.get('dates')).toBe('20261203T123000Z/20261203T133000Z');
    expect(to.searchParams.get('location')).toBe("Central Library, St Peter's Square, Manchester");
    expect(to.searchParams.get('details')).toContain(`Details: https://events.example.org/events/${id}/`);

    const outlook = await ctx.app.request(eventPagePaths.add(id, 'outlook'));
    expect(outlook.status).toBe(302);
    const there = new URL(outlook.headers.get('location')!);
    expect(there.host).toBe('outlook.live.com');
    expect(there.searchParams.get('subject')).toBe('New professionals lunch club');
    expect(there.searchParams.get('startdt')).toBe('2026-12-03T12:30:00.000Z');
  });

  it('never carry a private joining link, and carry a public one', async () => {
    const ctx = inMemoryApp();
    const secret = await published(ctx, { format: 'hybrid', onlineUrl: JOIN });
    for (const provider of ['google', 'outlook'] as const) {
      const res = await ctx.app.request(eventPagePaths.add(secret.id, provider));
      expect(res.status).toBe(302);
      const location = res.headers.get('location')!;
      expect(location).not.toContain('meet.example.org');
      expect(decodeURIComponent(location)).not.toContain('meet.example.org');
      const details = new URL(location).searchParams.get(provider === 'google' ? 'details' : 'body');
      expect(details).toContain('The joining link is sent to everyone with a place.');
    }
    const open = await published(ctx, { format: 'online', venue: undefined, onlineUrl: JOIN, onlineUrlPublic: true });
    const res = await ctx.app.request(eventPagePaths.add(open.id, 'google'));
    expect(new URL(res.headers.get('location')!).searchParams.get('location')).toBe(JOIN);
  });

  it('answer the 404 page for a draft, a cancelled meetup and an unknown one', async () => {
    const ctx = inMemoryApp();
    const draft = await listed(ctx);
    const gone = await published(ctx);
    expect((await ctx.app.request(`/api/events/${gone.id}/cancel`, json({ token: gone.token }))).status).toBe(200);
    for (const id of [draft.id, gone.id, 'nosuchmeetup']) {
      const res = await ctx.app.request(eventPagePaths.add(id, 'google'));
      expect(res.status, id).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('location')).toBeNull();
      expect(await res.text()).toContain("We can't find that meetup");
    }
  });

  it('are what the "You\'re in" email links to, so its text part has no 700-character line', async () => {
    const ctx = inMemoryApp();
    const { id } = await published(ctx, { format: 'hybrid', onlineUrl: JOIN });
    const before = ctx.events.outbox.length;
    expect((await ctx.app.request(`/api/events/${id}/rsvps`, json({ name: 'Ann', email: 'ann@example.org' }))).status).toBe(202);
    const m = /\/rsvp\/[a-z0-9]+\/([\w-]+)#token=([\w-]{43})/.exec(ctx.events.outbox[before]!.text)!;
    const confirmed = await ctx.app.request(`/api/events/${id}/rsvps/${m[1]}/confirm`, json({ token: m[2] }));
    expect(confirmed.status).toBe(200);
    const mail = ctx.events.outbox.slice(before + 1).find((x) => x.to === 'ann@example.org' && x.purpose === 'rsvp-confirmed')!;
    expect(mail.text).toContain(`Add to Google Calendar: https://events.example.org${eventPagePaths.add(id, 'google')}`);
    expect(mail.text).toContain(`Add to Outlook: https://events.example.org${eventPagePaths.add(id, 'outlook')}`);
    expect(mail.text).toContain(`Join online: ${JOIN}`);
    expect(mail.html).toMatch(/<a href="https:\/\/meet\.example\.org\/private-room\?pwd=s3cret"[^>]*>Join the meetup online<\/a>/);
    expect(Math.max(...mail.text.split('\n').map((l) => l.length))).toBeLessThan(200);
    // The short link it carries answers.
    expect((await ctx.app.request(eventPagePaths.add(id, 'google'))).status).toBe(302);
  });
});
