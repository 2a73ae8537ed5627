// API: finding meetups — GET /api/events (partial, case-insensitive filters, keyword search, dates, pages that are
// never empty, places on cards) and the server-rendered home page that works without JavaScript. In-memory parts.
import { beforeAll, describe, expect, it } from 'vitest';
import { inMemoryApp, validMeetup } from '../support/fakes.ts';
import { daysAfter, publishMeetup } from '../support/published.ts';
import type { EventSummary } from '#functions/core/event.ts';

interface Page {
  items: EventSummary[];
  nextCursor?: string;
}

const now = new Date('2026-11-27T09:00:00Z'); // the in-memory app's clock: Friday 27 November 2026
const ctx = inMemoryApp();
const get = async (path: string): Promise<Page> => {
  const res = await ctx.app.request(path);
  expect(res.status, path).toBe(200);
  return (await res.json()) as Page;
};
const titles = (page: Page) => page.items.map((e) => e.title);

beforeAll(async () => {
  const at = (days: number) => ({ start: daysAfter(now, days, '12:30'), end: daysAfter(now, days, '13:30') });
  await publishMeetup(ctx.events, validMeetup({ title: 'New professionals lunch club', network: 'CILIP North West', tags: ['Lunch club', 'CPD'], capacity: 20, ...at(1) }), now, { confirmedCount: 19 });
  await publishMeetup(ctx.events, validMeetup({ title: 'Cataloguing cafe', description: 'RDA questions answered over coffee.', network: 'CILIP Scotland', tags: ['Cataloguing'], format: 'online', venue: undefined, onlineUrl: 'https://meet.example.org/c', capacity: 2, ...at(6) }), now, { confirmedCount: 2, waitlistCount: 1 });
  await publishMeetup(ctx.events, validMeetup({ title: 'TeachMeet Glasgow', description: 'Seven-minute talks.', network: 'TeachMeet Scotland', tags: ['TeachMeet'], format: 'hybrid', onlineUrl: 'https://meet.example.org/t', ...at(9) }), now);
  await publishMeetup(ctx.events, validMeetup({ title: 'Cancelled lunch', network: 'CILIP North West', tags: ['Lunch club'], capacity: 10, ...at(12) }), now, { cancelled: true });
  await publishMeetup(ctx.events, validMeetup({ title: 'Winter social', description: 'Mince pies.', network: undefined, tags: ['Social'], ...at(40) }), now);
});

describe('GET /api/events filters', () => {
  it('match networks and tags by any part, in any case', async () => {
    expect(titles(await get('/api/events?network=CILIP'))).toEqual(['New professionals lunch club', 'Cataloguing cafe', 'Cancelled lunch']);
    expect(titles(await get('/api/events?network=north%20WEST'))).toEqual(['New professionals lunch club', 'Cancelled lunch']);
    expect(titles(await get('/api/events?network=cilip-scotland'))).toEqual(['Cataloguing cafe']);
    expect(titles(await get('/api/events?tag=lunch'))).toEqual(['New professionals lunch club', 'Cancelled lunch']);
    expect(titles(await get('/api/events?tag=LUNCH%20club&network=cilip&format=in_person'))).toEqual(['New professionals lunch club', 'Cancelled lunch']);
    expect(titles(await get('/api/events?network=Nobody%20at%20all'))).toEqual([]);
  });

  it('search titles and descriptions for every word given, each as part of a word', async () => {
    expect(titles(await get('/api/events?q=Lunch'))).toEqual(['New professionals lunch club', 'Cancelled lunch']);
    expect(titles(await get('/api/events?q=rda%20coffee'))).toEqual(['Cataloguing cafe']);
    expect(titles(await get('/api/events?q=seven-minute'))).toEqual(['TeachMeet Glasgow']);
    expect(titles(await get('/api/events?q=mince%20lunch'))).toEqual([]);
  });

  it('take this week, this month and a date range, all within the upcoming window', async () => {
    // Friday: "this week" ends on Sunday 29 November, "this month" on the 30th.
    expect(titles(await get('/api/events?when=week'))).toEqual(['New professionals lunch club']);
    expect(titles(await get('/api/events?when=month'))).toEqual(['New professionals lunch club']);
    expect(titles(await get('/api/events?from=2026-12-03&to=2026-12-06'))).toEqual(['Cataloguing cafe', 'TeachMeet Glasgow']);
    expect(titles(await get('/api/events?from=2027-01-01'))).toEqual(['Winter social']);
    expect(titles(await get('/api/events?to=2026-11-01'))).toEqual([]);
  });

  it('treat the empty fields a plain form sends as no filter', async () => {
    expect((await get('/api/events?q=&network=&tag=&format=&when=&from=&to=')).items).toHaveLength(5);
  });

  it('answer a bad date, period or range with a 400 naming the field', async () => {
    for (const [query, field] of [['from=2026-02-30', 'from'], ['to=soon', 'to'], ['from=2026-12-10&to=2026-12-01', 'to'], ['when=year', 'when'], ['format=barbecue', 'format']] as const) {
      const res = await ctx.app.request(`/api/events?${query}`);
      expect(res.status, query).toBe(400);
      const body = (await res.json()) as { details: { field: string; message: string }[] };
      expect(body.details.map((d) => d.field)).toEqual([field]);
    }
  });

  it('carry the places each card shows, for meetups with a capacity that are not cancelled', async () => {
    const { items } = await get('/api/events');
    const by = (title: string) => items.find((e) => e.title === title)!;
    expect(by('New professionals lunch club').places).toEqual({ capacity: 20, confirmed: 19, left: 1, waitlist: 0 });
    expect(by('Cataloguing cafe').places).toEqual({ capacity: 2, confirmed: 2, left: 0, waitlist: 1 });
    expect(by('TeachMeet Glasgow').places).toBeUndefined();
    expect(by('Cancelled lunch')).toMatchObject({ status: 'cancelled' });
    expect(by('Cancelled lunch').places).toBeUndefined();
  });
});

describe('GET /api/events pages', () => {
  it('never offer a next page that would be empty', async () => {
    // Five meetups in all: pages of 2, 2 and 1, and no cursor after the last.
    const first = await get('/api/events?limit=2');
    const second = await get(`/api/events?limit=2&cursor=${first.nextCursor}`);
    const third = await get(`/api/events?limit=2&cursor=${second.nextCursor}`);
    expect([first.items.length, second.items.length, third.items.length]).toEqual([2, 2, 1]);
    expect(third.nextCursor).toBeUndefined();
    expect(new Set([...first.items, ...second.items, ...third.items].map((e) => e.id)).size).toBe(5);
    // Exactly a page's worth: no cursor at all.
    expect((await get('/api/events?limit=5')).nextCursor).toBeUndefined();
    expect((await get('/api/events?network=cilip&limit=3')).nextCursor).toBeUndefined();
    expect((await get('/api/events?network=cilip&limit=2')).nextCursor).toBeDefined();
  });
});

describe('the home page (server-rendered)', () => {
  const page = async (path: string) => {
    const res = await ctx.app.request(path);
    return { status: res.status, body: await res.text(), cache: res.headers.get('cache-control') };
  };

  it('lists the first page of meetups as cards, with a plain GET form for the filters', async () => {
    const { status, body, cache } = await page('/');
    expect(status).toBe(200);
    expect(cache).toBe('public, max-age=0, s-maxage=30');
    expect(body).toContain('<html lang="en-GB">');
    expect(body).toMatch(/<form class="filters" id="filters" method="get" action="\/"/);
    for (const name of ['q', 'network', 'tag', 'format', 'when', 'from', 'to']) expect(body).toContain(`name="${name}"`);
    expect(body).toContain('Showing 5 meetups.');
    expect(body).not.toContain('there are more');
    expect(body).not.toContain('id="next-page"');
    expect(body).toContain('1 place left');
    expect(body).toContain('Full — waitlist open');
    expect(body).toContain('In person · Central Library, Manchester');
    expect(body).toContain('<span class="badge badge-cancelled">Cancelled</span>');
    expect(body).toContain('<script type="module" src="/assets/home.js"></script>');
    // Network suggestions, as for tags.
    expect(body).toContain('<datalist id="filter-network-suggestions">');
    expect(body).toContain('<option value="CILIP North West"></option>');
    // CloudFront and link checkers ask with HEAD.
    const head = await ctx.app.request('/', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('filters from the query string, shows the values back and describes them', async () => {
    const { body } = await page('/?q=lunch&network=cilip&tag=&format=&when=&from=&to=');
    expect(body).toContain('value="lunch"');
    expect(body).toContain('Showing 2 meetups matching “lunch” from “cilip”.');
    expect(body).toContain('<title>Meetups matching “lunch” from “cilip” · Signpost</title>');
    // The other filters stay folded away (the status line says which are chosen), so on a phone the meetups come first.
    expect(body).toContain('<details class="more-filters" id="more-filters">');
    expect(body).toContain('(1 chosen)');
    expect(body).toContain('id="clear-filters"');
    expect(body).not.toContain('Winter social');
  });

  it('pages with a Next page link (GET, with the cursor) only while there are more', async () => {
    const ctx2 = inMemoryApp();
    for (let i = 0; i < 21; i++) {
      await publishMeetup(ctx2.events, validMeetup({ title: `Reading group ${String(i + 1).padStart(2, '0')}`, start: daysAfter(now, 2 + i, '18:00'), end: daysAfter(now, 2 + i, '19:00') }), now);
    }
    const first = await (await ctx2.app.request('/?tag=cpd')).text();
    expect(first).toContain('Showing 20 meetups tagged “cpd”; there are more below.');
    const next = /id="next-page" href="([^"]+)"/.exec(first)?.[1]?.replace(/&amp;/g, '&');
    expect(next).toMatch(/^\/\?tag=cpd&cursor=[\w-]+&page=2$/);
    const second = await (await ctx2.app.request(next!)).text();
    expect(second).toContain('Page 2: showing 1 meetup tagged “cpd”.');
    expect(second).toContain('Reading group 21');
    expect(second).not.toContain('Reading group 20');
    expect(second).not.toContain('id="next-page"');
    expect(second).toContain('Back to the first page');
  });

  it('shows a bad filter as a field error and lists with the others, with a 400', async () => {
    const { status, body } = await page('/?from=2026-02-30&network=cilip');
    expect(status).toBe(400);
    expect(body).toContain('There is a problem');
    expect(body).toContain('<a href="#filter-from">From date: use a real date, like 2026-12-03</a>');
    expect(body).toContain('<details class="more-filters" id="more-filters" open>');
    expect(body).toContain('value="2026-02-30"');
    expect(body).toContain('Showing 3 meetups from “cilip”.');
  });

  it('answers a forged cursor with the first page and a friendly note, not an error page', async () => {
    const { status, body } = await page('/?cursor=forged&page=3');
    expect(status).toBe(400);
    expect(body).toContain('That page cursor is not valid; start from the first page');
    expect(body).toContain('Showing 5 meetups.');
  });

  it('says so when nothing matches, with a way back to everything', async () => {
    const { body } = await page('/?q=zeppelin');
    expect(body).toContain('No upcoming meetups matching “zeppelin”. <a href="/">See all meetups</a> or <a href="/new">list one</a>.');
  });
});
