// Test support: a meetup listed and published through the API as an organiser does (the confirmation email read from
// the SES emulator), and people given a place: each RSVP requested straight through the repository (no email round
// trip) and confirmed through the API, so the places are counted as the real confirmation counts them.
import { expect } from 'vitest';
import type { Clock } from '#functions/core/clock.ts';
import { outboxMessage } from '#functions/core/email.ts';
import { hashSecret, newId, newToken } from '#functions/core/ids.ts';
import { newRsvpFields } from '#functions/rsvps/rsvp.ts';
import { inbox, linkFrom, type testStack } from './stack.ts';

type Stack = Awaited<ReturnType<typeof testStack>>;
type App = { request: (path: string, init?: RequestInit) => Response | Promise<Response> };

export const postJson = (app: App, path: string, body: unknown) =>
  app.request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

/** Lists `fields` (over a plain in-person meetup on 10 December 2026, 12:30 London) and publishes it from the emailed link. */
export async function publishedMeetup(stack: Stack, app: App, fields: Record<string, unknown> = {}) {
  const organiser = `org-${newId(8)}@example.org`;
  const res = await postJson(app, '/api/events', {
    title: `Test meetup ${newId(4)}`, description: 'Bring records.', start: '2026-12-10T12:30', end: '2026-12-10T13:30', timezone: 'Europe/London',
    format: 'in_person', venue: 'Central Library', accessibility: 'Step-free access.', organiserName: 'Aoife', organiserEmail: organiser, ...fields,
  });
  expect(res.status).toBe(202);
  await stack.deliver();
  const { id, token } = linkFrom((await inbox(stack.sesEndpoint, organiser)).at(-1)!, 'confirm');
  expect((await postJson(app, `/api/events/${id}/publish`, { token })).status).toBe(200);
  return { id, manage: token, organiser };
}

/** `count` people who asked for a place and confirmed it: each with their status after confirming (confirmed, or waitlisted when full). */
export async function peopleWithPlaces(stack: Stack, app: App, clock: Clock, eventId: string, count: number, name = (i: number) => `Person ${i}`) {
  const event = (await stack.deps.events.get(eventId))!;
  const out: { key: string; email: string; status: string }[] = [];
  for (let i = 0; i < count; i++) {
    const token = newToken();
    const email = `p-${newId(8)}@example.org`;
    const fields = newRsvpFields(event, { name: name(i), email }, hashSecret(token), clock.now());
    await stack.deps.rsvps.request(fields, [], outboxMessage({ to: email, subject: 's', text: 't', html: 'h' }, 'rsvp-confirm-link', clock.now()));
    const res = await postJson(app, `/api/events/${eventId}/rsvps/${fields.key}/confirm`, { token });
    expect(res.status).toBe(200);
    out.push({ key: fields.key, email, status: ((await res.json()) as { status: string }).status });
  }
  return out;
}
