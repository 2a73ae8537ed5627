// Integration: changing a meetup's organiser address, end to end on DynamoDB Local and the SES emulator: the edit
// asks for it (link to the new address, notice to the old, in the same write as the save), the link confirms it, and
// a new manage link goes to the new address while the old one stops working. Also "Report this meetup" to the operator.
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '#functions/apps/api/app.ts';
import { fixedClock } from '#functions/core/clock.ts';
import { inbox, linkFrom, testStack, type StoredEmail } from '../support/stack.ts';

const clock = fixedClock('2026-11-27T09:00:00Z');
let stack: Awaited<ReturnType<typeof testStack>>;
let app: ReturnType<typeof createApp>;
const OPERATOR = `operator-${Math.random().toString(36).slice(2)}@signpost.local`;

const meetup = (organiserEmail: string, overrides: Record<string, unknown> = {}) => ({
  title: 'Metadata meetup',
  description: 'Bring a record you are stuck on.',
  start: '2026-12-10T13:00',
  end: '2026-12-10T14:00',
  timezone: 'Europe/London',
  format: 'in_person',
  venue: 'Central Library, Manchester',
  organiserName: 'Aoife',
  organiserEmail,
  tags: [],
  ...overrides,
});

const send = (method: string, path: string, body: unknown) =>
  app.request(path, { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const textOf = (m: StoredEmail) => m.body.text ?? '';
const fragment = (m: StoredEmail, kind: 'token' | 'stop') => {
  const found = new RegExp(`/organiser-email/[a-z0-9]+#${kind}=([A-Za-z0-9_-]{43})`).exec(textOf(m));
  if (!found) throw new Error(`No ${kind} link in "${m.subject}"`);
  return found[1]!;
};
const one = async (to: string, subject: RegExp) => {
  const found = (await inbox(stack.sesEndpoint, to)).filter((m) => subject.test(m.subject));
  expect(found).toHaveLength(1);
  return found[0]!;
};

beforeAll(async () => {
  stack = await testStack(clock);
  app = createApp({ ...stack.deps, operatorEmail: OPERATOR });
});

describe('changing the organiser address', () => {
  it('needs the new address confirmed by a link, tells the old one, and hands over the manage link', async () => {
    const tag = Math.random().toString(36).slice(2);
    const oldAddress = `old-${tag}@example.org`;
    const newAddress = `new-${tag}@example.net`;
    expect((await send('POST', '/api/events', meetup(oldAddress))).status).toBe(202);
    await stack.deliver();
    const { id, token } = linkFrom(await one(oldAddress, /^Confirm your meetup/), 'confirm');
    const published = await send('POST', `/api/events/${id}/publish`, { token });
    const { version } = (await published.json()) as { version: number };

    const edited = await send('PUT', `/api/events/${id}`, { ...meetup(newAddress, { title: 'Metadata meetup (moved online)', format: 'online', venue: undefined, onlineUrl: 'https://meet.example.org/m' }), token, version });
    expect(edited.status).toBe(200);
    expect(await edited.json()).toMatchObject({ title: 'Metadata meetup (moved online)', organiserEmail: oldAddress, pendingOrganiserEmail: newAddress });
    await stack.deliver();

    const confirmMail = await one(newAddress, /^Confirm your email address for Metadata meetup \(moved online\)$/);
    const notice = await one(oldAddress, /^Change of organiser address asked for/);
    expect(textOf(notice).replace(/\s+/g, ' ')).toContain(`Someone asked to move Metadata meetup (moved online) to ${newAddress}.`);
    expect(textOf(notice)).toMatch(/#stop=/);
    expect(confirmMail.body.html).toMatch(/<a [^>]*href="http:\/\/localhost:3000\/organiser-email\/[a-z0-9]+#token=/);

    // A wrong token changes nothing; the right one does, once.
    expect((await send('POST', `/api/events/${id}/organiser-email/confirm`, { token: 'B'.repeat(43) })).status).toBe(403);
    const confirmed = await send('POST', `/api/events/${id}/organiser-email/confirm`, { token: fragment(confirmMail, 'token') });
    expect(await confirmed.json()).toMatchObject({ status: 'changed', already: false, organiserEmail: newAddress });
    const again = await send('POST', `/api/events/${id}/organiser-email/confirm`, { token: fragment(confirmMail, 'token') });
    expect(await again.json()).toMatchObject({ already: true });
    await stack.deliver();

    const welcome = await one(newAddress, /^You now manage Metadata meetup/);
    await one(oldAddress, /^Organiser address changed: Metadata meetup/);
    const manage = linkFrom(welcome, 'manage');
    const now = await send('POST', `/api/events/${id}/manage`, { token: manage.token });
    expect(now.status).toBe(200);
    const managed = (await now.json()) as Record<string, unknown>;
    expect(managed).toMatchObject({ organiserEmail: newAddress });
    expect(managed).not.toHaveProperty('pendingOrganiserEmail');
    expect((await send('POST', `/api/events/${id}/manage`, { token })).status).toBe(403);
    // The public side never shows either address.
    const publicText = await (await app.request(`/api/events/${id}`)).text();
    expect(publicText).not.toContain(tag);
  });

  it('can be stopped from the old address, after which the link to the new one does nothing', async () => {
    const tag = Math.random().toString(36).slice(2);
    const oldAddress = `keep-${tag}@example.org`;
    const newAddress = `intruder-${tag}@example.net`;
    await send('POST', '/api/events', meetup(oldAddress));
    await stack.deliver();
    const { id, token } = linkFrom(await one(oldAddress, /^Confirm your meetup/), 'confirm');
    const edited = await send('PUT', `/api/events/${id}`, { ...meetup(newAddress), token, version: 1 });
    expect(edited.status).toBe(200);
    await stack.deliver();
    const stop = await send('POST', `/api/events/${id}/organiser-email/stop`, { token: fragment(await one(oldAddress, /^Change of organiser address/), 'stop') });
    expect(await stop.json()).toMatchObject({ status: 'stopped', already: false, organiserEmail: oldAddress });
    const late = await send('POST', `/api/events/${id}/organiser-email/confirm`, { token: fragment(await one(newAddress, /^Confirm your email address/), 'token') });
    expect(late.status).toBe(403);
    expect((await send('POST', `/api/events/${id}/manage`, { token })).status).toBe(200);
  });
});

describe('Report this meetup', () => {
  it('reaches the operator through the outbox and the mailer', async () => {
    const tag = Math.random().toString(36).slice(2);
    await send('POST', '/api/events', meetup(`reported-${tag}@example.org`));
    await stack.deliver();
    const { id, token } = linkFrom(await one(`reported-${tag}@example.org`, /^Confirm your meetup/), 'confirm');
    await send('POST', `/api/events/${id}/publish`, { token });
    const res = await app.request(`/events/${id}/report`, {
      method: 'POST',
      body: new URLSearchParams({ reason: 'spam', details: `Not a real meetup ${tag}` }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(200);
    await stack.deliver();
    const report = (await inbox(stack.sesEndpoint, OPERATOR)).find((m) => textOf(m).includes(tag));
    expect(report?.subject).toBe('Report: Metadata meetup (It is spam, or not a real meetup)');
    expect(textOf(report!)).toContain(`reported-${tag}@example.org`);
  });
});
