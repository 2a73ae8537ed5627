// Reminders wiring for AWS (and for the local stack, which points the same client at DynamoDB Local).
import type { RemindersConfig } from '../config.ts';
import { systemClock } from '#functions/core/clock.ts';
import { createLogger } from '#functions/core/log.ts';
import { createDynamoClient } from '#functions/table/client.ts';
import { feedSecretFrom } from '#functions/feeds/secret.ts';
import { dynamoNetworksRepository } from '#functions/networks/dynamo-networks.repository.ts';
import { dynamoRemindersRepository } from '#functions/reminders/dynamo-reminders.repository.ts';
import { reminderPlans } from '#functions/reminders/reminder.ts';
import type { ReminderDeps } from '#functions/reminders/sweep.ts';

export function reminderDeps(config: RemindersConfig, overrides: Partial<ReminderDeps> = {}): ReminderDeps {
  const dynamo = createDynamoClient({ region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT });
  return {
    reminders: dynamoRemindersRepository(dynamo, config.TABLE_NAME),
    networks: dynamoNetworksRepository(dynamo, config.TABLE_NAME),
    clock: systemClock,
    logger: createLogger(config.LOG_LEVEL),
    siteUrl: config.SITE_URL,
    plans: reminderPlans({ dayMinutes: config.REMINDER_DAY_MINUTES, soonMinutes: config.REMINDER_SOON_MINUTES }),
    secret: feedSecretFrom(config),
    ...overrides,
  };
}
