// Mail wiring for AWS (and for the local stack, which points the same clients at the emulators).
import type { MailerConfig } from '../config.ts';
import { systemClock } from '#functions/core/clock.ts';
import { createLogger } from '#functions/core/log.ts';
import { createDynamoClient } from '#functions/table/client.ts';
import { dynamoOutbox } from '#functions/mail/dynamo-outbox.ts';
import { dynamoSuppressionsRepository } from '#functions/suppression/dynamo-suppressions.repository.ts';
import { createSesClient, sesMailer } from '#functions/mail/ses-mailer.ts';
import type { DeliveryDeps } from '#functions/mail/deliver.ts';

export function mailerDeps(config: MailerConfig, overrides: Partial<DeliveryDeps> = {}): DeliveryDeps {
  const dynamo = createDynamoClient({ region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT });
  const ses = createSesClient({ region: config.AWS_REGION, endpoint: config.SES_ENDPOINT });
  return {
    outbox: dynamoOutbox(dynamo, config.TABLE_NAME),
    mailer: sesMailer(ses, config.MAIL_FROM, config.SES_CONFIGURATION_SET),
    suppressions: dynamoSuppressionsRepository(dynamo, config.TABLE_NAME),
    clock: systemClock,
    logger: createLogger(config.LOG_LEVEL),
    ratePerSecond: config.MAIL_RATE_PER_SECOND,
    ...overrides,
  };
}
