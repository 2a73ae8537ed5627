// API: the forms that work without JavaScript, as a browser with it turned off sends them: the listing form (/new) and
// the event page's RSVP form (/events/:id/rsvp), posted as application/x-www-form-urlencoded and answered with pages.
import { describe, expect, it } from 'vitest';
import { inMemoryApp, tokenFrom, validMeetup } from '../support/fakes.ts';
import { fixedClock } from '#functions/core/clock.ts';
import { eventPagePaths } from '#functions/core/paths.ts';

const START = '2026-11-27T09:00:00Z';
const FORM = 'application/x-www-form-urlencoded';
const form = (fields: Record<string, string>, contentType = FORM) => ({ method: 'POST', body: new URLSearchParams(fields).toString(), headers: { 'content-type': contentType } });
const json = (body: unknown) => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

/** The listing form's fields as a browser sends them (every text field, ticked boxes only). */
const listingFields = (over: Record<string, string> = {}): Record<string, string> => ({
  title: 'New professionals lunch club',
  description: 'Bring your own lunch.',
  start: '2026-12-03T12:30',
  end: '2026-12-03T13:30',
  timezone: 'Europe/London',
  format: 'in_person',
  venue: 'Central Library\nManchester',
  onlineUrl: '',
  capacity: '1,000',
  openToAll: 'Free and open to everyone, not just members.',
  accessibility: '',
  network: '',
  tags: 'CPD, networking',
  organiserName: 'Sam',
  organiserEmail: 'Sam.Organiser@example.org',
  website: '',
  ...over,
});

const count = (text: string, phrase: string) => text.split(phrase).length - 1;
/** The text of the error summary's list, or '' when there is none. */
const summary = (page: string) => /<ul id="error-summary-list">([\s\S]*?)<\/ul>/.exec(page)?.[1] ?? '';
const inputValue = (page: string, name: string) => new RegExp(`<input id="${name}" name="${name}"[^>]* value="([^"]*)"`).exec(page)?.[1];

function app() {
  const clock = fixedClock(START);
  return { clock, ...inMemoryApp({ clock }) };
}

describe('the listing form without JavaScript (/new)', () => {
  it('renders the form on the server: a post to /new, never a GET, with the bot trap and every time zone', async () => {
    const { app: api } = app();
    const res = await api.request('/new');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toMatch(/<form id="event-form"[^>]* method="post" action="\/new"/);
    expect(page).toContain('name="website"');
    expect(page).toContain('<optgroup label="Europe">');
    expect(page).toMatch(/<option value="Europe\/London"[^>]* selected>London<\/option>/);
    expect(page).toContain('value="America/Argentina/Buenos_Aires"');
    expect(page).toMatch(/<input type="checkbox" id="onlineUrlPublic" name="onlineUrlPublic" value="yes" aria-describedby/);
    expect(page).not.toContain('never shown publicly');
    expect(page).not.toContain('Never shown publicly');
    expect(page).not.toContain('(or online)');
    expect(page).not.toMatch(/needs JavaScript/);
  });

  it('lists the meetup from a urlencoded post, with the same use case as the API, and says "Check your email" once', async () => {
    const { app: api, events } = app();
    const res = await api.request('/new', form(listingFields({ format: 'online', venue: 'ignored', onlineUrl: 'https://meet.example.org/x', onlineUrlPublic: 'yes' })));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const page = await res.text();
    expect(count(page, 'Check your email')).toBe(2); // the <title> and the heading
    expect(count(page, '<h1>Check your email</h1>')).toBe(1);
    expect(page).toContain('sam.organiser@example.org');
    const mail = events.outbox.find((m) => m.purpose === 'listing-confirmation')!;
    expect(mail.to).toBe('sam.organiser@example.org');
    const { id, token } = tokenFrom(mail);
    const managed = (await (await api.request(`/api/events/${id}/manage`, json({ token }))).json()) as Record<string, unknown>;
    expect(managed).toMatchObject({ capacity: 1000, format: 'online', onlineUrl: 'https://meet.example.org/x', onlineUrlPublic: true, tags: [{ name: 'CPD' }, { name: 'networking' }] });
    expect(managed.venue).toBeUndefined();
  });

  it('leaves the link private when the box is not ticked', async () => {
    const { app: api, events } = app();
    await api.request('/new', form(listingFields({ format: 'hybrid', onlineUrl: 'https://meet.example.org/y' })));
    const { id, token } = tokenFrom(events.outbox[0]!);
    const managed = (await (await api.request(`/api/events/${id}/manage`, json({ token }))).json()) as Record<string, unknown>;
    expect(managed).toMatchObject({ onlineUrlPublic: false, venue: 'Central Library\nManchester' });
  });

  it('shows the form again with every value kept and every problem in one round, summary and inline', async () => {
    const { app: api, events } = app();
    const sent = listingFields({ title: 'ab', network: '<b> & "co"', start: '2026-11-20T10:00', end: '2026-11-20T09:00', format: 'online', capacity: 'ten', tags: 'CPD, cpd', organiserEmail: 'not-an-address', accessibility: 'Lift "B" & ramp' });
    const res = await api.request('/new', form(sent));
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('<title>Error: List a free meetup · Signpost</title>');
    expect(page).toMatch(/<div class="error-summary" id="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title" autofocus>/);
    const list = summary(page);
    for (const field of ['title', 'start', 'end', 'onlineUrl', 'capacity', 'tags', 'organiserEmail']) {
      expect(list, field).toContain(`data-field="${field}"`);
      expect(page, field).toMatch(new RegExp(`<div class="field has-error" id="${field}-field">`));
    }
    expect(list).toContain('“cpd”: That tag is listed twice');
    expect(page).toMatch(/id="start"[^>]* aria-describedby="start-error" aria-invalid="true"/);
    // Everything typed comes back, escaped.
    expect(inputValue(page, 'title')).toBe('ab');
    // A network choice that is not one of the person's comes back chosen, escaped, for the network rule to name.
    expect(page).toContain('<option value="&lt;b&gt; &amp; &quot;co&quot;" selected>&lt;b&gt; &amp; &quot;co&quot;</option>');
    expect(inputValue(page, 'capacity')).toBe('ten');
    expect(inputValue(page, 'tags')).toBe('CPD, cpd');
    expect(inputValue(page, 'organiserEmail')).toBe('not-an-address');
    expect(page).toContain('>Lift &quot;B&quot; &amp; ramp</textarea>');
    expect(page).toContain('<input type="radio" id="format-online" name="format" value="online" checked>');
    expect(page).not.toContain('Check your email');
    expect(events.outbox).toHaveLength(0);
  });

  it('refuses a body that is not a form with a friendly 415 page', async () => {
    const { app: api, events } = app();
    const res = await api.request('/new', json(validMeetup()));
    expect(res.status).toBe(415);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await res.text();
    expect(page).toContain('<h1>We could not read that form</h1>');
    expect(events.outbox).toHaveLength(0);
    const big = await api.request('/new', form(listingFields({ description: 'x'.repeat(70 * 1024) })));
    expect(big.status).toBe(413);
    expect(await big.text()).toContain('<h1>That was too much to send</h1>');
  });

  it('answers a filled bot trap as if all went well, and stores and sends nothing', async () => {
    const { app: api, events } = app();
    const res = await api.request('/new', form(listingFields({ website: 'https://spam.example' })));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<h1>Check your email</h1>');
    expect(events.outbox).toHaveLength(0);
    expect(events.events.size).toBe(0);
  });

  it('keeps the answers when the rate limit is reached (429 with Retry-After)', async () => {
    const { app: api } = app();
    for (let i = 0; i < 5; i++) expect((await api.request('/new', form(listingFields()))).status).toBe(200);
    const res = await api.request('/new', form(listingFields({ title: 'One too many' })));
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    const page = await res.text();
    expect(summary(page)).toContain('Too many listings');
    expect(inputValue(page, 'title')).toBe('One too many');
  });
});

describe('the RSVP form without JavaScript (/events/:id/rsvp)', () => {
  async function published(over: Record<string, unknown> = {}) {
    const ctx = app();
    const res = await ctx.app.request('/api/events', json(validMeetup(over)));
    expect(res.status).toBe(202);
    const { id, token } = tokenFrom(ctx.events.outbox[0]!);
    expect((await ctx.app.request(`/api/events/${id}/publish`, json({ token }))).status).toBe(200);
    ctx.events.outbox.splice(0);
    return { ...ctx, id, manage: token };
  }

  it('puts the form on the event page as a post to eventPagePaths.rsvp', async () => {
    const { app: api, id } = await published();
    const res = await api.request(`/events/${id}/new-professionals-lunch-club`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`<form class="rsvp-form" id="rsvp-form" method="post" action="${eventPagePaths.rsvp(id)}"`);
    expect(html).toContain('<a class="button" href="#rsvp" id="rsvp-action">Reserve a free place</a>');
    expect(html).not.toMatch(/needs JavaScript/);
  });

  it('asks for a place and answers "Check your email", the same whether or not the address had asked before', async () => {
    const { app: api, id, events } = await published();
    const first = await api.request(eventPagePaths.rsvp(id), form({ name: 'Ada', email: 'ada@example.org', note: 'Step-free, please', website: '' }));
    expect(first.status).toBe(200);
    const a = await first.text();
    expect(count(a, '<h1>Check your email</h1>')).toBe(1);
    expect(a).toContain('ada@example.org');
    expect(events.outbox.filter((m) => m.to === 'ada@example.org' && m.purpose === 'rsvp-confirm-link')).toHaveLength(1);
    const again = await api.request(eventPagePaths.rsvp(id), form({ name: 'Ada', email: 'ada@example.org', note: 'Step-free, please', website: '' }));
    expect(again.status).toBe(200);
    expect(await again.text()).toBe(a);
  });

  it('shows the event page again with the values kept and the errors shown', async () => {
    const { app: api, id, events } = await published();
    const res = await api.request(eventPagePaths.rsvp(id), form({ name: '', email: 'ada@', note: 'Hearing loop <please>' }));
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toMatch(/<title>Error: New professionals lunch club · Signpost<\/title>/);
    expect(page).toMatch(/id="rsvp-error-summary"[^>]* autofocus>/);
    expect(page).toContain('<a href="#rsvp-name">');
    expect(page).toContain('<a href="#rsvp-email">');
    expect(page).toMatch(/<input id="rsvp-email" name="email"[^>]* value="ada@"[^>]* aria-describedby="rsvp-email-hint rsvp-email-error" aria-invalid="true">/);
    expect(page).toContain('>Hearing loop &lt;please&gt;</textarea>');
    expect(events.outbox).toHaveLength(0);
  });

  it('shows a cancelled meetup without places, RSVP wording or its joining link', async () => {
    const { app: api, id, manage } = await published({ format: 'hybrid', onlineUrl: 'https://meet.example.org/open', onlineUrlPublic: true, capacity: 1 });
    const open = await (await api.request(`/events/${id}/new-professionals-lunch-club`)).text();
    expect(open).toContain('href="https://meet.example.org/open"');
    expect((await api.request(`/api/events/${id}/cancel`, json({ token: manage }))).status).toBe(200);
    const page = await (await api.request(`/events/${id}/new-professionals-lunch-club`)).text();
    expect(page).toContain('This meetup has been cancelled.');
    for (const phrase of ['RSVPs are open', 'Places', 'Full', 'Reserve a free place', 'Join the waitlist', 'meet.example.org', 'rsvp-form'])
      expect(page, phrase).not.toContain(phrase);
    expect(page).toContain('"eventStatus":"https://schema.org/EventCancelled"');
  });

  it('refuses a body that is not a form with a friendly 415 page', async () => {
    const { app: api, id } = await published();
    const res = await api.request(eventPagePaths.rsvp(id), json({ name: 'Ada', email: 'ada@example.org' }));
    expect(res.status).toBe(415);
    expect(await res.text()).toContain('<h1>We could not read that form</h1>');
  });

  it('answers a filled bot trap with the same page, and sends nothing', async () => {
    const { app: api, id, events } = await published();
    const res = await api.request(eventPagePaths.rsvp(id), form({ name: 'Bot', email: 'bot@example.org', website: 'https://spam.example' }));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<h1>Check your email</h1>');
    expect(events.outbox).toHaveLength(0);
  });

  it('speaks of the waitlist when the meetup is full, and says when RSVPs are closed or the meetup is missing', async () => {
    const { app: api, id, manage, events } = await published({ capacity: 1 });
    // Ada takes the one place; Bea, on the page, is offered the waitlist and told so after asking.
    await api.request(eventPagePaths.rsvp(id), form({ name: 'Ada', email: 'ada@example.org' }));
    const link = /\/rsvp\/[a-z0-9]+\/([0-9a-f]+)#token=([A-Za-z0-9_-]{43})/.exec(events.outbox.at(-1)!.text)!;
    expect((await api.request(`/api/events/${id}/rsvps/${link[1]}/confirm`, json({ token: link[2] }))).status).toBe(200);
    const full = await (await api.request(`/events/${id}/new-professionals-lunch-club`)).text();
    expect(full).toContain('<h2 id="rsvp-title">Join the waitlist</h2>');
    expect(full).not.toContain('Reserve a free place');
    const waitlisted = await (await api.request(eventPagePaths.rsvp(id), form({ name: 'Bea', email: 'bea@example.org' }))).text();
    expect(waitlisted).toContain('join the waitlist');

    await api.request(`/api/events/${id}/rsvp-settings`, json({ token: manage, rsvpsOpen: false }));
    const closed = await api.request(eventPagePaths.rsvp(id), form({ name: 'Cai', email: 'cai@example.org' }));
    expect(closed.status).toBe(409);
    const page = await closed.text();
    expect(page).toContain('<h1>RSVPs are closed</h1>');
    expect(page).toContain('The organiser has closed RSVPs for this meetup.');
    const missing = await api.request(eventPagePaths.rsvp('nosuchmeetup'), form({ name: 'Ada', email: 'ada@example.org' }));
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain("We can't find that meetup");
  });
});
