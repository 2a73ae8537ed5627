// Infra, stateless: CloudWatch alarms (dead letters, function errors and throttles, API 5xx rate, SES reputation) that
// email the admin through one SNS topic.
import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, MathExpression, Metric, Stats, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/**
 * SES puts an account under review at a 5% bounce rate and may pause its sending at 10%. Alarming at 4% leaves time to
 * find the bad addresses before the review. SES publishes the rate as a fraction (0.05 is 5%).
 */
export const SES_BOUNCE_RATE_ALARM = 0.04;
export const SES_BOUNCE_RATE_REVIEW = 0.05;
export const SES_BOUNCE_RATE_PAUSE = 0.1;
/** SES reviews at a 0.1% complaint rate and may pause at 0.5%; alarming at 0.08% leaves the same margin. */
export const SES_COMPLAINT_RATE_ALARM = 0.0008;
export const SES_COMPLAINT_RATE_REVIEW = 0.001;
export const SES_COMPLAINT_RATE_PAUSE = 0.005;

/**
 * API 5xx rate over 5 minutes, in percent. A healthy API serves no 5xx at all, so a sustained 5% is an outage or a bug.
 * Below 20 requests in 5 minutes (the site is quiet most of the day) the rate is taken as 0: one failed request out of
 * three is not worth an email, and a crash or timeout still reaches the function Errors alarm. The API answers
 * unexpected errors with a 500 without failing the invocation, so this alarm is the one that sees those.
 */
export const API_5XX_ALARM = { percent: 5, minRequests: 20, period: Duration.minutes(5) } as const;

/** Where the admin finds the first steps for each alarm. */
const RUNBOOK = 'See DEPLOY.md "When an alarm fires".';

export interface AlarmsProps {
  /** Who gets the alarm emails (they confirm the SNS subscription once). */
  alertEmail: string;
  /** Our functions, each named as the admin would say it ("mailer"): Errors and Throttles alarms for each. */
  functions: { name: string; fn: IFunction }[];
  /** Dead-letter queues, named for what they hold ("mail"): an alarm as soon as one message is in one. */
  deadLetterQueues: { name: string; queue: IQueue }[];
  /** The HTTP API the site's /api and feed paths reach. */
  httpApi: IHttpApi;
  /** The API stage its metrics are published for. */
  stageName?: string;
}

/**
 * Alarm metrics, at $0.10 a month each (standard resolution; the first 10 are in the free tier): 2 per function
 * (Errors, Throttles), 1 per dead-letter queue, 2 for the API 5xx rate (its math reads two metrics) and 2 for SES.
 * With 5 functions and 3 queues: 10 + 3 + 2 + 2 = 17 metrics in 16 alarms, $1.70 a month before the free tier.
 */
export class Alarms extends Construct {
  /** Every alarm publishes here, into ALARM and back to OK. */
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    const stack = Stack.of(this);

    // Not encrypted: CloudWatch cannot publish to a topic under the AWS-managed SNS key (its key policy cannot grant
    // CloudWatch), and a customer-managed key costs $1 a month. Alarm messages carry metric names and counts, no
    // personal data. (cdk-nag 3's AwsSolutions pack no longer checks topic encryption, so there is nothing to accept.)
    this.topic = new Topic(this, 'Topic', { displayName: 'Signpost alarms', enforceSSL: true });
    this.topic.addSubscription(new EmailSubscription(props.alertEmail));
    // enforceSSL gives the topic a policy of its own, which replaces SNS's default one that let this account publish:
    // without this statement every alarm action would fail "not authorized to perform: SNS:Publish".
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowThisAccountsAlarms',
        actions: ['sns:Publish'],
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }) },
        },
      }),
    );
    const action = new SnsAction(this.topic);

    /** One alarm: fires at threshold or above, on one period, no data is fine; emails on ALARM and on OK. */
    const alarm = (id: string, title: string, metric: IMetric, threshold: number, description: string) => {
      const a = new Alarm(this, id, {
        // The email subject carries the name: readable, and unique per stack (alarm names are per account and region).
        alarmName: `${stack.stackName}: ${title}`,
        alarmDescription: `${description} ${RUNBOOK}`,
        metric,
        threshold,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      a.addAlarmAction(action);
      a.addOkAction(action);
      this.alarms.push(a);
      return a;
    };
    const fiveMinutes = Duration.minutes(5);

    for (const { name, queue } of props.deadLetterQueues) {
      alarm(
        `${idOf(name)}DeadLetters`,
        `messages in the ${name} dead-letter queue`,
        queue.metricApproximateNumberOfMessagesVisible({ statistic: Stats.MAXIMUM, period: fiveMinutes }),
        1,
        `Messages in the ${name} dead-letter queue: work that still failed after its retries and was set aside. ` +
          'First read the failing function\'s logs from that time for the error, then the messages themselves (kept 14 days).',
      );
    }

    for (const { name, fn } of props.functions) {
      alarm(
        `${idOf(name)}Errors`,
        `${name} function errors`,
        fn.metricErrors({ statistic: Stats.SUM, period: fiveMinutes }),
        1,
        `The ${name} function failed (threw, timed out or ran out of memory) in the last 5 minutes. ` +
          'First read its log group for the error and the request it came with.',
      );
      alarm(
        `${idOf(name)}Throttles`,
        `${name} function throttled`,
        fn.metricThrottles({ statistic: Stats.SUM, period: fiveMinutes }),
        1,
        `Lambda refused to run the ${name} function in the last 5 minutes: the account's concurrency limit was reached. ` +
          'First check the account\'s concurrent executions (Lambda console) for a traffic spike or a runaway function.',
      );
    }

    const apiMetric = (metricName: string) =>
      new Metric({
        namespace: 'AWS/ApiGateway',
        metricName,
        dimensionsMap: { ApiId: props.httpApi.apiId, Stage: props.stageName ?? '$default' },
        statistic: Stats.SUM,
        period: API_5XX_ALARM.period,
      });
    alarm(
      'Api5xxRate',
      `API 5xx rate at least ${API_5XX_ALARM.percent}%`,
      new MathExpression({
        // FILL: a window with requests but no 5xx data point is 0 errors, not missing.
        expression: `IF(requests >= ${API_5XX_ALARM.minRequests}, 100 * FILL(errors, 0) / requests, 0)`,
        usingMetrics: { requests: apiMetric('Count'), errors: apiMetric('5xx') },
        label: 'API 5xx responses (% of requests)',
        period: API_5XX_ALARM.period,
      }),
      API_5XX_ALARM.percent,
      `At least ${API_5XX_ALARM.percent}% of API requests got a 5xx (server error) in 5 minutes, with at least ` +
        `${API_5XX_ALARM.minRequests} requests. First read the API function's logs for errors, then its Errors and Throttles alarms.`,
    );

    const sesMetric = (metricName: string) =>
      new Metric({ namespace: 'AWS/SES', metricName, statistic: Stats.MAXIMUM, period: Duration.hours(1) });
    alarm(
      'SesBounceRate',
      'SES bounce rate nearing review',
      sesMetric('Reputation.BounceRate'),
      SES_BOUNCE_RATE_ALARM,
      `The SES account's bounce rate reached ${percent(SES_BOUNCE_RATE_ALARM)}; SES reviews the account at ` +
        `${percent(SES_BOUNCE_RATE_REVIEW)} and may pause sending at ${percent(SES_BOUNCE_RATE_PAUSE)}. Each bounced address is already suppressed ` +
        '(the SES events function logs each one). First look for a pattern: many new RSVPs or listings with made-up addresses point to a bot.',
    );
    alarm(
      'SesComplaintRate',
      'SES complaint rate nearing review',
      sesMetric('Reputation.ComplaintRate'),
      SES_COMPLAINT_RATE_ALARM,
      `The SES account's complaint rate reached ${percent(SES_COMPLAINT_RATE_ALARM)}; SES reviews the account at ` +
        `${percent(SES_COMPLAINT_RATE_REVIEW)} and may pause sending at ${percent(SES_COMPLAINT_RATE_PAUSE)}. Each complaining address is already ` +
        'suppressed. First find which emails were marked as spam (the SES events function logs the message ids): did those people ask for them?',
    );
  }
}

/** "reminder sweep" -> "ReminderSweep", for construct ids. */
const idOf = (name: string) => name.replace(/(^|[^A-Za-z0-9]+)([A-Za-z0-9])/g, (_m, _sep, c: string) => c.toUpperCase()).replace(/[^A-Za-z0-9]/g, '');
const percent = (fraction: number) => `${+(fraction * 100).toFixed(2)}%`;
