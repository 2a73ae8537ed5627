// Test support for the "Your meetups" and moderation API tests: signing someone in (a session in the memory map),
// networks with a team, and published meetups stored directly in the in-memory app.
import { expect } from 'vitest';
import { inMemoryApp, validMeetup } from './fakes.ts';
import { createEvent, publishEvent } from '#functions/events/event.ts';
import { eventInputSchema } from '#functions/events/event.schema.ts';
import { hashSecret, newId, newToken } from '#functions/core/ids.ts';
import { personId } from '#functions/core/person.ts';
import { slugify } from '#functions/core/slug.ts';
import { SESSION_COOKIE } from '#functions/core/viewer.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import type { StoredNetwork, TeamRole } from '#functions/core/network.ts';
import type { StoredRsvp } from '#functions/core/rsvp.ts';
import type { memoryRsvpsRepository } from '#functions/rsvps/memory-rsvps.repository.ts';
import { rsvpKey } from '#functions/rsvps/rsvp.ts';

export const NOW = new Date('2026-11-27T09:00:00Z'); // the in-memory app's clock
export const SITE = 'https://events.example.org';

export type Ctx = ReturnType<typeof inMemoryApp>;

/** A session for `email`; the cookie header that carries it. */
export function signIn(ctx: Ctx, email: string): string {
  const secret = newToken();
  ctx.sessions.sessions.set(hashSecret(secret), {
    id: hashSecret(secret), personId: personId(email), email, createdAt: NOW.toISOString(), expiresAt: Math.floor(NOW.getTime() / 1000) + 30 * 86_400,
  });
  return `${SESSION_COOKIE}=${secret}`;
}

/**
 * The network called `name` (its slug made from the name, stored if new), with `email` as an organiser, signed in:
 * the slug and the headers a request needs to list a meetup under it from the site's own pages.
 */
export function teamOf(ctx: Ctx, name: string, email = 'team@example.org') {
  const slug = slugify(name);
  if (!ctx.networks.networks.has(slug)) putNetwork(ctx, network(slug, { name }), [{ email, role: 'organiser' }]);
  return { slug, headers: { Cookie: signIn(ctx, email), Origin: SITE } };
}

export const network = (slug: string, over: Partial<StoredNetwork> = {}): StoredNetwork => ({
  slug, name: `Network ${slug}`, tagline: '', description: '', accent: '#1d6b54', where: { kind: 'online' }, links: {},
  contactEmail: `contact.${slug}@example.org`, topics: [], status: 'active', createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z', createdBy: `founder.${slug}@example.org`, version: 1, ...over,
});

export function putNetwork(ctx: Ctx, n: StoredNetwork, team: { email: string; role: TeamRole }[]) {
  ctx.networks.networks.set(n.slug, n);
  for (const m of team)
    ctx.networks.members.set(`${n.slug}#${personId(m.email)}`, {
      slug: n.slug, personId: personId(m.email), email: m.email, name: m.email.split('@')[0]!, role: m.role, showName: true, joinedAt: '2026-01-02T00:00:00Z',
    });
}

const day = (offset: number, time: string) => `${new Date(NOW.getTime() + offset * 86_400_000).toISOString().slice(0, 10)}T${time}`;

/** A meetup `days` from now (negative: past), published unless `draft`, under `slug` if given. */
export async function meetup(ctx: Ctx, opts: { title: string; organiser: string; days?: number; slug?: string; draft?: boolean; capacity?: number }): Promise<StoredEvent> {
  const days = opts.days ?? 5;
  const created = new Date(NOW.getTime() + Math.min(0, days - 10) * 86_400_000);
  const input = eventInputSchema.parse(validMeetup({
    title: opts.title, organiserEmail: opts.organiser, network: opts.slug ? `Network ${opts.slug}` : undefined,
    start: day(days, '12:30'), end: day(days, '13:30'), ...(opts.capacity ? { capacity: opts.capacity } : {}),
  }));
  const draft: StoredEvent = { ...createEvent(input, { id: newId(), tokenHash: hashSecret(newToken()) }, created), ...(opts.slug ? { networkSlug: opts.slug } : {}) };
  expect((await ctx.events.create(draft, [], [])).ok).toBe(true);
  if (opts.draft) return draft;
  const published = publishEvent(draft, created);
  expect((await ctx.events.save(published, draft)).ok).toBe(true);
  return published;
}

/** An RSVP of `email` to `event`, in `status`, straight into the in-memory RSVPs (with their feed record). */
export function rsvp(ctx: Ctx, event: StoredEvent, email: string, status: StoredRsvp['status'], at = NOW.toISOString()) {
  const repo = ctx.deps.rsvps as ReturnType<typeof memoryRsvpsRepository>;
  const key = rsvpKey(event.id, email);
  repo.rsvps.set(`${event.id}/${key}`, {
    eventId: event.id, key, name: 'Pat', email, status, confirmTokenHash: 'x', confirmTokenExpiresAt: 0, createdAt: at, updatedAt: at,
    ...(status === 'waitlisted' ? { waitlistedAt: at } : {}), expiresAt: Math.floor(NOW.getTime() / 1000) + 90 * 86_400,
  });
  if (!repo.people.has(personId(email))) repo.people.set(personId(email), 'nonce-for-tests');
}

/** A form post from the site's own pages, with the session cookie if given. */
export const post = (ctx: Ctx, path: string, fields: Record<string, string>, cookie?: string) =>
  ctx.app.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: SITE, ...(cookie ? { Cookie: cookie } : {}) },
    body: new URLSearchParams(fields).toString(),
  });

export const get = (ctx: Ctx, path: string, cookie?: string) => ctx.app.request(path, cookie ? { headers: { Cookie: cookie } } : {});
