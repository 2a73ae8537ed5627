// API: a network's Atom feed (/calendar/networks/<slug>.atom) in-process with in-memory parts — entries parsed back
// with xml-js, HTTP caching (ETag, 304 without rendering, gzip), and 404s for networks that have no public page.
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { xml2js } from 'xml-js';
import { inMemoryApp } from '../support/fakes.ts';
import { meetup, network, NOW, putNetwork, type Ctx } from '../support/signed-in.ts';
import { cancelEvent } from '#functions/events/event.ts';
import { feedPaths } from '#functions/core/paths.ts';
import { createFeedApp } from '#functions/apps/feeds/app.ts';
import { renderCache } from '#functions/feeds/render-cache.ts';
import type { fixedClock } from '#functions/core/clock.ts';
import type { FeedsRepository } from '#functions/feeds/feeds.repository.ts';

const SLUG = 'nlpn';
const atomPath = feedPaths.networkAtom(SLUG);
const get = (ctx: Ctx, path: string, headers: Record<string, string> = {}) => ctx.feedApp.request(path, { headers });
const later = (ctx: Ctx, ms = 60_000) => (ctx.deps.clock as ReturnType<typeof fixedClock>).set(new Date(ctx.deps.clock.now().getTime() + ms).toISOString());

type Node = { _text?: string; _cdata?: string } & { [k: string]: Node | Node[] | undefined };
const list = (v: Node | Node[] | undefined): Node[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
/** Entry titles as a reader shows them (type="html": the CDATA holds escaped text). */
const titles = (xml: string) =>
  list((xml2js(xml, { compact: true }) as { feed: Node }).feed.entry).map((e) => list(e.title)[0]!._cdata!.replace(/&amp;/g, '&'));

function withNetwork(over: Parameters<typeof network>[1] = {}) {
  const ctx = inMemoryApp();
  putNetwork(ctx, network(SLUG, over), [{ email: 'sam@example.org', role: 'organiser' }]);
  return ctx;
}

describe('a network’s Atom feed', () => {
  it('lists its upcoming published meetups, newest published first, as Atom; never cancelled, hidden, drafts or others’', async () => {
    const ctx = withNetwork({ name: 'Manchester NLPN' });
    await meetup(ctx, { title: 'Lunch club', organiser: 'sam@example.org', slug: SLUG, days: 5 });
    await meetup(ctx, { title: 'Evening chat', organiser: 'sam@example.org', slug: SLUG, days: 9 });
    await meetup(ctx, { title: 'Last week', organiser: 'sam@example.org', slug: SLUG, days: -7 });
    await meetup(ctx, { title: 'Still a draft', organiser: 'sam@example.org', slug: SLUG, draft: true });
    const cancelled = await meetup(ctx, { title: 'Called off', organiser: 'sam@example.org', slug: SLUG, days: 6 });
    await ctx.events.save(cancelEvent(cancelled, NOW), cancelled);
    const hidden = await meetup(ctx, { title: 'Hidden by operators', organiser: 'sam@example.org', slug: SLUG, days: 7 });
    await ctx.events.save({ ...hidden, hidden: { reason: 'Spam', by: 'operator@example.org', at: NOW.toISOString() }, version: hidden.version + 1 }, hidden);
    putNetwork(ctx, network('other'), []);
    await meetup(ctx, { title: 'Someone else’s', organiser: 'pat@example.org', slug: 'other' });
    later(ctx);

    const res = await get(ctx, atomPath);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect(res.headers.get('etag')).toMatch(/^"[\w-]{32}"$/);
    const xml = await res.text();
    // The test helper creates a meetup `days - 10` days back, so the later one was published later.
    expect(titles(xml)).toEqual(['Evening chat', 'Lunch club']);
    expect(xml).toContain('<title>Manchester NLPN: new meetups on Signpost</title>');
    for (const secret of ['sam@example.org', 'contact.nlpn@example.org']) expect(xml).not.toContain(secret);
  });

  it('answers a repeat poll with 304 and renders nothing, and a new ETag once a meetup is published', async () => {
    const ctx = withNetwork();
    const reads = { events: 0 };
    const feeds = ctx.deps.feeds;
    const counted: FeedsRepository = { ...feeds, events: (...args) => (reads.events++, feeds.events(...args)) };
    const feedApp = createFeedApp({ ...ctx.deps, feeds: counted, renders: renderCache() });
    await meetup(ctx, { title: 'Lunch club', organiser: 'sam@example.org', slug: SLUG });

    const first = await feedApp.request(atomPath);
    const etag = first.headers.get('etag')!;
    expect(titles(await first.text())).toEqual(['Lunch club']);
    expect(reads.events).toBe(1);
    const again = await feedApp.request(atomPath, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(reads.events).toBe(1);

    // gzip bytes carry their own ETag, and inflate to the same feed.
    const gz = await feedApp.request(atomPath, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gz.headers.get('etag')).toBe(etag.replace(/"$/, '-gz"'));
    expect(titles(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString('utf8'))).toEqual(['Lunch club']);

    await meetup(ctx, { title: 'Evening chat', organiser: 'sam@example.org', slug: SLUG, days: 8 });
    const changed = await feedApp.request(atomPath, { headers: { 'If-None-Match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(titles(await changed.text())).toEqual(['Evening chat', 'Lunch club']);
  });

  it('keeps nothing while a change may still be settling', async () => {
    const ctx = withNetwork();
    const first = await meetup(ctx, { title: 'Lunch club', organiser: 'sam@example.org', slug: SLUG });
    await ctx.events.save(cancelEvent(first, NOW), first);
    const res = await get(ctx, atomPath);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('etag')).toBeNull();
    expect(titles(await res.text())).toEqual([]);
  });

  it('is an empty feed for a network with nothing listed yet', async () => {
    const ctx = withNetwork();
    const res = await get(ctx, atomPath);
    expect(res.status).toBe(200);
    expect(titles(await res.text())).toEqual([]);
  });

  it.each([
    ['an unknown network', {}, 'nobody'],
    ['a hidden network', { hidden: { reason: 'Impersonation', by: 'operator@example.org', at: '2026-11-20T00:00:00Z' } }, SLUG],
    ['a network waiting for approval', { status: 'pending' as const }, SLUG],
  ])('answers 404 for %s', async (_, over, slug) => {
    const ctx = withNetwork(over);
    await meetup(ctx, { title: 'Lunch club', organiser: 'sam@example.org', slug: SLUG });
    const res = await get(ctx, feedPaths.networkAtom(slug));
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
  });

  it('has no Atom feed for an older meetup’s free-text network label, which has a calendar feed but no network page', async () => {
    const ctx = inMemoryApp();
    // Stored straight away, as meetups from before networks were: a label with no network record behind it.
    await meetup(ctx, { title: 'Lunch club', organiser: 'sam@example.org', slug: 'free-text-club' });
    expect((await get(ctx, feedPaths.network('free-text-club'))).status).toBe(200);
    for (const path of [feedPaths.networkAtom('free-text-club'), '/calendar/networks/Not%20A%20Slug.atom', '/calendar/networks/free-text-club.rss'])
      expect((await get(ctx, path)).status, path).toBe(404);
  });
});
