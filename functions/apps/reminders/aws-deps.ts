// Reminders wiring for AWS (and for the local stack, which points the same client at DynamoDB Local): the reminder
// sweep's deps, and the follows sweep's (announcements, digests, and resuming the team's messages) that the same
// scheduled function runs after it.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { RemindersConfig } from '../config.ts';
import type { SweepsDeps } from './sweeps.ts';
import { systemClock } from '#functions/core/clock.ts';
import { createLogger } from '#functions/core/log.ts';
import { createDynamoClient } from '#functions/table/client.ts';
import { feedSecretFrom } from '#functions/feeds/secret.ts';
import { dynamoEventsRepository } from '#functions/events/dynamo-events.repository.ts';
import { dynamoAnnouncementsRepository } from '#functions/follows/dynamo-announcements.repository.ts';
import { dynamoFollowersRepository } from '#functions/follows/dynamo-followers.repository.ts';
import type { FollowSweepDeps, Resumers } from '#functions/follows/sweep.ts';
import { dynamoBroadcasts } from '#functions/mail/dynamo-broadcasts.ts';
import { dynamoAttendeeClaims } from '#functions/messages/dynamo-attendee-claims.ts';
import { messageResumers } from '#functions/messages/use-cases.ts';
import { dynamoRsvpsRepository } from '#functions/rsvps/dynamo-rsvps.repository.ts';
import { dynamoNetworksRepository } from '#functions/networks/dynamo-networks.repository.ts';
import { dynamoRemindersRepository } from '#functions/reminders/dynamo-reminders.repository.ts';
import { reminderPlans } from '#functions/reminders/reminder.ts';
import type { ReminderDeps } from '#functions/reminders/sweep.ts';
import { dynamoSuppressionsRepository } from '#functions/suppression/dynamo-suppressions.repository.ts';
import { dynamoCheckIns } from '#functions/attendance/dynamo-check-ins.ts';
import type { SummarySweepDeps } from '#functions/attendance/summary-sweep.ts';
import { dynamoStillComingRepository } from '#functions/attendance/still-coming-dynamo.repository.ts';
import type { StillComingSweepDeps } from '#functions/attendance/still-coming-sweep.ts';
import { dynamoFeedsRepository } from '#functions/feeds/dynamo-feeds.repository.ts';
import { dynamoCpdLog } from '#functions/cpd/dynamo-log.ts';
import type { RecordsSweepDeps } from '#functions/cpd/records-sweep.ts';

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

/** The team's messages, resumed by the follows sweep: what a crashed or timed-out send left open. */
export function messageSweepResumers(config: RemindersConfig, follows: FollowSweepDeps, dynamo: DynamoDBClient = clientFor(config)): Resumers {
  return messageResumers({
    ...follows,
    rsvps: dynamoRsvpsRepository(dynamo, config.TABLE_NAME),
    attendeeClaims: dynamoAttendeeClaims(dynamo, config.TABLE_NAME),
  });
}

/** Keeping meetups' numbers once their check-in window closes. */
export function summarySweepDeps(config: RemindersConfig, overrides: Partial<SummarySweepDeps> = {}, dynamo: DynamoDBClient = clientFor(config)): SummarySweepDeps {
  return {
    events: dynamoEventsRepository(dynamo, config.TABLE_NAME),
    rsvps: dynamoRsvpsRepository(dynamo, config.TABLE_NAME),
    checkIns: dynamoCheckIns(dynamo, config.TABLE_NAME),
    clock: systemClock,
    logger: createLogger(config.LOG_LEVEL),
    ...overrides,
  };
}

/** "Still coming?": asking, and releasing unanswered places (with the RSVP room's promotions and their emails). */
export function stillComingSweepDeps(config: RemindersConfig, overrides: Partial<StillComingSweepDeps> = {}, dynamo: DynamoDBClient = clientFor(config)): StillComingSweepDeps {
  return {
    stillComing: dynamoStillComingRepository(dynamo, config.TABLE_NAME),
    events: dynamoEventsRepository(dynamo, config.TABLE_NAME),
    rsvps: dynamoRsvpsRepository(dynamo, config.TABLE_NAME),
    feeds: dynamoFeedsRepository(dynamo, config.TABLE_NAME),
    feedSecret: feedSecretFrom(config),
    networks: dynamoNetworksRepository(dynamo, config.TABLE_NAME),
    suppressions: dynamoSuppressionsRepository(dynamo, config.TABLE_NAME),
    clock: systemClock,
    logger: createLogger(config.LOG_LEVEL),
    siteUrl: config.SITE_URL,
    ...overrides,
  };
}

/** Issuing records of attendance once a meetup's check-in window closes (their emails go through the outbox). */
export function recordsSweepDeps(config: RemindersConfig, overrides: Partial<RecordsSweepDeps> = {}, dynamo: DynamoDBClient = clientFor(config)): RecordsSweepDeps {
  return {
    events: dynamoEventsRepository(dynamo, config.TABLE_NAME),
    rsvps: dynamoRsvpsRepository(dynamo, config.TABLE_NAME),
    networks: dynamoNetworksRepository(dynamo, config.TABLE_NAME),
    cpdLog: dynamoCpdLog(dynamo, config.TABLE_NAME),
    feedSecret: feedSecretFrom(config),
    clock: systemClock,
    logger: createLogger(config.LOG_LEVEL),
    siteUrl: config.SITE_URL,
    ...overrides,
  };
}

/** Both sweeps' deps over one DynamoDB client. */
export function sweepDeps(config: RemindersConfig): SweepsDeps {
  const dynamo = clientFor(config);
  const follows = followSweepDeps(config, {}, dynamo);
  return { reminders: reminderDeps(config, {}, dynamo), follows, resumers: messageSweepResumers(config, follows, dynamo), summaries: summarySweepDeps(config, {}, dynamo), stillComing: stillComingSweepDeps(config, {}, dynamo), records: recordsSweepDeps(config, {}, dynamo) };
}
