// Infra, stateless: the sweeps (functions/apps/reminders/handler.ts: reminders, then announcements to followers), run
// every few minutes by EventBridge Scheduler, and weekly with `{ job: 'digest' }` for the followers' digest. They only
// queue emails in the outbox; the mailer sends them, so the function has no SES permission.
import { fileURLToPath } from 'node:url';
import { Duration, TimeZone } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Role } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { ContextAttribute, Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { InfraConfig } from './config.ts';
import { deadLetterQueue, schedulerRole } from './constructs/dead-letters.ts';
import { SignpostFunction } from './constructs/signpost-function.ts';

export interface RemindersProps {
  /** Where people find Signpost: links in reminder emails. */
  siteUrl: string;
  config: Pick<InfraConfig, 'logLevel' | 'reminderSweepMinutes' | 'reminderDayMinutes' | 'reminderSoonMinutes'>;
  table: ITableV2;
  /** The feed link key: reminder emails carry "no more reminders" links signed with it. */
  feedSecret: ISecret;
}

/**
 * Retries of a failed sweep, both by Scheduler (it could not invoke) and by Lambda (the sweep threw). A late retry is
 * harmless: claims send each reminder once and never after the start. Older than this, newer sweeps have run anyway.
 */
/** What names a run in the dead-letter queue (Scheduler fills these in). */
const runNames = {
  scheduleArn: ContextAttribute.scheduleArn,
  scheduledTime: ContextAttribute.scheduledTime,
  executionId: ContextAttribute.executionId,
  attemptNumber: ContextAttribute.attemptNumber,
};

export const sweepRetry = { retryAttempts: 2, maxEventAge: Duration.minutes(10) } as const;

/** The followers' weekly digest: Monday 08:00 in London, whatever the clocks do. */
export const digestCron = { minute: '0', hour: '8', weekDay: 'MON', timeZone: TimeZone.EUROPE_LONDON } as const;

export class Reminders extends Construct {
  readonly handler: SignpostFunction;
  readonly schedule: Schedule;
  /** The weekly run that also sends the followers' digest. */
  readonly digestSchedule: Schedule;
  /** The role Scheduler invokes the sweep with: that function and the dead-letter queue, nothing else. */
  readonly schedulerRole: Role;
  /** Sweeps that never ran (Scheduler gave up invoking) or kept failing (Lambda gave up retrying). */
  readonly deadLetters: Queue;

  constructor(scope: Construct, id: string, props: RemindersProps) {
    super(scope, id);
    const { config } = props;

    this.handler = new SignpostFunction(this, 'Handler', {
      entry: fileURLToPath(new URL('../functions/apps/reminders/handler.ts', import.meta.url)),
      description: 'Signpost sweeps: queues due reminders, announcements and digests to followers in the outbox',
      // A 500-attendee meetup is 500 small transactions, 8 at a time: seconds. The rest is room for throttled retries.
      // No reserved concurrency: two sweeps at once are safe (each reminder is a conditional claim), and reserving
      // fails the deploy on new accounts whose concurrency quota leaves nothing to reserve.
      memorySize: 512,
      timeout: Duration.minutes(2),
      environment: {
        SITE_URL: props.siteUrl,
        LOG_LEVEL: config.logLevel,
        REMINDER_DAY_MINUTES: String(config.reminderDayMinutes),
        REMINDER_SOON_MINUTES: String(config.reminderSoonMinutes),
      },
    });
    // Claims update RSVPs and put outbox items in transactions; change notices are deleted once sent. Never a Scan.
    this.handler.bindTable(props.table, 'readWrite');
    this.handler.bindFeedSecret(props.feedSecret);

    this.deadLetters = deadLetterQueue(this, 'the reminder schedule and of the sweep function\'s async invocations');
    // Scheduler invokes Lambda asynchronously: its retry policy covers only failing to invoke. A sweep that throws is
    // retried by Lambda's own async retries, then parked in the same queue.
    this.handler.configureAsyncInvoke({ ...sweepRetry, onFailure: new SqsDestination(this.deadLetters) });

    this.schedulerRole = schedulerRole(this, 'SchedulerRole', this.handler);

    this.schedule = new Schedule(this, 'Schedule', {
      description: 'Runs the Signpost sweeps: reminders, then announcements to followers',
      // On even with both reminders switched off: announcements to followers go out from the same sweep.
      schedule: ScheduleExpression.rate(Duration.minutes(config.reminderSweepMinutes)),
      target: new LambdaInvoke(this.handler, {
        ...sweepRetry,
        role: this.schedulerRole,
        deadLetterQueue: this.deadLetters,
        // The handler reads only `job`; this fixes the input's shape (rather than Scheduler's default) and names the
        // run in the dead-letter queue.
        input: ScheduleTargetInput.fromObject(runNames),
      }),
    });

    this.digestSchedule = new Schedule(this, 'DigestSchedule', {
      description: 'Runs the Signpost sweeps with the followers\' weekly digest',
      schedule: ScheduleExpression.cron(digestCron),
      target: new LambdaInvoke(this.handler, {
        ...sweepRetry,
        role: this.schedulerRole,
        deadLetterQueue: this.deadLetters,
        input: ScheduleTargetInput.fromObject({ job: 'digest', ...runNames }),
      }),
    });
  }
}
