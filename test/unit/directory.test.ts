// Unit: the directory's rules — who is public, the public shape (no addresses), the search by name, topic or place
// (any case, no accents), the online / in person filter, and the order by next meetup.
import { describe, expect, it } from 'vitest';
import type { EventSummary } from '#functions/core/event.ts';
import type { StoredNetwork, TeamMember } from '#functions/core/network.ts';
import { directoryOf, isPublic, matchesSearch, matchesWhere, shownNetworks, sortByNextMeetup, teamNames, toPublicNetwork } from '#functions/directory/directory.ts';
import { directoryQuerySchema } from '#functions/directory/directory.schema.ts';
import { hadPlaceText, namesText, networkJsonLd, safeAccent } from '#views/network-page.ts';

const SITE = 'https://events.example.org';

const network = (over: Partial<StoredNetwork> = {}): StoredNetwork => ({
  slug: 'manchester-nlpn',
  name: 'Manchester NLPN',
  tagline: 'New library professionals in Greater Manchester',
  description: 'Monthly socials. More: https://nlpn.example.org',
  accent: '#1d6b54',
  where: { kind: 'place', place: 'Manchester' },
  links: { website: 'https://nlpn.example.org', mastodon: 'https://mastodon.example/@nlpn' },
  contactEmail: 'team@nlpn.example.org',
  topics: ['New professionals', 'Careers'],
  status: 'active',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  createdBy: 'founder@example.org',
  version: 1,
  ...over,
});

const member = (name: string, over: Partial<TeamMember> = {}): TeamMember => ({
  slug: 'manchester-nlpn',
  personId: name.toLowerCase().replace(/\W/g, ''),
  email: `${name.split(' ')[0]!.toLowerCase()}@example.org`,
  name,
  role: 'organiser',
  showName: true,
  joinedAt: '2026-01-01T00:00:00Z',
  ...over,
});

const meetup = (startUtc: string, title = 'A meetup'): EventSummary => ({
  id: title.toLowerCase().replace(/\W/g, ''),
  url: `${SITE}/events/x/y`,
  title,
  start: { local: startUtc.slice(0, 16), utc: startUtc },
  end: { local: startUtc.slice(0, 16), utc: startUtc },
  timezone: 'Europe/London',
  format: 'in_person',
  tags: [],
  status: 'published',
});

describe('who the public may see', () => {
  it('shows active networks only: hidden and pending ones are for their team', () => {
    expect(isPublic(network())).toBe(true);
    expect(isPublic(network({ status: 'pending' }))).toBe(false);
    expect(isPublic(network({ hidden: { reason: 'Spam', at: '2026-02-01T00:00:00Z', by: 'op@example.org' } }))).toBe(false);
  });

  it('gives the public shape field by field: no contact address, no creator, no team addresses, first names only of those who agreed', () => {
    const team = [member('Sam Jones', { joinedAt: '2026-01-02T00:00:00Z' }), member('Alex Smith'), member('Priya Patel', { showName: false })];
    const shown = toPublicNetwork(network(), team, SITE);
    expect(shown.team).toEqual(['Alex', 'Sam']);
    expect(shown.url).toBe(`${SITE}/networks/manchester-nlpn`);
    const text = JSON.stringify(shown);
    expect(text).not.toMatch(/@example\.org|team@nlpn/);
    expect(text).not.toContain('Jones');
    expect(Object.keys(shown).sort()).toEqual(['accent', 'description', 'links', 'name', 'slug', 'tagline', 'team', 'topics', 'url', 'where']);
  });

  it('drops links that are not web addresses', () => {
    const shown = toPublicNetwork(network({ links: { website: 'javascript:alert(1)', bluesky: 'https://bsky.app/profile/nlpn' } }), [], SITE);
    expect(shown.links).toEqual({ bluesky: 'https://bsky.app/profile/nlpn' });
  });

  it('leaves out a member with no name to show', () => {
    expect(teamNames([member('   '), member('Robin')])).toEqual(['Robin']);
  });
});

describe('the search', () => {
  const leeds = network({ slug: 'leeds-libraries', name: 'Leeds Libraries Café', tagline: 'Coffee and catalogues', topics: ['Cataloguing', 'Metadata'], where: { kind: 'place', place: 'Leeds' } });
  const online = network({ slug: 'uklibchat', name: '#uklibchat', tagline: 'A monthly chat', topics: ['School libraries'], where: { kind: 'online' } });

  it('matches the name, a topic or the place, in any case and without accents, each word as part of a word', () => {
    expect(matchesSearch(leeds, 'cafe')).toBe(true);
    expect(matchesSearch(leeds, 'CAFÉ')).toBe(true);
    expect(matchesSearch(leeds, 'catalog')).toBe(true);
    expect(matchesSearch(leeds, 'METADATA')).toBe(true);
    expect(matchesSearch(leeds, 'leeds')).toBe(true);
    expect(matchesSearch(online, 'uklibchat')).toBe(true);
    expect(matchesSearch(online, 'school libraries')).toBe(true);
    expect(matchesSearch(online, 'online')).toBe(true);
  });

  it('needs every word, and finds nothing that is not there', () => {
    expect(matchesSearch(leeds, 'leeds metadata')).toBe(true);
    expect(matchesSearch(leeds, 'leeds school')).toBe(false);
    expect(matchesSearch(leeds, 'manchester')).toBe(false);
  });

  it('matches everything for no words, or only punctuation', () => {
    expect(matchesSearch(leeds, undefined)).toBe(true);
    expect(matchesSearch(leeds, '!!')).toBe(true);
  });

  it('filters online or in person', () => {
    expect(matchesWhere(online, 'online')).toBe(true);
    expect(matchesWhere(online, 'in_person')).toBe(false);
    expect(matchesWhere(leeds, 'in_person')).toBe(true);
    expect(matchesWhere(leeds, 'online')).toBe(false);
    expect(matchesWhere(leeds, undefined)).toBe(true);
  });

  it('never shows hidden or pending networks, whatever the search', () => {
    const all = [leeds, online, network({ slug: 'pending-one', name: 'Leeds pending', status: 'pending' }), network({ slug: 'hidden-one', name: 'Leeds hidden', hidden: { reason: 'x', at: 'y', by: 'z' } })];
    expect(shownNetworks(all, { q: 'leeds' }).map((n) => n.slug)).toEqual(['leeds-libraries']);
    expect(shownNetworks(all, { where: 'online' }).map((n) => n.slug)).toEqual(['uklibchat']);
  });

  it('reads the query as the form sends it: blanks are "any", other values are refused naming the field', () => {
    expect(directoryQuerySchema.parse({ q: '  ', where: '' })).toEqual({ q: undefined, where: undefined });
    expect(directoryQuerySchema.parse({ q: ' Leeds ', where: 'online' })).toEqual({ q: 'Leeds', where: 'online' });
    const bad = directoryQuerySchema.safeParse({ where: 'moon', q: 'x'.repeat(101) });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['q', 'where']);
  });
});

describe('the order', () => {
  it('puts networks with an upcoming meetup first, soonest first, then the rest by name', () => {
    const entries = [
      { slug: 'zed', name: 'Zed network' },
      { slug: 'later', name: 'Later', nextMeetup: meetup('2026-12-10T12:00:00.000Z') },
      { slug: 'alpha', name: 'alpha group' },
      { slug: 'soon', name: 'Soon', nextMeetup: meetup('2026-12-01T12:00:00.000Z') },
      { slug: 'beta', name: 'Beta' },
    ];
    expect(sortByNextMeetup(entries).map((e) => e.slug)).toEqual(['soon', 'later', 'alpha', 'beta', 'zed']);
  });

  it('builds the directory with each next meetup, public fields only', () => {
    const a = network({ slug: 'a', name: 'A' });
    const b = network({ slug: 'b', name: 'B' });
    const entries = directoryOf([a, b], new Map([['b', meetup('2026-12-01T12:00:00.000Z', 'Lunch')]]), SITE);
    expect(entries.map((e) => [e.slug, e.nextMeetup?.title])).toEqual([['b', 'Lunch'], ['a', undefined]]);
    expect(JSON.stringify(entries)).not.toContain('team@nlpn');
    expect(entries[0]).not.toHaveProperty('team');
  });
});

describe('the page words', () => {
  it('says how many had a place honestly, and lists first names in a sentence', () => {
    expect(hadPlaceText(12)).toBe('12 had a place');
    expect(hadPlaceText(1)).toBe('1 had a place');
    expect(hadPlaceText(0)).toBe('No places were reserved');
    expect(namesText(['Sam'])).toBe('Sam');
    expect(namesText(['Sam', 'Alex'])).toBe('Sam and Alex');
    expect(namesText(['Sam', 'Alex', 'Priya'])).toBe('Sam, Alex and Priya');
  });

  it('gives schema.org an Organization with its other profiles (not the mailing list) and no address', () => {
    const ld = networkJsonLd(toPublicNetwork(network({ links: { website: 'https://a.example', mailingList: 'https://lists.example/x', linkedin: 'https://linkedin.example/n' } }), [], SITE));
    expect(ld).toMatchObject({ '@type': 'Organization', name: 'Manchester NLPN', url: `${SITE}/networks/manchester-nlpn`, sameAs: ['https://a.example', 'https://linkedin.example/n'], areaServed: 'Manchester' });
    expect(JSON.stringify(ld)).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.-]+/);
  });

  it('uses only a plain #rrggbb accent', () => {
    expect(safeAccent('#1D6B54')).toBe('#1d6b54');
    expect(safeAccent('red" onload="x')).toBe('#1d4e89');
  });
});
