// Infra tests: the alarms — the SNS topic that emails the admin, and that every one of our functions and every queue has
// its alarms (found in the template, so a function or queue added without them fails here), with their thresholds.
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  API_5XX_ALARM,
  SES_BOUNCE_RATE_ALARM,
  SES_BOUNCE_RATE_REVIEW,
  SES_COMPLAINT_RATE_ALARM,
  SES_COMPLAINT_RATE_REVIEW,
} from '#infra/alarms.ts';
import { only, removeTempDirs, requiredSettings, synthesize, type Json } from './support.ts';

afterAll(removeTempDirs);

let app: Template;
let topic: { id: string; resource: Json };
let alarms: Json[];

beforeAll(() => {
  app = Template.fromStack(synthesize().stateless);
  topic = only(app, 'AWS::SNS::Topic');
  alarms = Object.values(app.findResources('AWS::CloudWatch::Alarm'));
});

const props = (alarm: Json) => alarm.Properties as Json;
/** Alarms on this metric (single-metric alarms only) whose dimension `name` is `value`. */
const alarmsOn = (namespace: string, metricName: string, dimension?: { name: string; value: unknown }) =>
  alarms.filter(
    (a) =>
      props(a).Namespace === namespace &&
      props(a).MetricName === metricName &&
      (!dimension || (props(a).Dimensions as Json[] | undefined)?.some((d) => d.Name === dimension.name && JSON.stringify(d.Value) === JSON.stringify(dimension.value))),
  );

describe('alarm topic', () => {
  it('emails the alert address', () => {
    const subscriptions = Object.values(app.findResources('AWS::SNS::Subscription'));
    expect(subscriptions.map((s) => s.Properties)).toEqual([
      { Protocol: 'email', Endpoint: requiredSettings['signpost:alertEmail'], TopicArn: { Ref: topic.id } },
    ]);
  });

  it('refuses publishing without TLS, and lets only this account\'s CloudWatch alarms publish', () => {
    const policy = only(app, 'AWS::SNS::TopicPolicy').resource.Properties;
    expect(policy.Topics).toEqual([{ Ref: topic.id }]);
    const statements = policy.PolicyDocument.Statement as Json[];
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Principal: '*',
        Action: 'sns:Publish',
        Resource: { Ref: topic.id },
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
    // The topic's own policy replaces SNS's default, so without this statement no alarm could publish.
    const allows = statements.filter((s) => s.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    expect(allows[0]).toMatchObject({
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: 'sns:Publish',
      Resource: { Ref: topic.id },
      Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
    });
    expect(JSON.stringify(allows[0]!.Condition.ArnLike['aws:SourceArn'])).toContain(':alarm:*');
  });

  it('is in the stack outputs', () => {
    expect(app.toJSON().Outputs.AlarmTopic.Value).toEqual({ Ref: topic.id });
  });
});

describe('every alarm', () => {
  it('emails on ALARM and on OK through the topic, treats no data as fine, and says what happened and where to start', () => {
    expect(alarms.length).toBeGreaterThan(0);
    for (const alarm of alarms) {
      const p = props(alarm);
      expect(p.AlarmActions, p.AlarmName).toEqual([{ Ref: topic.id }]);
      expect(p.OKActions, p.AlarmName).toEqual([{ Ref: topic.id }]);
      expect(p.TreatMissingData, p.AlarmName).toBe('notBreaching');
      expect(p.ComparisonOperator, p.AlarmName).toBe('GreaterThanOrEqualToThreshold');
      expect(p.AlarmDescription, p.AlarmName).toMatch(/First .+DEPLOY\.md "When an alarm fires"\.$/);
      expect(p.AlarmName).toMatch(/^SignpostApp: /);
    }
    expect(new Set(alarms.map((a) => props(a).AlarmName)).size).toBe(alarms.length);
  });

  it('uses standard-resolution periods (high resolution costs three times as much)', () => {
    const periods = alarms.flatMap((a) => [props(a).Period, ...((props(a).Metrics as Json[] | undefined) ?? []).map((m) => m.MetricStat?.Period)]);
    for (const period of periods.filter((p) => p !== undefined)) expect(period).toBeGreaterThanOrEqual(60);
  });
});

describe('completeness', () => {
  /** Our functions (SignpostFunction: JSON logs, described "Signpost ..."), not CDK's deploy-time helpers. */
  const ourFunctions = () =>
    Object.entries(app.findResources('AWS::Lambda::Function')).filter(
      ([, f]) => f.Properties.LoggingConfig !== undefined && String(f.Properties.Description).startsWith('Signpost'),
    );

  it('finds our functions (so the checks below cannot pass by matching none)', () => {
    const ids = ourFunctions().map(([id]) => id.replace(/[0-9A-F]{8}$/, ''));
    expect(ids).toEqual(expect.arrayContaining(['ApiHandler', 'FeedsHandler', 'MailerHandler', 'RemindersHandler']));
  });

  it('every one of our functions has an Errors and a Throttles alarm at 1 or more in 5 minutes', () => {
    for (const [id] of ourFunctions()) {
      for (const metric of ['Errors', 'Throttles']) {
        const found = alarmsOn('AWS/Lambda', metric, { name: 'FunctionName', value: { Ref: id } });
        expect(found, `${metric} alarm for ${id}`).toHaveLength(1);
        expect(props(found[0]!)).toMatchObject({ Statistic: 'Sum', Period: 300, Threshold: 1, EvaluationPeriods: 1 });
      }
    }
  });

  it('every queue (all are dead-letter queues) has an alarm as soon as one message is visible', () => {
    const queues = Object.keys(app.findResources('AWS::SQS::Queue'));
    expect(queues.length).toBeGreaterThanOrEqual(2);
    for (const id of queues) {
      const found = alarmsOn('AWS/SQS', 'ApproximateNumberOfMessagesVisible', { name: 'QueueName', value: { 'Fn::GetAtt': [id, 'QueueName'] } });
      expect(found, `alarm for queue ${id}`).toHaveLength(1);
      expect(props(found[0]!)).toMatchObject({ Statistic: 'Maximum', Period: 300, Threshold: 1, EvaluationPeriods: 1 });
    }
  });

  it('has no alarm beyond those: 2 per function, 1 per queue, the API 5xx rate and the two SES rates', () => {
    const queues = Object.keys(app.findResources('AWS::SQS::Queue')).length;
    expect(alarms).toHaveLength(2 * ourFunctions().length + queues + 1 + 2);
  });
});

describe('API 5xx rate', () => {
  const rateAlarm = () => {
    const found = alarms.filter((a) => props(a).Metrics);
    expect(found).toHaveLength(1);
    return props(found[0]!);
  };

  it(`alarms at ${API_5XX_ALARM.percent}% of requests over 5 minutes, counted only from ${API_5XX_ALARM.minRequests} requests`, () => {
    const p = rateAlarm();
    expect(API_5XX_ALARM.percent).toBe(5);
    expect(p).toMatchObject({ Threshold: API_5XX_ALARM.percent, EvaluationPeriods: 1, TreatMissingData: 'notBreaching' });
    const metrics = p.Metrics as Json[];
    const expression = metrics.filter((m) => m.Expression);
    expect(expression).toEqual([expect.objectContaining({ Expression: 'IF(requests >= 20, 100 * FILL(errors, 0) / requests, 0)', ReturnData: true })]);
  });

  it('reads Count and 5xx of the HTTP API\'s $default stage, summed over 5 minutes', () => {
    const [apiId] = Object.keys(app.findResources('AWS::ApiGatewayV2::Api'));
    const byId = Object.fromEntries((rateAlarm().Metrics as Json[]).filter((m) => m.MetricStat).map((m) => [m.Id, m]));
    for (const [id, metricName] of [['requests', 'Count'], ['errors', '5xx']] as const) {
      expect(byId[id]).toEqual({
        Id: id,
        ReturnData: false,
        MetricStat: {
          Metric: {
            Namespace: 'AWS/ApiGateway',
            MetricName: metricName,
            Dimensions: [{ Name: 'ApiId', Value: { Ref: apiId } }, { Name: 'Stage', Value: '$default' }],
          },
          Period: 300,
          Stat: 'Sum',
        },
      });
    }
    // The stage the metrics name exists.
    app.hasResourceProperties('AWS::ApiGatewayV2::Stage', { ApiId: { Ref: apiId }, StageName: '$default' });
  });
});

describe('SES reputation', () => {
  it('alarms before SES\'s review thresholds (5% bounces, 0.1% complaints)', () => {
    expect([SES_BOUNCE_RATE_REVIEW, SES_COMPLAINT_RATE_REVIEW]).toEqual([0.05, 0.001]);
    expect(SES_BOUNCE_RATE_ALARM).toBeLessThan(SES_BOUNCE_RATE_REVIEW);
    expect(SES_COMPLAINT_RATE_ALARM).toBeLessThan(SES_COMPLAINT_RATE_REVIEW);
    for (const [metric, threshold] of [['Reputation.BounceRate', SES_BOUNCE_RATE_ALARM], ['Reputation.ComplaintRate', SES_COMPLAINT_RATE_ALARM]] as const) {
      const found = alarmsOn('AWS/SES', metric);
      expect(found, metric).toHaveLength(1);
      expect(props(found[0]!)).toMatchObject({ Statistic: 'Maximum', Period: 3600, Threshold: threshold, EvaluationPeriods: 1 });
      // The account-wide metric: SES publishes it without dimensions.
      expect(props(found[0]!).Dimensions).toBeUndefined();
    }
    expect([SES_BOUNCE_RATE_ALARM, SES_COMPLAINT_RATE_ALARM]).toEqual([0.04, 0.0008]);
  });
});
