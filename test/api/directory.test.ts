// API: a network's own page (/networks/<slug>), the directory (/networks) and their JSON (/api/networks), in-process
// with in-memory parts: upcoming and past meetups, the team's first names only for those who agreed, no address
// anywhere, hidden and pending networks gone, Open Graph and schema.org data, the search, filter and order, bad
// queries answered naming the field; and the network's calendar feed.
import { beforeAll, describe, expect, it } from 'vitest';
import { inMemoryApp, validMeetup } from '../support/fakes.ts';
import { parseIcs } from '../support/ical.ts';
import { createEvent, cancelEvent, publishEvent } from '#functions/events/event.ts';
import { eventInputSchema } from '#functions/events/event.schema.ts';
import { hashSecret, newId, newToken } from '#functions/core/ids.ts';
import type { EventSummary, StoredEvent } from '#functions/core/event.ts';
import type { PublicNetwork, StoredNetwork, TeamMember } from '#functions/core/network.ts';
import { apiDocument } from '#functions/apps/api/openapi.ts';

const now = new Date('2026-11-27T09:00:00Z'); // the in-memory app's clock
const ctx = inMemoryApp();
/** Anything shaped like an email address: none may appear in a public answer. */
const ADDRESS = /[\w.+-]+@[\w-]+\.[\w.-]+/;

const network = (slug: string, over: Partial<StoredNetwork> = {}): StoredNetwork => ({
  slug,
  name: slug,
  tagline: '',
  description: '',
  accent: '#1d6b54',
  where: { kind: 'online' },
  links: {},
  contactEmail: `contact.${slug}@example.org`,
  topics: [],
  status: 'active',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  createdBy: `founder.${slug}@example.org`,
  version: 1,
  ...over,
});

const putNetwork = (n: StoredNetwork, team: Omit<TeamMember, 'slug' | 'personId' | 'joinedAt' | 'role'>[] = []) => {
  ctx.networks.networks.set(n.slug, n);
  team.forEach((m, i) =>
    ctx.networks.members.set(`${n.slug}#p${i}`, { ...m, slug: n.slug, personId: `p${i}`, role: i === 0 ? 'organiser' : 'helper', joinedAt: `2026-01-0${i + 1}T00:00:00Z` }),
  );
};

const day = (offset: number, time: string) => `${new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10)}T${time}`;

/** A published meetup listed under `slug` (as the listing form will store it), created before it began, so past ones work. */
async function meetup(slug: string | undefined, name: string | undefined, days: number, over: Record<string, unknown> = {}, extra: { confirmedCount?: number; cancelled?: boolean; hidden?: boolean } = {}) {
  const created = new Date(now.getTime() + Math.min(0, days - 10) * 86_400_000);
  const input = eventInputSchema.parse(validMeetup({ network: name, start: day(days, '12:30'), end: day(days, '13:30'), ...over }));
  const draft: StoredEvent = {
    ...createEvent(input, { id: newId(), tokenHash: hashSecret(newToken()) }, created),
    ...(slug ? { networkSlug: slug } : {}),
    ...(extra.confirmedCount !== undefined ? { confirmedCount: extra.confirmedCount } : {}),
  };
  expect((await ctx.events.create(draft, [], [])).ok).toBe(true);
  let stored = publishEvent(draft, created);
  expect((await ctx.events.save(stored, draft)).ok).toBe(true);
  if (extra.cancelled) {
    const gone = cancelEvent(stored, created);
    expect((await ctx.events.save(gone, stored)).ok).toBe(true);
    stored = gone;
  }
  if (extra.hidden) ctx.events.events.get(stored.id)!.hidden = { reason: 'Spam', at: now.toISOString(), by: 'operator@example.org' };
  return stored;
}

const page = async (path: string, status = 200) => {
  const res = await ctx.app.request(path);
  expect(res.status, path).toBe(status);
  return { res, text: await res.text() };
};
const json = async <T>(path: string, status = 200) => {
  const res = await ctx.app.request(path);
  expect(res.status, path).toBe(status);
  return { res, body: (await res.json()) as T };
};
const jsonLd = (text: string) => JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(text)![1]!) as Record<string, unknown>;
const meta = (text: string, property: string) => new RegExp(`<meta (?:property|name)="${property}" content="([^"]*)">`).exec(text)?.[1];

beforeAll(async () => {
  putNetwork(
    network('manchester-nlpn', {
      name: 'Manchester NLPN',
      tagline: 'New library professionals in Greater Manchester',
      description: 'Monthly socials and visits.\n\nJoin the list: https://lists.example.org/nlpn',
      where: { kind: 'place', place: 'Manchester' },
      links: { website: 'https://nlpn.example.org', mailingList: 'https://lists.example.org/nlpn', mastodon: 'https://mastodon.example/@nlpn', bluesky: 'https://bsky.app/profile/nlpn.example.org', linkedin: 'https://www.linkedin.com/company/nlpn' },
      topics: ['New professionals', 'Careers'],
    }),
    [
      { name: 'Sam Jones', email: 'sam.jones@example.org', showName: true },
      { name: 'Alex Smith', email: 'alex.smith@example.org', showName: true },
      { name: 'Priya Patel', email: 'priya.patel@example.org', showName: false },
    ],
  );
  putNetwork(network('uklibchat', { name: '#uklibchat', tagline: 'A monthly Twitter chat', topics: ['Cataloguing', 'School libraries'], where: { kind: 'online' } }));
  putNetwork(network('library-camp', { name: 'Library Camp', tagline: 'An unconference', where: { kind: 'place', place: 'Birmingham' } }));
  putNetwork(network('quiet-circle', { name: 'Quiet Circle', where: { kind: 'place', place: 'Leeds' }, topics: ['Café chats'] }));
  putNetwork(network('spam-network', { name: 'Spam Network', hidden: { reason: 'Spam', at: now.toISOString(), by: 'operator@example.org' } }));
  putNetwork(network('waiting-network', { name: 'Waiting Network', status: 'pending' }));

  // Manchester NLPN: two upcoming (one a legacy free-text meetup of the same name), a hidden one, three past.
  await meetup('manchester-nlpn', 'Manchester NLPN', 12, { title: 'December social', capacity: 30 }, { confirmedCount: 4 });
  await meetup(undefined, 'Manchester NLPN', 20, { title: 'Legacy listing, same name' });
  await meetup('manchester-nlpn', 'Manchester NLPN', 5, { title: 'Hidden meetup' }, { hidden: true });
  await meetup('manchester-nlpn', 'Manchester NLPN', -30, { title: 'October visit', capacity: 20 }, { confirmedCount: 12 });
  await meetup('manchester-nlpn', 'Manchester NLPN', -60, { title: 'September social' }, { confirmedCount: 7 });
  await meetup('manchester-nlpn', 'Manchester NLPN', -45, { title: 'Cancelled talk' }, { cancelled: true });
  await meetup('manchester-nlpn', 'Manchester NLPN', -400, { title: 'Too long ago' });
  // Others: #uklibchat meets sooner; Library Camp's only meetup is cancelled; the hidden network has one too.
  await meetup('uklibchat', '#uklibchat', 3, { title: 'Chat: cataloguing', format: 'online', venue: undefined, onlineUrl: 'https://meet.example.org/c' });
  await meetup('library-camp', 'Library Camp', 8, { title: 'Camp (cancelled)' }, { cancelled: true });
  await meetup('spam-network', 'Spam Network', 2, { title: 'Spam meetup' });
});

describe('a network’s page, /networks/<slug>', () => {
  it('shows who they are, where they meet, their links with labels, topics and the first names of those who agreed', async () => {
    const { res, text } = await page('/networks/manchester-nlpn');
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=30');
    expect(text).toContain('<h1 class="network-title">Manchester NLPN</h1>');
    expect(text).toContain('New library professionals in Greater Manchester');
    expect(text).toContain('Meets in person in Manchester');
    // The description's link is clickable, and nothing in it is HTML.
    expect(text).toContain('<a class="url" href="https://lists.example.org/nlpn" rel="nofollow ugc noopener">https://lists.example.org/nlpn</a>');
    for (const label of ['Website', 'Mailing list', 'Mastodon', 'Bluesky', 'LinkedIn']) expect(text).toContain(`>${label}<span class="visually-hidden"> of Manchester NLPN</span></a>`);
    expect(text).toContain('rel="me nofollow noopener" data-link-kind="mastodon"');
    expect(text).toContain('>New professionals</a>');
    expect(text).toContain('<dd id="team">Sam and Alex</dd>');
    expect(text).not.toMatch(/Priya|Jones|Smith|Patel/);
  });

  it('lists upcoming meetups (its own, legacy ones of its name, not hidden ones) and past ones with how many had a place', async () => {
    const { text } = await page('/networks/manchester-nlpn');
    const upcoming = text.slice(text.indexOf('id="upcoming-title"'), text.indexOf('id="past-title"'));
    expect([...upcoming.matchAll(/<h3>(?:<span[^>]*>[^<]*<\/span> )?<a href="[^"]+">([^<]+)<\/a><\/h3>/g)].map((m) => m[1])).toEqual(['December social', 'Legacy listing, same name']);
    expect(upcoming).toContain('26 places left');
    expect(text).not.toContain('Hidden meetup');
    expect(text).not.toContain('Chat: cataloguing');
    const past = text.slice(text.indexOf('id="past-title"'), text.indexOf('id="subscribe-title"'));
    expect([...past.matchAll(/<li><a href="[^"]+">([^<]+)<\/a>.*?<span class="past-count">([^<]+)<\/span><\/li>/g)].map((m) => [m[1], m[2]])).toEqual([
      ['October visit', '12 had a place'],
      ['Cancelled talk', 'Cancelled'],
      ['September social', '7 had a place'],
    ]);
    expect(text).not.toContain('Too long ago');
  });

  it('offers the network’s calendar feed, the manage page for its team, and carries no address', async () => {
    const { text } = await page('/networks/manchester-nlpn');
    expect(text).toContain('data-feed-url="https://events.example.org/calendar/networks/manchester-nlpn.ics"');
    expect(text).toContain('data-feed-name="Signpost: Manchester NLPN"');
    expect(text).toContain('<a href="/networks/manchester-nlpn/manage" rel="nofollow">Manage this network</a>');
    expect(text).toContain('<script type="module" src="/assets/network.js"></script>');
    expect(text).toContain('data-accent="#1d6b54"');
    expect(text).toContain('<rect width="100" height="1" fill="#1d6b54"/>');
    expect(text).not.toMatch(ADDRESS);
    expect(text).not.toContain('style=');
  });

  it('has Open Graph tags and schema.org Organization data (name, url, description, its other profiles, no email)', async () => {
    const { text } = await page('/networks/manchester-nlpn');
    expect(meta(text, 'og:title')).toBe('Manchester NLPN');
    expect(meta(text, 'og:url')).toBe('https://events.example.org/networks/manchester-nlpn');
    expect(meta(text, 'og:type')).toBe('website');
    expect(meta(text, 'og:description')).toBe('New library professionals in Greater Manchester. Meets in person in Manchester.');
    expect(text).toContain('<link rel="canonical" href="https://events.example.org/networks/manchester-nlpn">');
    const ld = jsonLd(text);
    expect(ld).toEqual({
      '@context': 'https://schema.org',
      '@type': 'Organization',
      name: 'Manchester NLPN',
      url: 'https://events.example.org/networks/manchester-nlpn',
      description: 'New library professionals in Greater Manchester',
      sameAs: ['https://nlpn.example.org', 'https://mastodon.example/@nlpn', 'https://bsky.app/profile/nlpn.example.org', 'https://www.linkedin.com/company/nlpn'],
      areaServed: 'Manchester',
      knowsAbout: ['New professionals', 'Careers'],
    });
  });

  it('says there is nothing coming up when nothing is listed', async () => {
    const { text } = await page('/networks/quiet-circle');
    expect(text).toContain('id="no-upcoming"');
    expect(text).not.toContain('id="past-title"');
    expect(text).not.toContain('id="team"');
  });

  it('is not found for a hidden, a pending, an unknown or a malformed network', async () => {
    for (const slug of ['spam-network', 'waiting-network', 'nobody', 'Manchester-NLPN', 'a'.repeat(80)]) {
      const { res, text } = await page(`/networks/${slug}`, 404);
      expect(text).toContain("We can't find that network");
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });
});

describe('the directory, /networks', () => {
  const names = (text: string) => [...text.matchAll(/<li class="network-entry" data-slug="([^"]+)">/g)].map((m) => m[1]);

  it('lists public networks by next meetup (soonest first, cancelled ones not counted), then the rest by name', async () => {
    const { res, text } = await page('/networks');
    expect(res.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=30');
    expect(names(text)).toEqual(['uklibchat', 'manchester-nlpn', 'library-camp', 'quiet-circle']);
    expect(text).toContain('Next meetup: <a href="/events/');
    expect(text).toMatch(/>Chat: cataloguing<\/a>, <time datetime="2026-11-30T12:30:00.000Z">/);
    expect(text).toContain('>December social</a>');
    expect(text).not.toContain('Camp (cancelled)');
    expect(text).not.toMatch(/Spam|Waiting/);
    expect(text).toContain('<a href="/networks/new">Start a network</a>');
    expect(text).toContain('<p class="where">Meets online</p>');
    expect(text).not.toMatch(ADDRESS);
  });

  it('searches by name, topic or place in any case and without accents, and filters online or in person, as a plain GET form', async () => {
    expect(names((await page('/networks?q=MANCHESTER')).text)).toEqual(['manchester-nlpn']);
    expect(names((await page('/networks?q=cataloguing')).text)).toEqual(['uklibchat']);
    expect(names((await page('/networks?q=cafe')).text)).toEqual(['quiet-circle']);
    expect(names((await page('/networks?q=birmingham')).text)).toEqual(['library-camp']);
    expect(names((await page('/networks?where=online')).text)).toEqual(['uklibchat']);
    expect(names((await page('/networks?where=in_person')).text)).toEqual(['manchester-nlpn', 'library-camp', 'quiet-circle']);
    const { text } = await page('/networks?q=leeds&where=in_person');
    expect(names(text)).toEqual(['quiet-circle']);
    expect(text).toContain('value="leeds"');
    expect(text).toContain('id="directory-where-in-person" name="where" value="in_person" checked');
    expect(text).toContain('Showing 1 network matching “leeds” that meets in person.');
    expect(names((await page('/networks?q=spam')).text)).toEqual([]);
    expect((await page('/networks?q=nothing-like-it')).text).toContain('No networks matching “nothing-like-it” yet.');
  });

  it('redirects the paths as people type them, with a trailing slash, to the pages', async () => {
    for (const [from, to] of [['/networks/', '/networks'], ['/networks/?q=leeds', '/networks?q=leeds'], ['/networks/manchester-nlpn/', '/networks/manchester-nlpn']]) {
      const res = await ctx.app.request(from!);
      expect(res.status, from).toBe(301);
      expect(res.headers.get('location'), from).toBe(to);
    }
  });

  it('answers a bad filter with a 400 page naming it, and lists the networks without it', async () => {
    const { text } = await page('/networks?where=moon&q=manchester', 400);
    expect(text).toContain('<title>Error: Networks matching “manchester” · Signpost</title>');
    expect(text).toContain('<a href="#directory-where-any">Where it meets: Choose online or in person</a>');
    expect(names(text)).toEqual(['manchester-nlpn']);
    const long = await page(`/networks?q=${'x'.repeat(120)}`, 400);
    expect(long.text).toContain('Search: Keep the search under 100 characters');
  });
});

describe('GET /api/networks and /api/networks/:slug', () => {
  type Entry = Omit<PublicNetwork, 'team'> & { nextMeetup?: EventSummary };

  it('answers the directory as JSON, in the same order, with the same filters', async () => {
    const { body } = await json<{ items: Entry[] }>('/api/networks');
    expect(body.items.map((e) => [e.slug, e.nextMeetup?.title])).toEqual([
      ['uklibchat', 'Chat: cataloguing'],
      ['manchester-nlpn', 'December social'],
      ['library-camp', undefined],
      ['quiet-circle', undefined],
    ]);
    expect(body.items[1]!.nextMeetup!.network).toEqual({ name: 'Manchester NLPN', slug: 'manchester-nlpn' });
    expect(JSON.stringify(body)).not.toMatch(ADDRESS);
    expect(body.items[0]).not.toHaveProperty('contactEmail');
    expect((await json<{ items: Entry[] }>('/api/networks?where=online&q=chat')).body.items.map((e) => e.slug)).toEqual(['uklibchat']);
    expect((await json<{ items: Entry[] }>('/api/networks?q=&where=')).body.items).toHaveLength(4);
  });

  it('refuses a bad query naming the field', async () => {
    const { body } = await json<{ error: string; details: { field: string }[] }>('/api/networks?where=everywhere', 400);
    expect(body.error).toBe('validation_failed');
    expect(body.details.map((d) => d.field)).toEqual(['where']);
    expect((await json<{ details: { field: string }[] }>(`/api/networks?q=${'y'.repeat(101)}`, 400)).body.details.map((d) => d.field)).toEqual(['q']);
  });

  it('answers one network with its team’s first names and upcoming meetups, public fields only', async () => {
    const { body } = await json<PublicNetwork & { upcoming: EventSummary[]; moreUpcoming: boolean }>('/api/networks/manchester-nlpn');
    expect(body.team).toEqual(['Sam', 'Alex']);
    expect(body.upcoming.map((e) => e.title)).toEqual(['December social', 'Legacy listing, same name']);
    expect(body.upcoming[0]!.places).toEqual({ capacity: 30, confirmed: 4, left: 26, waitlist: 0 });
    expect(body.moreUpcoming).toBe(false);
    expect(Object.keys(body).sort()).toEqual(['accent', 'description', 'links', 'moreUpcoming', 'name', 'slug', 'tagline', 'team', 'topics', 'upcoming', 'url', 'where']);
    expect(JSON.stringify(body)).not.toMatch(ADDRESS);
  });

  it('is a 404 JSON error for a hidden, pending or unknown network', async () => {
    for (const slug of ['spam-network', 'waiting-network', 'nobody']) {
      const { body } = await json<{ error: string }>(`/api/networks/${slug}`, 404);
      expect(body.error).toBe('not_found');
    }
  });

  it('is documented in /api/openapi.json with its schemas', () => {
    const doc = apiDocument() as unknown as { paths: Record<string, Record<string, { parameters?: { name: string }[] }>>; components: { schemas: Record<string, unknown> } };
    expect(Object.keys(doc.paths['/api/networks']!)).toEqual(['get']);
    expect(doc.paths['/api/networks']!.get!.parameters!.map((p) => p.name).sort()).toEqual(['q', 'where']);
    expect(Object.keys(doc.paths['/api/networks/{slug}']!)).toEqual(['get']);
    for (const id of ['DirectoryEntry', 'NetworkDirectory', 'NetworkWithMeetups', 'EventSummary']) expect(doc.components.schemas, id).toHaveProperty(id);
  });
});

describe('the network’s calendar feed', () => {
  it('is named as the network is named now, and holds its meetups', async () => {
    const res = await ctx.feedApp.request('/calendar/networks/manchester-nlpn.ics');
    expect(res.status).toBe(200);
    const feed = parseIcs(await res.text());
    expect(feed.name).toBe('Signpost: Manchester NLPN');
    expect(feed.events.map((e) => e.summary)).toContain('December social');
    expect(feed.events.map((e) => e.summary)).not.toContain('Hidden meetup');
  });

  it('exists (empty) for a network with nothing listed yet, and not for a hidden or pending one', async () => {
    const quiet = await ctx.feedApp.request('/calendar/networks/quiet-circle.ics');
    expect(quiet.status).toBe(200);
    expect(parseIcs(await quiet.text())).toMatchObject({ name: 'Signpost: Quiet Circle', events: [] });
    for (const slug of ['spam-network', 'waiting-network']) expect((await ctx.feedApp.request(`/calendar/networks/${slug}.ics`)).status, slug).toBe(404);
  });

  it('still answers for a free-text network name from before networks, with no network of that slug', async () => {
    await meetup(undefined, 'Old Free Text Group', 15, { title: 'Legacy only' });
    const res = await ctx.feedApp.request('/calendar/networks/old-free-text-group.ics');
    expect(res.status).toBe(200);
    expect(parseIcs(await res.text())).toMatchObject({ name: 'Signpost: Old Free Text Group' });
    expect((await ctx.app.request('/networks/old-free-text-group')).status).toBe(404);
  });

  it('follows a rename', async () => {
    const before = ctx.networks.networks.get('library-camp')!;
    ctx.networks.networks.set('library-camp', { ...before, name: 'Library Camp UK', version: 2 });
    const feed = parseIcs(await (await ctx.feedApp.request('/calendar/networks/library-camp.ics')).text());
    expect(feed.name).toBe('Signpost: Library Camp UK');
    ctx.networks.networks.set('library-camp', before);
  });
});
