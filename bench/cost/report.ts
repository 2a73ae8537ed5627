// Cost bench: the printed report — each operation beside its floor, the month's volumes, the bill, the assumptions.
import { table } from '../stats.ts';
import type { Infra } from './infra.ts';
import { fmtInt, usd, type month } from './month.ts';
import { per } from './operations.ts';
import { FREE_12_MONTHS, PRICE } from './prices.ts';
import type { RunResult } from './scenario.ts';
import { LAMBDA, MONTH } from './workload.ts';

type Month = ReturnType<typeof month>;

/** What each operation costs (capacity from the costed run, time from the timed one), beside its floor. */
export function reportOperations(run: RunResult): void {
  const opRows: [string, ...(string | number)[]][] = run.ops.map((o) => {
    const c = per(o);
    const units = c.rru + c.wru;
    const floor = c.floorRru + c.floorWru;
    return [
      o.name, o.count, o.fn, c.invocations, c.requests, c.rru, c.wru, c.gsi, c.floorRru, c.floorWru,
      floor ? `${(units / floor).toFixed(1)}x` : '-', c.emails, c.wallMs, c.cpuMs,
    ];
  });
  table(
    'What each operation costs on DynamoDB Local (ReturnConsumedCapacity INDEXES; transactions costed from their items), beside its floor: the items it read, as one eventually consistent read of their total size, and the items it left behind, each written once by a plain PutItem into a table of the same design',
    opRows,
    ['operation', 'runs', 'function', 'invocations', 'DynamoDB requests', 'RRU', 'WRU', 'of which GSI1', 'floor RRU', 'floor WRU', 'x floor', 'emails queued', 'wall ms (median)', 'CPU ms (median)'],
  );
  for (const o of run.ops) console.log(`  ${o.name}: ${o.steps}`);
  const failed = run.ops.reduce((n, o) => n + o.total.failed, 0);
  console.log(`  ${failed} requests were refused (a confirm that finds the meetup full tries the waitlist next; a lost race is retried): DynamoDB Local reports no capacity for them, AWS bills a refused conditional write`);
  console.log(`  checked: ${run.emailsDelivered} emails delivered by the mailer, ${run.emailsInEmulator} in the SES emulator; every response had the status the flow expects`);
}

/** The month's volumes and the bill; returns the totals without and with the always-free tier. */
export function reportMonth(m: Month): { full: number; free: number } {
  table(
    `A month: ${MONTH.meetups} meetups, ${MONTH.rsvps.toLocaleString('en-GB')} RSVPs (volumes from the assumptions below; capacity and emails per operation as measured above)`,
    m.rows,
    ['operation', 'per month', 'function', 'RRU', 'WRU', 'emails', 'invocations', 'billed s (est.)'],
  );
  const lines: [string, ...(string | number)[]][] = m.lines.map((l) => [l.service, l.usage, usd(l.full), usd(l.free)]);
  const full = m.lines.reduce((n, l) => n + l.full, 0);
  const free = m.lines.reduce((n, l) => n + l.free, 0);
  lines.push(['total', '', usd(full), usd(free)]);
  lines.push(['optional: AWS WAF (signpost:wafRateLimit), 1 rate rule', `${fmtInt(m.cfRequests)} requests`, usd(m.waf), usd(m.waf)]);
  lines.push(['total with WAF', '', usd(full + m.waf), usd(free + m.waf)]);
  table('Monthly bill, us-east-1 list prices (see PRICE in bench/cost/prices.ts)', lines, ['line item', 'usage', 'without free tier', 'with always-free tier']);

  const dynamoFloor = m.total.floorWru / 1e6 * PRICE.dynamoWritePerMillion + m.total.floorRru / 1e6 * PRICE.dynamoReadPerMillion;
  const dynamoMeasured = m.total.wru / 1e6 * PRICE.dynamoWritePerMillion + m.total.rru / 1e6 * PRICE.dynamoReadPerMillion;
  console.log(`  DynamoDB requests: ${usd(dynamoMeasured)} measured against ${usd(dynamoFloor)} at the floor (${(dynamoMeasured / dynamoFloor).toFixed(1)}x)`);
  console.log(`  Per RSVP (with the always-free tier): $${(free / MONTH.rsvps).toFixed(4)}; ${fmtInt(m.emails)} emails (${(m.emails / MONTH.rsvps).toFixed(2)} per RSVP)`);
  console.log(`  The 12-month offers (${FREE_12_MONTHS}) are left out of "with always-free tier".`);
  return { full, free };
}

export function reportAssumptions(m: Month, infra: Infra): void {
  const A = MONTH;
  console.log('\nAssumptions');
  const say = (s: string) => console.log(`  - ${s}`);
  say(`${A.meetups} meetups listed (each confirmed from its email), ${A.managePageViewsPerMeetup} organiser visits to the manage page and ${A.descriptionEditsPerMeetup} plain edit each; ${A.noticeMeetupShare * 100}% of meetups change time, place or link once, so each of their ~${Math.round(m.perMeetup)} people gets one notice`);
  say(`${A.rsvps.toLocaleString('en-GB')} RSVPs, each a first RSVP for that address (the dearer path: it writes the person's feed record); ${A.cancelShare * 100}% cancel, and every cancellation hands its place on (a promotion email); ${fmtInt(m.confirmed)} people with a place get at most ${A.remindersPerConfirmed} reminders each (the "soon" one only for online meetups: counted for all)`);
  say(`${A.eventPageViewsPerRsvp} event page views and ${A.listingCallsPerRsvp} home page listings per RSVP, all reaching the API function; no organiser asks to be emailed on each RSVP (notifyOnRsvp off, the default)`);
  say(`the reminder sweep runs every ${infra.sweepMinutes} minutes (from the template): ${fmtInt(m.sweeps)} runs; each costs an idle run, and the runs that find work add per-meetup and per-person costs`);
  say(`the mailer's catch-up runs every ${infra.catchUpMinutes} minutes (from the template): ${fmtInt(m.catchUps)} runs, each finding nothing (the stream sent everything)`);
  say(`${A.publicSubscriptions} public feed and ${A.personalSubscriptions.toLocaleString('en-GB')} personal feed subscriptions; ${A.googleShare * 100}% Google (${A.googlePollsPerDay} polls a day), the rest Apple/Outlook (${A.otherPollsPerDay} a day): ${fmtInt(m.pollsPerSubscription)} polls per subscription a month`);
  say(`public polls (${fmtInt(m.publicPolls)}) spread over ${A.publicFeedUrls} feed URLs and ${A.edgeCaches} CloudFront caches, each kept ${A.feedCacheSeconds} s: ${(m.publicMissShare * 100).toFixed(0)}% reach the function (${fmtInt(m.publicAtFunction)}); of those, ${fmtInt(m.renders)} render (${A.feedInstances} instances × (${A.publicFeedUrls} URLs × ${A.days} days + ${A.meetups} meetups × ${A.feedChangesPerMeetup} changes × ${A.facetsPerMeetup} feeds)) and the rest answer from the version item`);
  say('personal feeds are never cached by CloudFront (a replaced link must stop at once): every poll reaches the function, taken as a full 200 answer');
  say(`${A.bounceShare * 100}% of emails bounce or draw a complaint (one SES events invocation each); the mailer is invoked once per email (the stream batches up to 10, so fewer)`);
  say(`Lambda time: each operation's median wall time in the timed run, its CPU part stretched to the function's share of a vCPU (${infra.memoryMb.api} MB = ${((infra.memoryMb.api / LAMBDA.fullVcpuMb) * 100).toFixed(0)}% of one at ${LAMBDA.fullVcpuMb} MB), plus ${LAMBDA.sesExtraMs} ms per SES call over the emulator's; ${LAMBDA.initMs} ms INIT per cold start, at most ${LAMBDA.maxColdStartsPerMonth.toLocaleString('en-GB')} a month per function, and every sweep cold; memory from the template (API ${infra.memoryMb.api}, feeds ${infra.memoryMb.feeds}, mailer ${infra.memoryMb.mailer}, reminders ${infra.memoryMb.reminders}, SES events ${infra.memoryMb.sesEvents} MB, ${infra.arm64 ? 'arm64' : 'NOT all arm64'})`);
  say(`logs: the app's JSON lines as measured, ${LAMBDA.platformLogBytes} bytes of Lambda's own records per invocation, and one API access log line (~${infra.accessLogBytes} bytes, from the stage's format) per HTTP request`);
  say(`storage: this run's items by kind, a year of meetups and RSVPs with nothing expired (an upper bound), ${(m.storageGb * 1024).toFixed(1)} MB`);
  say(`CloudFront: ${fmtInt(m.pageViews)} page views, ${A.staticRequestsPerPage} static requests and ${A.staticBytesPerPage / 1000} kB each, plus every API call and feed poll`);
  say(`transactions: 2 WRU per KB per action, a ConditionCheck counted as a write of the item it checks (an assumption: an upper bound), and 1 WRU per KB per index entry written or removed; DynamoDB Local itself reported ${fmtInt(m.total.localWru)} WRU for the month's writes where this costing gives ${fmtInt(m.total.wru)}`);
}
