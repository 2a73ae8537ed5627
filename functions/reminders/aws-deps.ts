// Reminders wiring for AWS (and for the local stack, which points the same client at DynamoDB Local).
import type { RemindersConfig } from '../shared/config.ts';
import { systemClock } from '../shared/clock.ts';
import { createLogger } from '../shared/log.ts';
import { createDynamoClient } from '../storage/dynamo.ts';
import { feedSecretFrom } from '../feeds/secret.ts';
import { dynamoRemindersRepository } from './dynamo-reminders.repository.ts';
import { reminderPlans } from './reminder.ts';
import type { ReminderDeps } from './sweep.ts';

export function reminderDeps(config: RemindersConfig, overrides: Partial<ReminderDeps> = {}): ReminderDeps {
  const dynamo = createDynamoClient({ region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT });
  return {
    reminders: dynamoRemindersRepository(dynamo, config.TABLE_NAME),
    clock: systemClock,
    logger: createLogger(config.LOG_LEVEL),
    siteUrl: config.SITE_URL,
    plans: reminderPlans({ dayMinutes: config.REMINDER_DAY_MINUTES, soonMinutes: config.REMINDER_SOON_MINUTES }),
    secret: feedSecretFrom(config),
    ...overrides,
  };
}
