// Feeds adapter: where the key for personal feed links comes from. Read once per function instance and kept.
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { FeedSecret } from './feeds.repository.ts';

export const configuredFeedSecret = (value: string): FeedSecret => {
  const bytes = Buffer.from(value, 'utf8');
  return async () => bytes;
};

/** The secret CDK generates in Secrets Manager. A failed read is not kept, so the next request tries again. */
export function secretsManagerFeedSecret(region: string, secretId: string): FeedSecret {
  const client = new SecretsManagerClient({ region });
  let pending: Promise<Uint8Array> | undefined;
  return () => {
    pending ??= client.send(new GetSecretValueCommand({ SecretId: secretId })).then(
      (out) => {
        if (!out.SecretString || out.SecretString.length < 32) throw new Error('The feed secret is missing or too short');
        return Buffer.from(out.SecretString, 'utf8');
      },
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };
}

export function feedSecretFrom(config: { AWS_REGION: string; FEED_SECRET?: string | undefined; FEED_SECRET_ARN?: string | undefined }): FeedSecret {
  if (config.FEED_SECRET) return configuredFeedSecret(config.FEED_SECRET);
  return secretsManagerFeedSecret(config.AWS_REGION, config.FEED_SECRET_ARN!);
}
