// Cost bench: the functions no person calls — the mailer's catch-up, the reminder sweeps (costed per person and per meetup), a bounce.
import { catchUp } from '#functions/mail/deliver.ts';
import { sweepReminders, type SweepResult } from '#functions/reminders/sweep.ts';
import type { Listed, Person } from './api-flows.ts';
import type { Snapshot } from './floor.ts';
import { sumTallies, type Tallies } from './meters.ts';
import { add, median, per } from './operations.ts';
import type { Stage } from './stage.ts';
import { MIN, NOW } from './workload.ts';

/** The scheduled runs and the SES events the month has, after the API flows made their meetups and people. */
export async function backgroundRuns(stage: Stage, people: Person[], m1: Listed, m1StartUtc: number): Promise<void> {
  const { clock, delivery, sweepDeps, sesEvents, opFor, measured, operation, deliverQueued, floor, keep } = stage;

  // ---- The mailer's catch-up schedule, finding nothing (everything went out through the stream) ----
  for (let i = 0; i < 3; i++) {
    await operation('mail catch-up run, nothing pending', 'mailer', 'a Query of the pending outbox partition, older than 15 minutes', (step) =>
      step(async () => {
        const result = await catchUp(delivery);
        if (result.sent + result.failed + result.givenUp !== 0) throw new Error(`The catch-up found work: ${JSON.stringify(result)}`);
        return result;
      }));
  }

  // ---- Sweeps: change notices, reminders, and the run that finds nothing ----

  const going = people.filter((p) => p.eventId === m1.id).length - 2; // two cancelled, two promoted in their place
  const sweep = async (at: number) => {
    clock.set(new Date(at).toISOString());
    const m = await measured(() => sweepReminders(sweepDeps));
    const written = await keep(sumTallies(m.tallies).written); // before the mailer marks the emails sent
    await deliverQueued();
    return { ...m, result: m.value as SweepResult, written };
  };
  const noticeSweep = await sweep(Date.parse(NOW) + 6 * MIN);
  if (noticeSweep.result.notices !== going) throw new Error(`The notice sweep queued ${noticeSweep.result.notices} notices, wanted ${going}`);
  const daySweep = await sweep(m1StartUtc - 23 * 60 * MIN);
  const soonSweep = await sweep(m1StartUtc - 50 * MIN);
  if (daySweep.result.queued !== going || soonSweep.result.queued !== going) {
    throw new Error(`Reminder sweeps queued ${daySweep.result.queued} and ${soonSweep.result.queued}, wanted ${going} each`);
  }
  const idle: Awaited<ReturnType<typeof sweep>>[] = [];
  for (let i = 0; i < 3; i++) idle.push(await sweep(m1StartUtc - (40 - i) * MIN));
  // The idle sweep: one invocation, its own floor.
  /** "2 Query + 1 UpdateItem": the requests of a tally, less those of another. */
  const commands = (t: Tallies, less?: Tallies) =>
    [...t]
      .map(([name, x]) => [name, x.requests - (less?.get(name)?.requests ?? 0)] as const)
      .filter(([, n]) => n > 0)
      .map(([name, n]) => `${n} ${name}`)
      .join(' + ');
  const idleOp = opFor('reminder sweep run, nothing due', 'reminders', `${commands(idle[0]!.tallies)} (the meetups starting within a day, the due change notices)`);
  for (const m of idle) {
    const s = sumTallies(m.tallies);
    idleOp.total = add(idleOp.total, { ...m.cost, invocations: 1, ...(await floor(s.read, m.written)) });
    idleOp.count++;
    idleOp.samples.push({ wallMs: m.cost.wallMs, cpuMs: m.cost.cpuMs });
  }
  const idleCost = per(idleOp);
  const idleTime = { wallMs: median(idleOp.samples.map((x) => x.wallMs)), cpuMs: median(idleOp.samples.map((x) => x.cpuMs)) };

  /** Splits a busy sweep: per claim (its TransactWriteItems) and, beyond an idle run, per meetup due (or notice). */
  const split = async (m: typeof daySweep, claimOp: string, claimSteps: string, overheadOp: string, overheadSteps: string, claims: number, overheads: number) => {
    const claim = sumTallies(m.tallies, (c) => c === 'TransactWriteItems');
    const rest = sumTallies(m.tallies, (c) => c !== 'TransactWriteItems');
    const only = (keys: Set<string>): Snapshot => new Map([...m.written].filter(([k]) => keys.has(k)));
    const claimFloor = await floor(claim.read, only(claim.written));
    const restFloor = await floor(rest.read, only(rest.written));
    const c = opFor(claimOp, 'reminders', claimSteps);
    // The sweep's time and logs beyond an idle run are put on its claims; it is one invocation, already an idle run's.
    const time = { wallMs: Math.max(0, m.cost.wallMs - idleTime.wallMs), cpuMs: Math.max(0, m.cost.cpuMs - idleTime.cpuMs) };
    c.total = add(c.total, {
      requests: claim.requests, failed: claim.failed, rru: claim.rru, wru: claim.wru, localWru: claim.localWru, gsi: claim.gsi, emails: claim.outbox,
      ...time, logBytes: m.cost.logBytes - idleCost.logBytes, ...claimFloor,
    });
    c.count += claims;
    c.samples.push({ wallMs: time.wallMs / claims, cpuMs: time.cpuMs / claims });
    const o = opFor(overheadOp, 'reminders', `${overheadSteps} (${commands(new Map([...m.tallies].filter(([c]) => c !== 'TransactWriteItems')), idle[0]!.tallies)} beyond an idle run, for ${overheads})`);
    o.total = add(o.total, {
      requests: Math.max(0, rest.requests - idleCost.requests), rru: Math.max(0, rest.rru - idleCost.rru),
      wru: Math.max(0, rest.wru - idleCost.wru), localWru: Math.max(0, rest.localWru - idleCost.localWru), gsi: Math.max(0, rest.gsi - idleCost.gsi),
      floorRru: Math.max(0, restFloor.floorRru - idleCost.floorRru), floorWru: Math.max(0, restFloor.floorWru - idleCost.floorWru),
    });
    o.count += overheads;
  };
  await split(noticeSweep, 'change notice, per person', 'claim TransactWriteItems (RSVP + outbox email)', 'change notice, per meetup', 'read the meetup and its RSVPs, delete the notice', going, 1);
  // A seeded meetup (no RSVPs) may fall due in the same sweep as the first meetup: per meetup, both count.
  for (const busy of [daySweep, soonSweep]) {
    await split(busy, 'reminder, per person', 'claim TransactWriteItems (meetup check + RSVP + outbox email)', 'reminders, per meetup due', 'its RSVPs Query, then mark it done', going, busy.result.events);
  }

  // ---- SES: a bounce reported through EventBridge ----

  for (const p of people.slice(-2)) {
    await operation('bounce or complaint recorded', 'sesEvents', 'UpdateItem PERSON#<hash>/SUPPRESSED', (step) =>
      step(() => sesEvents({
        source: 'aws.ses', 'detail-type': 'Email Bounced',
        detail: { eventType: 'Bounce', mail: { messageId: 'bench' }, bounce: { bounceType: 'Permanent', bounceSubType: 'General', bouncedRecipients: [{ emailAddress: p.email }] } },
      })));
  }
}
