// API: the personal CPD log (/me/cpd and /api/me/cpd): private to the signed-in person; activities from elsewhere
// added, edited and deleted through the no-JS forms and the JSON API, every bad input named and nothing stored;
// reflections; hours per CPD year (calendar, and 1 July to 30 June across 30 June); the CSV; deleting it all.
import { beforeEach, describe, expect, it } from 'vitest';
import type { CpdRecord } from '#functions/core/cpd.ts';
import { personId } from '#functions/core/person.ts';
import type { memoryCpdLog } from '#functions/cpd/memory-log.ts';
import { get, NOW, post, signIn, SITE, type Ctx } from '../support/signed-in.ts';
import { inMemoryApp } from '../support/fakes.ts';

const ME = 'sian@example.org';
let ctx: Ctx;
let cookie: string;
const repo = () => ctx.deps.cpdLog as ReturnType<typeof memoryCpdLog>;

function record(over: Partial<CpdRecord> = {}): CpdRecord {
  const r: CpdRecord = {
    id: 'rec0123456789abcdef0123456789ab', personId: personId(ME), eventId: 'ev1', name: 'Siân Ãlvarez', title: 'Cataloguing clinic',
    networkName: 'Library Camp', networkSlug: 'library-camp', organisers: ['Pat'], startUtc: '2026-06-30T11:30:00Z', endUtc: '2026-06-30T13:00:00Z',
    timezone: 'Europe/London', date: '2026-06-30', quarters: 6, outcomes: [], areas: ['organising-knowledge'], role: 'attended',
    feedbackCollected: false, issuedAt: '2026-07-01T00:00:00Z', shared: false, shareNonce: 'nonce', ...over,
  };
  repo().records.set(r.id, r);
  return r;
}

const json = (method: string, path: string, body: unknown, who = cookie) =>
  ctx.app.request(path, { method, headers: { 'Content-Type': 'application/json', Origin: SITE, ...(who ? { Cookie: who } : {}) }, body: JSON.stringify(body) });

const goodActivity = { date: '2026-11-20', title: 'CILIP webinar: metadata', provider: 'CILIP', hours: 1.5, areas: ['organising-knowledge', 'research-skills'], reflection: 'I learnt a lot.' };
const asForm = (a: Record<string, unknown>) => {
  const f = new URLSearchParams();
  for (const [k, v] of Object.entries(a)) for (const x of Array.isArray(v) ? v : [v]) f.append(k, String(x));
  return f;
};
const postForm = (path: string, fields: URLSearchParams, who = cookie) =>
  ctx.app.request(path, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: SITE, ...(who ? { Cookie: who } : {}) }, body: fields.toString() });
const activities = async () => (await repo().log(personId(ME))).activities;

beforeEach(() => {
  ctx = inMemoryApp();
  cookie = signIn(ctx, ME);
});

describe('signed out', () => {
  it('sends a page to sign in and back, and answers a form post or the API with a 401', async () => {
    for (const path of ['/me/cpd', '/me/cpd/export.csv', '/me/cpd/delete']) {
      const res = await get(ctx, path);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`/sign-in?next=${path}`);
    }
    expect((await postForm('/me/cpd/activities', asForm(goodActivity), '')).status).toBe(401);
    expect((await postForm('/me/cpd/delete', new URLSearchParams(), '')).status).toBe(401);
    const api = await ctx.app.request('/api/me/cpd');
    expect(api.status).toBe(401);
    expect((await json('POST', '/api/me/cpd/activities', goodActivity, '')).status).toBe(401);
  });
});

describe('opened at a record (the record email’s “Write your reflection”, /me/cpd?record=<id>)', () => {
  it('signed out, keeps ?record= through signing in (next), and the log opens with that reflection focused', async () => {
    const r = record();
    const res = await get(ctx, `/me/cpd?record=${r.id}`);
    expect(res.status).toBe(303);
    const signInAt = res.headers.get('location')!;
    expect(signInAt).toBe(`/sign-in?next=/me/cpd%3Frecord%3D${r.id}`);
    expect(new URL(signInAt, SITE).searchParams.get('next')).toBe(`/me/cpd?record=${r.id}`);
    // The sign-in page keeps it, and signing in by code goes on to it.
    expect(await (await get(ctx, signInAt)).text()).toContain(`<input type="hidden" name="next" value="/me/cpd?record=${r.id}">`);
    const asked = await postForm('/sign-in', new URLSearchParams({ email: ME, website: '', next: `/me/cpd?record=${r.id}` }), '');
    const challenge = /name="challenge" value="([^"]+)"/.exec(await asked.text())![1]!;
    const mail = ctx.sessions.outbox.filter((m) => m.purpose === 'sign-in').at(-1)!;
    const signedIn = await postForm('/sign-in/code', new URLSearchParams({ challenge, code: /Your code: (\d{6})/.exec(mail.text)![1]! }), '');
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe(`/me/cpd?record=${r.id}`);

    const page = await (await get(ctx, `/me/cpd?record=${r.id}`, cookie)).text();
    expect(page).toMatch(new RegExp(`<textarea id="record-${r.id}-reflection"[^>]* autofocus>`));
    expect(page.match(/ autofocus/g)).toHaveLength(1);
    expect(page).toContain(`<li class="cpd-item is-opened" id="record-${r.id}">`);
  });

  it('someone else’s or a deleted record: the log says it isn’t here, focusing nothing; a plain visit focuses nothing', async () => {
    record();
    const page = await (await get(ctx, '/me/cpd?record=recSomeoneElse0000000000000000', cookie)).text();
    expect(page).toContain('That record of attendance isn’t in this CPD log');
    expect(page).not.toContain(' autofocus');
    const plain = await (await get(ctx, '/me/cpd', cookie)).text();
    expect(plain).not.toContain(' autofocus');
    expect(plain).not.toContain('isn’t in this CPD log');
  });

  it('keeps the rest of the query, escaped, so an export period survives signing in too', async () => {
    const res = await get(ctx, '/me/cpd/export.csv?from=2026-01-01&to=2026-06-30');
    expect(new URL(res.headers.get('location')!, SITE).searchParams.get('next')).toBe('/me/cpd/export.csv?from=2026-01-01&to=2026-06-30');
  });
});

describe('the log page', () => {
  it('lists records and activities newest first, with hours, areas, reflections and the prompts; not cached', async () => {
    record();
    record({ id: 'rec2', title: 'Older <b>meetup</b>', date: '2025-03-01', startUtc: '2025-03-01T10:00:00Z', networkName: undefined, areas: [] });
    expect((await postForm('/me/cpd/activities', asForm(goodActivity))).status).toBe(303);
    const res = await get(ctx, '/me/cpd', cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const page = await res.text();
    const order = ['CILIP webinar: metadata', 'Cataloguing clinic', 'Older &lt;b&gt;meetup&lt;/b&gt;'].map((t) => page.indexOf(t));
    expect(order.every((i) => i > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(page).toContain('1.5 hours');
    expect(page).toContain('Organising knowledge and information: 2 activities');
    expect(page).toContain('Research skills: 1 activity');
    expect(page).toContain('What? What happened, and what did you learn?');
    expect(page).toContain('4 of 250 words');
    // A meetup of no network: its organisers ran it (core/cpd.ts recordProvider, as the CSV and the PDF say).
    expect(page).toMatch(/<dt>Provider<\/dt><dd>Pat<\/dd>/);
    expect(page).toContain('href="/me/cpd/export.pdf"'.replace('href', 'formaction'));
  });

  it('never shows another person’s log, and someone else’s record or activity cannot be changed (404)', async () => {
    record({ personId: personId('other@example.org'), reflection: 'Their secret thoughts' });
    expect(await (await get(ctx, '/me/cpd', cookie)).text()).not.toContain('Cataloguing clinic');
    const other = signIn(ctx, 'other@example.org');
    const res = await json('POST', '/api/me/cpd/activities', goodActivity, other);
    const theirs = ((await res.json()) as { activity: { id: string } }).activity.id;
    expect((await postForm('/me/cpd/records/rec0123456789abcdef0123456789ab/reflection', new URLSearchParams({ reflection: 'mine now' }))).status).toBe(404);
    expect((await json('PUT', '/api/me/cpd/records/rec0123456789abcdef0123456789ab/reflection', { reflection: 'mine now' })).status).toBe(404);
    expect((await json('PUT', `/api/me/cpd/activities/${theirs}`, goodActivity)).status).toBe(404);
    expect((await ctx.app.request(`/api/me/cpd/activities/${theirs}`, { method: 'DELETE', headers: { Origin: SITE, Cookie: cookie } })).status).toBe(404);
    expect((await postForm(`/me/cpd/activities/${theirs}/delete`, new URLSearchParams())).status).toBe(404);
    expect((await get(ctx, `/me/cpd/activities/${theirs}`, cookie)).status).toBe(404);
    expect(repo().records.get('rec0123456789abcdef0123456789ab')!.reflection).toBe('Their secret thoughts');
    expect((await repo().log(personId('other@example.org'))).activities).toHaveLength(1);
  });
});

const BAD: [string, Record<string, unknown>, string][] = [
  ['hours 1.3', { hours: 1.3 }, 'hours'],
  ['hours 25', { hours: 25 }, 'hours'],
  ['hours -1', { hours: -1 }, 'hours'],
  ['a future date', { date: '2026-12-25' }, 'date'],
  ['not a real date', { date: '2026-02-30' }, 'date'],
  ['an unknown PKSB area', { areas: ['astrology'] }, 'areas'],
  ['a reflection of 5,001 characters', { reflection: 'x'.repeat(5001) }, 'reflection'],
  ['an empty title', { title: '' }, 'title'],
  ['a title of 201 characters', { title: 't'.repeat(201) }, 'title'],
  ['a provider of 201 characters', { provider: 'p'.repeat(201) }, 'provider'],
];

describe('adding an activity', () => {
  it('through the API stores it (hours as quarters) and the log sends it back', async () => {
    const res = await json('POST', '/api/me/cpd/activities', goodActivity);
    expect(res.status).toBe(201);
    const [a] = await activities();
    expect(a).toMatchObject({ title: 'CILIP webinar: metadata', provider: 'CILIP', quarters: 6, areas: ['organising-knowledge', 'research-skills'] });
    const log = (await (await ctx.app.request('/api/me/cpd', { headers: { Cookie: cookie } })).json()) as { activities: unknown[]; totals: { label: string; quarters: number }[] };
    expect(log.activities).toHaveLength(1);
    expect(log.totals).toEqual([expect.objectContaining({ label: '2026', quarters: 6 })]);
  });

  it.each(BAD)('through the API refuses %s with a 400 naming the field, and stores nothing', async (_name, over, field) => {
    const res = await json('POST', '/api/me/cpd/activities', { ...goodActivity, ...over });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { details: { field: string }[] };
    expect(body.details.map((d) => d.field.split('.')[0])).toContain(field);
    expect(await activities()).toEqual([]);
  });

  it.each(BAD)('through the no-JS form refuses %s with a 400, a summary, the field’s message and what was typed', async (_name, over, field) => {
    const sent = { ...goodActivity, ...over };
    const res = await postForm('/me/cpd/activities', asForm(sent));
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('<title>Error: Your CPD log');
    expect(page).toContain('There is a problem');
    expect(page).toMatch(new RegExp(`href="#add-${field}(-organising-knowledge)?"`));
    expect(page).toContain(`id="add-${field}-error"`);
    if (field !== 'title') expect(page).toContain('value="CILIP webinar: metadata"');
    if (field !== 'date') expect(page).toContain('value="2026-11-20"');
    if (field !== 'areas') expect(page).toMatch(/id="add-areas-research-skills" name="areas" value="research-skills" checked/);
    expect(await activities()).toEqual([]);
  });

  // Hours out of range, a date in the future (a rule that needs the clock) and an unknown area: one round, not three.
  const SEVERAL = { hours: 25, date: '2026-12-25', areas: ['astrology'] };

  it('through the API names every problem of a submission at once, the future date with the rest', async () => {
    const fields = async (res: Response) => {
      expect(res.status).toBe(400);
      return ((await res.json()) as { details: { field: string; message: string }[] }).details;
    };
    const added = await fields(await json('POST', '/api/me/cpd/activities', { ...goodActivity, ...SEVERAL }));
    expect(added.map((d) => d.field.split('.')[0])).toEqual(['date', 'hours', 'areas']);
    expect(added[0]!.message).toBe('The date must be today or earlier');
    expect(await activities()).toEqual([]);
    const made = (await (await json('POST', '/api/me/cpd/activities', goodActivity)).json()) as { activity: { id: string } };
    const edited = await fields(await json('PUT', `/api/me/cpd/activities/${made.activity.id}`, { ...goodActivity, ...SEVERAL, title: '' }));
    expect(edited.map((d) => d.field.split('.')[0])).toEqual(['date', 'title', 'hours', 'areas']);
    expect((await activities())[0]).toMatchObject({ title: 'CILIP webinar: metadata', quarters: 6 });
  });

  it('through the no-JS form lists every problem in the summary, each by its field, with what was typed', async () => {
    const res = await postForm('/me/cpd/activities', asForm({ ...goodActivity, ...SEVERAL }));
    expect(res.status).toBe(400);
    const page = await res.text();
    const from = page.indexOf('id="add-error-summary"');
    const summary = page.slice(from, page.indexOf('</ul>', from));
    expect(summary).toContain('autofocus');
    expect(summary.match(/<li><a href="#add-[\w-]+">/g)).toEqual(['<li><a href="#add-date">', '<li><a href="#add-hours">', '<li><a href="#add-areas-organising-knowledge">']);
    expect(summary).toContain('The date must be today or earlier');
    for (const field of ['date', 'hours', 'areas']) expect(page).toContain(`id="add-${field}-error"`);
    expect(page).toContain('value="2026-12-25"');
    expect(page).toContain('value="25"');
    expect(await activities()).toEqual([]);
    const edit = (((await (await json('POST', '/api/me/cpd/activities', goodActivity)).json()) as { activity: { id: string } }).activity.id);
    const again = await (await postForm(`/me/cpd/activities/${edit}`, asForm({ ...goodActivity, ...SEVERAL }))).text();
    for (const field of ['date', 'hours', 'areas']) expect(again).toContain(`id="edit-${field}-error"`);
  });

  it('null, a list and a string are 400s naming the body', async () => {
    for (const body of ['null', '[]', '"a string"']) {
      const res = await ctx.app.request('/api/me/cpd/activities', { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: SITE, Cookie: cookie }, body });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { details: { field: string }[] }).details[0]!.field).toBe('body');
    }
  });

  it('takes today (in the furthest-ahead zone) and a decimal comma on the form', async () => {
    const res = await postForm('/me/cpd/activities', asForm({ ...goodActivity, date: NOW.toISOString().slice(0, 10), hours: '0,75' }));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/me\/cpd\?done=added&at=activity-/);
    expect((await activities())[0]!.quarters).toBe(3);
  });
});

describe('editing and deleting an activity', () => {
  let id: string;
  beforeEach(async () => {
    id = (((await (await json('POST', '/api/me/cpd/activities', goodActivity)).json()) as { activity: { id: string } }).activity.id);
  });

  it('edits through the form (filled in) and the API, refusing every bad input and keeping what was stored', async () => {
    const form = await (await get(ctx, `/me/cpd/activities/${id}`, cookie)).text();
    expect(form).toContain('value="CILIP webinar: metadata"');
    expect(form).toContain('value="1.5"');
    for (const [, over, field] of BAD) {
      const res = await postForm(`/me/cpd/activities/${id}`, asForm({ ...goodActivity, ...over }));
      expect(res.status).toBe(400);
      expect(await res.text()).toContain(`id="edit-${field}-error"`);
      const api = await json('PUT', `/api/me/cpd/activities/${id}`, { ...goodActivity, ...over });
      expect(api.status).toBe(400);
    }
    expect((await activities())[0]).toMatchObject({ title: 'CILIP webinar: metadata', quarters: 6 });
    expect((await postForm(`/me/cpd/activities/${id}`, asForm({ ...goodActivity, title: 'Renamed', hours: 2 }))).status).toBe(303);
    expect((await activities())[0]).toMatchObject({ id, title: 'Renamed', quarters: 8 });
    expect((await json('PUT', `/api/me/cpd/activities/${id}`, { ...goodActivity, hours: 0.25 })).status).toBe(200);
    expect((await activities())[0]!.quarters).toBe(1);
  });

  it('deletes only after the confirmation page’s POST; the API deletes too', async () => {
    const confirm = await get(ctx, `/me/cpd/activities/${id}/delete`, cookie);
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain('Delete this activity?');
    expect(await activities()).toHaveLength(1);
    const res = await postForm(`/me/cpd/activities/${id}/delete`, new URLSearchParams());
    expect(res.status).toBe(303);
    expect(await activities()).toEqual([]);
    const second = (((await (await json('POST', '/api/me/cpd/activities', goodActivity)).json()) as { activity: { id: string } }).activity.id);
    expect((await ctx.app.request(`/api/me/cpd/activities/${second}`, { method: 'DELETE', headers: { Origin: SITE, Cookie: cookie } })).status).toBe(204);
    expect(await activities()).toEqual([]);
  });
});

describe('reflections', () => {
  it('saves a record’s reflection by form and API; over 5,000 characters comes back typed, with a 400', async () => {
    record();
    const path = '/me/cpd/records/rec0123456789abcdef0123456789ab/reflection';
    expect((await postForm(path, new URLSearchParams({ reflection: 'What?\r\nA good clinic.' }))).status).toBe(303);
    expect(repo().records.get('rec0123456789abcdef0123456789ab')!.reflection).toBe('What?\nA good clinic.');
    const long = `${'word '.repeat(300)}${'x'.repeat(4000)}`;
    const res = await postForm(path, new URLSearchParams({ reflection: long }));
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('The reflection must be 5,000 characters or fewer');
    expect(page).toContain(long);
    expect(page).toContain('301 of 250 words: more than the 250 most schemes ask for');
    expect(repo().records.get('rec0123456789abcdef0123456789ab')!.reflection).toBe('What?\nA good clinic.');
    expect((await json('PUT', '/api/me/cpd/records/rec0123456789abcdef0123456789ab/reflection', { reflection: 'x'.repeat(5001) })).status).toBe(400);
    expect((await json('PUT', '/api/me/cpd/records/rec0123456789abcdef0123456789ab/reflection', { reflection: 'word '.repeat(400) })).status).toBe(200);
    expect((await json('PUT', '/api/me/cpd/records/rec0123456789abcdef0123456789ab/reflection', null)).status).toBe(400);
  });
});

describe('hours per CPD year', () => {
  it('count by calendar year, or 1 July to 30 June across 30 June, as the person chooses', async () => {
    record({ id: 'r1', date: '2026-06-30', quarters: 4 });
    record({ id: 'r2', date: '2026-07-01', quarters: 8 });
    await json('POST', '/api/me/cpd/activities', { ...goodActivity, date: '2025-12-31', hours: 1 });
    const totals = async () => ((await (await ctx.app.request('/api/me/cpd', { headers: { Cookie: cookie } })).json()) as { totals: { label: string; quarters: number }[] }).totals.map((t) => [t.label, t.quarters]);
    expect(await totals()).toEqual([['2026', 12], ['2025', 4]]);
    expect((await postForm('/me/cpd/settings', new URLSearchParams({ yearKind: 'july' }))).status).toBe(303);
    expect(await totals()).toEqual([['2026–27', 8], ['2025–26', 8]]);
    const page = await (await get(ctx, '/me/cpd', cookie)).text();
    expect(page).toMatch(/<th scope="row">2026–27<\/th><td>2 hours<\/td>/);
    expect(page).toMatch(/id="cpd-settings-yearKind-july" name="yearKind" value="july" checked/);
    expect((await postForm('/me/cpd/settings', new URLSearchParams({ yearKind: 'lunar' }))).status).toBe(400);
    expect((await json('PUT', '/api/me/cpd/settings', { yearKind: 'lunar' })).status).toBe(400);
    expect((await json('PUT', '/api/me/cpd/settings', { yearKind: 'calendar' })).status).toBe(200);
    expect(await totals()).toEqual([['2026', 12], ['2025', 4]]);
  });
});

describe('the CSV', () => {
  it('has the header, a BOM, RFC 4180 quoting, injection-safe cells and both kinds of row', async () => {
    record({ reflection: 'Said "hello", then\nleft' });
    await json('POST', '/api/me/cpd/activities', { ...goodActivity, title: '=HYPERLINK("http://evil")', provider: '', reflection: '@SUM(1)', areas: ['research-skills', 'organising-knowledge'] });
    const res = await get(ctx, '/me/cpd/export.csv', cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="signpost-cpd-log.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe('"Date","Title","Provider","Hours","PKSB areas","Reflection","Type"');
    expect(lines[1]).toBe(`"2026-11-20","'=HYPERLINK(""http://evil"")","","1.5","Organising knowledge and information; Research skills","'@SUM(1)","Activity"`);
    expect(text).toContain('"2026-06-30","Cataloguing clinic","Library Camp","1.5","Organising knowledge and information","Said ""hello"", then\nleft","Record of attendance"');
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('filters by a period, and refuses a period that ends before it starts', async () => {
    record({ id: 'r1', date: '2026-06-30', title: 'June' });
    record({ id: 'r2', date: '2026-07-01', title: 'July' });
    const text = await (await get(ctx, '/me/cpd/export.csv?from=2026-07-01&to=2026-12-31', cookie)).text();
    expect(text).toContain('July');
    expect(text).not.toContain('June');
    const upTo = await get(ctx, '/me/cpd/export.csv?to=2026-06-30&from=', cookie);
    expect(upTo.headers.get('content-disposition')).toContain('signpost-cpd-log-to-2026-06-30.csv');
    expect(await upTo.text()).not.toContain('July');
    const bad = await get(ctx, '/me/cpd/export.csv?from=2026-07-01&to=2026-06-01', cookie);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('The end of the period must be on or after its start');
    expect((await get(ctx, '/me/cpd/export.csv?from=yesterday', cookie)).status).toBe(400);
  });
});

describe('deleting the log', () => {
  it('explains first and deletes nothing on GET; the confirm POST removes every record, activity and setting', async () => {
    record();
    await json('POST', '/api/me/cpd/activities', goodActivity);
    await json('PUT', '/api/me/cpd/settings', { yearKind: 'july' });
    const ask = await get(ctx, '/me/cpd/delete', cookie);
    expect(ask.status).toBe(200);
    const page = await ask.text();
    expect(page).toContain('Verification links you shared stop working');
    expect(page).toContain('(1 record)');
    expect(page).toMatch(/<form method="post" action="\/me\/cpd\/delete">/);
    expect(repo().records.size).toBe(1);
    expect(await activities()).toHaveLength(1);
    const done = await postForm('/me/cpd/delete', new URLSearchParams());
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Your CPD log is deleted');
    const log = await repo().log(personId(ME));
    expect(log).toEqual({ records: [], activities: [], settings: { yearKind: 'calendar' } });
    expect(repo().records.size).toBe(0);
  });

  it('is linked from “Your meetups”, and the privacy notice says whose the log is', async () => {
    expect(await (await get(ctx, '/me', cookie)).text()).toContain('<a href="/me/cpd">Your CPD log</a>');
    const { privacyMain } = await import('#views/info-pages.ts');
    const notice = privacyMain();
    expect(notice).toContain('kept until you delete it');
    expect(notice).toContain('Organisers never see your reflections');
    expect(notice).toMatch(/outlasts the RSVP, which still goes 30 days after the meetup/);
  });
});

describe('a record’s link for assessors, from the log page', () => {
  it('shows the link while it is on, turns it off and on again (a new link) by a form post, and only for its owner', async () => {
    const r = record({ id: 'r'.repeat(26), shared: true });
    const page = async () => (await (await get(ctx, '/me/cpd', cookie)).text()).replace(/&amp;/g, '&');
    const linkOf = (text: string) => /href="(https:\/\/events\.example\.org\/records\/r{26}#[\w-]+)"/.exec(text)?.[1];
    const first = linkOf(await page());
    expect(first).toBeDefined();
    expect(await page()).toContain('href="/me/cpd/records/rrrrrrrrrrrrrrrrrrrrrrrrrr.pdf"');

    const off = await postForm(`/me/cpd/records/${r.id}/share`, new URLSearchParams({ shared: 'no' }));
    expect(off.status).toBe(303);
    expect(off.headers.get('location')).toBe(`/me/cpd?done=unshared&at=record-${r.id}`);
    expect(repo().records.get(r.id)!.shared).toBe(false);
    const offPage = await page();
    expect(linkOf(offPage)).toBeUndefined();
    expect(offPage).toContain('Its link for assessors is off');

    expect((await postForm(`/me/cpd/records/${r.id}/share`, new URLSearchParams({ shared: 'yes' }))).status).toBe(303);
    const second = linkOf(await page());
    expect(second).toBeDefined();
    expect(second).not.toBe(first);

    // Someone else: refused, and nothing changes.
    const other = signIn(ctx, 'other@example.org');
    expect((await postForm(`/me/cpd/records/${r.id}/share`, new URLSearchParams({ shared: 'no' }), other)).status).toBe(404);
    expect(repo().records.get(r.id)!.shared).toBe(true);
    expect((await postForm(`/me/cpd/records/${r.id}/share`, new URLSearchParams({ shared: 'no' }), '')).status).toBe(401);
  });
});

describe('an edit racing the activity’s deletion', () => {
  it('answers 404, in the log’s own words, by the API and the form, and brings nothing back', async () => {
    const { afterNextRead } = await import('../support/cpd-races.ts');
    const log = inMemoryApp().deps.cpdLog;
    for (const by of ['api', 'form'] as const) {
      // The edit reads the activity; it is deleted (through the same app); then the edit writes.
      let deleted!: Response;
      const racing = inMemoryApp({ cpdLog: log }) as Ctx;
      const who = signIn(racing, ME);
      const added = await racing.app.request('/api/me/cpd/activities', { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: SITE, Cookie: who }, body: JSON.stringify(goodActivity) });
      const { id } = ((await added.json()) as { activity: { id: string } }).activity;
      const raced = afterNextRead(log, async () => {
        deleted = await racing.app.request(`/api/me/cpd/activities/${id}`, { method: 'DELETE', headers: { Origin: SITE, Cookie: who } });
      });
      const edit = inMemoryApp({ cpdLog: raced, sessions: racing.deps.sessions }).app;
      const res = by === 'api'
        ? await edit.request(`/api/me/cpd/activities/${id}`, { method: 'PUT', headers: { 'Content-Type': 'application/json', Origin: SITE, Cookie: who }, body: JSON.stringify({ ...goodActivity, title: 'Renamed' }) })
        : await edit.request(`/me/cpd/activities/${id}`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: SITE, Cookie: who }, body: asForm({ ...goodActivity, title: 'Renamed' }).toString() });
      expect(raced.ran()).toBe(true);
      expect(deleted.status).toBe(204);
      expect(res.status).toBe(404);
      if (by === 'api') expect(await res.json()).toEqual({ error: 'not_found', message: 'That activity is not in your CPD log.' });
      else expect(await res.text()).toContain('That activity is not in your CPD log.');
      expect((await log.log(personId(ME))).activities).toEqual([]);
    }
  });
});

describe('what just happened (?done=), from the address', () => {
  it('shows only the log’s own notices: an inherited name (constructor, toString, __proto__) is no notice at all', async () => {
    const notice = async (done: string) => /<div class="notice notice-success" role="status"[^>]*><p>([^<]*)<\/p>/.exec(await (await get(ctx, `/me/cpd?done=${done}`, cookie)).text())?.[1];
    expect(await notice('added')).toBe('Activity added to your log.');
    for (const done of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'nonsense']) {
      const res = await get(ctx, `/me/cpd?done=${done}`, cookie);
      expect(res.status, done).toBe(200);
      const page = await res.text();
      expect(page, done).not.toContain('notice-success');
      expect(page, done).not.toContain('[native code]');
    }
  });
});

describe('after a save, its notice where the person is (?done= with ?at=)', () => {
  /** The page's done notices: where each sits (the item it is inside, or the CPD year's form it is beside), and its words. */
  const notices = (page: string) => [...page.matchAll(/<div class="notice notice-success" role="status" id="cpd-done" tabindex="-1" autofocus><p>([^<]*)<\/p>/g)].map((m) => m[1]);
  const itemOf = (page: string) => {
    const at = page.indexOf('<div class="notice notice-success" role="status" id="cpd-done"');
    return /<li class="cpd-item[^"]*" id="([^"]+)">\n$/.exec(page.slice(0, at))?.[1];
  };
  const logAt = async (location: string) => (await get(ctx, location, cookie)).text();

  it('a reflection saved: the notice is at the top of that record, focusable and autofocused, once, and nowhere else', async () => {
    const r = record();
    const res = await postForm(`/me/cpd/records/${r.id}/reflection`, new URLSearchParams({ reflection: 'What? A clinic.' }));
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    // No #fragment: it would cancel the notice's autofocus without JavaScript.
    expect(location).toBe(`/me/cpd?done=reflection&at=record-${r.id}`);
    const page = await logAt(location);
    expect(notices(page)).toEqual(['Reflection saved.']);
    expect(page).toContain(`<li class="cpd-item" id="record-${r.id}">\n<div class="notice notice-success" role="status" id="cpd-done" tabindex="-1" autofocus><p>Reflection saved.</p></div>\n<h3>Cataloguing clinic</h3>`);
    expect(itemOf(page)).toBe(`record-${r.id}`);
    expect(page.match(/ autofocus/g)).toHaveLength(1);
    expect(page.match(/notice-success/g)).toHaveLength(1);
  });

  it('an activity added, edited or its reflection saved: at the top of that activity', async () => {
    const added = await postForm('/me/cpd/activities', asForm(goodActivity));
    const id = (await activities())[0]!.id;
    expect(added.headers.get('location')).toBe(`/me/cpd?done=added&at=activity-${id}`);
    expect(itemOf(await logAt(added.headers.get('location')!))).toBe(`activity-${id}`);
    const edited = await postForm(`/me/cpd/activities/${id}`, asForm({ ...goodActivity, title: 'Renamed' }));
    expect(edited.headers.get('location')).toBe(`/me/cpd?done=saved&at=activity-${id}`);
    const editedPage = await logAt(edited.headers.get('location')!);
    expect(notices(editedPage)).toEqual(['Activity saved.']);
    expect(itemOf(editedPage)).toBe(`activity-${id}`);
    const reflected = await postForm(`/me/cpd/activities/${id}/reflection`, new URLSearchParams({ reflection: 'Good.' }));
    expect(reflected.headers.get('location')).toBe(`/me/cpd?done=reflection&at=activity-${id}`);
    expect(itemOf(await logAt(reflected.headers.get('location')!))).toBe(`activity-${id}`);
  });

  it('a record’s link turned off or on: in that record', async () => {
    const r = record({ id: 'r'.repeat(26), shared: true });
    const off = await postForm(`/me/cpd/records/${r.id}/share`, new URLSearchParams({ shared: 'no' }));
    expect(off.status, await off.clone().text()).toBe(303);
    const page = await logAt(off.headers.get('location')!);
    expect(notices(page)).toEqual(['The record’s link is off: nobody can see the record from it now.']);
    expect(itemOf(page)).toBe(`record-${r.id}`);
  });

  it('the CPD year saved: beside its form (after the hours it counts), not at the page’s top', async () => {
    record();
    const res = await postForm('/me/cpd/settings', new URLSearchParams({ yearKind: 'july' }));
    expect(res.headers.get('location')).toBe('/me/cpd?done=settings');
    const page = await logAt('/me/cpd?done=settings');
    expect(notices(page)).toEqual(['Your CPD year is saved: the hours above count by it.']);
    expect(page).toMatch(/<\/table>\n<div class="notice notice-success" role="status" id="cpd-done"[^>]*><p>Your CPD year is saved: the hours above count by it\.<\/p><\/div>\n<form method="post" action="\/me\/cpd\/settings"/);
  });

  it('an activity deleted, or ?at= naming nothing in the log (or nonsense): once, at the page’s top', async () => {
    await postForm('/me/cpd/activities', asForm(goodActivity));
    const id = (await activities())[0]!.id;
    const deleted = await postForm(`/me/cpd/activities/${id}/delete`, new URLSearchParams());
    expect(deleted.headers.get('location')).toBe('/me/cpd?done=deleted');
    for (const location of ['/me/cpd?done=deleted', '/me/cpd?done=reflection&at=record-nothere', '/me/cpd?done=added&at=%3Cscript%3E']) {
      const page = await logAt(location);
      expect(notices(page), location).toHaveLength(1);
      expect(page, location).toMatch(/<p class="lead">[^<]*<\/p>\n<div class="notice notice-success" role="status" id="cpd-done"/);
      expect(page, location).not.toContain('<script>');
    }
  });

  it('a form sent back with problems shows no done notice, and ?record= keeps its reflection’s autofocus without one', async () => {
    const r = record();
    const page = await (await postForm(`/me/cpd/records/${r.id}/reflection`, new URLSearchParams({ reflection: 'x'.repeat(5001) }))).text();
    expect(page).not.toContain('id="cpd-done"');
    const opened = await logAt(`/me/cpd?record=${r.id}`);
    expect(opened).not.toContain('id="cpd-done"');
    expect(opened.match(/ autofocus/g)).toHaveLength(1);
  });
});

describe('turning a record’s link off, said before it is pressed', () => {
  it('says every copy stops for good and a new link is a different one, while the link is on, tied to the button', async () => {
    const r = record({ shared: true });
    const page = await (await get(ctx, '/me/cpd', cookie)).text();
    expect(page).toContain(`<p class="hint" id="share-${r.id}-hint">Turning it off stops this link everywhere, including in your record’s email and any PDF you downloaded; a new link will be a different one.</p>`);
    expect(page).toContain(`<button type="submit" class="button button-secondary" aria-describedby="share-${r.id}-hint">Turn the link off`);
    repo().records.set(r.id, { ...r, shared: false });
    const off = await (await get(ctx, '/me/cpd', cookie)).text();
    expect(off).not.toContain('Turning it off stops this link');
    expect(off).toContain('Make a new link');
  });
});

describe('the “Delete my CPD log” confirmation', () => {
  it('says what an assessor sees as the record page says it, and offers the CSV before the red button', async () => {
    record({ shared: true });
    const page = await (await get(ctx, '/me/cpd/delete', cookie)).text();
    expect(page).not.toContain('is told the record is not there');
    expect(page).toContain('anyone who opens one sees that the record can’t be shown, as for a link that is wrong or turned off.');
    const csv = page.indexOf('Download your log as CSV first');
    const button = page.indexOf('<button type="submit" class="button button-danger">Delete my CPD log</button>');
    expect(csv).toBeGreaterThan(0);
    expect(button).toBeGreaterThan(csv);
  });
});
