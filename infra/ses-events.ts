// Infra, stateless: the SES events function (functions/apps/ses-events/handler.ts). EventBridge brings it the bounces and
// complaints of Signpost's configuration set; it marks those addresses suppressed in the table, and nothing else.
import { fileURLToPath } from 'node:url';
import { Duration } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { IConfigurationSet } from 'aws-cdk-lib/aws-ses';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { PERSON_PREFIX } from '#functions/table/items/person.ts';
import type { InfraConfig } from './config.ts';
import { deadLetterQueue } from './constructs/dead-letters.ts';
import { SignpostFunction } from './constructs/signpost-function.ts';

export interface SesEventsProps {
  config: Pick<InfraConfig, 'logLevel'>;
  table: ITableV2;
  configurationSet: IConfigurationSet;
}

/** SES's EventBridge detail types for the two events that suppress an address. */
export const suppressingEvents = ['Email Bounced', 'Email Complaint Received'] as const;

/**
 * A missed complaint means mailing someone who asked us not to, so delivery is retried for a day (EventBridge, then
 * Lambda's own async retries) before the event is parked in the dead-letter queue, which alarms.
 */
export const sesEventsRetry = { retryAttempts: 8, maxEventAge: Duration.hours(24) } as const;

export class SesEvents extends Construct {
  readonly handler: SignpostFunction;
  readonly rule: Rule;
  readonly deadLetters: Queue;

  constructor(scope: Construct, id: string, props: SesEventsProps) {
    super(scope, id);

    this.handler = new SignpostFunction(this, 'Handler', {
      entry: fileURLToPath(new URL('../functions/apps/ses-events/handler.ts', import.meta.url)),
      description: 'Signpost SES events: marks addresses that bounce or complain as suppressed',
      memorySize: 256,
      environment: { LOG_LEVEL: props.config.logLevel },
    });
    // Only people's suppression records: it can't read or change a meetup, an RSVP or an email.
    this.handler.bindTableItems(props.table, [{ actions: ['dynamodb:UpdateItem'], partitionKeyPrefixes: [PERSON_PREFIX] }]);

    this.deadLetters = deadLetterQueue(this, 'the SES events rule and of the function\'s async invocations');
    this.handler.configureAsyncInvoke({ retryAttempts: 2, maxEventAge: Duration.hours(6), onFailure: new SqsDestination(this.deadLetters) });

    this.rule = new Rule(this, 'Rule', {
      description: 'SES bounces and complaints of Signpost mail, to the SES events function',
      eventPattern: {
        source: ['aws.ses'],
        detailType: [...suppressingEvents],
        // Only mail sent through Signpost's configuration set, not other senders in the same account.
        detail: { mail: { tags: { 'ses:configuration-set': [props.configurationSet.configurationSetName] } } },
      },
      targets: [new LambdaFunction(this.handler, { ...sesEventsRetry, deadLetterQueue: this.deadLetters })],
    });
  }
}
