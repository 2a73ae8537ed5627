// Unit: the feeds domain — windows, validators and conditional requests, alarms, ambiguous local times, personal
// feed tokens, and subscribe links. Pure functions, no mocks.
import { describe, expect, it } from 'vitest';
import { feedEtag, feedWindow, httpDate, inWindow, isNotModified, parseAlarm } from '#functions/feeds/feed.ts';
import { isAmbiguousLocal, calendarFile, renderFeed } from '#functions/calendar/ics.ts';
import { foldLines } from 'ical-generator';
import { acceptsGzip } from '#functions/feeds/routes.ts';
import { personalFeedToken, tokenMatches, tokenPerson } from '#functions/feeds/personal-token.ts';
import { subscribeLinks } from '#functions/core/subscribe-links.ts';
import { renderCache, renderedFeed } from '#functions/feeds/render-cache.ts';
import { cachedVersions } from '#functions/feeds/version-cache.ts';
import type { FeedsRepository } from '#functions/feeds/feeds.repository.ts';
import { AppError } from '#functions/core/errors.ts';
import { changedFeeds } from '#functions/core/facets.ts';
import { personId } from '#functions/core/person.ts';
import type { StoredEvent } from '#functions/core/event.ts';

describe('feed window', () => {
  it('starts at midnight UTC 30 days back and moves once a day', () => {
    const a = feedWindow(new Date('2026-11-27T00:00:01Z'));
    const b = feedWindow(new Date('2026-11-27T23:59:59Z'));
    expect(a).toEqual(b);
    expect(a.from).toBe('2026-10-28T00:00:00.000Z');
    expect(a.lastMonth).toBe('2028-11');
    expect(inWindow({ startUtc: '2026-10-28T00:00:00.000Z' }, a)).toBe(true);
    expect(inWindow({ startUtc: '2026-10-27T23:59:59.000Z' }, a)).toBe(false);
    expect(inWindow({ startUtc: '2028-12-01T00:00:00.000Z' }, a)).toBe(false);
  });
});

describe('conditional requests', () => {
  const etag = feedEtag(['feed', 'all', 3]);
  const lastModified = httpDate('2026-11-27T09:00:00.500Z');
  it('makes stable, quoted, strong ETags that change with any part', () => {
    expect(etag).toMatch(/^"[\w-]{32}"$/);
    expect(feedEtag(['feed', 'all', 3])).toBe(etag);
    expect(feedEtag(['feed', 'all', 4])).not.toBe(etag);
    expect(feedEtag(['feed', 'all', 3, undefined])).not.toBe(etag);
  });
  it('answers If-None-Match first, with weak comparison, lists and *', () => {
    expect(isNotModified({ ifNoneMatch: etag }, etag, lastModified)).toBe(true);
    expect(isNotModified({ ifNoneMatch: `W/${etag}` }, etag, lastModified)).toBe(true);
    expect(isNotModified({ ifNoneMatch: `"a", ${etag}` }, etag, lastModified)).toBe(true);
    expect(isNotModified({ ifNoneMatch: '*' }, etag, lastModified)).toBe(true);
    expect(isNotModified({ ifNoneMatch: '"other"', ifModifiedSince: lastModified }, etag, lastModified)).toBe(false);
  });
  it('compares If-Modified-Since to the second and ignores nonsense', () => {
    expect(lastModified).toBe('Fri, 27 Nov 2026 09:00:00 GMT');
    expect(isNotModified({ ifModifiedSince: lastModified }, etag, lastModified)).toBe(true);
    expect(isNotModified({ ifModifiedSince: 'Fri, 27 Nov 2026 08:59:59 GMT' }, etag, lastModified)).toBe(false);
    expect(isNotModified({ ifModifiedSince: 'yesterday' }, etag, lastModified)).toBe(false);
    expect(isNotModified({}, etag, lastModified)).toBe(false);
  });
  it('takes the latest of several instants for Last-Modified', () => {
    expect(httpDate('2026-11-27T00:00:00Z', undefined, '2026-11-28T10:00:00Z')).toBe('Sat, 28 Nov 2026 10:00:00 GMT');
  });
  it('reads Accept-Encoding, including q=0 refusals', () => {
    expect(acceptsGzip('gzip, deflate, br')).toBe(true);
    expect(acceptsGzip('br;q=1.0, gzip;q=0.8')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});

describe('alarms', () => {
  it('offers a short list, and names the field when the value is not on it', () => {
    expect(parseAlarm(undefined)).toBeUndefined();
    expect(parseAlarm('')).toBeUndefined();
    expect(parseAlarm('60')).toBe(60);
    for (const bad of ['7', '-15', 'soon', '60.5', '1e3']) {
      expect(() => parseAlarm(bad)).toThrowError(AppError);
      try {
        parseAlarm(bad);
      } catch (e) {
        expect((e as AppError).details?.[0]?.field).toBe('alarm');
      }
    }
  });
});

describe('ambiguous local times', () => {
  it('finds the hour that happens twice, and only that hour', () => {
    expect(isAmbiguousLocal('2027-10-31T00:30:00.000Z', 'Europe/London')).toBe(true); // 01:30 BST
    expect(isAmbiguousLocal('2027-10-31T01:30:00.000Z', 'Europe/London')).toBe(true); // 01:30 GMT
    expect(isAmbiguousLocal('2027-10-31T02:30:00.000Z', 'Europe/London')).toBe(false);
    expect(isAmbiguousLocal('2027-10-30T23:59:00.000Z', 'Europe/London')).toBe(false); // 00:59 BST
    expect(isAmbiguousLocal('2027-03-28T01:30:00.000Z', 'Europe/London')).toBe(false); // 02:30 BST after the gap
    expect(isAmbiguousLocal('2027-11-07T05:30:00.000Z', 'America/New_York')).toBe(true);
    expect(isAmbiguousLocal('2027-07-01T12:00:00.000Z', 'Australia/Sydney')).toBe(false);
    expect(isAmbiguousLocal('2027-04-03T15:30:00.000Z', 'Australia/Sydney')).toBe(true); // 02:30 AEDT on 4 April, clocks go back at 03:00
  });
  it('writes those times in UTC and others with TZID', () => {
    const entry = { uid: 'u@signpost', sequence: 2, title: 't', url: 'https://x', description: 'd', status: 'confirmed' as const, updatedAt: '2026-11-27T09:00:00.000Z' };
    const ambiguous = calendarFile({ ...entry, startUtc: '2027-10-31T00:30:00.000Z', endUtc: '2027-10-31T02:30:00.000Z', timezone: 'Europe/London' });
    expect(ambiguous).toContain('DTSTART:20271031T003000Z');
    const plain = calendarFile({ ...entry, startUtc: '2027-07-31T17:00:00.000Z', endUtc: '2027-07-31T18:00:00.000Z', timezone: 'Europe/London' });
    expect(plain).toContain('DTSTART;TZID=Europe/London:20270731T180000');
    expect(plain).toContain('BEGIN:VTIMEZONE');
    expect(plain).toContain('DTSTAMP:20261127T090000Z');
    expect(plain).not.toContain('ORGANIZER');
  });
});

describe('rendering', () => {
  it("folds exactly as ical-generator's own folding does, and puts TextEncoder back", () => {
    const entry = (i: number) => ({
      uid: `e${i}@signpost`, sequence: 1, title: `Cyfarfod ${i} — Ŵyl Ddarllen 📚 Seó Éireannach ${'é'.repeat(i)}`,
      startUtc: '2027-07-01T17:00:00.000Z', endUtc: '2027-07-01T18:00:00.000Z', timezone: 'Europe/Dublin', url: 'https://x/e',
      description: `Line one 🎉\n${'ŵ🎉a'.repeat(40 + i)}`, status: 'confirmed' as const, categories: ['CPD'], updatedAt: '2026-11-27T09:00:00.000Z',
    });
    const out = renderFeed(Array.from({ length: 40 }, (_, i) => entry(i)), { name: 'Signpost: Cymru 🎉', refreshSeconds: 3600 });
    expect(globalThis.TextEncoder).toBe(TextEncoder);
    expect(new TextEncoder().encode('é')).toBeInstanceOf(Uint8Array);
    const unfolded = out.replace(/\r\n /g, '').replace(/\r\n$/, '');
    expect(out).toBe(`${foldLines(unfolded)}\r\n`);
  });
});

describe('personal feed tokens', () => {
  const secret = Buffer.from('s'.repeat(32));
  it('are bound to the person and the nonce, and never equal across either', () => {
    const id = personId(' Ann@Example.org ');
    expect(id).toBe(personId('ann@example.org'));
    const token = personalFeedToken(secret, id, 'nonce-1');
    expect(tokenPerson(token)).toBe(id);
    expect(tokenMatches(secret, token, 'nonce-1')).toBe(true);
    expect(tokenMatches(secret, token, 'nonce-2')).toBe(false);
    expect(tokenMatches(Buffer.from('t'.repeat(32)), token, 'nonce-1')).toBe(false);
    expect(tokenMatches(secret, personalFeedToken(secret, personId('bob@example.org'), 'nonce-1'), 'nonce-1')).toBe(true);
    expect(personalFeedToken(secret, personId('bob@example.org'), 'nonce-1')).not.toBe(token);
    expect(tokenPerson('x'.repeat(67))).toBeUndefined();
    expect(tokenMatches(secret, token.slice(0, -1), 'nonce-1')).toBe(false);
  });
});

describe('changed feeds', () => {
  const event = (over: Partial<StoredEvent>) => ({ status: 'published', network: 'Lib Chat', tags: ['CPD'], ...over }) as StoredEvent;
  it('names every feed an event was or is in, and none for drafts', () => {
    expect(changedFeeds(event({ status: 'draft' }), event({ status: 'draft' }))).toEqual([]);
    expect(changedFeeds(event({ network: 'Old Net', tags: [] }), event({}))).toEqual([
      { facet: 'all' },
      { facet: 'net:old-net', title: 'Old Net' },
      { facet: 'net:lib-chat', title: 'Lib Chat' },
      { facet: 'tag:cpd', title: 'CPD' },
    ]);
  });
});

describe('subscribe links', () => {
  it('offer webcal, Google and Outlook for the same https address', () => {
    const links = subscribeLinks('https://events.example.org/calendar/networks/lib-chat.ics?alarm=60', 'Signpost: Lib Chat');
    expect(links.webcal).toBe('webcal://events.example.org/calendar/networks/lib-chat.ics?alarm=60');
    expect(new URL(links.google).searchParams.get('cid')).toBe(links.webcal);
    expect(new URL(links.outlook).searchParams.get('url')).toBe(links.https);
    expect(new URL(links.outlookWork).host).toBe('outlook.office.com');
  });
});

describe('version cache', () => {
  it('shares one read among polls for a moment, then reads again; a failed read is not kept', async () => {
    let reads = 0;
    let fail = false;
    let t = 0;
    const repo = {
      version: async () => {
        reads++;
        if (fail) throw new Error('down');
        return { version: reads, changedAt: '2026-11-27T09:00:00.000Z' };
      },
    } as unknown as FeedsRepository;
    const cached = cachedVersions(repo, 1000, () => t);
    const [a, b] = await Promise.all([cached.version('all'), cached.version('all')]);
    expect([a?.version, b?.version, reads]).toEqual([1, 1, 1]);
    await cached.version('net:x');
    expect(reads).toBe(2);
    t = 999;
    expect((await cached.version('all'))?.version).toBe(1);
    t = 1000;
    fail = true;
    await expect(cached.version('all')).rejects.toThrow('down');
    fail = false;
    expect((await cached.version('all'))?.version).toBe(4);
  });
});

describe('render cache', () => {
  it('keeps the most recently used feeds within its byte budget', () => {
    const feed = renderedFeed('x'.repeat(1000));
    const size = feed.text.length + feed.gzip.length;
    const cache = renderCache(size * 2);
    cache.set('a', feed);
    cache.set('b', feed);
    cache.get('a');
    cache.set('c', feed);
    expect([cache.get('a'), cache.get('b'), cache.get('c')].map(Boolean)).toEqual([true, false, true]);
  });
});
