// API: a meetup's CPD details (issue 16) through the real routes, in-process with in-memory parts: listed and edited as
// JSON and as the no-JS form post, refused with a 400 naming the field and nothing stored, shown on the event page as
// "Counts towards your CPD" and in the public API (public fields only), and a network's defaults copied into a new
// meetup listed under it that sets none of its own.
import { describe, expect, it } from 'vitest';
import { inMemoryApp, tokenFrom, validMeetup } from '../support/fakes.ts';
import { get, network, putNetwork, signIn, SITE, type Ctx } from '../support/signed-in.ts';
import { NETWORK_PAGES } from '#functions/core/paths.ts';
import { CPD_MESSAGES } from '#functions/networks/cpd.schema.ts';
import { networkValues } from '#views/network-manage-page.ts';
import type { StoredEvent } from '#functions/core/event.ts';

const json = (body: unknown, headers: Record<string, string> = {}, method = 'POST') => ({ method, body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });

const CPD = { hours: 1.75, outcomes: ['Plan a TeachMeet', 'Pitch an idea in three minutes'], areas: ['it-communication', 'literacies-learning'], format: 'teachmeet' };

/** The listing form's fields as a browser sends them. */
const listingFields = (over: Record<string, string> = {}): [string, string][] =>
  Object.entries({
    title: 'TeachMeet in the library', description: 'Short talks.', start: '2026-12-03T18:00', end: '2026-12-03T19:30', timezone: 'Europe/London',
    format: 'in_person', venue: 'Central Library', onlineUrl: '', capacity: '', openToAll: '', accessibility: '', network: '', tags: '',
    organiserName: 'Sam', organiserEmail: 'sam@example.org', website: '', cpdHours: '', cpdOutcomes: '', cpdFormat: '', ...over,
  });
const formPost = (ctx: Ctx, fields: [string, string][], cookie?: string) =>
  ctx.app.request('/new', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: SITE, ...(cookie ? { Cookie: cookie } : {}) },
    body: new URLSearchParams(fields).toString(),
  });

const storedEvents = (ctx: Ctx) => [...ctx.events.events.values()] as StoredEvent[];

async function listedDraft(ctx: Ctx, over: Record<string, unknown> = {}) {
  const res = await ctx.app.request('/api/events', json(validMeetup(over)));
  expect(res.status).toBe(202);
  const { id, token } = tokenFrom(ctx.events.outbox.at(-1)!);
  expect((await ctx.app.request(`/api/events/${id}/publish`, json({ token }))).status).toBe(200);
  return { id, token };
}

/** A network with an organiser signed in; its defaults as given. */
function nlpn(ctx: Ctx, cpdDefaults?: StoredEvent['cpd']) {
  putNetwork(ctx, network('nlpn', { name: 'Manchester NLPN', tagline: 'New library professionals', ...(cpdDefaults ? { cpdDefaults } : {}) }), [{ email: 'lead@example.org', role: 'organiser' }]);
  return signIn(ctx, 'lead@example.org');
}

describe('CPD details in the JSON API', () => {
  it('lists a meetup with CPD details, stored in quarters, shown in the public API with names and hours', async () => {
    const ctx = inMemoryApp();
    const { id } = await listedDraft(ctx, { cpd: CPD });
    expect(ctx.events.events.get(id)!.cpd).toEqual({ quarters: 7, outcomes: CPD.outcomes, areas: ['literacies-learning', 'it-communication'], format: 'teachmeet' });
    const pub = (await (await ctx.app.request(`/api/events/${id}`)).json()) as Record<string, unknown>;
    expect(pub.cpd).toEqual({
      hours: 1.75, hoursText: '1.75 hours', format: 'teachmeet', outcomes: CPD.outcomes,
      areas: [{ id: 'literacies-learning', name: 'Literacies and learning' }, { id: 'it-communication', name: 'IT and communication' }],
    });
    expect(JSON.stringify(pub)).not.toContain('sam.organiser@example.org');
  });

  it('counts the meetup’s length when no hours are set, and has no cpd at all when nothing is set', async () => {
    const ctx = inMemoryApp();
    const { id } = await listedDraft(ctx, { cpd: { format: 'talk' } });
    expect(((await (await ctx.app.request(`/api/events/${id}`)).json()) as { cpd: unknown }).cpd).toEqual({ hours: 1, hoursText: '1 hour', format: 'talk', outcomes: [], areas: [] });
    const { id: plain } = await listedDraft(ctx, { title: 'No CPD here' });
    expect(ctx.events.events.get(plain)!.cpd).toBeUndefined();
    expect((await (await ctx.app.request(`/api/events/${plain}`)).json()) as object).not.toHaveProperty('cpd');
  });

  it.each([
    ['hours in tenths', { hours: 1.1 }, 'cpd.hours'],
    ['hours over 24', { hours: 25 }, 'cpd.hours'],
    ['an unknown PKSB area', { areas: ['research-skills', 'astrology'] }, 'cpd.areas.1'],
    ['six outcomes', { outcomes: ['1', '2', '3', '4', '5', '6'] }, 'cpd.outcomes'],
    ['an outcome too long', { outcomes: ['x'.repeat(201)] }, 'cpd.outcomes.0'],
    ['an unknown format', { format: 'keynote' }, 'cpd.format'],
  ])('refuses %s with a 400 naming %s, storing and sending nothing', async (_name, cpd, field) => {
    const ctx = inMemoryApp();
    const res = await ctx.app.request('/api/events', json(validMeetup({ cpd })));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { details: { field: string; message: string }[] };
    expect(body.details.map((d) => d.field)).toEqual([field]);
    expect(body.details[0]!.message.length).toBeGreaterThan(10);
    expect(ctx.events.events.size).toBe(0);
    expect(ctx.events.outbox).toHaveLength(0);
  });

  it('edits the CPD details, refuses a bad edit unchanged, and clears them with null', async () => {
    const ctx = inMemoryApp();
    const { id, token } = await listedDraft(ctx, { cpd: CPD });
    const put = (cpd: unknown, version: number) => ctx.app.request(`/api/events/${id}`, json({ ...validMeetup({ cpd }), token, version }, {}, 'PUT'));
    const edited = await put({ hours: 2, areas: ['research-skills'] }, 2);
    expect(edited.status).toBe(200);
    expect(((await edited.json()) as { cpdHours: number; cpd: { hours: number } })).toMatchObject({ cpdHours: 2, cpd: { hours: 2, hoursText: '2 hours' } });
    expect(ctx.events.events.get(id)!.cpd).toEqual({ quarters: 8, areas: ['research-skills'] });
    const before = structuredClone(ctx.events.events.get(id));
    const bad = await put({ hours: 2.2 }, 3);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { details: { field: string; message: string }[] }).details).toEqual([{ field: 'cpd.hours', message: CPD_MESSAGES.hours }]);
    expect(ctx.events.events.get(id)).toEqual(before);
    expect((await put(null, 3)).status).toBe(200);
    expect(ctx.events.events.get(id)!.cpd).toBeUndefined();
  });
});

describe('CPD details on the form without JavaScript and on the event page', () => {
  it('lists through the form post, and the event page shows “Counts towards your CPD”', async () => {
    const ctx = inMemoryApp();
    const cookie = signIn(ctx, 'sam@example.org');
    const res = await formPost(ctx, [
      ...listingFields({ cpdHours: '1,5', cpdOutcomes: 'Plan a TeachMeet\n\nShare one idea <b>now</b>', cpdFormat: 'workshop' }),
      ['cpdAreas', 'research-skills'], ['cpdAreas', 'customer-focus'],
    ], cookie);
    expect(res.status).toBe(200);
    const event = storedEvents(ctx)[0]!;
    expect(event.cpd).toEqual({ quarters: 6, outcomes: ['Plan a TeachMeet', 'Share one idea <b>now</b>'], areas: ['research-skills', 'customer-focus'], format: 'workshop' });
    const page = await (await get(ctx, `/events/${event.id}/${event.slug}`)).text();
    const section = /<section aria-labelledby="cpd"[\s\S]*?<\/section>/.exec(page)?.[0] ?? '';
    expect(section).toContain('<h2 id="cpd">Counts towards your CPD</h2>');
    expect(section).toContain('<dt>CPD hours</dt><dd>1.5 hours</dd>');
    expect(section).toContain('<dt>Session format</dt><dd>Workshop</dd>');
    expect(section).toContain('<li>Share one idea &lt;b&gt;now&lt;/b&gt;</li>');
    expect(section).toContain('<li>Research skills</li>');
    expect(section).toContain('<li>Customer focus, service design and marketing</li>');
    // No records of attendance yet: the page promises none.
    expect(page).not.toContain('record of attendance');
  });

  it('a meetup without CPD details has no such section', async () => {
    const ctx = inMemoryApp();
    const { id } = await listedDraft(ctx);
    const page = await (await get(ctx, `/events/${id}/new-professionals-lunch-club`)).text();
    expect(page).not.toContain('Counts towards your CPD');
  });

  it('a bad value is a 400 naming the field, stores nothing, and keeps everything typed', async () => {
    const ctx = inMemoryApp();
    const res = await formPost(ctx, [
      ...listingFields({ cpdHours: '1.3', cpdOutcomes: `Keep me "quoted"\n${'x'.repeat(201)}`, cpdFormat: 'keynote' }),
      ['cpdAreas', 'research-skills'], ['cpdAreas', 'astrology'], ['cpdAreas', 'it-communication'],
    ]);
    expect(res.status).toBe(400);
    const page = await res.text();
    const list = /<ul id="error-summary-list">([\s\S]*?)<\/ul>/.exec(page)?.[1] ?? '';
    for (const field of ['cpdHours', 'cpdOutcomes', 'cpdAreas', 'cpdFormat']) {
      expect(list, field).toContain(`data-field="${field}"`);
      expect(page, field).toMatch(new RegExp(`<div class="field has-error" id="${field}-field">`));
    }
    expect(list).toContain(CPD_MESSAGES.hours);
    expect(list).toContain(CPD_MESSAGES.area);
    expect(list).toContain(CPD_MESSAGES.outcomeLength);
    expect(list).toContain(CPD_MESSAGES.format);
    expect(list).toContain('href="#cpdAreas-organising-knowledge"');
    // The collapsed details open, with every value as typed.
    expect(page).toContain('<details class="subscribe-more cpd-more" id="cpd-more" open>');
    expect(page).toMatch(/<input id="cpdHours" name="cpdHours"[^>]* value="1.3"/);
    expect(page).toContain(`>Keep me &quot;quoted&quot;\n${'x'.repeat(201)}</textarea>`);
    expect(page).toContain('id="cpdAreas-research-skills" name="cpdAreas" value="research-skills" checked>');
    expect(page).toContain('id="cpdAreas-it-communication" name="cpdAreas" value="it-communication" checked>');
    expect(page).toContain('id="cpdAreas-customer-focus" name="cpdAreas" value="customer-focus">');
    expect(page).toMatch(/<fieldset id="cpdAreas-group" aria-describedby="cpdAreas-hint cpdAreas-error" aria-invalid="true">/);
    expect(ctx.events.events.size).toBe(0);
    expect(ctx.events.outbox).toHaveLength(0);
  });

  it('the blank form shows the CPD fieldset collapsed, with its legend, labels and hint', async () => {
    const ctx = inMemoryApp();
    const page = await (await get(ctx, '/new')).text();
    expect(page).toContain('<details class="subscribe-more cpd-more" id="cpd-more">');
    expect(page).toMatch(/<legend><h2>CPD \(optional\)<\/h2><\/legend>/);
    expect(page).toContain('<label for="cpdHours">CPD hours <span class="optional">(optional)</span></label>');
    expect(page).toContain('In quarter hours, like 1.5 or 0.75, up to 24. Leave blank to count the meetup’s length.');
    expect(page).toContain('<legend class="label">PKSB areas <span class="optional">(optional)</span></legend>');
    expect(page).toContain('Areas of CILIP’s Professional Knowledge and Skills Base (PKSB) this meetup covers.');
    expect(page.match(/name="cpdAreas"/g)).toHaveLength(12);
  });
});

describe('a network’s CPD defaults', () => {
  const DEFAULTS = { outcomes: ['Meet library people nearby'], areas: ['leadership-advocacy' as const], format: 'discussion' as const };

  it('are saved from the network manage page’s form, and a bad value is a 400 naming the field', async () => {
    const ctx = inMemoryApp();
    const cookie = nlpn(ctx);
    const values = { ...networkValues(ctx.networks.networks.get('nlpn')!), version: '1' };
    const fields = new URLSearchParams({ ...values, cpdOutcomes: 'Meet library people nearby\n', cpdFormat: 'discussion' });
    fields.append('cpdAreas', 'leadership-advocacy');
    const bad = new URLSearchParams(fields);
    bad.set('cpdFormat', 'keynote');
    bad.append('cpdAreas', 'astrology');
    const refused = await ctx.app.request(NETWORK_PAGES.manage('nlpn'), {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: SITE, Cookie: cookie }, body: bad.toString(),
    });
    expect(refused.status).toBe(400);
    const page = await refused.text();
    expect(page).toContain(CPD_MESSAGES.format);
    expect(page).toContain(CPD_MESSAGES.area);
    expect(page).toContain('id="network-cpdAreas-leadership-advocacy" name="cpdAreas" value="leadership-advocacy" checked>');
    expect(ctx.networks.networks.get('nlpn')!.cpdDefaults).toBeUndefined();
    const saved = await ctx.app.request(NETWORK_PAGES.manage('nlpn'), {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: SITE, Cookie: cookie }, body: fields.toString(),
    });
    expect(saved.status).toBe(303);
    expect(ctx.networks.networks.get('nlpn')!.cpdDefaults).toEqual(DEFAULTS);
    // The form shows them as saved.
    const manage = await (await get(ctx, NETWORK_PAGES.manage('nlpn'), cookie)).text();
    expect(manage).toContain('>Meet library people nearby</textarea>');
    expect(manage).toContain('<option value="discussion" selected>Discussion</option>');
  });

  it('are copied into a new meetup under the network with none of its own; later changes leave it alone', async () => {
    const ctx = inMemoryApp();
    const cookie = nlpn(ctx, DEFAULTS);
    const res = await ctx.app.request('/api/events', json(validMeetup({ organiserEmail: 'lead@example.org', network: 'nlpn' }), { Cookie: cookie, Origin: SITE }));
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    expect(ctx.events.events.get(id)!.cpd).toEqual(DEFAULTS);
    ctx.networks.networks.set('nlpn', { ...ctx.networks.networks.get('nlpn')!, cpdDefaults: { format: 'talk' } });
    expect(ctx.events.events.get(id)!.cpd).toEqual(DEFAULTS);
    const pub = (await (await ctx.app.request(`/api/events/${id}`)).json()) as { cpd: { format: string; hours: number } };
    expect(pub.cpd).toMatchObject({ format: 'discussion', hours: 1 });
  });

  it('keep a meetup’s own hours, and are not applied when it sets its own details', async () => {
    const ctx = inMemoryApp();
    const cookie = nlpn(ctx, DEFAULTS);
    const list = (cpd: unknown, title: string) =>
      ctx.app.request('/api/events', json(validMeetup({ title, organiserEmail: 'lead@example.org', network: 'nlpn', cpd }), { Cookie: cookie, Origin: SITE }));
    const hoursOnly = (await (await list({ hours: 2 }, 'Hours only')).json()) as { id: string };
    expect(ctx.events.events.get(hoursOnly.id)!.cpd).toEqual({ quarters: 8, ...DEFAULTS });
    const own = (await (await list({ format: 'workshop' }, 'Its own')).json()) as { id: string };
    expect(ctx.events.events.get(own.id)!.cpd).toEqual({ format: 'workshop' });
  });

  it('may set hours, in quarter hours: copied into a new meetup that sets none, never over its own', async () => {
    const ctx = inMemoryApp();
    const cookie = nlpn(ctx);
    const post = (hours: string) => {
      const fields = new URLSearchParams({ ...networkValues(ctx.networks.networks.get('nlpn')!), version: String(ctx.networks.networks.get('nlpn')!.version), cpdHours: hours });
      return ctx.app.request(NETWORK_PAGES.manage('nlpn'), {
        method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: SITE, Cookie: cookie }, body: fields.toString(),
      });
    };
    for (const bad of ['1.1', '25', 'two']) {
      const refused = await post(bad);
      expect(refused.status).toBe(400);
      const page = await refused.text();
      expect(page).toContain(`<a href="#network-cpdHours">${CPD_MESSAGES.hours}</a>`);
      expect(page).toContain(`name="cpdHours" type="text" inputmode="decimal" autocomplete="off" class="input-short" value="${bad}"`);
      expect(ctx.networks.networks.get('nlpn')!.cpdDefaults).toBeUndefined();
    }
    expect((await post('1,5')).status).toBe(303);
    expect(ctx.networks.networks.get('nlpn')!.cpdDefaults).toEqual({ quarters: 6 });
    expect(await (await get(ctx, NETWORK_PAGES.manage('nlpn'), cookie)).text()).toContain('name="cpdHours" type="text" inputmode="decimal" autocomplete="off" class="input-short" value="1.5"');
    const list = (cpd: unknown, title: string) =>
      ctx.app.request('/api/events', json(validMeetup({ title, organiserEmail: 'lead@example.org', network: 'nlpn', ...(cpd ? { cpd } : {}) }), { Cookie: cookie, Origin: SITE }));
    const plain = (await (await list(undefined, 'Plain')).json()) as { id: string };
    expect(ctx.events.events.get(plain.id)!.cpd).toEqual({ quarters: 6 });
    const own = (await (await list({ hours: 2, format: 'talk' }, 'Own hours')).json()) as { id: string };
    expect(ctx.events.events.get(own.id)!.cpd).toEqual({ quarters: 8, format: 'talk' });
    const described = (await (await list({ format: 'talk' }, 'Own format')).json()) as { id: string };
    expect(ctx.events.events.get(described.id)!.cpd).toEqual({ quarters: 6, format: 'talk' });
    // Cleared: each meetup counts its own length again.
    expect((await post('')).status).toBe(303);
    expect(ctx.networks.networks.get('nlpn')!.cpdDefaults).toBeUndefined();
  });

  it('are copied through the form post too, and not into a meetup without a network', async () => {
    const ctx = inMemoryApp();
    const cookie = nlpn(ctx, DEFAULTS);
    expect((await formPost(ctx, listingFields({ organiserEmail: 'lead@example.org', network: 'nlpn' }), cookie)).status).toBe(200);
    expect((await formPost(ctx, listingFields({ title: 'No network', organiserEmail: 'lead@example.org' }), cookie)).status).toBe(200);
    const byTitle = Object.fromEntries(storedEvents(ctx).map((e) => [e.title, e]));
    expect(byTitle['TeachMeet in the library']!.cpd).toEqual(DEFAULTS);
    expect(byTitle['No network']!.cpd).toBeUndefined();
  });
});


