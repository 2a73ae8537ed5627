// Apps: runtime configuration, read from the environment once per function and validated, naming any bad variable.
// zod/mini (the same validator as zod, tree-shakable) keeps the mailer, feeds and reminder bundles small; the English
// messages are loaded once here.
import * as z from 'zod/mini';
import { en } from 'zod/locales';

z.config(en());

const nonEmpty = () => z.string().check(z.minLength(1));
const optional = <T extends z.core.SomeType>(schema: T) => z.optional(schema);

const baseShape = {
  TABLE_NAME: nonEmpty(),
  AWS_REGION: z._default(nonEmpty(), 'eu-west-2'),
  /** Only set locally: DynamoDB Local. */
  DYNAMODB_ENDPOINT: optional(z.url()),
  LOG_LEVEL: z._default(z.enum(['debug', 'info', 'warn', 'error', 'silent']), 'info'),
};

const siteUrl = z.pipe(
  z.url({ protocol: /^https?$/ }),
  z.transform((u: string) => u.replace(/\/+$/, '')),
);

/** The key personal calendar feed links are made with: its Secrets Manager ARN in AWS, the value itself locally. */
const feedSecret = {
  FEED_SECRET: optional(z.string().check(z.minLength(32, 'Use at least 32 characters'))),
  FEED_SECRET_ARN: optional(z.string().check(z.regex(/^arn:aws[\w-]*:secretsmanager:/, 'Must be a Secrets Manager secret ARN'))),
};
const oneFeedSecret = z.refine<{ FEED_SECRET?: string | undefined; FEED_SECRET_ARN?: string | undefined }>(
  (c) => Boolean(c.FEED_SECRET) !== Boolean(c.FEED_SECRET_ARN),
  { message: 'Set exactly one of FEED_SECRET and FEED_SECRET_ARN', path: ['FEED_SECRET'] },
);

/** "a@example.org, b@example.org": every entry an address. */
const operatorList = z.string().check(
  z.refine((v: string) => v.split(',').map((a) => a.trim()).filter(Boolean).every((a) => /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/.test(a)), {
    message: 'Must be email addresses separated by commas, e.g. "ops@example.org, admin@example.org"',
  }),
);

/** OPERATORS as a list of lower-cased addresses. */
export const operatorsOf = (value: string) => value.split(',').map((a) => a.trim().toLowerCase()).filter(Boolean);

const api = z
  .object({
    ...baseShape,
    SITE_URL: siteUrl,
    /** Where the client's IP comes from. Never from a header a client can set, unless a trusted proxy sets it. */
    CLIENT_IP_SOURCE: z._default(z.enum(['cloudfront', 'apigateway', 'socket']), 'apigateway'),
    /** Who "Report this meetup" reaches: the deployment's operator. Unset, the report form says reports are not taken. */
    OPERATOR_EMAIL: optional(z.email('Must be an email address, e.g. "signpost-admin@example.org"')),
    /** The deployment's operators, comma-separated: signed in, they moderate meetups and networks. */
    OPERATORS: z._default(operatorList, ''),
    /** "yes": new networks wait for an operator's approval before they are public. */
    NETWORKS_NEED_APPROVAL: z._default(z.enum(['yes', 'no']), 'no'),
    ...feedSecret,
  })
  .check(oneFeedSecret);

const feeds = z.object({ ...baseShape, SITE_URL: siteUrl, ...feedSecret }).check(oneFeedSecret);

/** The CPD documents function (the PDFs): reads the table and the session, and signs records' verification links. */
const documents = z.object({ ...baseShape, SITE_URL: siteUrl, ...feedSecret }).check(oneFeedSecret);

const minutes = (fallback: number) =>
  z._default(z.coerce.number().check(z.int('Whole minutes'), z.minimum(0), z.maximum(20_160)), fallback);
const reminders = z
  .object({
    ...baseShape,
    SITE_URL: siteUrl,
    ...feedSecret,
    /** The reminder for everyone with a place; 0 switches it off. */
    REMINDER_DAY_MINUTES: minutes(1440),
    /** The short "starting soon" reminder for meetups with a joining link; 0 switches it off. */
    REMINDER_SOON_MINUTES: minutes(60),
  })
  .check(oneFeedSecret);

const mailer = z.object({
  ...baseShape,
  /** Sender, e.g. "Signpost <events@example.org>". */
  MAIL_FROM: z.string().check(z.minLength(3)),
  /** Only set locally: the SES emulator. */
  SES_ENDPOINT: optional(z.url()),
  /** The SES configuration set every email is sent through: it suppresses bounces and complaints and reports them. */
  SES_CONFIGURATION_SET: optional(z.string().check(z.regex(/^[\w-]{1,64}$/, 'Must be an SES configuration set name'))),
  /** SES's default production quota is 14 messages a second; the sandbox allows 1. */
  MAIL_RATE_PER_SECOND: z._default(z.coerce.number().check(z.positive(), z.maximum(1000)), 14),
});

/** The SES events function needs only the table. */
const sesEvents = z.object(baseShape);

/** `npm run backfill`, run by hand against a deployment: the table and its region, both named (no default region). */
const backfill = z.object({
  TABLE_NAME: nonEmpty(),
  AWS_REGION: nonEmpty(),
  DYNAMODB_ENDPOINT: optional(z.url()),
});

export type ApiConfig = z.infer<typeof api>;
export type MailerConfig = z.infer<typeof mailer>;
export type FeedsConfig = z.infer<typeof feeds>;
export type DocumentsConfig = z.infer<typeof documents>;
export type RemindersConfig = z.infer<typeof reminders>;
export type SesEventsConfig = z.infer<typeof sesEvents>;
export type BackfillConfig = z.infer<typeof backfill>;

function load<S extends z.ZodMiniType>(schema: S, env: Record<string, string | undefined>): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  }
  return parsed.data;
}

export const loadApiConfig = (env: Record<string, string | undefined> = process.env): ApiConfig => load(api, env);
export const loadMailerConfig = (env: Record<string, string | undefined> = process.env): MailerConfig => load(mailer, env);
export const loadFeedsConfig = (env: Record<string, string | undefined> = process.env): FeedsConfig => load(feeds, env);
export const loadDocumentsConfig = (env: Record<string, string | undefined> = process.env): DocumentsConfig => load(documents, env);
export const loadRemindersConfig = (env: Record<string, string | undefined> = process.env): RemindersConfig => load(reminders, env);
/** AWS_DEFAULT_REGION, as the AWS CLI reads it, stands in for AWS_REGION. */
export const loadBackfillConfig = (env: Record<string, string | undefined> = process.env): BackfillConfig =>
  load(backfill, { ...env, AWS_REGION: env.AWS_REGION || env.AWS_DEFAULT_REGION });
export const loadSesEventsConfig = (env: Record<string, string | undefined> = process.env): SesEventsConfig => load(sesEvents, env);
