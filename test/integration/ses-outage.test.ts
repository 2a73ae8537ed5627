// Integration: email that is never lost. The SES emulator goes down while people RSVP; when it comes back, every
// email arrives exactly once and no RSVP is lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '#functions/apps/api/app.ts';
import { fixedClock } from '#functions/core/clock.ts';
import { freePort, startSesEmulator, stop, type SesEmulator } from '#local/local-stack.ts';
import { createSesClient, sesMailer } from '#functions/mail/ses-mailer.ts';
import { deliverPending } from '#functions/mail/deliver.ts';
import { inbox, linkFrom, testStack } from '../support/stack.ts';

const clock = fixedClock('2026-11-27T09:00:00Z');
let stack: Awaited<ReturnType<typeof testStack>>;
let ses: SesEmulator;
let port: number;

beforeAll(async () => {
  stack = await testStack(clock);
  port = await freePort();
  ses = await startSesEmulator(port);
});
afterAll(() => stop(ses?.process));

describe('an SES outage', () => {
  it('delays email but loses none, and sends each exactly once after the restart', async () => {
    const app = createApp(stack.deps);
    const post = (path: string, body: unknown) => app.request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    const own = { ...stack.delivery, mailer: sesMailer(createSesClient({ region: 'eu-west-2', endpoint: ses.endpoint }), 'Signpost <events@signpost.test>') };

    expect((await post('/api/events', { title: 'Outage meetup', description: 'x', start: '2026-12-10T13:00', end: '2026-12-10T14:00', format: 'online', onlineUrl: 'https://meet.example.org/o', organiserName: 'O', organiserEmail: 'outage-org@example.org' })).status).toBe(202);
    await deliverPending(own);
    const { id, token } = linkFrom((await inbox(ses.endpoint, 'outage-org@example.org'))[0]!, 'confirm');
    expect((await post(`/api/events/${id}/publish`, { token })).status).toBe(200);

    await stop(ses.process);
    const people = Array.from({ length: 12 }, (_, i) => `outage${i}@example.org`);
    for (const email of people) expect((await post(`/api/events/${id}/rsvps`, { name: email, email })).status).toBe(202);
    const during = await deliverPending(own, 100);
    expect(during).toEqual({ sent: 0, failed: 12 });

    ses = await startSesEmulator(port);
    let total = 0;
    for (let round = 0; round < 5; round++) total += (await deliverPending(own, 100)).sent;
    expect(total).toBe(12);
    for (const email of people) expect(await inbox(ses.endpoint, email)).toHaveLength(1);
    expect((await stack.deps.rsvps.list(id)).map((r) => r.email).sort()).toEqual([...people].sort());
  });
});
