// API: the Hono app in-process with in-memory parts — validation, privacy, errors, logs and headers.
import { describe, expect, it } from 'vitest';
import { inMemoryApp, tokenFrom, validMeetup } from '../support/fakes.ts';
import { MAX_BODY_BYTES } from '#functions/apps/api/app.ts';
import { apiDocument } from '#functions/apps/api/openapi.ts';
import type { EventsRepository } from '#functions/events/events.repository.ts';

const json = (body: unknown) => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

async function listed(over: Record<string, unknown> = {}) {
  const ctx = inMemoryApp();
  const res = await ctx.app.request('/api/events', json(validMeetup(over)));
  expect(res.status).toBe(202);
  const { id, token } = tokenFrom(ctx.events.outbox[0]!);
  return { ...ctx, id, token };
}

describe('POST /api/events input errors', () => {
  const cases: [string, RequestInit, number, string][] = [
    ['malformed JSON', { method: 'POST', body: '{"title": ', headers: { 'content-type': 'application/json' } }, 400, 'body'],
    ['a form post', { method: 'POST', body: 'title=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 415, 'content-type'],
    ['no content type', { method: 'POST', body: JSON.stringify(validMeetup()) }, 415, 'content-type'],
    ['a JSON array', json([1, 2]), 400, 'body'],
    ['a 10 kB title', json(validMeetup({ title: 'x'.repeat(10_240) })), 400, 'title'],
    ['an end before the start', json(validMeetup({ end: '2026-12-03T11:00' })), 400, 'end'],
    ['an unknown time zone', json(validMeetup({ timezone: 'Europe/Atlantis' })), 400, 'timezone'],
    ['a bad email', json(validMeetup({ organiserEmail: 'sam at example' })), 400, 'organiserEmail'],
    ['a missing title', json(validMeetup({ title: undefined })), 400, 'title'],
    ['a start in the past', json(validMeetup({ start: '2026-11-01T10:00', end: '2026-11-01T11:00' })), 400, 'start'],
    ['a time skipped by the clocks', json(validMeetup({ start: '2027-03-28T01:30', end: '2027-03-28T03:00' })), 400, 'start'],
    ['a capacity that is not a number', json(validMeetup({ capacity: 'ten' })), 400, 'capacity'],
  ];

  it.each(cases)('%s gets a clear JSON error naming the field, and nothing is stored or sent', async (_name, init, status, field) => {
    const { app, events } = inMemoryApp();
    const res = await app.request('/api/events', init);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await res.json()) as { error: string; message: string; details: { field: string }[] };
    expect(body.message.length).toBeGreaterThan(5);
    expect(body.details.map((d) => d.field)).toContain(field);
    expect(events.events.size).toBe(0);
    expect(events.outbox).toHaveLength(0);
  });

  it('answers 413 for bodies over the limit', async () => {
    const { app, events } = inMemoryApp();
    const res = await app.request('/api/events', json(validMeetup({ description: 'x'.repeat(MAX_BODY_BYTES) })));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toBe('payload_too_large');
    expect(events.events.size).toBe(0);
  });

  it('ignores unknown fields such as a price: every event is free', async () => {
    const { events } = await listed({ price: 25 });
    expect(JSON.stringify([...events.events.values()])).not.toContain('price');
  });
});

describe('confirming, editing and cancelling', () => {
  it('publishes only on POST with the right token, and never exposes private data publicly', async () => {
    const { app, id, token } = await listed();
    expect((await app.request(`/api/events/${id}`)).status).toBe(404);
    expect((await app.request(`/events/${id}`)).status).toBe(404);
    expect((await app.request(`/api/events/${id}/publish`, json({ token: 'x'.repeat(43) }))).status).toBe(403);
    expect((await app.request(`/api/events/${id}/publish`, json({ token: 'short' }))).status).toBe(400);
    expect((await app.request(`/api/events/${id}/publish`, json({ token }))).status).toBe(200);

    const publicTexts = await Promise.all(
      [`/api/events/${id}`, '/api/events', '/api/events?tag=cpd', `/events/${id}/new-professionals-lunch-club`].map(async (p) => {
        const res = await app.request(p);
        expect(res.status).toBe(200);
        return res.text();
      }),
    );
    for (const text of publicTexts) {
      expect(text).not.toContain('sam.organiser');
      expect(text).not.toContain(token);
      expect(text).not.toMatch(/manageTokenHash|[0-9a-f]{64}/);
    }
  });

  it('edits with the manage token and the current version; a stale version is a 409', async () => {
    const { app, id, token } = await listed();
    const edit = (version: number) => ({ ...json({ ...validMeetup({ title: 'Lunch club (moved)' }), token, version }), method: 'PUT' });
    expect((await app.request(`/api/events/${id}`, edit(1))).status).toBe(200);
    const stale = await app.request(`/api/events/${id}`, edit(1));
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { error: string }).error).toBe('edit_conflict');
  });

  it('cancels idempotently; cancelled meetups stay readable and refuse edits', async () => {
    const { app, id, token } = await listed();
    await app.request(`/api/events/${id}/publish`, json({ token }));
    expect((await app.request(`/api/events/${id}/cancel`, json({ token }))).status).toBe(200);
    const again = await app.request(`/api/events/${id}/cancel`, json({ token }));
    expect(((await again.json()) as { status: string }).status).toBe('cancelled');
    expect(((await (await app.request(`/api/events/${id}`)).json()) as { status: string }).status).toBe('cancelled');
    const edit = await app.request(`/api/events/${id}`, { ...json({ ...validMeetup(), token, version: 3 }), method: 'PUT' });
    expect(edit.status).toBe(409);
  });

  it('queues exactly one confirmation email with the event, addressed to the organiser, with no tracking', async () => {
    const { events } = await listed();
    expect(events.outbox).toHaveLength(1);
    const [email] = events.outbox;
    expect(email).toMatchObject({ to: 'sam.organiser@example.org', purpose: 'listing-confirmation' });
    expect(email!.subject).toBe('Confirm your meetup: New professionals lunch club');
    expect(email!.html).not.toMatch(/<img/i);
    expect(email!.text).toMatch(/https:\/\/events\.example\.org\/manage\/[a-z0-9]+#token=/);
  });
});

describe('the event page', () => {
  it('renders user text inert and fills Open Graph tags per event', async () => {
    const { app, id, token } = await listed({ title: '<script>alert("x")</script> & friends', description: '<img src=x onerror=alert(1)> https://example.org/info' });
    await app.request(`/api/events/${id}/publish`, json({ token }));
    const res = await app.request(`/events/${id}/script-alert-x-script-and-friends`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; friends');
    expect(html).toMatch(/<meta property="og:title" content="&lt;script&gt;alert/);
    expect(html).toMatch(/<meta property="og:description" content="Thursday,? 3 December 2026, 12:30 – 13:30 London time\. In person, Central Library\. Free\./);
    expect(html).toMatch(/<a (class="url" )?href="https:\/\/example\.org\/info" rel="nofollow ugc noopener">/);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('redirects to the canonical readable URL', async () => {
    const { app, id, token } = await listed();
    await app.request(`/api/events/${id}/publish`, json({ token }));
    const res = await app.request(`/events/${id}`);
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(`/events/${id}/new-professionals-lunch-club`);
  });
});

describe('cross-cutting behaviour', () => {
  it('logs one JSON line per request with id, route pattern, status and duration, and no addresses or tokens', async () => {
    const { app, logLines, id, token } = await listed();
    await app.request(`/api/events/${id}/manage`, json({ token }));
    const lines = logLines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = lines.filter((l) => l.msg === 'request');
    expect(requests.length).toBeGreaterThanOrEqual(1);
    expect(requests.at(-1)).toMatchObject({ route: '/api/events/:id/manage', status: 200, method: 'POST' });
    expect(requests.at(-1)?.requestId).toEqual(expect.any(String));
    expect(requests.at(-1)?.durationMs).toEqual(expect.any(Number));
    expect(logLines.join('\n')).not.toMatch(/sam\.organiser|@example\.org/);
    expect(logLines.join('\n')).not.toContain(token);
  });

  it('answers unknown failures with a generic 500 and logs the detail with the request id', async () => {
    const broken: EventsRepository = {
      create: async () => ({ ok: true }),
      createSeries: async () => ({ ok: true }),
      get: async () => {
        throw new Error('secret internal detail');
      },
      save: async () => ({ ok: true }),
      organisedBy: async () => [],
      backfillOrganiserIndex: async () => 0,
      queueEmails: async () => ({ ok: true }),
      list: async () => ({ items: [] }),
      backfillListingMatch: async () => 0,
    };
    const { app, logLines } = inMemoryApp({ events: broken });
    const res = await app.request('/api/events/abcdefghjk');
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain('secret internal detail');
    expect(text).not.toContain('at ');
    const logged = logLines.map((l) => JSON.parse(l)).find((l) => l.msg === 'unhandled error');
    expect(logged.error).toBe('secret internal detail');
    expect(logged.requestId).toBe(res.headers.get('x-request-id'));

    const page = await app.request('/events/abcdefghjk/some-meetup');
    expect(page.status).toBe(500);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain('Something went wrong on our side');
    expect(html).not.toContain('secret internal detail');
  });

  it('rate-limits with 429 and Retry-After', async () => {
    const { app } = inMemoryApp();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await app.request('/api/events', json(validMeetup()))).status);
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
    const res = await app.request('/api/events', json(validMeetup()));
    expect(Number(res.headers.get('retry-after'))).toBe(60 * 60);
  });

  it('sends security headers and JSON 404s', async () => {
    const { app } = inMemoryApp();
    const res = await app.request('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'not_found' });
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('describes the API in an OpenAPI document generated from the zod schemas, without private fields in public shapes', async () => {
    const doc = apiDocument() as unknown as {
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, { properties: Record<string, unknown>; required?: string[] }> };
    };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/events', '/api/events/{id}', '/api/events/{id}/publish', '/api/events/{id}/cancel']));
    const input = doc.components.schemas.EventInput!;
    expect(Object.keys(input.properties)).toEqual(expect.arrayContaining(['title', 'start', 'end', 'timezone', 'format', 'organiserEmail', 'tags']));
    expect(input.properties).not.toHaveProperty('price');
    expect(doc.components.schemas.PublicEvent!.properties).not.toHaveProperty('organiserEmail');
  });
});

describe('the OpenAPI document', () => {
  it('lists exactly the API routes the app serves', async () => {
    const { app } = inMemoryApp();
    const doc = apiDocument() as unknown as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const served = app.routes
      .filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL')
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    expect(new Set(documented)).toEqual(new Set(served));
  });
});
