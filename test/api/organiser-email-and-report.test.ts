// API: changing the organiser address (asked for by an edit, confirmed from a link to the new address, the old one
// told and able to stop it) and "Report this meetup" (a form that works without JavaScript, to the operator).
import { describe, expect, it } from 'vitest';
import { inMemoryApp, tokenFrom, validMeetup } from '../support/fakes.ts';
import { fixedClock } from '#functions/core/clock.ts';
import type { OutboxMessage } from '#functions/core/email.ts';

const json = (body: unknown, method = 'POST') => ({ method, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const form = (fields: Record<string, string>) => ({
  method: 'POST',
  body: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});
const OLD = 'sam.organiser@example.org';
const NEW = 'sam.new@example.net';
const OPERATOR = 'operator@example.org';

async function published(over: Parameters<typeof inMemoryApp>[0] = {}) {
  const clock = fixedClock('2026-11-27T09:00:00Z');
  const ctx = inMemoryApp({ clock, operatorEmail: OPERATOR, ...over });
  await ctx.app.request('/api/events', json(validMeetup()));
  const { id, token } = tokenFrom(ctx.events.outbox[0]!);
  const pub = await ctx.app.request(`/api/events/${id}/publish`, json({ token }));
  const { version } = (await pub.json()) as { version: number };
  return { ...ctx, clock, id, token, version };
}

const linkToken = (email: OutboxMessage, kind: 'token' | 'stop') => {
  const m = new RegExp(`/organiser-email/([a-z0-9]+)#${kind}=([A-Za-z0-9_-]{43})`).exec(email.text);
  if (!m) throw new Error(`no ${kind} link in "${email.subject}"`);
  return m[2]!;
};

describe('changing the organiser address', () => {
  async function requested() {
    const ctx = await published();
    const res = await ctx.app.request(`/api/events/${ctx.id}`, json({ ...validMeetup({ title: 'Lunch club (renamed)', organiserEmail: NEW }), token: ctx.token, version: ctx.version }, 'PUT'));
    expect(res.status).toBe(200);
    const managed = (await res.json()) as { title: string; organiserEmail: string; pendingOrganiserEmail?: string; version: number };
    const toNew = ctx.events.outbox.find((m) => m.to === NEW)!;
    const toOld = ctx.events.outbox.find((m) => m.purpose === 'organiser-email-requested')!;
    return { ...ctx, managed, toNew, toOld };
  }

  it('saves the other fields but not the address: it emails a link to the new address and a notice to the old one', async () => {
    const { managed, toNew, toOld, events, id } = await requested();
    expect(managed).toMatchObject({ title: 'Lunch club (renamed)', organiserEmail: OLD, pendingOrganiserEmail: NEW });
    expect(events.events.get(id)!.organiserEmail).toBe(OLD);
    expect(toNew).toMatchObject({ purpose: 'organiser-email-confirm', subject: 'Confirm your email address for Lunch club (renamed)' });
    expect(toNew.text).toMatch(/within 24 hours/);
    expect(toOld).toMatchObject({ to: OLD, subject: 'Change of organiser address asked for: Lunch club (renamed)' });
    expect(toOld.text).toContain(`Someone asked to move Lunch club (renamed) to ${NEW}.`);
    expect(toOld.text).toMatch(/If this wasn't you/);
    // Tokens are kept only as hashes, bound to the meetup and the new address.
    const stored = JSON.stringify(events.events.get(id));
    expect(stored).not.toContain(linkToken(toNew, 'token'));
    expect(stored).not.toContain(linkToken(toOld, 'stop'));
    expect(events.events.get(id)!.organiserEmailChange).toMatchObject({ email: NEW, tokenHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('a save that sends back the current or the waiting address sends nothing more', async () => {
    const { app, id, token, managed, events } = await requested();
    const before = events.outbox.length;
    for (const [i, address] of [OLD, NEW].entries()) {
      const res = await app.request(`/api/events/${id}`, json({ ...validMeetup({ organiserEmail: address }), token, version: managed.version + i }, 'PUT'));
      expect(await res.json()).toMatchObject({ organiserEmail: OLD, pendingOrganiserEmail: NEW });
    }
    expect(events.outbox).toHaveLength(before);
  });

  it('confirming with the token makes it the address, sends a new manage link there, tells the old one, and is idempotent', async () => {
    const { app, id, token, toNew, events } = await requested();
    const confirm = () => app.request(`/api/events/${id}/organiser-email/confirm`, json({ token: linkToken(toNew, 'token') }));
    const first = await confirm();
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ status: 'changed', already: false, title: 'Lunch club (renamed)', organiserEmail: NEW });
    expect(events.events.get(id)!.organiserEmail).toBe(NEW);
    const welcome = events.outbox.find((m) => m.purpose === 'organiser-email-welcome')!;
    const changed = events.outbox.find((m) => m.purpose === 'organiser-email-changed')!;
    expect(welcome.to).toBe(NEW);
    expect(changed).toMatchObject({ to: OLD, subject: 'Organiser address changed: Lunch club (renamed)' });
    const newManage = /\/manage\/[a-z0-9]+#token=([A-Za-z0-9_-]{43})/.exec(welcome.text)![1]!;
    // Control follows the address: the new manage link works, the old one no longer does.
    expect((await app.request(`/api/events/${id}/manage`, json({ token: newManage }))).status).toBe(200);
    expect((await app.request(`/api/events/${id}/manage`, json({ token }))).status).toBe(403);
    const again = await confirm();
    expect(await again.json()).toMatchObject({ status: 'changed', already: true, organiserEmail: NEW });
    expect(events.outbox.filter((m) => m.purpose === 'organiser-email-welcome')).toHaveLength(1);
  });

  it('refuses a wrong token (403), an expired link (403) and a malformed one (400)', async () => {
    const { app, id, toNew, clock, events } = await requested();
    const post = (token: string) => app.request(`/api/events/${id}/organiser-email/confirm`, json({ token }));
    const wrong = await post('A'.repeat(43));
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as { error: string }).error).toBe('invalid_token');
    expect((await post('short')).status).toBe(400);
    clock.set('2026-11-28T09:00:01Z');
    const expired = await post(linkToken(toNew, 'token'));
    expect(expired.status).toBe(403);
    expect(await expired.json()).toMatchObject({ error: 'link_expired', message: expect.stringMatching(/has not changed/) });
    expect(events.events.get(id)!.organiserEmail).toBe(OLD);
    const managed = (await (await app.request(`/api/events/${id}/manage`, json({ token: tokenFrom(events.outbox[0]!).token }))).json()) as Record<string, unknown>;
    expect(managed).not.toHaveProperty('pendingOrganiserEmail');
  });

  it('the old address can stop it; the new address then cannot confirm', async () => {
    const { app, id, toNew, toOld, events } = await requested();
    const stop = await app.request(`/api/events/${id}/organiser-email/stop`, json({ token: linkToken(toOld, 'stop') }));
    expect(await stop.json()).toEqual({ status: 'stopped', already: false, title: 'Lunch club (renamed)', organiserEmail: OLD });
    const late = await app.request(`/api/events/${id}/organiser-email/confirm`, json({ token: linkToken(toNew, 'token') }));
    expect(late.status).toBe(403);
    expect(((await late.json()) as { error: string }).error).toBe('change_stopped');
    expect(events.events.get(id)!.organiserEmail).toBe(OLD);
    // The confirm token does not stop, nor the stop token confirm.
    expect((await app.request(`/api/events/${id}/organiser-email/stop`, json({ token: linkToken(toNew, 'token') }))).status).toBe(403);
  });

  it('is limited per new address, like listing', async () => {
    const { app, id, token, version } = await published();
    const statuses: number[] = [];
    // Two addresses in turn, so each save asks again (the one waiting is the other): five an hour to each.
    for (let i = 0; i < 11; i++) {
      const res = await app.request(`/api/events/${id}`, json({ ...validMeetup({ organiserEmail: i % 2 ? NEW : 'other@example.net' }), token, version: version + i }, 'PUT'));
      statuses.push(res.status);
      if (res.status === 429) expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    }
    expect(statuses).toEqual([...Array<number>(10).fill(200), 429]);
  });
});

describe('Report this meetup', () => {
  it('shows a form that works without JavaScript, and a 404 page for a meetup that is not published', async () => {
    const { app, id } = await published();
    const res = await app.request(`/events/${id}/report`);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain(`<form class="report-form" id="report-form" method="post" action="/events/${id}/report" novalidate>`);
    expect(page).toMatch(/name="reason" value="spam"/);
    expect(page).toContain('name="details"');
    expect(page).toContain('name="replyTo"');
    expect(page).not.toMatch(/<script(?! type="module" src="\/assets\/)/);
    expect((await app.request('/events/nosuchmeetup/report')).status).toBe(404);
    expect(res.headers.get('location')).toBeNull();
  });

  it('emails the operator through the outbox and thanks the reporter', async () => {
    const { app, id, events } = await published();
    const res = await app.request(`/events/${id}/report`, form({ reason: 'not-free', details: 'They charge £20 at the door.', replyTo: 'kim@example.net' }));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Thank you for your report');
    const report = events.outbox.find((m) => m.purpose === 'meetup-report')!;
    expect(report).toMatchObject({ to: OPERATOR, replyTo: 'kim@example.net' });
    expect(report.subject).toBe('Report: New professionals lunch club (It is not free, or not open as it says)');
    expect(report.text).toContain('They charge £20 at the door.');
    expect(report.text).toContain(OLD);
    expect(report.text).toContain(`/events/${id}/new-professionals-lunch-club`);
  });

  it('shows the form again with the values kept and every problem named', async () => {
    const { app, id, events } = await published();
    const res = await app.request(`/events/${id}/report`, form({ reason: 'other', details: '', replyTo: 'not an address' }));
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('There is a problem');
    expect(page).toContain('Say what is wrong, as you chose “Something else”');
    expect(page).toContain('Enter an email address in the correct format, like name@example.org');
    expect(page).toContain('value="not an address"');
    expect(page).toMatch(/value="other" checked/);
    const none = await app.request(`/events/${id}/report`, form({ details: 'Hmm' }));
    expect(await none.text()).toContain('Choose what is wrong');
    expect(events.outbox.some((m) => m.purpose === 'meetup-report')).toBe(false);
  });

  it('thanks a bot that fills the trap, and sends nothing', async () => {
    const { app, id, events } = await published();
    const res = await app.request(`/events/${id}/report`, form({ reason: 'spam', website: 'https://spam.example' }));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Thank you for your report');
    expect(events.outbox.some((m) => m.purpose === 'meetup-report')).toBe(false);
  });

  it('is limited per IP, with the form kept and Retry-After', async () => {
    const { app, id, events } = await published();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await app.request(`/events/${id}/report`, form({ reason: 'spam', details: `try ${i}` }))).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await app.request(`/events/${id}/report`, form({ reason: 'spam', details: 'again' }));
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await limited.text()).toContain('What you wrote is still here');
    expect(events.outbox.filter((m) => m.purpose === 'meetup-report')).toHaveLength(5);
  });

  it('refuses a JSON post, and says plainly when no operator address is set', async () => {
    const { app, id } = await published();
    expect((await app.request(`/events/${id}/report`, json({ reason: 'spam' }))).status).toBe(415);
    const off = await published({ operatorEmail: undefined });
    const res = await off.app.request(`/events/${off.id}/report`);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('Reports are not taken here');
  });

  it('is not swallowed by the event page or its canonical-slug redirect', async () => {
    const { app, id } = await published();
    const res = await app.request(`/events/${id}/report`);
    expect(res.status).toBe(200);
    expect((await app.request(`/events/${id}/report/`)).status).not.toBe(500);
  });
});
