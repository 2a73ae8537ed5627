// Integration: email that is never lost. The SES emulator goes down while people RSVP; when it comes back, every
// email arrives exactly once and no RSVP is lost. And as npm start runs it: the emulator's process dies, the supervisor
// restarts it, and the mail that waited in the outbox meanwhile goes out once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '#functions/apps/api/app.ts';
import { fixedClock } from '#functions/core/clock.ts';
import { freePort, startSesEmulator, stop, supervise, type SesEmulator } from '#local/local-stack.ts';
import { startOutboxPoller } from '#local/outbox-poller.ts';
import { createLogger } from '#functions/core/log.ts';
import { createSesClient, sesMailer } from '#functions/mail/ses-mailer.ts';
import { deliverPending } from '#functions/mail/deliver.ts';
import { inbox, linkFrom, testStack, waitForEmail } from '../support/stack.ts';

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

/** Waits until `ready` holds, checking every 100 ms; the limit only catches a hang. */
async function until(what: string, ready: () => boolean | Promise<boolean>, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`Still waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('a crashed SES emulator under supervision, as npm start runs it', () => {
  it('is restarted and logged, while the RSVP email waits in the outbox and then arrives exactly once', async () => {
    const sesPort = await freePort();
    const supervisorLog: string[] = [];
    const mailerLog: string[] = [];
    // The restart waits for the test to allow it, so the outage lasts until the mail is seen waiting, however slow the machine.
    let allowRestart = () => {};
    const restartAllowed = new Promise<void>((resolve) => (allowRestart = resolve));
    const ses = supervise('The SES emulator', await startSesEmulator(sesPort), async () => (await restartAllowed, startSesEmulator(sesPort)), {
      log: (line) => supervisorLog.push(line),
      firstDelayMs: 50,
    });
    const endpoint = ses.current.endpoint;
    const outbox = stack.delivery.outbox;
    const poller = startOutboxPoller(
      { ...stack.delivery, logger: createLogger('info', (line) => mailerLog.push(line)), mailer: sesMailer(createSesClient({ region: 'eu-west-2', endpoint }), 'Signpost <events@signpost.test>') },
      100,
      1000,
    );
    try {
      const app = createApp(stack.deps);
      const post = (path: string, body: unknown) => app.request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
      expect((await post('/api/events', { title: 'Supervised meetup', description: 'x', start: '2026-12-11T13:00', end: '2026-12-11T14:00', format: 'online', onlineUrl: 'https://meet.example.org/s', organiserName: 'O', organiserEmail: 'supervised-org@example.org' })).status).toBe(202);
      const { id, token } = linkFrom(await waitForEmail(endpoint, 'supervised-org@example.org'), 'confirm');
      expect((await post(`/api/events/${id}/publish`, { token })).status).toBe(200);

      const first = ses.current.process;
      first.kill('SIGKILL');
      await until('the supervisor to notice', () => supervisorLog.some((l) => l.startsWith('The SES emulator stopped unexpectedly (signal SIGKILL)')));
      expect((await post(`/api/events/${id}/rsvps`, { name: 'Ada', email: 'supervised-ada@example.org' })).status).toBe(202);
      const queued = async () => (await outbox.pending(100)).filter((m) => m.to === 'supervised-ada@example.org');
      await until('the mailer to find SES down', () => mailerLog.some((l) => l.includes('outbox: mail cannot be sent just now')));
      const waiting = await queued();
      expect(waiting).toHaveLength(1);

      allowRestart();
      await until('the emulator to be back', () => supervisorLog.some((l) => l.startsWith(`The SES emulator is running again at ${endpoint}`)));
      expect(ses.current.process).not.toBe(first);
      expect(ses.current.process.exitCode).toBeNull();
      const mail = await waitForEmail(endpoint, 'supervised-ada@example.org');
      expect(waiting[0]!.purpose).toBe('rsvp-confirm-link');
      expect(mail.subject).toBe(waiting[0]!.subject);
      await until('the outbox to mark it sent', async () => (await outbox.get(waiting[0]!.id))?.status === 'sent');
      await until('the mailer to say it sends again', () => mailerLog.some((l) => l.includes('outbox: sending again')));
      expect(await inbox(endpoint, 'supervised-ada@example.org')).toHaveLength(1);
      expect(await queued()).toEqual([]);
    } finally {
      await poller.stop();
      await ses.stop();
    }
    expect(ses.current.process.exitCode !== null || ses.current.process.signalCode !== null).toBe(true);
  });
});
