// Infra, stateless: the mailer Lambda (functions/apps/mailer/handler.ts), fed new outbox items by the table's stream, and run
// every 15 minutes by EventBridge Scheduler to catch up on what the stream gave up on.
import { fileURLToPath } from 'node:url';
import { Duration } from 'aws-cdk-lib';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { IConfigurationSet, IEmailIdentity } from 'aws-cdk-lib/aws-ses';
import { PERSON_PREFIX } from '#functions/table/items/person.ts';
import { OUTBOX_PREFIX } from '#functions/table/items/outbox.ts';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { InfraConfig } from './config.ts';
import { deadLetterQueue, schedulerRole } from './constructs/dead-letters.ts';
import { SignpostFunction } from './constructs/signpost-function.ts';

export interface MailerProps {
  config: Pick<InfraConfig, 'sender' | 'mailFrom' | 'logLevel' | 'mailRatePerSecond'>;
  table: ITableV2;
  senderIdentity: IEmailIdentity;
  configurationSet: IConfigurationSet;
}

/**
 * Stream settings from REFERENCE.md: the defaults would retry a failing record for 24 h and block its shard, so batches
 * are bisected, retries bounded, failures reported per record, and what still fails is parked in a queue.
 */
export const mailerStream = { batchSize: 10, retryAttempts: 5, maxRecordAge: Duration.hours(6) } as const;

/** How often the catch-up runs: it sends what the stream gave up on once the cause (SES, the identity) is fixed. */
export const catchUpEvery = Duration.minutes(15);

export class Mailer extends Construct {
  readonly handler: SignpostFunction;
  readonly deadLetters: Queue;
  readonly catchUp: Schedule;

  constructor(scope: Construct, id: string, props: MailerProps) {
    super(scope, id);
    const { config } = props;

    this.handler = new SignpostFunction(this, 'Handler', {
      entry: fileURLToPath(new URL('../functions/apps/mailer/handler.ts', import.meta.url)),
      description: 'Signpost mailer: sends outbox emails written to the table',
      // A batch is sent one message at a time at the SES rate, e.g. 10 messages at 1/s in the SES sandbox.
      timeout: Duration.seconds(60),
      environment: {
        LOG_LEVEL: config.logLevel,
        ...(config.mailRatePerSecond ? { MAIL_RATE_PER_SECOND: String(config.mailRatePerSecond) } : {}),
      },
    });
    // Reads and marks outbox items, and reads suppression records: nothing else in the table, and never a delete.
    this.handler.bindTableItems(props.table, [
      { actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], partitionKeyPrefixes: [OUTBOX_PREFIX] },
      { actions: ['dynamodb:BatchGetItem'], partitionKeyPrefixes: [PERSON_PREFIX] },
      // The catch-up queries the pending-outbox partition of GSI1 (gsi1Partitions.pendingOutbox, under the same prefix).
      { actions: ['dynamodb:Query'], partitionKeyPrefixes: [OUTBOX_PREFIX], onIndexes: true },
    ]);
    this.handler.bindSender(props.senderIdentity, props.configurationSet, config.sender, config.mailFrom);

    this.deadLetters = deadLetterQueue(this, 'the mailer stream (an event source mapping, which cdk-nag cannot see)');
    this.handler.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.LATEST,
        ...mailerStream,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.deadLetters),
        // Only new outbox items wake the mailer; the handler checks the same again.
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.isEqual('INSERT'),
            dynamodb: { NewImage: { type: { S: FilterRule.isEqual('outbox') } } },
          }),
        ],
      }),
    );

    // A missed or failed catch-up run needs no retry: the next one is 15 minutes away. So no async retries either.
    this.handler.configureAsyncInvoke({ retryAttempts: 0 });
    this.catchUp = new Schedule(this, 'CatchUp', {
      description: 'Runs the Signpost mailer catch-up: sends outbox emails the stream gave up on',
      schedule: ScheduleExpression.rate(catchUpEvery),
      target: new LambdaInvoke(this.handler, {
        role: schedulerRole(this, 'CatchUpRole', this.handler),
        retryAttempts: 0,
        input: ScheduleTargetInput.fromObject({ catchUp: true }),
      }),
    });
  }
}
