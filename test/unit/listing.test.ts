// Unit: listing layout — facets, month partitions and cursors — and how list queries match: partial, folded, dated.
import { describe, expect, it } from 'vitest';
import { addDays, isEmptyWindow, localDate, nextMonth, planListing, encodeCursor, matchesPlan } from '#functions/events/listing.ts';
import { foldText, listingMatchOf, listingPartition } from '#functions/table/items/listing.ts';
import { listQuerySchema } from '#functions/events/event.schema.ts';
import { AppError } from '#functions/core/errors.ts';
import { facetsOf } from '#functions/core/facets.ts';

const now = new Date('2026-11-27T09:00:00Z');
const plan = (q: Record<string, string> = {}) => planListing(listQuerySchema.parse(q), now);

describe('listing layout', () => {
  it('writes published events under "all", their network and each tag; drafts nowhere', () => {
    expect(facetsOf({ status: 'published', network: 'Manchester NLPN', tags: ['CPD', 'Lunch club'] })).toEqual(['all', 'net:manchester-nlpn', 'tag:cpd', 'tag:lunch-club']);
    expect(facetsOf({ status: 'draft', network: 'X', tags: ['CPD'] })).toEqual([]);
  });

  it('spreads each facet over month partitions', () => {
    expect(listingPartition('tag:cpd', '2026-12')).toBe('LIST#tag:cpd#2026-12');
    expect(nextMonth('2026-12')).toBe('2027-01');
    expect(nextMonth('2027-01')).toBe('2027-02');
  });

  it('reads the "all" facet and matches filters within folded text, so they are partial and case-insensitive', () => {
    expect(plan({ tag: 'TeachMeet', network: 'TeachMeet  Scotland', format: 'hybrid' })).toMatchObject({ facet: 'all', tag: 'teachmeet', network: 'teachmeet-scotland', format: 'hybrid' });
    expect(plan({ q: 'Lunch, CLUB! café lunch' }).words).toEqual(['lunch', 'club', 'cafe']);
    expect(plan({ q: '', network: '', tag: '', format: '', when: '', from: '', to: '' })).toMatchObject({ facet: 'all', words: [] });
    expect(plan({ network: '!!' }).network).toBeUndefined();
    expect(plan().facet).toBe('all');
  });

  it('starts early enough to include meetups still in progress, and looks two years ahead', () => {
    const p = plan();
    expect(p.fromMonth).toBe('2026-11');
    expect(p.fromSortKey).toBe('2026-11-13T09:00:00.000Z');
    expect(p.lastMonth).toBe('2028-11');
    const running = { id: 'a', slug: 'a', title: 'a', startLocal: '', endLocal: '', timezone: 'UTC', format: 'online' as const, tags: [], status: 'published' as const, startUtc: '2026-11-27T08:00:00.000Z', endUtc: '2026-11-27T10:00:00.000Z' };
    expect(matchesPlan(running, p)).toBe(true);
    expect(matchesPlan({ ...running, endUtc: '2026-11-27T08:30:00.000Z' }, p)).toBe(false);
    expect(p.toSortKey).toBeUndefined();
  });

  it('round-trips cursors and rejects forged ones as a 400 on the cursor field', () => {
    expect(plan({ cursor: encodeCursor('2027-01', '2027-01-02T10:00:00.000Z#abc') }).cursor).toEqual({ m: '2027-01', k: '2027-01-02T10:00:00.000Z#abc' });
    try {
      plan({ cursor: 'not-a-cursor' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).details).toEqual([{ field: 'cursor', message: expect.any(String) }]);
    }
  });
});

describe('matching and dates', () => {
  const meetup = {
    id: 'm1', slug: 'm', title: 'New professionals lunch club', description: 'Bring your own lunch; we talk cataloguing & metadata.',
    startLocal: '2026-12-03T12:30', endLocal: '2026-12-03T13:30', timezone: 'Europe/London', format: 'in_person' as const,
    venue: 'Central Library\nManchester M2 5PD', network: 'CILIP North West', tags: ['Lunch club', 'CPD'], status: 'published' as const,
    startUtc: '2026-12-03T12:30:00.000Z', endUtc: '2026-12-03T13:30:00.000Z',
  };
  const matches = (q: Record<string, string>) => matchesPlan(meetup, plan(q));

  it('folds text the same way for items and filters', () => {
    expect(foldText('  CILIP  North-West ')).toBe('cilip-north-west');
    expect(foldText('Café & Bücher')).toBe('cafe-and-bucher');
    expect(foldText('Библиотеки')).toBe('библиотеки');
    const match = listingMatchOf(meetup);
    expect(match.network).toBe('cilip-north-west');
    expect(match.tags).toBe('/lunch-club/cpd/');
    expect(match.words.startsWith(' new professionals lunch club bring your own ')).toBe(true);
    expect(match.words.match(/ lunch /g)).toHaveLength(1);
  });

  it('finds networks and tags by any part, in any case, and every search word within a word', () => {
    expect(matches({ network: 'CILIP' })).toBe(true);
    expect(matches({ network: 'north west' })).toBe(true);
    expect(matches({ network: 'cilip-north-west' })).toBe(true);
    expect(matches({ network: 'CILIP Scotland' })).toBe(false);
    expect(matches({ tag: 'lunch' })).toBe(true);
    expect(matches({ tag: 'LUNCH CLUB' })).toBe(true);
    expect(matches({ tag: 'club/cpd' })).toBe(false);
    expect(matches({ q: 'Lunch' })).toBe(true);
    expect(matches({ q: 'catalog metadata' })).toBe(true);
    expect(matches({ q: 'manchester' })).toBe(true);
    expect(matches({ q: 'lunch webinar' })).toBe(false);
    expect(matches({ format: 'online' })).toBe(false);
  });

  it('reads "this week" to the end of Sunday and "this month" to the end of the month, UK time', () => {
    // Friday 27 November 2026, 09:00 in London (GMT).
    expect(plan({ when: 'week' })).toMatchObject({ endsAfter: '2026-11-27T09:00:00.000Z', toSortKey: '2026-11-30T00:00:00.000Z', lastMonth: '2026-11' });
    expect(plan({ when: 'month' })).toMatchObject({ toSortKey: '2026-12-01T00:00:00.000Z', lastMonth: '2026-11' });
    // In summer the UK day starts at 23:00 UTC the day before.
    const june = planListing(listQuerySchema.parse({ when: 'week' }), new Date('2027-06-09T12:00:00Z'));
    expect(june.toSortKey).toBe('2027-06-13T23:00:00.000Z');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(localDate(new Date('2027-06-09T23:30:00Z'))).toBe('2027-06-10');
  });

  it('takes a date range within the upcoming window, and meetups that run into it', () => {
    const p = plan({ from: '2026-12-03', to: '2026-12-03' });
    expect(p).toMatchObject({ endsAfter: '2026-12-03T00:00:00.000Z', toSortKey: '2026-12-04T00:00:00.000Z', fromMonth: '2026-11', lastMonth: '2026-12' });
    expect(matches({ from: '2026-12-03', to: '2026-12-03' })).toBe(true);
    expect(matches({ from: '2026-12-04' })).toBe(false);
    expect(matches({ to: '2026-12-02' })).toBe(false);
    // A range that began in the past starts now; one that ended before now holds nothing.
    expect(plan({ from: '2026-01-01' }).endsAfter).toBe(now.toISOString());
    expect(isEmptyWindow(plan({ to: '2026-11-20' }))).toBe(true);
    expect(isEmptyWindow(plan({ to: '2026-11-27' }))).toBe(false);
    // Far beyond the horizon, the horizon still bounds it.
    expect(plan({ to: '2031-01-01' }).lastMonth).toBe('2028-11');
  });

  it('rejects dates that are not real, and an end before the start, naming the field', () => {
    const issues = (q: Record<string, string>) => {
      const r = listQuerySchema.safeParse(q);
      return r.success ? [] : r.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
    };
    expect(issues({ from: '2026-02-30' })).toEqual([{ field: 'from', message: 'Use a real date, like 2026-12-03' }]);
    expect(issues({ to: 'tomorrow' })).toEqual([{ field: 'to', message: 'Use a real date, like 2026-12-03' }]);
    expect(issues({ from: '2026-12-10', to: '2026-12-03' })).toEqual([{ field: 'to', message: 'The end date must be the same as or after the start date' }]);
    expect(issues({ when: 'year' })[0]?.field).toBe('when');
    expect(issues({ q: 'x'.repeat(101) })[0]?.field).toBe('q');
  });
});
