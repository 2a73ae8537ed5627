// Unit: the demo networks (local/demo-networks.ts) are ones the network form itself would accept — slug, accent
// contrast, links, topics — with teams that show what the product does: organisers and helpers, names shown and not,
// and one organiser (the README's demo address) on two teams; upcoming meetups, some with CPD details the listing form
// would store, each listed in a person's name when its network is a demo one.
import { describe, expect, it } from 'vitest';
import { cpdInputOf } from '#functions/core/cpd-details.ts';
import { cpdInputSchema } from '#functions/networks/cpd.schema.ts';
import { memoryEventsRepository } from '#functions/events/memory-events.repository.ts';
import { isPersonName } from '#functions/cpd/records.ts';
import { seedDemo } from '#local/seed-data.ts';
import { NETWORK_LINK_KINDS } from '#functions/core/network.ts';
import { checkNetwork, newNetworkSchema } from '#functions/networks/network.schema.ts';
import { BUTTON_TEXT, PAGE_BACKGROUND, contrastRatio, slugProblem } from '#functions/networks/network.ts';
import { DEMO_OPERATOR, DEMO_ORGANISER, demoNetworks } from '#local/demo-networks.ts';

/** The network form's fields, as the create page posts them. */
const asForm = (n: (typeof demoNetworks)[number]) => ({
  name: n.name,
  slug: n.slug,
  tagline: n.tagline,
  description: n.description,
  accent: n.accent,
  whereKind: n.where.kind,
  ...(n.where.kind === 'place' ? { place: n.where.place } : {}),
  ...n.links,
  topics: n.topics,
  contactEmail: n.team[0]!.email,
  yourName: n.team[0]!.name,
  showName: n.team[0]!.showName,
});

describe('demo networks', () => {
  it('has four or five, with distinct slugs and names', () => {
    expect(demoNetworks.length).toBeGreaterThanOrEqual(4);
    expect(demoNetworks.length).toBeLessThanOrEqual(5);
    expect(new Set(demoNetworks.map((n) => n.slug)).size).toBe(demoNetworks.length);
    expect(new Set(demoNetworks.map((n) => n.name)).size).toBe(demoNetworks.length);
  });

  it.each(demoNetworks.map((n) => [n.name, n] as const))('%s passes the network form\'s own checks', (_name, n) => {
    expect(slugProblem(n.slug)).toBeUndefined();
    expect(checkNetwork(newNetworkSchema, asForm(n))).toMatchObject({ ok: true });
    for (const kind of Object.keys(n.links)) expect(NETWORK_LINK_KINDS).toContain(kind);
    expect(n.description).toMatch(/https:\/\/\S+/);
  });

  it.each(demoNetworks.map((n) => [n.accent, n] as const))('accent %s is WCAG AA (4.5:1) on white, and under white text', (_accent, n) => {
    expect(contrastRatio(n.accent, PAGE_BACKGROUND)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(BUTTON_TEXT, n.accent)).toBeGreaterThanOrEqual(4.5);
  });

  it('gives every team an organiser, its creator first, and some helpers and hidden names', () => {
    for (const n of demoNetworks) {
      expect(n.team[0]!.role).toBe('organiser');
      expect(new Set(n.team.map((m) => m.email)).size).toBe(n.team.length);
      for (const m of n.team) expect(m.email).toMatch(/@signpost\.local$/);
    }
    const everyone = demoNetworks.flatMap((n) => n.team);
    expect(everyone.some((m) => m.role === 'helper')).toBe(true);
    expect(everyone.some((m) => !m.showName)).toBe(true);
    expect(everyone.some((m) => m.showName)).toBe(true);
    expect(everyone.map((m) => m.email)).not.toContain(DEMO_OPERATOR);
  });

  it(`makes ${DEMO_ORGANISER} an organiser of exactly two networks`, () => {
    const hers = demoNetworks.filter((n) => n.team.some((m) => m.email === DEMO_ORGANISER && m.role === 'organiser'));
    expect(hers.map((n) => n.slug)).toEqual(['manchester-nlpn', 'uklibchat']);
  });

  it('meets online or in a named place, and its past meetups had no more people than places', () => {
    expect(demoNetworks.some((n) => n.where.kind === 'online')).toBe(true);
    for (const n of demoNetworks) {
      if (n.where.kind === 'place') expect(n.where.place.trim()).not.toBe('');
      expect(n.past.length).toBeGreaterThan(0);
      for (const p of n.past) {
        expect(p.came).toBeGreaterThan(0);
        if (p.capacity) expect(p.came).toBeLessThanOrEqual(p.capacity);
      }
    }
  });
});

describe('demo upcoming meetups', () => {
  it('gives a few of them CPD details, as the listing form stores them, so their pages say “Counts towards your CPD”', async () => {
    const repo = memoryEventsRepository();
    const now = new Date('2026-12-07T10:00:00.000Z');
    await seedDemo(repo, now, 13);
    const upcoming = [...repo.events.values()].filter((e) => e.startUtc > now.toISOString());
    expect(upcoming).toHaveLength(13);
    const withCpd = upcoming.filter((e) => e.cpd);
    expect(withCpd.length).toBeGreaterThanOrEqual(2);
    expect(withCpd.length).toBeLessThanOrEqual(4);
    expect(withCpd.map((e) => e.cpd!.format)).toContain('teachmeet');
    for (const e of withCpd) {
      expect(e.cpd).toMatchObject({ quarters: expect.any(Number), outcomes: expect.any(Array), areas: expect.any(Array), format: expect.any(String) });
      expect(e.cpd!.outcomes!.length).toBeGreaterThan(0);
      expect(e.cpd!.areas!.length).toBeGreaterThan(0);
      // What the listing form sends back for them passes its own schema.
      expect(cpdInputSchema.safeParse(cpdInputOf(e.cpd)).success).toBe(true);
    }
  });

  it('lists a demo network’s meetups in its first organiser’s name, so the page and the record name a person', async () => {
    const repo = memoryEventsRepository();
    await seedDemo(repo, new Date('2026-12-07T10:00:00.000Z'), 13);
    for (const e of repo.events.values()) {
      const n = demoNetworks.find((d) => d.slug === e.networkSlug);
      if (n) expect(e.organiserName).toBe(n.team[0]!.name);
      expect(isPersonName(e.organiserName, e.network)).toBe(Boolean(n));
    }
  });
});
