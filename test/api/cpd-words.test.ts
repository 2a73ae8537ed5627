// API: the CPD words are one and the same wherever people choose or read them (issue 16): "PKSB areas" with the
// same hint on each form that asks for them, and the same hours hint on each hours field (the listing form, a
// network's CPD defaults, the CPD log's activity form and its edit page), and "PKSB areas" on the event page.
import { describe, expect, it } from 'vitest';
import { CPD_HOURS_HINT, PKSB_AREAS_LABEL } from '#functions/core/cpd-words.ts';
import { cpdSectionHtml } from '#views/event-page.ts';
import { get, signIn, teamOf } from '../support/signed-in.ts';
import { inMemoryApp } from '../support/fakes.ts';

const AREAS_HINT = 'Areas of CILIP’s Professional Knowledge and Skills Base (PKSB)';
const legend = (page: string) => [...page.matchAll(/<legend class="label">([^<]+) <span class="optional">\(optional\)<\/span><\/legend>\s*<p class="hint"[^>]*>([^<]+)<\/p>/g)].map((m) => [m[1], m[2]]);

describe('the CPD words', () => {
  it('are the same on the listing form, the network form and the CPD log’s forms', async () => {
    const ctx = inMemoryApp();
    const cookie = signIn(ctx, 'sian@example.org');
    const { slug, headers } = teamOf(ctx, 'Library Camp');
    const pages = {
      listing: await (await get(ctx, '/new')).text(),
      network: await (await get(ctx, `/networks/${slug}/manage`, headers.Cookie)).text(),
      log: await (await get(ctx, '/me/cpd', cookie)).text(),
    };
    for (const [name, page] of Object.entries(pages)) {
      const areas = legend(page).filter(([label]) => label === PKSB_AREAS_LABEL);
      expect(areas, name).toHaveLength(1);
      expect(areas[0]![1], name).toMatch(new RegExp(`^${AREAS_HINT.replace(/[()]/g, "\\$&")} (this meetup covers|the network’s meetups usually cover|this activity covered)\\.`));
      expect(page, name).not.toMatch(/Topics from the PKSB|like 1\.5\)|such as 1\.5/);
    }
    for (const page of [pages.listing, pages.log]) expect(page).toContain(`${CPD_HOURS_HINT}, up to 24.`);
  });

  it('say “PKSB areas” on the event page’s “Counts towards your CPD”', () => {
    const section = cpdSectionHtml({ hoursText: '1.5 hours', outcomes: [], areas: [{ id: 'research-skills', name: 'Research skills' }] } as never).toString();
    expect(section).toContain(`<h3 id="cpd-areas">${PKSB_AREAS_LABEL}</h3>`);
  });
});
