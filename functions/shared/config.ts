// Shared: runtime configuration, read from the environment once per function and validated, naming any bad variable.
import * as z from 'zod';

const base = z.object({
  TABLE_NAME: z.string().min(1),
  AWS_REGION: z.string().min(1).default('eu-west-2'),
  /** Only set locally: DynamoDB Local. */
  DYNAMODB_ENDPOINT: z.url().optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});

const siteUrl = z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, ''));

/** The key personal calendar feed links are made with: its Secrets Manager ARN in AWS, the value itself locally. */
const feedSecret = {
  FEED_SECRET: z.string().min(32, 'Use at least 32 characters').optional(),
  FEED_SECRET_ARN: z.string().regex(/^arn:aws[\w-]*:secretsmanager:/, 'Must be a Secrets Manager secret ARN').optional(),
};
const oneFeedSecret = (c: { FEED_SECRET?: string | undefined; FEED_SECRET_ARN?: string | undefined }) => Boolean(c.FEED_SECRET) !== Boolean(c.FEED_SECRET_ARN);
const oneFeedSecretIssue = { message: 'Set exactly one of FEED_SECRET and FEED_SECRET_ARN', path: ['FEED_SECRET'] };

const api = base
  .extend({
    SITE_URL: siteUrl,
    /** Where the client's IP comes from. Never from a header a client can set, unless a trusted proxy sets it. */
    CLIENT_IP_SOURCE: z.enum(['cloudfront', 'apigateway', 'socket']).default('apigateway'),
    ...feedSecret,
  })
  .refine(oneFeedSecret, oneFeedSecretIssue);

const feeds = base.extend({ SITE_URL: siteUrl, ...feedSecret }).refine(oneFeedSecret, oneFeedSecretIssue);

const minutes = (fallback: number) => z.coerce.number().int('Whole minutes').min(0).max(20_160).default(fallback);
const reminders = base
  .extend({
    SITE_URL: siteUrl,
    ...feedSecret,
    /** The reminder for everyone with a place; 0 switches it off. */
    REMINDER_DAY_MINUTES: minutes(1440),
    /** The short "starting soon" reminder for meetups with a joining link; 0 switches it off. */
    REMINDER_SOON_MINUTES: minutes(60),
  })
  .refine(oneFeedSecret, oneFeedSecretIssue);

const mailer = base.extend({
  MAIL_FROM: z.string().min(3).describe('Sender, e.g. "Signpost <events@example.org>"'),
  /** Only set locally: the SES emulator. */
  SES_ENDPOINT: z.url().optional(),
  /** SES's default production quota is 14 messages a second; the sandbox allows 1. */
  MAIL_RATE_PER_SECOND: z.coerce.number().positive().max(1000).default(14),
});

export type ApiConfig = z.infer<typeof api>;
export type MailerConfig = z.infer<typeof mailer>;
export type FeedsConfig = z.infer<typeof feeds>;
export type RemindersConfig = z.infer<typeof reminders>;

function load<S extends z.ZodType>(schema: S, env: Record<string, string | undefined>): z.infer<S> {
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
export const loadRemindersConfig = (env: Record<string, string | undefined> = process.env): RemindersConfig => load(reminders, env);
