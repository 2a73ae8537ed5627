// API: a network's feedback on its manage page (/networks/<slug>/manage, "Feedback from meetups"), for its
// organisers only. Over the meetups that ended in the last year under the network: each meetup's count, its average
// only from 3 answers, and the average and ratings over those shown, never the others (so a meetup's first answers
// can't be told apart by how the network's average moves). No text of any answer, and nothing about who gave it.
import { describe, expect, it } from 'vitest';
import type { CpdRecord } from '#functions/core/cpd.ts';
import type { FeedbackRating } from '#functions/core/feedback.ts';
import { newId } from '#functions/core/ids.ts';
import { personId } from '#functions/core/person.ts';
import { memoryCpdLog } from '#functions/cpd/memory-log.ts';
import { inMemoryApp } from '../support/fakes.ts';
import { get, meetup, network, NOW, putNetwork, signIn, type Ctx } from '../support/signed-in.ts';

const SLUG = 'cardiff-lib-chat';

function setUp() {
  const log = memoryCpdLog(new Map(), []);
  const ctx = inMemoryApp({ cpdLog: log });
  putNetwork(ctx, network(SLUG, { name: 'Cardiff Lib Chat' }), [{ email: 'org@example.org', role: 'organiser' }, { email: 'help@example.org', role: 'helper' }]);
  /** Answers for a meetup, each from its own record of attendance (as the record email's form gives them). */
  const answer = async (eventId: string, ratings: FeedbackRating[], worked = 'The talk') => {
    for (const rating of ratings) {
      const id = newId(26);
      const record: CpdRecord = {
        id, personId: personId(`${id}@example.org`), eventId, name: 'Siân', title: 'A meetup', organisers: [],
        startUtc: '2026-11-20T12:30:00.000Z', endUtc: '2026-11-20T13:30:00.000Z', timezone: 'Europe/London', date: '2026-11-20',
        quarters: 4, outcomes: [], areas: [], role: 'attended', feedbackCollected: true, issuedAt: '2026-11-20T15:00:00.000Z', shared: true, shareNonce: 'n',
      };
      log.records.set(id, record);
      expect(await ctx.deps.feedback.give({ record, answer: { rating, worked }, answerId: newId(26), at: NOW.toISOString() })).toBe(true);
    }
  };
  const page = async (email = 'org@example.org') => {
    const res = await get(ctx, `/networks/${SLUG}/manage`, signIn(ctx, email));
    expect(res.status).toBe(200);
    return res.text();
  };
  return { ctx, answer, page };
}

const section = (page: string) => page.slice(page.indexOf('<h2 id="feedback">'), page.indexOf('<h2 id="edit">'));
const rowOf = (page: string, title: string) => new RegExp(`<tr><th scope="row"><a href="/manage/[a-z0-9]+">${title}</a><br><time class="hint" datetime="[^"]+">([^<]+)</time></th><td>(\\d+)</td><td>(.*?)</td></tr>`).exec(section(page));

async function meetups(ctx: Ctx) {
  return {
    shown: await meetup(ctx, { title: 'Cataloguing café', organiser: 'org@example.org', slug: SLUG, days: -3 }),
    few: await meetup(ctx, { title: 'Lunch club', organiser: 'org@example.org', slug: SLUG, days: -10 }),
    quiet: await meetup(ctx, { title: 'Quiet one', organiser: 'org@example.org', slug: SLUG, days: -20 }),
    next: await meetup(ctx, { title: 'Next month', organiser: 'org@example.org', slug: SLUG, days: 20 }),
    elsewhere: await meetup(ctx, { title: 'Someone else’s', organiser: 'other@example.org', slug: 'another-network', days: -4 }),
  };
}

describe('the manage page’s “Feedback from meetups”', () => {
  it('shows each meetup’s count, its average from 3 answers, and the average over the shown ones only', async () => {
    const { ctx, answer, page } = setUp();
    const m = await meetups(ctx);
    await answer(m.shown.id, [5, 5, 4, 3]);
    await answer(m.few.id, [1, 1]);
    await answer(m.elsewhere.id, [2, 2, 2]);
    const html = await page();
    const part = section(html);
    expect(part).toContain('<h2 id="feedback">Feedback from meetups</h2>');
    // 17/4 = 4.25: one decimal. The two answers of the meetup with fewer than 3 don't move it.
    expect(part).toContain('<strong>4.3</strong> out of 5 on average, from 4 answers at 1 meetup (and 2 answers at meetups with fewer than 3, not counted in the average).');
    expect(part).toMatch(/<li>5: <strong>2<\/strong><\/li><li>4: <strong>1<\/strong><\/li><li>3: <strong>1<\/strong><\/li><li>2: <strong>0<\/strong><\/li><li>1: <strong>0<\/strong><\/li>/);
    expect(rowOf(html, 'Cataloguing café')?.slice(2)).toEqual(['4', '4.3']);
    expect(rowOf(html, 'Lunch club')?.slice(2)).toEqual(['2', '<span class="hint">shown from 3 answers</span>']);
    expect(rowOf(html, 'Cataloguing café')![1]).toBe('24 Nov 2026');
    // Latest first; the quiet one, the upcoming one and another network's meetup have no row.
    expect(part.indexOf('Cataloguing café')).toBeLessThan(part.indexOf('Lunch club'));
    for (const title of ['Quiet one', 'Next month', 'Someone else’s']) expect(part).not.toContain(title);
    expect(part).toContain('1 meetup in the last 12 months has no feedback yet.');
    // Counters only: no answer's words on this page.
    expect(part).not.toContain('The talk');
  });

  it('says so when there is nothing yet, or when no meetup has 3 answers', async () => {
    const { ctx, answer, page } = setUp();
    const m = await meetups(ctx);
    expect(section(await page())).toContain('No feedback from the last 12 months yet.');
    await answer(m.few.id, [4]);
    const part = section(await page());
    expect(part).toContain('1 answer so far: no meetup has 3 yet, so there is no average to show.');
    expect(part).not.toMatch(/out of 5 on average/);
    expect(rowOf(await page(), 'Lunch club')?.slice(2)).toEqual(['1', '<span class="hint">shown from 3 answers</span>']);
  });

  it('leaves out cancelled meetups and those that ended over a year ago', async () => {
    const { ctx, answer, page } = setUp();
    const old = await meetup(ctx, { title: 'Last year', organiser: 'org@example.org', slug: SLUG, days: -400 });
    const called = await meetup(ctx, { title: 'Called off', organiser: 'org@example.org', slug: SLUG, days: -2 });
    expect((await ctx.events.save({ ...called, status: 'cancelled', version: called.version + 1 }, called)).ok).toBe(true);
    await answer(old.id, [5, 5, 5]);
    await answer(called.id, [1, 1, 1]);
    const part = section(await page());
    expect(part).toContain('No feedback from the last 12 months yet.');
    expect(part).not.toContain('Last year');
    expect(part).not.toContain('Called off');
  });

  it('dates each meetup on its own wall clock: a Sydney evening is the next day there', async () => {
    const { ctx, answer, page } = setUp();
    const late = await meetup(ctx, { title: 'Antipodes', organiser: 'org@example.org', slug: SLUG, days: -3 });
    // 20:00 UTC on 24 November is 07:00 on the 25th in Sydney.
    const moved = { ...late, startUtc: '2026-11-24T20:00:00.000Z', endUtc: '2026-11-24T21:00:00.000Z', timezone: 'Australia/Sydney', version: late.version + 1 };
    expect((await ctx.events.save(moved, late)).ok).toBe(true);
    await answer(late.id, [4]);
    expect(rowOf(await page(), 'Antipodes')?.[1]).toBe('25 Nov 2026');
  });

  it('ignores a ?done= that names no notice, such as an inherited property', async () => {
    const { page, ctx } = setUp();
    const res = await get(ctx, `/networks/${SLUG}/manage?done=constructor`, signIn(ctx, 'org@example.org'));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain('notice-success');
    expect(html).not.toContain('native code');
    expect(await page()).toContain('Manage Cardiff Lib Chat');
  });

  it('is for organisers: a helper’s manage page has no such section', async () => {
    const { ctx, answer, page } = setUp();
    const m = await meetups(ctx);
    await answer(m.shown.id, [5, 4, 3]);
    expect(await page('org@example.org')).toContain('<h2 id="feedback">');
    expect(await page('help@example.org')).not.toContain('id="feedback"');
  });
});
