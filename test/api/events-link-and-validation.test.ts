// API: the joining link is private by default (public API, list, page, OpenAPI), and validation names every problem
// in one round, cross-field and clock checks included, in the words of the form's labels.
import { describe, expect, it } from 'vitest';
import { inMemoryApp, tokenFrom, validMeetup } from '../support/fakes.ts';
import { apiDocument } from '#functions/apps/api/openapi.ts';
import { checkEventEdit, checkEventInput } from '#functions/events/event.schema.ts';

const json = (body: unknown, method = 'POST') => ({ method, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const LINK = 'https://meet.example.org/secret-room';
type Issue = { field: string; message: string };

async function published(over: Record<string, unknown> = {}) {
  const ctx = inMemoryApp();
  const res = await ctx.app.request('/api/events', json(validMeetup({ format: 'online', venue: undefined, onlineUrl: LINK, ...over })));
  expect(res.status).toBe(202);
  const { id, token } = tokenFrom(ctx.events.outbox[0]!);
  const pub = await ctx.app.request(`/api/events/${id}/publish`, json({ token }));
  expect(pub.status).toBe(200);
  const { version } = (await pub.json()) as { version: number };
  return { ...ctx, id, token, version };
}

async function publicTexts(app: ReturnType<typeof inMemoryApp>['app'], id: string) {
  const one = await app.request(`/api/events/${id}`);
  const list = await app.request('/api/events');
  const page = await app.request(`/events/${id}/new-professionals-lunch-club`);
  expect([one.status, list.status, page.status]).toEqual([200, 200, 200]);
  return { one: (await one.json()) as Record<string, unknown>, list: await list.text(), page: await page.text() };
}

describe('the joining link', () => {
  it('is private by default: not in GET /api/events/:id, the list or the page, which say only that there is one', async () => {
    const { app, id, token } = await published();
    const { one, list, page } = await publicTexts(app, id);
    expect(one.joinLink).toBe('private');
    expect(one).not.toHaveProperty('onlineUrl');
    for (const text of [JSON.stringify(one), list, page]) expect(text).not.toContain('secret-room');
    // The organiser still sees it, and that it is private.
    const managed = (await (await app.request(`/api/events/${id}/manage`, json({ token }))).json()) as Record<string, unknown>;
    expect(managed).toMatchObject({ onlineUrl: LINK, onlineUrlPublic: false, joinLink: 'private' });
  });

  it('is public when the organiser chose "Anyone may join", and gone from everything public once cancelled', async () => {
    const { app, id, token } = await published({ onlineUrlPublic: true });
    const before = await publicTexts(app, id);
    expect(before.one).toMatchObject({ joinLink: 'public', onlineUrl: LINK });
    await app.request(`/api/events/${id}/cancel`, json({ token }));
    const after = await publicTexts(app, id);
    expect(after.one.status).toBe('cancelled');
    expect(after.one).not.toHaveProperty('onlineUrl');
    for (const text of [JSON.stringify(after.one), after.list, after.page]) expect(text).not.toContain('secret-room');
  });

  it('keeps or changes its privacy through the edit flow', async () => {
    const { app, id, token, version } = await published();
    const edit = (over: Record<string, unknown>, v: number) =>
      app.request(`/api/events/${id}`, json({ ...validMeetup({ format: 'online', venue: undefined, onlineUrl: LINK, ...over }), token, version: v }, 'PUT'));
    const opened = await edit({ onlineUrlPublic: true }, version);
    expect(opened.status).toBe(200);
    const v2 = (await opened.json()) as { version: number; onlineUrlPublic: boolean };
    expect(v2.onlineUrlPublic).toBe(true);
    expect(((await (await app.request(`/api/events/${id}`)).json()) as { onlineUrl?: string }).onlineUrl).toBe(LINK);
    // Leaving the box unticked (or the field out) makes it private again.
    const closed = await edit({}, v2.version);
    expect(((await closed.json()) as { onlineUrlPublic: boolean }).onlineUrlPublic).toBe(false);
    expect((await publicTexts(app, id)).one).not.toHaveProperty('onlineUrl');
    // In person, there is no link to be public.
    const inPerson = await edit({ format: 'in_person', venue: 'Central Library', onlineUrl: undefined, onlineUrlPublic: true }, v2.version + 1);
    expect(await inPerson.json()).toMatchObject({ onlineUrlPublic: false });
  });

  it('is described so in the OpenAPI document', () => {
    const doc = JSON.stringify(apiDocument());
    const schemas = (apiDocument() as { components: { schemas: Record<string, { properties: Record<string, { description?: string; enum?: string[] }> }> } }).components.schemas;
    expect(schemas.PublicEvent!.properties.joinLink!.enum).toEqual(['public', 'private']);
    expect(schemas.PublicEvent!.properties.onlineUrl!.description).toMatch(/only when joinLink is 'public' and the meetup is not cancelled/i);
    expect(schemas.EventInput!.properties.onlineUrlPublic!.description).toMatch(/Anyone may join/);
    expect(schemas.ManagedEvent!.properties).toHaveProperty('onlineUrlPublic');
    expect(schemas.ManagedEvent!.properties).toHaveProperty('pendingOrganiserEmail');
    expect(doc).toContain('/api/events/{id}/organiser-email/confirm');
  });
});

describe('validation, in one round', () => {
  const issuesOf = async (res: Response) => ((await res.json()) as { details: Issue[] }).details;

  it('reports every problem at once, cross-field ones and a past start included, even when other fields are wrong', async () => {
    const { app, events } = inMemoryApp();
    const res = await app.request(
      '/api/events',
      json(validMeetup({ title: 'x', organiserEmail: 'not an address', start: '2026-11-01T10:00', end: '2026-11-01T09:00', venue: '' })),
    );
    expect(res.status).toBe(400);
    const issues = await issuesOf(res);
    expect(issues).toEqual(
      expect.arrayContaining([
        { field: 'title', message: 'Title must be 3 characters or more' },
        { field: 'organiserEmail', message: 'Enter an email address in the correct format, like name@example.org' },
        { field: 'end', message: 'End must be after the start' },
        { field: 'venue', message: 'Enter the venue name and address for an in-person or hybrid meetup' },
        { field: 'start', message: 'Start must be in the future' },
      ]),
    );
    expect(issues.filter((i) => i.field === 'end')).toHaveLength(1);
    expect(events.events.size).toBe(0);
  });

  it('asks for the joining link of an online meetup while naming a bad capacity, and a time the clocks skip', async () => {
    const { app } = inMemoryApp();
    const res = await app.request('/api/events', json(validMeetup({ format: 'online', venue: undefined, capacity: 2.5, start: '2027-03-28T01:30', end: '2027-03-28T03:00' })));
    expect(await issuesOf(res)).toEqual(
      expect.arrayContaining([
        { field: 'onlineUrl', message: 'Enter the joining link for an online or hybrid meetup' },
        { field: 'capacity', message: 'Number of places must be a whole number' },
        { field: 'start', message: 'That time does not exist in London time: the clocks go forward then' },
      ]),
    );
  });

  it('words an edit exactly as a new listing, and lets a meetup under way keep its past start', async () => {
    const { app, id, token, version } = await published();
    const bad = { title: '', start: '2026-11-01T10:00', end: '2026-11-01T09:00', format: 'online', venue: undefined, onlineUrl: '' };
    const created = await issuesOf(await inMemoryApp().app.request('/api/events', json(validMeetup(bad))));
    const edited = await issuesOf(await app.request(`/api/events/${id}`, json({ ...validMeetup(bad), token, version }, 'PUT')));
    expect(edited).toEqual(created);
    expect(edited.map((i) => i.field).sort()).toEqual(['end', 'onlineUrl', 'start', 'title']);

    const now = new Date('2026-12-03T12:45:00Z'); // a quarter of an hour into the meetup
    const current = { startLocal: '2026-12-03T12:30', timezone: 'Europe/London' };
    const later = { ...validMeetup({ end: '2026-12-03T14:00' }), token: 'a'.repeat(43), version: 2 };
    expect(checkEventEdit(later, now, current)).toMatchObject({ ok: true });
    expect(checkEventEdit({ ...later, start: '2026-12-03T12:40' }, now, current)).toEqual({ ok: false, issues: [{ field: 'start', message: 'Start must be in the future' }] });
  });

  it('names the body when it is not an object, and each missing field by its label', () => {
    const now = new Date('2026-11-27T09:00:00Z');
    expect(checkEventInput(null, now)).toEqual({ ok: false, issues: [expect.objectContaining({ field: 'body' })] });
    const missing = checkEventInput({}, now);
    expect(missing.ok).toBe(false);
    expect(missing.ok ? [] : missing.issues).toEqual(
      expect.arrayContaining([
        { field: 'title', message: 'Enter a title' },
        { field: 'description', message: 'Enter what will happen' },
        { field: 'start', message: 'Enter the start date and time' },
        { field: 'end', message: 'Enter the end date and time' },
        { field: 'organiserName', message: 'Enter your name' },
        { field: 'organiserEmail', message: 'Enter your email address' },
      ]),
    );
  });
});
