// Bench: a monthly AWS bill for a network with 50 meetups and 2,000 RSVPs a month, computed from what each user operation
// measurably costs. The real app code runs against DynamoDB Local and the SES emulator: createApp with the DynamoDB
// repositories (listing, manage page, edits, RSVPs, cancellations, event pages, the home listing), the mailer's
// deliverAll (as its stream handler calls it), the reminder sweep, the feed app and the SES events handler. Every
// DynamoDB request is counted with its ReturnConsumedCapacity (INDEXES, so GSI reads and writes are in), except that
// TransactWriteItems, which DynamoDB Local undercounts, is costed from its items' sizes before and after by DynamoDB's
// published rules (transactionCapacity). Every SendRawEmail is counted with its size, every log line with its bytes.
// The baseline, taken in the same run, is each operation's floor: the items it read, as one eventually consistent read
// of their total size (the least any read of them can cost), and the items it left behind, each written once by a
// plain PutItem (no transaction, no condition) into a table of the same design, measured. Infrastructure facts
// (function memory, alarm metrics, the sweep schedule, the access log format) come from the synthesized CDK template.
//
// The scenario runs twice: first costed (which also warms the JIT), then timed with nothing else between the clock
// readings; each operation takes its capacity from the first run and its time from the second. At smoke size there are
// fewer seeded meetups and RSVPs, and one run, costed (every operation still runs; the month is priced the same way).
//
// The parts: prices.ts and workload.ts (the inputs), items.ts, meters.ts, operations.ts and floor.ts (measuring),
// stage.ts, api-flows.ts, feed-polls.ts, background.ts and scenario.ts (one run), storage.ts and infra.ts (facts),
// month.ts (the volumes and the bill) and report.ts (printing).
import { sized, startServices, type BenchOptions, type Figures } from '../harness.ts';
import { synthesizedInfra } from './infra.ts';
import { month } from './month.ts';
import { median } from './operations.ts';
import { reportAssumptions, reportMonth, reportOperations } from './report.ts';
import { prepare, scenario } from './scenario.ts';
import { CROWD, SEEDED_MEETUPS } from './workload.ts';

export async function benchCost(options: BenchOptions = {}): Promise<Figures> {
  const started = performance.now();
  const seededMeetups = sized(options, SEEDED_MEETUPS);
  const crowd = sized(options, CROWD);
  // The template first, then the services: the synth blocks this process's event loop, so DynamoDB Local's start-up
  // wait (a deadline) must not run beside it.
  const infra = synthesizedInfra();
  const services = await startServices(options, 'dynamo', 'ses');
  const { dynamo, ses } = services;
  try {
    await prepare(dynamo.endpoint, seededMeetups);
    // Capacity first (it also warms the JIT), then the same operations again, timed. The second run finds the first
    // run's four meetups beside its own (its sweeps skip them, already done): its time is all that is kept. A smoke
    // run's times mean nothing, so it runs once and takes its times from the costed run.
    const run = await scenario(dynamo.endpoint, ses.endpoint, true, crowd);
    const timed = options.smoke ? run : await scenario(dynamo.endpoint, ses.endpoint, false, crowd);
    for (const r of [run, timed]) {
      if (r.emailsInEmulator !== r.emailsDelivered) throw new Error(`The emulator holds ${r.emailsInEmulator} emails; the mailer delivered ${r.emailsDelivered}`);
    }
    for (const o of run.ops) {
      const t = timed.ops.find((x) => x.name === o.name);
      if (!t) throw new Error(`The timed run did not repeat "${o.name}"`);
      // The median run of each, where there are runs (a meetup's share of a sweep has none: its time is on the claims).
      const wallMs = t.samples.length ? median(t.samples.map((x) => x.wallMs)) : 0;
      const cpuMs = t.samples.length ? median(t.samples.map((x) => x.cpuMs)) : 0;
      o.total = { ...o.total, wallMs: wallMs * o.count, cpuMs: cpuMs * o.count };
    }

    reportOperations(run);
    const m = month(new Map(run.ops.map((o) => [o.name, o])), infra, run);
    const bill = reportMonth(m);
    reportAssumptions(m, infra);
    const runs = options.smoke ? 'then the scenario once (smoke size), costed and timed together' : 'then the scenario twice, costed and then timed';
    console.log(`\n  (${((performance.now() - started) / 1000).toFixed(0)} s: the template, ${seededMeetups} meetups seeded, ${runs})`);
    return {
      monthUsd: bill.full, monthWithFreeTierUsd: bill.free, monthWithWafUsd: bill.full + m.waf,
      dynamoWru: m.total.wru, dynamoRru: m.total.rru, emails: m.emails, lambdaInvocations: m.invocations,
      emailsDelivered: run.emailsDelivered, operations: run.ops.length,
    };
  } finally {
    await services.stop();
  }
}
