// API: who is asked for feedback and who sees it. Only people who booked and confirmed their own place are offered
// the form (not walk-ins, whose address the team typed, nor the meetup's lister or its network's team), so the team
// can't make up the answers that lift a meetup past the three that show them; a link made for such a record anyway
// answers nothing. The meetup's figures are for whoever runs it: a helper at the door gets the attendee list without
// them.
import { describe, expect, it } from 'vitest';
import type { CpdRecord } from '#functions/core/cpd.ts';
import { fixedClock } from '#functions/core/clock.ts';
import type { FeedbackRating } from '#functions/core/feedback.ts';
import { newId } from '#functions/core/ids.ts';
import { personId } from '#functions/core/person.ts';
import type { StoredRsvp } from '#functions/core/rsvp.ts';
import { recordEmail } from '#functions/cpd/emails.ts';
import { memoryCpdLog } from '#functions/cpd/memory-log.ts';
import { feedbackToken, offersFeedback, recordFor } from '#functions/cpd/records.ts';
import { inMemoryApp, TEST_FEED_SECRET } from '../support/fakes.ts';
import { meetup, network, putNetwork, signIn, SITE } from '../support/signed-in.ts';

const SLUG = 'leeds-lib-circle';
const team = [{ email: 'org@example.org', role: 'organiser' as const }, { email: 'help@example.org', role: 'helper' as const }];

async function setUp() {
  const log = memoryCpdLog(new Map(), []);
  // The afternoon of a meetup that ended at 13:30: a helper still sees its attendee list (12 hours after the end).
  const ctx = inMemoryApp({ clock: fixedClock('2026-11-27T15:00:00Z'), cpdLog: log });
  putNetwork(ctx, network(SLUG, { name: 'Leeds Library Circle' }), team);
  const event = await meetup(ctx, { title: 'Reading group', organiser: 'lister@example.org', slug: SLUG, days: 0 });
  const members = await ctx.deps.networks.team(SLUG);
  const issue = (email: string, status: StoredRsvp['status']) => {
    const record = recordFor(event, { name: 'Pat', email, status }, { name: 'Leeds Library Circle', slug: SLUG, accent: '#1d6b54', team: members }, new Date());
    log.records.set(record.id, record);
    return record;
  };
  return { ctx, log, event, members, issue };
}

describe('who is asked for feedback', () => {
  it('is someone who booked and confirmed their own place, never a walk-in, the lister or the team', async () => {
    const { event, members } = await setUp();
    expect(offersFeedback(event, { email: 'attendee@example.org', status: 'confirmed' }, members)).toBe(true);
    expect(offersFeedback(event, { email: 'walkin@example.org', status: 'walkin' }, members)).toBe(false);
    expect(offersFeedback(event, { email: 'Lister@Example.org', status: 'confirmed' }, members)).toBe(false);
    expect(offersFeedback(event, { email: 'org@example.org', status: 'confirmed' }, members)).toBe(false);
    expect(offersFeedback(event, { email: 'help@example.org', status: 'confirmed' }, members)).toBe(false);
  });

  it('marks the record, and its email leaves the form out; the record still says its attendees were asked', async () => {
    const { event, issue } = await setUp();
    const asked = issue('attendee@example.org', 'confirmed');
    const walkIn = issue('walkin@example.org', 'walkin');
    expect(asked.noFeedback).toBeUndefined();
    expect(walkIn).toMatchObject({ noFeedback: true, feedbackCollected: true });
    const links = { verifyUrl: `${SITE}/records/x#y`, feedbackUrl: `${SITE}/events/${event.id}/feedback/x?token=y` };
    const withForm = recordEmail(event, SITE, { name: 'Pat', email: 'attendee@example.org' }, asked, links);
    const without = recordEmail(event, SITE, { name: 'Pat', email: 'walkin@example.org' }, walkIn, links);
    expect(withForm.text).toContain('Tell the organisers how it went');
    expect(withForm.text).toContain(links.feedbackUrl);
    expect(without.text).not.toContain('Tell the organisers how it went');
    expect(without.text).not.toContain('/feedback/');
    expect(without.text).toContain('Write your reflection');
  });

  it('answers a link made for a record that wasn’t asked with a page saying so, and stores nothing', async () => {
    const { ctx, event, issue } = await setUp();
    const walkIn = issue('walkin@example.org', 'walkin');
    const token = feedbackToken(Buffer.from(TEST_FEED_SECRET, 'utf8'), walkIn.id);
    const opened = await ctx.app.request(`/events/${event.id}/feedback/${walkIn.id}?token=${token}`);
    expect(opened.status).toBe(404);
    expect(await opened.text()).toContain('Feedback is asked of the people who booked a place');
    const sent = await ctx.app.request(`/events/${event.id}/feedback/${walkIn.id}`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', Origin: SITE }, body: new URLSearchParams({ token, rating: '5' }).toString(),
    });
    expect(sent.status).toBe(404);
    expect((await ctx.deps.feedback.tally(event.id)).count).toBe(0);
  });
});

describe('who sees a meetup’s feedback', () => {
  it('is its organisers: a helper on the day gets the attendee list without it', async () => {
    const { ctx, event } = await setUp();
    const log = ctx.deps.cpdLog as ReturnType<typeof memoryCpdLog>;
    for (const rating of [5, 4, 4] as FeedbackRating[]) {
      const id = newId(26);
      const record: CpdRecord = {
        id, personId: personId(`${id}@example.org`), eventId: event.id, name: 'Pat', title: 'Reading group', organisers: [], startUtc: event.startUtc, endUtc: event.endUtc,
        timezone: 'Europe/London', date: '2026-11-27', quarters: 4, outcomes: [], areas: [], role: 'attended', feedbackCollected: true, issuedAt: event.endUtc, shared: true, shareNonce: 'n',
      };
      log.records.set(id, record);
      expect(await ctx.deps.feedback.give({ record, answer: { rating, worked: 'The talk' }, answerId: newId(26), at: event.endUtc })).toBe(true);
    }
    const list = async (email: string) => {
      const res = await ctx.app.request(`/api/events/${event.id}/attendees`, {
        method: 'POST', headers: { 'content-type': 'application/json', Cookie: signIn(ctx, email), Origin: SITE }, body: '{}',
      });
      expect(res.status).toBe(200);
      return (await res.json()) as { feedback?: { count: number; shown: boolean; worked?: string[] } };
    };
    expect((await list('org@example.org')).feedback).toMatchObject({ count: 3, shown: true, worked: ['The talk', 'The talk', 'The talk'] });
    const helpers = await list('help@example.org');
    expect(helpers.feedback).toBeUndefined();
    expect(JSON.stringify(helpers)).not.toContain('The talk');
  });
});
