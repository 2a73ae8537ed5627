// API: the anonymous feedback form a record's email links (/events/<id>/feedback/<record>), on the in-memory app.
// Opening it changes nothing; a POST stores one answer per record (a second says so); bad input is a 400 naming the
// field with what was typed and nothing stored; a wrong token is 403 and an unknown record 404. The attendee list
// shows only the count under three answers, then the aggregate with the texts sorted and nothing about who wrote them.
import { describe, expect, it } from 'vitest';
import type { CpdRecord } from '#functions/core/cpd.ts';
import { fixedClock } from '#functions/core/clock.ts';
import { eventPath } from '#functions/core/event.ts';
import { personId } from '#functions/core/person.ts';
import type { memoryFeedback } from '#functions/cpd/memory-feedback.ts';
import { FEEDBACK_NOT_ASKED, FEEDBACK_UNKNOWN, FEEDBACK_WRONG_TOKEN } from '#functions/cpd/feedback.ts';
import { memoryCpdLog } from '#functions/cpd/memory-log.ts';
import { feedbackToken, feedbackUrl, recordToken } from '#functions/cpd/records.ts';
import { inMemoryApp, TEST_FEED_SECRET, tokenFrom, validMeetup } from '../support/fakes.ts';

const SECRET = Buffer.from(TEST_FEED_SECRET, 'utf8');
const SITE = 'https://events.example.org';
const ids = ['abcdefghijkmnpqrstuvwxyz23', 'bbcdefghijkmnpqrstuvwxyz23', 'cbcdefghijkmnpqrstuvwxyz23', 'dbcdefghijkmnpqrstuvwxyz23'];
const ID = ids[0]!;

async function setUp() {
  const clock = fixedClock('2026-11-27T09:00:00Z');
  const log = memoryCpdLog(new Map(), []);
  const ctx = inMemoryApp({ clock, cpdLog: log });
  const post = (path: string, body: unknown) =>
    ctx.app.request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  expect((await post('/api/events', validMeetup())).status).toBe(202);
  const { id: eventId, token: manage } = tokenFrom(ctx.events.outbox[0]!);
  expect((await post(`/api/events/${eventId}/publish`, { token: manage })).status).toBe(200);
  const record = (id: string, email: string): CpdRecord => ({
    id, personId: personId(email), eventId, name: 'Siân', title: 'Cataloguing café', organisers: ['Sam'],
    startUtc: '2026-12-03T12:30:00.000Z', endUtc: '2026-12-03T13:30:00.000Z', timezone: 'Europe/London', date: '2026-12-03',
    quarters: 4, outcomes: [], areas: [], role: 'attended', feedbackCollected: true, issuedAt: '2026-12-03T15:00:00.000Z',
    shared: true, shareNonce: 'nonce-one',
  });
  ids.forEach((id, i) => log.records.set(id, record(id, `person${i}@example.org`)));
  const form = (fields: Record<string, string>, id = ID) =>
    ctx.app.request(`/events/${eventId}/feedback/${id}`, {
      method: 'POST', body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', Origin: SITE },
    });
  const send = (id: string, fields: Record<string, string>) => form({ token: feedbackToken(SECRET, id), ...fields }, id);
  const list = async () => {
    const res = await post(`/api/events/${eventId}/attendees`, { token: manage });
    expect(res.status).toBe(200);
    return (await res.json()) as Record<string, unknown> & { feedback?: Record<string, unknown> };
  };
  const store = ctx.deps.feedback as ReturnType<typeof memoryFeedback>;
  return { ctx, clock, log, eventId, form, send, list, store };
}

describe('the feedback link', () => {
  it('is /events/<meetup>/feedback/<id>?token=, with its own token that turning the verification link off leaves working', () => {
    const url = feedbackUrl(SITE, SECRET, { id: ID, eventId: 'evt1' });
    expect(url).toBe(`${SITE}/events/evt1/feedback/${ID}?token=${feedbackToken(SECRET, ID)}`);
    expect(feedbackToken(SECRET, ID)).not.toBe(recordToken(SECRET, ID, 'nonce-one'));
    expect(feedbackToken(SECRET, ID)).toHaveLength(43);
  });
});

describe('GET /events/:id/feedback/:record', () => {
  it('shows the form (a fieldset "How was it?" of five radios, two textareas) and changes nothing', async () => {
    const { ctx, log, store, eventId } = await setUp();
    const res = await ctx.app.request(`/events/${eventId}/feedback/${ID}?token=${feedbackToken(SECRET, ID)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const page = await res.text();
    expect(page).toMatch(/<fieldset[^>]*>\s*<legend[^>]*>How was it\?<\/legend>/);
    expect(page.match(/type="radio" id="feedback-rating-\d" name="rating"/g)).toHaveLength(5);
    expect(page).toContain('What worked?');
    expect(page).toContain('What could be better?');
    expect(page).toContain('Cataloguing café');
    // The meetup's day as people read it (as the record's email says it), not the raw date.
    expect(page).toContain('<time datetime="2026-12-03">Thursday 3 December 2026</time>');
    expect(page).not.toMatch(/>2026-12-03</);
    expect(log.records.get(ID)!.feedbackGivenAt).toBeUndefined();
    expect(store.stored.size).toBe(0);
  });

  it('answers a wrong token 403 and an unknown or malformed record 404, as friendly pages', async () => {
    const { ctx, eventId } = await setUp();
    const wrong = await ctx.app.request(`/events/${eventId}/feedback/${ID}?token=${feedbackToken(SECRET, ids[1]!)}`);
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).toContain('This feedback link doesn’t work');
    expect((await ctx.app.request(`/events/${eventId}/feedback/${ID}`)).status).toBe(403);
    const unknown = 'zzzzzzzzzzzzzzzzzzzzzzzzzz';
    expect((await ctx.app.request(`/events/${eventId}/feedback/${unknown}?token=${feedbackToken(SECRET, unknown)}`)).status).toBe(404);
    expect((await ctx.app.request(`/events/${eventId}/feedback/short?token=x`)).status).toBe(404);
    // Another meetup's path for a real record and token.
    expect((await ctx.app.request(`/events/other1/feedback/${ID}?token=${feedbackToken(SECRET, ID)}`)).status).toBe(404);
  });
});

describe('POST /events/:id/feedback/:record', () => {
  it('stores one answer with only the rating and texts, and the second says it was sent already', async () => {
    const { log, send, store, eventId } = await setUp();
    const first = await send(ID, { rating: '4', worked: 'The talks', better: '' });
    expect(first.status).toBe(200);
    const thanks = await first.text();
    expect(thanks).toContain('Thank you for your feedback');
    expect(thanks).toContain('Thursday 3 December 2026');
    expect(log.records.get(ID)!.feedbackGivenAt).toBe('2026-11-27T09:00:00.000Z');
    expect(store.stored.get(eventId)).toEqual([{ rating: 4, worked: 'The talks' }]);

    const second = await send(ID, { rating: '1', worked: 'Changed my mind' });
    expect(second.status).toBe(200);
    expect(await second.text()).toContain('You’ve already sent your feedback, thank you');
    expect(store.stored.get(eventId)).toHaveLength(1);
    expect(await store.tally(eventId)).toEqual({ count: 1, sum: 4, ratings: [0, 0, 0, 1, 0] });
  });

  it.each([
    ['no rating', { worked: 'Good' }, 'rating'],
    ['a rating of 0', { rating: '0' }, 'rating'],
    ['a rating of 6', { rating: '6' }, 'rating'],
    ['a rating of 3.5', { rating: '3.5' }, 'rating'],
    ['a long “What worked?”', { rating: '3', worked: 'w'.repeat(2001) }, 'worked'],
    ['a long “What could be better?”', { rating: '3', better: 'b'.repeat(2001) }, 'better'],
  ])('answers 400 for %s, naming the field, with what was typed, and stores nothing', async (_what, fields, field) => {
    const { log, send, store } = await setUp();
    const res = await send(ID, { better: 'Kept text <b>', ...fields });
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('There is a problem');
    expect(page).toContain(`href="#feedback-${field === 'rating' ? 'rating-1' : field}"`);
    expect(page).toMatch(new RegExp(`id="feedback-${field}-error"`));
    if (field !== 'better') expect(page).toContain('Kept text &lt;b&gt;');
    expect(log.records.get(ID)!.feedbackGivenAt).toBeUndefined();
    expect(store.stored.size).toBe(0);
  });

  it('takes 2,000 characters, counting a line break as one', async () => {
    const { send, store, eventId } = await setUp();
    expect((await send(ID, { rating: '5', worked: `${'w'.repeat(999)}\r\n${'w'.repeat(1000)}` })).status).toBe(200);
    expect(store.stored.get(eventId)![0]!.worked).toHaveLength(2000);
  });

  it('answers a wrong token 403 and stores nothing', async () => {
    const { form, store, log } = await setUp();
    expect((await form({ token: feedbackToken(SECRET, ids[1]!), rating: '5' })).status).toBe(403);
    expect((await form({ rating: '5' })).status).toBe(403);
    expect(store.stored.size).toBe(0);
    expect(log.records.get(ID)!.feedbackGivenAt).toBeUndefined();
  });
});

describe('the organisers’ view on the attendee list', () => {
  it('is absent before the end, only the count under 3 answers, then the aggregate with the texts sorted and no person data', async () => {
    const { clock, send, list } = await setUp();
    expect((await list()).feedback).toBeUndefined();
    clock.set('2026-12-04T09:00:00Z');
    expect((await list()).feedback).toEqual({ count: 0, shown: false });

    expect((await send(ids[0]!, { rating: '5', worked: 'Zebra-striped slides', better: 'More chairs' })).status).toBe(200);
    expect((await send(ids[1]!, { rating: '2', worked: 'apple cake', better: '' })).status).toBe(200);
    const two = await list();
    expect(two.feedback).toEqual({ count: 2, shown: false });
    expect(JSON.stringify(two)).not.toContain('Zebra');

    expect((await send(ids[2]!, { rating: '4', worked: 'Meeting people', better: 'A microphone' })).status).toBe(200);
    const three = await list();
    expect(three.feedback).toEqual({
      count: 3, shown: true, average: 3.7, ratings: { 1: 0, 2: 1, 3: 0, 4: 1, 5: 1 },
      worked: ['apple cake', 'Meeting people', 'Zebra-striped slides'],
      better: ['A microphone', 'More chairs'],
    });
    const text = JSON.stringify(three.feedback);
    for (const id of ids) expect(text).not.toContain(id);
    expect(text).not.toMatch(/person\d|@|2026-/);
  });
});

describe('the pages after answering, and a link that doesn’t work (wording)', () => {
  it('says only that the answer was received when opened again, and “nothing has changed” after a second send; both link on', async () => {
    const { ctx, send, eventId } = await setUp();
    expect((await send(ID, { rating: '4' })).status).toBe(200);
    const event = await ctx.deps.events.get(eventId);
    const meetupPath = eventPath(event!);

    const look = await ctx.app.request(`/events/${eventId}/feedback/${ID}?token=${feedbackToken(SECRET, ID)}`);
    expect(look.status).toBe(200);
    const seen = await look.text();
    expect(seen).toContain('You’ve already sent your feedback, thank you');
    expect(seen).toContain('We received your answer. Only one answer is kept for each record.');
    expect(seen).not.toContain('nothing has changed');
    expect(seen).not.toContain('<form id="feedback-form"');

    const again = await send(ID, { rating: '2' });
    const resent = await again.text();
    expect(resent).toContain('Only one answer is kept for each record: nothing has changed.');
    // A second send with bad input still says so, rather than show the form again.
    expect(await (await send(ID, { rating: '9' })).text()).toContain('nothing has changed');

    for (const page of [seen, resent]) {
      expect(page).toContain('<a href="/me/cpd">Your CPD log</a>');
      expect(page).toContain(`<a href="${meetupPath}">See the meetup’s page</a>`);
    }
  });

  it('links the first thank-you page on too, and only to the CPD log once the meetup has gone', async () => {
    const { ctx, send, eventId } = await setUp();
    const first = await (await send(ID, { rating: '5' })).text();
    expect(first).toContain('Thank you for your feedback');
    expect(first).toContain('<a href="/me/cpd">Your CPD log</a>');
    expect(first).toContain(`href="/events/${eventId}/`);

    const events = ctx.deps.events as { get: (id: string) => Promise<unknown> };
    const real = events.get.bind(events);
    events.get = async () => undefined;
    try {
      const look = await (await ctx.app.request(`/events/${eventId}/feedback/${ID}?token=${feedbackToken(SECRET, ID)}`)).text();
      expect(look).toContain('<a href="/me/cpd">Your CPD log</a>');
      expect(look).not.toContain('See the meetup’s page');
    } finally {
      events.get = real;
    }
  });

  it('asks to check the whole link only for a wrong token, not for an unknown record or one not asked for feedback', async () => {
    const { ctx, log, eventId } = await setUp();
    const WHOLE = 'Check that the whole link from the email was opened.';
    const wrong = await ctx.app.request(`/events/${eventId}/feedback/${ID}?token=${feedbackToken(SECRET, ids[1]!)}`);
    expect(wrong.status).toBe(403);
    const wrongPage = await wrong.text();
    expect(wrongPage).toContain(FEEDBACK_WRONG_TOKEN);
    expect(wrongPage).toContain(WHOLE);

    const unknown = 'zzzzzzzzzzzzzzzzzzzzzzzzzz';
    const gone = await ctx.app.request(`/events/${eventId}/feedback/${unknown}?token=${feedbackToken(SECRET, unknown)}`);
    expect(gone.status).toBe(404);
    const gonePage = await gone.text();
    expect(gonePage).toContain(FEEDBACK_UNKNOWN);
    expect(gonePage).not.toContain(WHOLE);
    expect(gonePage).toContain('<a href="/me/cpd">Your CPD log</a>');

    log.records.set(ID, { ...log.records.get(ID)!, noFeedback: true });
    const notAsked = await ctx.app.request(`/events/${eventId}/feedback/${ID}?token=${feedbackToken(SECRET, ID)}`);
    expect(notAsked.status).toBe(404);
    const notAskedPage = await notAsked.text();
    expect(notAskedPage).toContain(FEEDBACK_NOT_ASKED);
    expect(notAskedPage).toContain('Your record of attendance is still in your CPD log.');
    expect(notAskedPage).not.toContain(WHOLE);
  });
});
