// Reminders wiring for AWS (and for the local stack, which points the same client at DynamoDB Local): the reminder
// sweep's deps, and the follows sweep's (announcements, digests) that the same scheduled function runs after it.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { RemindersConfig } from '../config.ts';
import { systemClock } from '#functions/core/clock.ts';
import { createLogger } from '#functions/core/log.ts';
import { createDynamoClient } from '#functions/table/client.ts';
import { feedSecretFrom } from '#functions/feeds/secret.ts';
import { dynamoEventsRepository } from '#functions/events/dynamo-events.repository.ts';
import { dynamoAnnouncementsRepository } from '#functions/follows/dynamo-announcements.repository.ts';
import { dynamoFollowersRepository } from '#functions/follows/dynamo-followers.repository.ts';
import type { FollowSweepDeps } from '#functions/follows/sweep.ts';
import { dynamoBroadcasts } from '#functions/mail/dynamo-broadcasts.ts';
import { dynamoNetworksRepository } from '#functions/networks/dynamo-networks.repository.ts';
import { dynamoRemindersRepository } from '#functions/reminders/dynamo-reminders.repository.ts';
import { reminderPlans } from '#functions/reminders/reminder.ts';
import type { ReminderDeps } from '#functions/reminders/sweep.ts';
import { dynamoSuppressionsRepository } from '#functions/suppression/dynamo-suppressions.repository.ts';

const clientFor = (config: RemindersConfig) => createDynamoClient({ region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT });

export function reminderDeps(config: RemindersConfig, overrides: Partial<ReminderDeps> = {}, dynamo: DynamoDBClient = clientFor(config)): ReminderDeps {
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

export function followSweepDeps(config: RemindersConfig, overrides: Partial<FollowSweepDeps> = {}, dynamo: DynamoDBClient = clientFor(config)): FollowSweepDeps {
  return {
    announcements: dynamoAnnouncementsRepository(dynamo, config.TABLE_NAME),
    broadcasts: dynamoBroadcasts(dynamo, config.TABLE_NAME),
    followers: dynamoFollowersRepository(dynamo, config.TABLE_NAME),
    events: dynamoEventsRepository(dynamo, config.TABLE_NAME),
    networks: dynamoNetworksRepository(dynamo, config.TABLE_NAME),
    suppressions: dynamoSuppressionsRepository(dynamo, config.TABLE_NAME),
    clock: systemClock,
    logger: createLogger(config.LOG_LEVEL),
    siteUrl: config.SITE_URL,
    feedSecret: feedSecretFrom(config),
    ...overrides,
  };
}

/** Both sweeps' deps over one DynamoDB client. */
export function sweepDeps(config: RemindersConfig) {
  const dynamo = clientFor(config);
  return { reminders: reminderDeps(config, {}, dynamo), follows: followSweepDeps(config, {}, dynamo) };
}
