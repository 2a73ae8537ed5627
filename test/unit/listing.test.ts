// Unit: listing layout — facets, month partitions and cursors.
import { describe, expect, it } from 'vitest';
import { nextMonth, planListing, encodeCursor, matchesPlan } from '#functions/events/listing.ts';
import { listingPartition } from '#functions/table/items/listing.ts';
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

  it('queries the narrowest facet and filters the rest', () => {
    expect(plan({ tag: 'TeachMeet', network: 'teachmeet-scotland', format: 'hybrid' })).toMatchObject({ facet: 'tag:teachmeet', networkSlug: 'teachmeet-scotland', format: 'hybrid' });
    expect(plan({ network: 'Manchester NLPN' }).facet).toBe('net:manchester-nlpn');
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
