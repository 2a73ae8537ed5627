// Unit: a network's identity rules: its address (slug) and its accent colour's WCAG AA contrast.
import { describe, expect, it } from 'vitest';
import { accentProblem, contrastRatio, RESERVED_SLUGS, slugProblem, suggestSlug } from '#functions/networks/network.ts';
import { NETWORK_PAGES } from '#functions/core/paths.ts';

describe('a network address', () => {
  it('takes lower-case letters, digits and single hyphens, 3 to 40 characters', () => {
    for (const ok of ['nlpn', 'manchester-nlpn', 'uklibchat', 'lib-camp-2027', 'abc']) expect(slugProblem(ok), ok).toBeUndefined();
    expect(slugProblem('ab')).toMatch(/3 characters or more/);
    expect(slugProblem('a'.repeat(41))).toMatch(/40 characters or fewer/);
    for (const bad of ['Manchester', 'lib camp', 'lib_camp', 'libcamp!', 'café']) expect(slugProblem(bad), bad).toMatch(/lower-case letters, digits and hyphens/);
    for (const bad of ['-nlpn', 'nlpn-', 'lib--camp']) expect(slugProblem(bad), bad).toMatch(/hyphen/);
  });

  it('refuses the words the site uses for its own pages, and every path segment it answers under /networks', () => {
    for (const word of ['new', 'manage', 'api', 'sign-in', 'operator', 'signpost', 'admin', 'invitations']) expect(slugProblem(word), word).toMatch(/kept for Signpost’s own pages/);
    const own = [NETWORK_PAGES.create, NETWORK_PAGES.manage('x')].map((p) => p.split('/').filter(Boolean).at(-1)!);
    for (const segment of own) expect(RESERVED_SLUGS.has(segment), segment).toBe(true);
  });

  it('is suggested from the name, folded to what the rule allows', () => {
    expect(suggestSlug('Manchester NLPN')).toBe('manchester-nlpn');
    expect(suggestSlug('#uklibchat')).toBe('uklibchat');
    expect(slugProblem(suggestSlug('Bibliothèques & Archives Québec'))).toBeUndefined();
  });
});

describe('an accent colour', () => {
  it('computes WCAG contrast ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    // #767676 is the lightest grey that passes AA on white.
    expect(contrastRatio('#767676', '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio('#777777', '#ffffff')).toBeLessThan(4.5);
  });

  it('passes only at 4.5:1 as text on the page and under white button text, naming what fails', () => {
    expect(accentProblem('#1d4e89')).toBeUndefined();
    expect(accentProblem('#1D6B54')).toBeUndefined();
    expect(accentProblem('#f5c518')).toMatch(/^#f5c518 has a contrast of 1\.\d:1 against the page and a contrast of 1\.\d:1 with white button text on it; it needs 4\.5:1/);
    expect(accentProblem('#777777')).toMatch(/against the page/);
    expect(accentProblem('red')).toMatch(/six hexadecimal digits/);
    expect(accentProblem('#12345')).toMatch(/six hexadecimal digits/);
  });
});
