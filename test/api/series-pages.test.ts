// API: series and "List another like this" through the server-rendered /new form (no JavaScript), on the in-memory
// app: a series listed by a form post, one announcement gathering for all of it, the form sent back with every value
// kept when the series is refused, /new?like=<id> filled from a meetup this person manages (all but its dates), and
// each occurrence's page naming its series.
import { describe, expect, it } from 'vitest';
import { inMemoryApp } from '../support/fakes.ts';
import { get, meetup, post, signIn, teamOf } from '../support/signed-in.ts';
import type { memoryEventsRepository } from '#functions/events/memory-events.repository.ts';
import { SERIES_SIGN_IN } from '#functions/events/use-cases.ts';

const fields = (over: Record<string, string> = {}) => ({
  title: 'Monthly lunch club', description: 'Sandwiches and shop talk.', start: '2026-12-01T12:30', end: '2026-12-01T13:30',
  timezone: 'Europe/London', format: 'in_person', venue: 'Central Library', onlineUrl: '', capacity: '12', openToAll: '', accessibility: '',
  tags: 'Lunch', organiserName: 'Team', organiserEmail: 'team@example.org', repeat: 'monthly', times: '3', seriesKey: 'key-0123456789', website: '',
  ...over,
});

describe('a series from the /new form', () => {
  it('lists every date at once, each its own meetup, and gathers one announcement for all of them', async () => {
    const ctx = inMemoryApp();
    const { slug, headers } = teamOf(ctx, 'Form Series Network');
    const res = await post(ctx, '/new', fields({ network: slug }), headers.Cookie);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('Your series is live');
    for (const day of ['Tuesday, 1 December 2026', 'Tuesday, 5 January 2027', 'Tuesday, 2 February 2027']) expect(page).toContain(day);
    const events = [...(ctx.events as ReturnType<typeof memoryEventsRepository>).events.values()].sort((a, b) => a.startUtc.localeCompare(b.startUtc));
    expect(events.map((e) => [e.series?.index, e.capacity, e.status])).toEqual([[1, 12, 'published'], [2, 12, 'published'], [3, 12, 'published']]);
    const gathering = (ctx.events as ReturnType<typeof memoryEventsRepository>).announcements.get(slug)!;
    expect([...gathering.eventIds].sort()).toEqual(events.map((e) => e.id).sort());
    expect(gathering.joins).toBe(1);

    // The same form sent again (a double click, a retry): the same three.
    expect((await post(ctx, '/new', fields({ network: slug }), headers.Cookie)).status).toBe(200);
    expect((ctx.events as ReturnType<typeof memoryEventsRepository>).events.size).toBe(3);

    // Each occurrence's page names its series and links the others.
    const second = events[1]!;
    const html = await (await get(ctx, `/events/${second.id}/${second.slug}`)).text();
    expect(html).toContain('Part of a monthly series; next: <a href="https://events.example.org/events/' + events[2]!.id);
    expect(html).toContain(`href="https://events.example.org/events/${events[0]!.id}/`);
  });

  it('sends the form back with the problem and every value kept: a bad count, an unknown rule, signed out', async () => {
    const ctx = inMemoryApp();
    const cookie = signIn(ctx, 'team@example.org');
    const bad = await post(ctx, '/new', fields({ times: '13', title: 'Kept title' }), cookie);
    expect(bad.status).toBe(400);
    const page = await bad.text();
    expect(page).toContain('How many times must be a whole number from 2 to 12');
    expect(page).toContain('value="Kept title"');
    expect(page).toMatch(/<option value="monthly" selected>/);
    expect(page).toContain('value="key-0123456789"');

    const unknown = await post(ctx, '/new', fields({ repeat: 'daily' }), cookie);
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('Choose how it repeats');

    const signedOut = await post(ctx, '/new', fields());
    expect(signedOut.status).toBe(400);
    expect(await signedOut.text()).toContain(SERIES_SIGN_IN);
    expect((ctx.events as ReturnType<typeof memoryEventsRepository>).events.size).toBe(0);
    expect((ctx.events as ReturnType<typeof memoryEventsRepository>).outbox).toEqual([]);
  });

  it('the API names the field in a 400', async () => {
    const ctx = inMemoryApp();
    const cookie = signIn(ctx, 'team@example.org');
    const send = (over: Record<string, unknown>) =>
      ctx.app.request('/api/events', {
        method: 'POST', headers: { 'content-type': 'application/json', Cookie: cookie, Origin: 'https://events.example.org' },
        body: JSON.stringify({ ...fields(), capacity: 12, tags: [], ...over }),
      });
    for (const [over, field] of [[{ repeat: 'yearly' }, 'repeat'], [{ times: 0 }, 'times'], [{ times: '3' }, 'times'], [{ start: undefined }, 'start']] as const) {
      const res = await send(over);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { details: { field: string }[] }).details.map((d) => d.field)).toContain(field);
    }
  });
});

describe('List another like this', () => {
  it('fills /new from a meetup this person manages, all but its dates; anyone else gets the empty form', async () => {
    const ctx = inMemoryApp();
    const { slug, headers } = teamOf(ctx, 'Like Network');
    const original = await meetup(ctx, { title: 'Cataloguing cafe', organiser: 'team@example.org', slug, capacity: 30 });
    const page = await (await get(ctx, `/new?like=${original.id}`, headers.Cookie)).text();
    expect(page).toContain('value="Cataloguing cafe"');
    expect(page).toContain('value="30"');
    expect(page).toMatch(new RegExp(`<option value="${slug}" selected>`));
    expect(page).toMatch(/<input id="start" name="start" type="datetime-local" value=""/);
    expect(page).toMatch(/<option value="never" selected>/);

    const stranger = signIn(ctx, 'someone@example.org');
    expect(await (await get(ctx, `/new?like=${original.id}`, stranger)).text()).not.toContain('Cataloguing cafe');
    expect(await (await get(ctx, `/new?like=${original.id}`)).text()).not.toContain('Cataloguing cafe');
  });
});
