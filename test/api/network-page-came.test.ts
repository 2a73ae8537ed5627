// API: a network's page shows "N came" beside a past meetup once its numbers are kept (a count only: no names, no
// rate), and nothing of the kind before then or for a cancelled meetup.
import { describe, expect, it } from 'vitest';
import { inMemoryApp } from '../support/fakes.ts';
import { get, meetup, network, putNetwork } from '../support/signed-in.ts';

const summary = (came: number) => ({ booked: 12, asked: 10, answeredYes: 8, answeredNo: 1, released: 0, checkedIn: came - 1, walkIns: 1, came, noShows: 13 - came, at: '2026-11-20T15:00:00.000Z' });

describe('past meetups on a network’s page', () => {
  it('say how many came when the numbers are kept, and nothing more', async () => {
    const ctx = inMemoryApp();
    putNetwork(ctx, network('nlpn', { name: 'Manchester NLPN', tagline: 'New library professionals' }), [{ email: 'lead@example.org', role: 'organiser' }]);
    const kept = await meetup(ctx, { title: 'October visit', organiser: 'lead@example.org', days: -7, slug: 'nlpn' });
    await meetup(ctx, { title: 'September social', organiser: 'lead@example.org', days: -14, slug: 'nlpn' });
    await ctx.deps.checkIns.saveSummary(kept.id, summary(9));

    const text = await (await get(ctx, '/networks/nlpn')).text();
    const past = text.slice(text.indexOf('id="past-title"'), text.indexOf('id="subscribe-title"'));
    const items = [...past.matchAll(/<li><a href="[^"]+">([^<]+)<\/a>(.*?)<\/li>/g)].map((m) => [m[1], m[2]!.match(/<span class="past-came">([^<]+)<\/span>/)?.[1] ?? null]);
    expect(items).toEqual([['October visit', '9 came'], ['September social', null]]);
    // "Had a place" counts the booked, as the kept numbers do: the walk-in who came had none.
    expect(past).toContain('12 had a place');
    // A count only: nothing of who, of no-shows or of answers.
    expect(past).not.toMatch(/no-show|booked|answered|%/i);
  });

  it('show nothing of the kind for a cancelled meetup', async () => {
    const ctx = inMemoryApp();
    putNetwork(ctx, network('nlpn', { name: 'Manchester NLPN', tagline: 'New library professionals' }), [{ email: 'lead@example.org', role: 'organiser' }]);
    const event = await meetup(ctx, { title: 'Called off', organiser: 'lead@example.org', days: -7, slug: 'nlpn' });
    const cancelled = { ...event, status: 'cancelled' as const, cancelledAt: event.startUtc, version: event.version + 1 };
    expect((await ctx.events.save(cancelled, event)).ok).toBe(true);
    await ctx.deps.checkIns.saveSummary(event.id, summary(3));
    const text = await (await get(ctx, '/networks/nlpn')).text();
    expect(text).toContain('<span class="past-count">Cancelled</span></li>');
    expect(text).not.toContain('past-came');
  });
});
