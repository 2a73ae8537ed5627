// Shared: runtime configuration, read from the environment once and validated, naming any bad variable.
import { z } from 'zod';

const schema = z.object({
  TABLE_NAME: z.string().min(1),
  SITE_URL: z
    .url({ protocol: /^https?$/ })
    .transform((u) => u.replace(/\/+$/, '')),
  MAIL_FROM: z.string().min(3).describe('Sender, e.g. "Signpost <events@example.org>"'),
  AWS_REGION: z.string().min(1).default('eu-west-2'),
  /** Only set locally: DynamoDB Local and the SES emulator. */
  DYNAMODB_ENDPOINT: z.url().optional(),
  SES_ENDPOINT: z.url().optional(),
  /** Where the client's IP comes from. Never from a header a client can set, unless a trusted proxy sets it. */
  CLIENT_IP_SOURCE: z.enum(['cloudfront', 'apigateway', 'socket']).default('apigateway'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});

export type Config = z.infer<typeof schema>;

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  }
  return parsed.data;
}
