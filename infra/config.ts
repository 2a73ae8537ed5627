// Infra: deployment settings, read once from cdk.json context (or SIGNPOST_* env overrides) and validated, naming the bad key.
// Only the sender and the alert address are required; without a domain the site is served on CloudFront's own domain.
import * as z from 'zod';

/** Each setting: its context key and the environment variable that overrides it. */
export const settingSources = {
  sender: { context: 'signpost:sender', env: 'SIGNPOST_SENDER' },
  senderName: { context: 'signpost:senderName', env: 'SIGNPOST_SENDER_NAME' },
  senderDomain: { context: 'signpost:senderDomain', env: 'SIGNPOST_SENDER_DOMAIN' },
  alertEmail: { context: 'signpost:alertEmail', env: 'SIGNPOST_ALERT_EMAIL' },
  operatorEmail: { context: 'signpost:operatorEmail', env: 'SIGNPOST_OPERATOR_EMAIL' },
  operators: { context: 'signpost:operators', env: 'SIGNPOST_OPERATORS' },
  networksNeedApproval: { context: 'signpost:networksNeedApproval', env: 'SIGNPOST_NETWORKS_NEED_APPROVAL' },
  domainName: { context: 'signpost:domainName', env: 'SIGNPOST_DOMAIN_NAME' },
  certificateArn: { context: 'signpost:certificateArn', env: 'SIGNPOST_CERTIFICATE_ARN' },
  logLevel: { context: 'signpost:logLevel', env: 'SIGNPOST_LOG_LEVEL' },
  mailRatePerSecond: { context: 'signpost:mailRatePerSecond', env: 'SIGNPOST_MAIL_RATE_PER_SECOND' },
  reminderSweepMinutes: { context: 'signpost:reminderSweepMinutes', env: 'SIGNPOST_REMINDER_SWEEP_MINUTES' },
  reminderDayMinutes: { context: 'signpost:reminderDayMinutes', env: 'SIGNPOST_REMINDER_DAY_MINUTES' },
  reminderSoonMinutes: { context: 'signpost:reminderSoonMinutes', env: 'SIGNPOST_REMINDER_SOON_MINUTES' },
  wafRateLimit: { context: 'signpost:wafRateLimit', env: 'SIGNPOST_WAF_RATE_LIMIT' },
} as const;

/**
 * `npm run synth` (SIGNPOST_PREVIEW=1) fills the required settings it lacks with these, so a fresh clone can synthesize
 * and measure its bundles. A real deploy never sees them: `cdk deploy` without settings stops with the error below.
 */
export const previewSettings = { sender: 'events@example.org', alertEmail: 'alerts@example.org' } as const;

type Setting = keyof typeof settingSources;

const hostname = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
/** CloudFront only accepts ACM certificates from us-east-1. */
const cloudFrontCertificateArn = /^arn:aws:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]{36}$/;
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
/** Whole minutes from min to max, `fallback` when unset. */
const minutes = (min: number, max: number, fallback: number) =>
  z.preprocess(
    blankToUndefined,
    z.coerce.number({ error: 'must be a number' }).int('must be whole minutes').min(min, `must be ${min}-${max} minutes`).max(max, `must be ${min}-${max} minutes`).default(fallback),
  );
/** "a@example.org, b@example.org" (or a JSON list in cdk.json): each an address, lower-cased, none twice. */
const addressList = z.preprocess(
  (v) => (Array.isArray(v) ? v.join(',') : blankToUndefined(v)),
  z
    .string()
    .transform((v) => [...new Set(v.split(',').map((a) => a.trim().toLowerCase()).filter(Boolean))])
    .pipe(z.array(z.email({ error: 'must be email addresses separated by commas, e.g. "ops@example.org, admin@example.org"' })).min(1, 'must name at least one address'))
    .optional(),
);
/** Two weeks: functions/apps/config.ts accepts no longer reminder offset. */
const MAX_REMINDER_MINUTES = 20_160;

const schema = z
  .object({
    sender: z.email({ error: 'must be an email address, e.g. "events@example.org"' }).transform((s) => s.toLowerCase()),
    /** Who the alarms email (through an SNS subscription they confirm once). */
    alertEmail: z.email({ error: 'must be an email address for alarms, e.g. "signpost-admin@example.org"' }).transform((s) => s.toLowerCase()),
    /** Who "Report this meetup" reaches (OPERATOR_EMAIL); unset, the alert address. */
    operatorEmail: optional(z.email({ error: 'must be an email address for reports about meetups, e.g. "signpost-admin@example.org"' }).transform((s) => s.toLowerCase())),
    /** Who may moderate, signed in (OPERATORS); unset, the operator address alone. */
    operators: addressList,
    /** Whether a new network waits for an operator's approval before it is public (NETWORKS_NEED_APPROVAL). */
    networksNeedApproval: z.preprocess(
      (v) => (typeof v === 'boolean' ? (v ? 'yes' : 'no') : typeof v === 'string' ? blankToUndefined(v.trim().toLowerCase()) : v),
      z.enum(['yes', 'no'], { error: 'must be "yes" or "no"' }).default('no'),
    ),
    senderName: z
      .string()
      .regex(/^[\p{L}\p{N} .'&-]{1,60}$/u, 'must be 1-60 letters, digits, spaces or . \' & -')
      .default('Signpost'),
    senderDomain: optional(z.string().toLowerCase().regex(hostname, 'must be a domain name, e.g. "example.org"')),
    domainName: optional(z.string().toLowerCase().regex(hostname, 'must be a host name, e.g. "events.example.org"')),
    certificateArn: optional(
      z.string().regex(cloudFrontCertificateArn, 'must be the ARN of an ACM certificate in us-east-1 (CloudFront only uses those)'),
    ),
    logLevel: z.enum(['debug', 'info', 'warn', 'error'], { error: 'must be one of debug, info, warn, error' }).default('info'),
    /** SES sending rate; unset, the mailer uses the production default (14/s). The SES sandbox allows 1/s. */
    mailRatePerSecond: optional(z.coerce.number({ error: 'must be a number' }).positive('must be above 0').max(1000, 'must be at most 1000')),
    /** How often EventBridge Scheduler runs the reminder sweep (its precision is a minute). */
    reminderSweepMinutes: minutes(1, 60, 5),
    /** The reminder for everyone with a place, this long before the start; 0 switches it off. */
    reminderDayMinutes: minutes(0, MAX_REMINDER_MINUTES, 1440),
    /** The "starting soon" reminder for meetups with a joining link; 0 switches it off. */
    reminderSoonMinutes: minutes(0, MAX_REMINDER_MINUTES, 60),
    /**
     * Turns on an AWS WAF web ACL on CloudFront with one rate-based rule: requests per client IP per 5 minutes. At least
     * 100, as a whole library or university can share one address. Unset: no WAF (it costs about $6 a month).
     */
    wafRateLimit: optional(
      z.coerce
        .number({ error: 'must be a number' })
        .int('must be a whole number of requests')
        .min(100, 'must be 100-2000000000 requests per 5 minutes')
        .max(2_000_000_000, 'must be 100-2000000000 requests per 5 minutes'),
    ),
  })
  .superRefine((c, ctx) => {
    if (Boolean(c.domainName) !== Boolean(c.certificateArn)) {
      const missing: Setting = c.domainName ? 'certificateArn' : 'domainName';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'is required when the other of signpost:domainName / signpost:certificateArn is set' });
    }
    // A reminder is due from start − offset until the start; a sweep interval as long as the offset could miss it.
    for (const kind of ['reminderDayMinutes', 'reminderSoonMinutes'] as const) {
      if (c[kind] > 0 && c[kind] <= c.reminderSweepMinutes) {
        ctx.addIssue({ code: 'custom', path: [kind], message: `must be 0 (off) or longer than signpost:reminderSweepMinutes (${c.reminderSweepMinutes}), or its reminders could be missed` });
      }
    }
    if (c.senderDomain && c.sender.split('@')[1] !== c.senderDomain) {
      ctx.addIssue({ code: 'custom', path: ['sender'], message: `must be an address at signpost:senderDomain (${c.senderDomain})` });
    }
  });

type Settings = z.infer<typeof schema>;

export interface InfraConfig extends Omit<Settings, 'operatorEmail' | 'operators'> {
  /** Who "Report this meetup" reaches: signpost:operatorEmail, or the alert address when that is unset. */
  operatorEmail: string;
  /** The deployment's operators (OPERATORS): signpost:operators, or the operator address alone when that is unset. */
  operators: string[];
  /** The From header the API sends with, e.g. "Signpost <events@example.org>". */
  mailFrom: string;
  /** https://<domainName>; unset, the site lives on CloudFront's own domain, known only once deployed (AppStack.siteUrl). */
  siteUrl: string | undefined;
  /** The context keys SIGNPOST_PREVIEW filled with example values: never deploy such a synth. */
  previewed: string[];
}

export type ContextReader = (key: string) => unknown;

/** Bad or missing settings: infra/app.ts prints the message alone, as the one thing to fix (no stack trace). */
export class InfraConfigError extends Error {
  override name = 'InfraConfigError';
}

/**
 * Reads every setting from context, letting a non-empty SIGNPOST_* variable win, and validates them together.
 * Throws one Error listing each bad setting by its context key (and the variable that overrides it).
 */
export function loadInfraConfig(context: ContextReader, env: Record<string, string | undefined> = process.env): InfraConfig {
  const raw: Record<string, unknown> = Object.fromEntries(
    Object.entries(settingSources).map(([name, source]) => [name, env[source.env] || context(source.context)]),
  );
  const previewed: string[] = [];
  if (env.SIGNPOST_PREVIEW === '1') {
    for (const [name, value] of Object.entries(previewSettings)) {
      if (raw[name]) continue;
      raw[name] = value;
      previewed.push(settingSources[name as keyof typeof previewSettings].context);
    }
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = issue.path[0] as Setting;
      const source = settingSources[name];
      if (!source) return issue.message;
      const missing = issue.code !== 'custom' && (raw[name] === undefined || raw[name] === '') ? 'is missing: it ' : '';
      return `${source.context} ${missing}${issue.message} (set it in cdk.json context or ${source.env})`;
    });
    throw new InfraConfigError(`Invalid Signpost deployment settings:\n  - ${problems.join('\n  - ')}`);
  }
  const settings = parsed.data;
  return {
    ...settings,
    operatorEmail: settings.operatorEmail ?? settings.alertEmail,
    operators: settings.operators ?? [settings.operatorEmail ?? settings.alertEmail],
    mailFrom: `${settings.senderName} <${settings.sender}>`,
    siteUrl: settings.domainName ? `https://${settings.domainName}` : undefined,
    previewed,
  };
}
