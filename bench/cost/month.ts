// Cost bench: a month's volumes from the workload, each operation's measured cost times its volume, and the bill's lines.
import type { Infra } from './infra.ts';
import { add, per, zero, type Fn, type Op } from './operations.ts';
import { ALWAYS_FREE, PRICE } from './prices.ts';
import type { RunResult } from './scenario.ts';
import { LAMBDA, MONTH } from './workload.ts';

export const fmtInt = (n: number) => Math.round(n).toLocaleString('en-GB');
export const usd = (n: number) => (n === 0 ? '$0.00' : n < 0.005 ? '< $0.01' : `$${n.toFixed(2)}`);

export interface Line {
  service: string;
  usage: string;
  full: number;
  free: number;
}

export function month(ops: Map<string, Op>, infra: Infra, run: RunResult) {
  const op = (name: string) => {
    const found = ops.get(name) ?? [...ops.values()].find((o) => o.name.startsWith(name));
    if (!found) throw new Error(`No measured operation "${name}"`);
    return found;
  };
  const M = MONTH;
  const cancels = M.rsvps * M.cancelShare;
  const confirmed = M.rsvps - cancels; // each cancellation's place goes to someone waiting, who is then counted instead
  const perMeetup = confirmed / M.meetups;
  const noticeMeetups = M.meetups * M.noticeMeetupShare;
  const sweeps = (M.days * 24 * 60) / infra.sweepMinutes;
  const catchUps = (M.days * 24 * 60) / infra.catchUpMinutes;
  const pollsPerSubscription = M.days * (M.googleShare * M.googlePollsPerDay + (1 - M.googleShare) * M.otherPollsPerDay);
  const publicPolls = M.publicSubscriptions * pollsPerSubscription;
  // CloudFront keeps a feed for T after fetching it: with polls of one URL at one cache arriving at rate λ, a fetch is
  // followed by λT hits on average, so 1 / (1 + λT) of polls reach the function.
  const lambdaT = (publicPolls / (M.publicFeedUrls * M.edgeCaches) / (M.days * 86_400)) * M.feedCacheSeconds;
  const publicMissShare = 1 / (1 + lambdaT);
  const renders = M.feedInstances * (M.publicFeedUrls * M.days + M.meetups * M.feedChangesPerMeetup * M.facetsPerMeetup);
  const publicAtFunction = publicPolls * publicMissShare;

  const volume = new Map<string, number>([
    ['list a meetup', M.meetups],
    ['organiser opens the manage page', M.meetups * M.managePageViewsPerMeetup],
    ['edit (description)', M.meetups * M.descriptionEditsPerMeetup],
    ['edit (new time: notice to everyone going)', noticeMeetups],
    ['RSVP (request, then confirm from the email)', M.rsvps],
    ['cancel, the place goes to the first waiting', cancels],
    ['event page view', M.rsvps * M.eventPageViewsPerRsvp],
    ['home page listing', M.rsvps * M.listingCallsPerRsvp],
    ['change notice, per person', noticeMeetups * perMeetup],
    ['change notice, per meetup', noticeMeetups],
    ['reminder, per person', confirmed * M.remindersPerConfirmed],
    ['reminders, per meetup due', M.meetups * M.remindersPerConfirmed],
    ['reminder sweep run, nothing due', sweeps],
    ['mail catch-up run, nothing pending', catchUps],
    ['public feed poll reaching the function (304)', Math.max(0, publicAtFunction - renders)],
    ['public feed render', renders],
    ['personal feed poll (200)', M.personalSubscriptions * pollsPerSubscription],
  ]);
  // Emails: as many as the measured operations queue.
  let emails = 0;
  for (const [name, n] of volume) emails += per(op(name)).emails * n;
  volume.set('email delivered', emails);
  volume.set('bounce or complaint recorded', emails * M.bounceShare);

  // Sum every operation's costs over the month, and by function.
  let total = zero();
  const byFn = new Map<Fn, { invocations: number; ms: number; logBytes: number; responseBytes: number }>();
  const rows: [string, ...(string | number)[]][] = [];
  for (const [name, n] of volume) {
    const o = op(name);
    const c = per(o);
    total = add(total, c, n);
    const fn = byFn.get(o.fn) ?? { invocations: 0, ms: 0, logBytes: 0, responseBytes: 0 };
    const mem = infra.memoryMb[o.fn];
    // Billed time: the measured wall time, with its CPU part stretched to this memory size's share of a vCPU.
    const billedMs = c.wallMs + c.cpuMs * (LAMBDA.fullVcpuMb / mem - 1) + c.sesSends * LAMBDA.sesExtraMs;
    byFn.set(o.fn, {
      invocations: fn.invocations + c.invocations * n, ms: fn.ms + billedMs * n, logBytes: fn.logBytes + c.logBytes * n, responseBytes: fn.responseBytes + c.responseBytes * n,
    });
    rows.push([o.name, Math.round(n), o.fn, c.rru * n, c.wru * n, c.emails * n, c.invocations * n, Math.round(billedMs * n / 1000)]);
  }

  // Lambda: requests, compute (with cold starts: INIT is billed), logs.
  let invocations = 0;
  let gbSeconds = 0;
  let coldStarts = 0;
  let logBytes = 0;
  let secretCalls = 0;
  for (const [fn, f] of byFn) {
    const cold = fn === 'reminders' ? sweeps : Math.min(f.invocations, LAMBDA.maxColdStartsPerMonth);
    coldStarts += cold;
    if (fn === 'api' || fn === 'feeds' || fn === 'reminders') secretCalls += cold; // the feed link key, once per instance
    invocations += f.invocations;
    gbSeconds += ((f.ms + cold * LAMBDA.initMs) / 1000) * (infra.memoryMb[fn] / 1024);
    logBytes += f.logBytes + f.invocations * LAMBDA.platformLogBytes;
  }
  const httpRequests = (byFn.get('api')?.invocations ?? 0) + (byFn.get('feeds')?.invocations ?? 0);
  logBytes += httpRequests * infra.accessLogBytes;
  const logGb = logBytes / 1024 ** 3;

  // Storage after a year, nothing expired (an upper bound: RSVPs go 30 days after their meetup, sent emails after 7).
  const storageGb = (12 * (M.meetups * run.storage.perMeetup + M.rsvps * run.storage.perRsvp) + emails * run.storage.perSentEmail * (7 / 30) + run.storage.fixed) / 1024 ** 3;

  // CloudFront: every viewer request — pages (per RSVP: its event page views, home page visits, the RSVP page and a
  // quarter of a cancel page; per meetup: the form, the confirm page, the manage page visits), API calls, feed polls.
  const pageViews = M.rsvps * (M.eventPageViewsPerRsvp + M.listingCallsPerRsvp + 1 + M.cancelShare) + M.meetups * (2 + M.managePageViewsPerMeetup);
  const staticRequests = pageViews * M.staticRequestsPerPage;
  const personalPolls = M.personalSubscriptions * pollsPerSubscription;
  const feedPolls = publicPolls + personalPolls;
  const cfRequests = staticRequests + (byFn.get('api')?.invocations ?? 0) + feedPolls;
  // Bytes out: pages, API answers (as sent uncompressed: an upper bound), every public poll's gzipped feed (CloudFront
  // answers the ones it keeps), every personal answer.
  const personalBytes = per(op('personal feed poll (200)')).responseBytes;
  const cfGb = (pageViews * M.staticBytesPerPage + (byFn.get('api')?.responseBytes ?? 0) + publicPolls * run.feedBytes.publicGzip + personalPolls * personalBytes) / 1024 ** 3;
  const functionInvocations = staticRequests * 2; // page router (viewer request) and 404 status (viewer response)

  const over = (usage: number, free: number) => Math.max(0, usage - free);
  const lines: Line[] = [
    { service: 'DynamoDB writes (on demand)', usage: `${fmtInt(total.wru)} WRU`, full: (total.wru / 1e6) * PRICE.dynamoWritePerMillion, free: (total.wru / 1e6) * PRICE.dynamoWritePerMillion },
    { service: 'DynamoDB reads (on demand)', usage: `${fmtInt(total.rru)} RRU`, full: (total.rru / 1e6) * PRICE.dynamoReadPerMillion, free: (total.rru / 1e6) * PRICE.dynamoReadPerMillion },
    { service: 'DynamoDB storage (after 12 months)', usage: `${(storageGb * 1024).toFixed(1)} MB`, full: storageGb * PRICE.dynamoStorageGbMonth, free: over(storageGb, ALWAYS_FREE.dynamoStorageGb) * PRICE.dynamoStorageGbMonth },
    { service: 'DynamoDB point-in-time recovery', usage: `${(storageGb * 1024).toFixed(1)} MB`, full: storageGb * PRICE.dynamoPitrGbMonth, free: storageGb * PRICE.dynamoPitrGbMonth },
    { service: 'Lambda requests', usage: `${fmtInt(invocations)} invocations`, full: (invocations / 1e6) * PRICE.lambdaPerMillion, free: (over(invocations, ALWAYS_FREE.lambdaRequests) / 1e6) * PRICE.lambdaPerMillion },
    { service: 'Lambda compute (arm64)', usage: `${fmtInt(gbSeconds)} GB-s (${fmtInt(coldStarts)} cold starts)`, full: gbSeconds * PRICE.lambdaArmGbSecond, free: over(gbSeconds, ALWAYS_FREE.lambdaGbSeconds) * PRICE.lambdaArmGbSecond },
    { service: 'API Gateway HTTP API', usage: `${fmtInt(httpRequests)} requests`, full: (httpRequests / 1e6) * PRICE.httpApiPerMillion, free: (httpRequests / 1e6) * PRICE.httpApiPerMillion },
    { service: 'SES messages', usage: `${fmtInt(emails)} emails`, full: (emails / 1000) * PRICE.sesPerThousand, free: (emails / 1000) * PRICE.sesPerThousand },
    { service: 'SES attachment data (whole MIME, upper bound)', usage: `${((emails * per(op('email delivered')).sesBytes) / 1024 ** 2).toFixed(0)} MB`, full: ((emails * per(op('email delivered')).sesBytes) / 1024 ** 3) * PRICE.sesAttachmentGb, free: ((emails * per(op('email delivered')).sesBytes) / 1024 ** 3) * PRICE.sesAttachmentGb },
    { service: 'CloudFront requests (HTTPS)', usage: `${fmtInt(cfRequests)} requests`, full: (cfRequests / 1e4) * PRICE.cloudFrontPer10kHttps, free: (over(cfRequests, ALWAYS_FREE.cloudFrontRequests) / 1e4) * PRICE.cloudFrontPer10kHttps },
    { service: 'CloudFront data out', usage: `${cfGb.toFixed(1)} GB`, full: cfGb * PRICE.cloudFrontGbOut, free: over(cfGb, ALWAYS_FREE.cloudFrontGb) * PRICE.cloudFrontGbOut },
    { service: 'CloudFront Functions', usage: `${fmtInt(functionInvocations)} invocations`, full: (functionInvocations / 1e6) * PRICE.cloudFrontFunctionsPerMillion, free: (over(functionInvocations, ALWAYS_FREE.cloudFrontFunctions) / 1e6) * PRICE.cloudFrontFunctionsPerMillion },
    { service: 'Secrets Manager (feed link key)', usage: `${infra.secrets} secret, ${fmtInt(secretCalls)} reads`, full: infra.secrets * PRICE.secretMonth + (secretCalls / 1e4) * PRICE.secretsPer10kCalls, free: infra.secrets * PRICE.secretMonth + (secretCalls / 1e4) * PRICE.secretsPer10kCalls },
    { service: 'CloudWatch alarms', usage: `${infra.alarms} alarms, ${infra.alarmMetrics} metrics`, full: infra.alarmMetrics * PRICE.alarmMetricMonth, free: over(infra.alarmMetrics, ALWAYS_FREE.alarmMetrics) * PRICE.alarmMetricMonth },
    { service: 'CloudWatch Logs (ingest + 1 month kept)', usage: `${(logGb * 1024).toFixed(0)} MB in ${infra.logGroups} log groups`, full: logGb * (PRICE.logsIngestGb + PRICE.logsStorageGbMonth), free: over(logGb, ALWAYS_FREE.logsGb) * PRICE.logsIngestGb + logGb * PRICE.logsStorageGbMonth },
    { service: 'EventBridge Scheduler', usage: `${fmtInt(sweeps + catchUps)} invocations`, full: ((sweeps + catchUps) / 1e6) * PRICE.schedulerPerMillion, free: (over(sweeps + catchUps, ALWAYS_FREE.schedulerInvocations) / 1e6) * PRICE.schedulerPerMillion },
    { service: 'SQS, SNS, S3, DynamoDB Streams to Lambda, SES events on the default bus', usage: 'dead letters, alarm emails, site files', full: 0, free: 0 },
  ];
  const waf = (cfRequests / 1e6) * PRICE.wafPerMillion + PRICE.wafWebAclMonth + PRICE.wafRuleMonth;
  return {
    lines, waf, rows, emails, total, coldStarts, invocations, sweeps, catchUps, publicPolls, publicMissShare, publicAtFunction, renders, feedPolls,
    pollsPerSubscription, confirmed, perMeetup, cfRequests, pageViews, storageGb, logGb,
  };
}
