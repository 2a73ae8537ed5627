// Integration: the demo seed on DynamoDB Local, through the real repositories — networks with their teams, meetups
// listed under them (upcoming and past, the past ones with the places people had), free-text ones left as before
// networks, and a second seeding that creates no network twice. Then `npm run backfill`'s steps over the result.
import { describe, expect, it } from 'vitest';
import { systemClock } from '#functions/core/clock.ts';
import { personId } from '#functions/core/person.ts';
import { runBackfills, BACKFILL_STEPS } from '#functions/apps/backfill-steps.ts';
import { seedEverything } from '#local/seed-data.ts';
import { DEMO_ORGANISER, DEMO_ORGANISER_FOLLOWS, demoNetworks } from '#local/demo-networks.ts';
import { testStack } from '../support/stack.ts';

describe('the demo seed', () => {
  it('creates the networks with their teams, meetups under them with the places people had, and runs twice harmlessly', async () => {
    const { deps } = await testStack(systemClock);
    const now = new Date();
    const first = await seedEverything(deps, now, 13);
    // 13 meetups, and the lunch club's monthly series of 6.
    expect(first).toEqual({ networks: demoNetworks.length, meetups: 13 + 6 });
    const lunches = (await deps.events.organisedBy(personId('ruth@signpost.local'))).filter((e) => e.series);
    expect(lunches.map((e) => [e.series!.index, e.startLocal.slice(11), e.networkSlug, e.status])).toEqual(
      [1, 2, 3, 4, 5, 6].map((i) => [i, '12:30', 'london-library-lunch-club', 'published']),
    );

    for (const n of demoNetworks) {
      expect(await deps.networks.get(n.slug)).toMatchObject({ name: n.name, accent: n.accent, status: 'active', contactEmail: n.team[0]!.email });
      const team = await deps.networks.team(n.slug);
      expect(team.map((m) => [m.email, m.role, m.showName]).sort()).toEqual(n.team.map((m) => [m.email, m.role, m.showName]).sort());
    }
    expect((await deps.networks.membershipsOf(personId(DEMO_ORGANISER))).map((m) => m.slug).sort()).toEqual(['manchester-nlpn', 'uklibchat']);
    // Followers: counted, and grown over the months since the network was created (never before it).
    for (const n of demoNetworks) {
      const own = DEMO_ORGANISER_FOLLOWS.some((f) => f.slug === n.slug) ? 1 : 0;
      const stats = await deps.followers.stats(n.slug, 7, now);
      expect(stats.count).toBe(n.followers + own);
      expect(stats.months.reduce((sum, m) => sum + m.joined, 0)).toBe(n.followers + own);
      expect(stats.months.filter((m) => m.joined > 0).length).toBeGreaterThan(2);
      const created = (await deps.networks.get(n.slug))!.createdAt.slice(0, 7);
      expect(stats.months.filter((m) => m.month < created && m.joined > 0)).toEqual([]);
    }
    expect((await deps.followers.followedBy(personId(DEMO_ORGANISER))).map((f) => [f.networkSlug, f.mode])).toEqual(
      DEMO_ORGANISER_FOLLOWS.map((f) => [f.slug, f.mode]),
    );
    // Each team member's name is remembered, as if they had given it once: their RSVP form comes filled in.
    expect(await deps.sessions.profile(personId(DEMO_ORGANISER))).toMatchObject({ name: 'Sam Okafor' });

    // Past meetups: listed under their network, with as many places taken as people came.
    const mine = await deps.events.organisedBy(personId(demoNetworks[0]!.team[0]!.email));
    const past = mine.filter((e) => e.endUtc < now.toISOString());
    expect(past.map((e) => e.title).sort()).toEqual(demoNetworks[0]!.past.map((p) => p.title).sort());
    for (const e of past) {
      expect(e).toMatchObject({ status: 'published', networkSlug: 'manchester-nlpn', network: 'Manchester NLPN' });
      expect(e.confirmedCount).toBe(demoNetworks[0]!.past.find((p) => p.title === e.title)!.came);
    }
    expect(mine.some((e) => e.startUtc > now.toISOString() && e.networkSlug === 'manchester-nlpn')).toBe(true);

    const again = await seedEverything(deps, now, 1);
    expect(again).toEqual({ networks: 0, meetups: 1 });

    // The backfill: every step runs; the demo's free-text names (meetups of no demo network) become legacy names.
    const results = await runBackfills(deps);
    expect(results.map((r) => r.step)).toEqual(BACKFILL_STEPS);
    expect(await deps.networks.legacyName('teachmeet-scotland')).toMatchObject({ organisers: [personId('organisers@example.org')] });
    expect(await deps.networks.legacyName('manchester-nlpn')).toBeUndefined();
    // Idempotent: a second run rewrites nothing.
    expect((await runBackfills(deps)).filter((r) => r.rewritten)).toEqual([]);
  });
});
