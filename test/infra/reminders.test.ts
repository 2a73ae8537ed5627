// Infra tests: the sweeps (reminders, then announcements to followers) — their EventBridge Scheduler schedules (every
// few minutes, and weekly for the digest; retries, dead-letter queue), the role Scheduler invokes them with, and the
// function's settings and least-privilege IAM.
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableDesign } from '#functions/table/design.ts';
import { tableActions } from '#infra/constructs/signpost-function.ts';
import { actionsOf, distributionSiteUrl, functionById, only, onlyById, removeTempDirs, resolveCrossStack, resourcesOf, roleOf, statementsFor, synthesize, type Json } from './support.ts';

afterAll(removeTempDirs);

let storage: Template;
let app: Template;
let fn: Json;
let fnArn: Json;
let dlqArn: Json;
let schedule: Json;
let digest: Json;

beforeAll(() => {
  const synth = synthesize();
  storage = Template.fromStack(synth.storage);
  app = Template.fromStack(synth.stateless);
  fn = functionById(app, 'RemindersHandler');
  const fnId = Object.entries(app.findResources('AWS::Lambda::Function')).find(([, f]) => f === fn)![0];
  fnArn = { 'Fn::GetAtt': [fnId, 'Arn'] };
  dlqArn = { 'Fn::GetAtt': [onlyById(app, 'AWS::SQS::Queue', 'RemindersDeadLetters').id, 'Arn'] };
  schedule = onlyById(app, 'AWS::Scheduler::Schedule', 'RemindersSchedule').resource;
  digest = onlyById(app, 'AWS::Scheduler::Schedule', 'RemindersDigestSchedule').resource;
});

describe('reminder schedule', () => {
  it('is an EventBridge Scheduler schedule (no legacy EventBridge rule), every 5 minutes, enabled, exact to the minute', () => {
    expect(app.findResources('AWS::Events::Rule', { Properties: { ScheduleExpression: Match.anyValue() } })).toEqual({});
    expect(schedule.Properties).toMatchObject({ ScheduleExpression: 'rate(5 minutes)', State: 'ENABLED', FlexibleTimeWindow: { Mode: 'OFF' } });
  });

  it('invokes the reminder function, retrying twice within 10 minutes, then parks the run in its dead-letter queue', () => {
    expect(schedule.Properties.Target).toMatchObject({
      Arn: fnArn,
      RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 600 },
      DeadLetterConfig: { Arn: dlqArn },
    });
  });

  it('sends a fixed payload naming the run (without a job: no digest)', () => {
    expect(JSON.parse(schedule.Properties.Target.Input)).toEqual({
      scheduleArn: '<aws.scheduler.schedule-arn>',
      scheduledTime: '<aws.scheduler.scheduled-time>',
      executionId: '<aws.scheduler.execution-id>',
      attemptNumber: '<aws.scheduler.attempt-number>',
    });
  });

  it('runs with a role only Scheduler may assume (this account\'s default group) that may only invoke the sweep and dead-letter to its queue', () => {
    const roleId = schedule.Properties.Target.RoleArn['Fn::GetAtt'][0] as string;
    const role = app.toJSON().Resources[roleId];
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    const trust = role.Properties.AssumeRolePolicyDocument.Statement as Json[];
    expect(trust).toHaveLength(1);
    expect(trust[0]).toMatchObject({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'scheduler.amazonaws.com' } });
    expect(trust[0]!.Condition.StringEquals['aws:SourceAccount']).toEqual({ Ref: 'AWS::AccountId' });
    expect(JSON.stringify(trust[0]!.Condition.StringEquals['aws:SourceArn'])).toContain(':schedule-group/default');

    const statements = Object.values(app.findResources('AWS::IAM::Policy'))
      .filter((p) => (p.Properties.Roles as Json[]).some((r) => r.Ref === roleId))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as Json[]);
    expect(statements.map((s) => ({ effect: s.Effect, actions: actionsOf(s), resources: resourcesOf(s) }))).toEqual([
      // The function, and its versions and aliases (CDK's grantInvoke); none are published.
      { effect: 'Allow', actions: ['lambda:InvokeFunction'], resources: [fnArn, { 'Fn::Join': ['', [fnArn, ':*']] }] },
      { effect: 'Allow', actions: ['sqs:SendMessage'], resources: [dlqArn] },
    ]);
  });

  it('stays enabled when both reminders are switched off (announcements to followers go from it), and follows signpost:reminderSweepMinutes', () => {
    const off = Template.fromStack(
      synthesize({ context: { 'signpost:reminderDayMinutes': 0, 'signpost:reminderSoonMinutes': 0, 'signpost:reminderSweepMinutes': 1 } }).stateless,
    );
    expect(onlyById(off, 'AWS::Scheduler::Schedule', 'RemindersSchedule').resource.Properties).toMatchObject({ ScheduleExpression: 'rate(1 minute)', State: 'ENABLED' });
    const every15 = Template.fromStack(synthesize({ context: { 'signpost:reminderSweepMinutes': 15 } }).stateless);
    expect(onlyById(every15, 'AWS::Scheduler::Schedule', 'RemindersSchedule').resource.Properties).toMatchObject({ ScheduleExpression: 'rate(15 minutes)', State: 'ENABLED' });
  });
});

describe('weekly digest schedule', () => {
  it('runs on Mondays at 08:00 London time (through the clock changes), enabled, exact to the minute', () => {
    expect(digest.Properties).toMatchObject({
      ScheduleExpression: 'cron(0 8 ? * MON *)', ScheduleExpressionTimezone: 'Europe/London', State: 'ENABLED', FlexibleTimeWindow: { Mode: 'OFF' },
    });
  });

  it('invokes the same function with { job: "digest" }, the same retries, role and dead-letter queue', () => {
    expect(digest.Properties.Target).toMatchObject({
      Arn: fnArn,
      RoleArn: schedule.Properties.Target.RoleArn,
      RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 600 },
      DeadLetterConfig: { Arn: dlqArn },
    });
    expect(JSON.parse(digest.Properties.Target.Input)).toEqual({
      job: 'digest',
      scheduleArn: '<aws.scheduler.schedule-arn>',
      scheduledTime: '<aws.scheduler.scheduled-time>',
      executionId: '<aws.scheduler.execution-id>',
      attemptNumber: '<aws.scheduler.attempt-number>',
    });
  });

  it('stays on when both reminders are switched off', () => {
    const off = Template.fromStack(synthesize({ context: { 'signpost:reminderDayMinutes': 0, 'signpost:reminderSoonMinutes': 0 } }).stateless);
    expect(onlyById(off, 'AWS::Scheduler::Schedule', 'RemindersDigestSchedule').resource.Properties.State).toBe('ENABLED');
  });
});

describe('reminder dead-letter queue', () => {
  it('keeps messages 14 days, encrypted, and refuses plain HTTP', () => {
    const { id, resource } = onlyById(app, 'AWS::SQS::Queue', 'RemindersDeadLetters');
    expect(resource.Properties).toMatchObject({ MessageRetentionPeriod: 14 * 86_400, SqsManagedSseEnabled: true });
    const policies = Object.values(app.findResources('AWS::SQS::QueuePolicy')).filter((p) => p.Properties.Queues.some((q: Json) => q.Ref === id));
    expect(policies.flatMap((p) => p.Properties.PolicyDocument.Statement)).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Action: 'sqs:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });

  it('also receives sweeps that kept failing: Scheduler invokes asynchronously, so Lambda retries the sweep, twice within 10 minutes', () => {
    const resource = Object.values(app.findResources('AWS::Lambda::EventInvokeConfig', { Properties: { FunctionName: { Ref: fnArn['Fn::GetAtt'][0] } } }))[0]!;
    expect(resource.Properties).toMatchObject({
      FunctionName: { Ref: fnArn['Fn::GetAtt'][0] },
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 600,
      DestinationConfig: { OnFailure: { Destination: dlqArn } },
    });
  });

  it('has its URL in the stack outputs', () => {
    expect(app.toJSON().Outputs.RemindersDeadLetterQueue.Value).toEqual({ Ref: onlyById(app, 'AWS::SQS::Queue', 'RemindersDeadLetters').id });
  });
});

describe('reminder function', () => {
  const tableArn = () => ({ 'Fn::GetAtt': [only(storage, 'AWS::DynamoDB::GlobalTable').id, 'Arn'] });

  it('has 512 MB and 2 minutes, no reserved concurrency, and its settings as environment variables', () => {
    expect(fn.Properties).toMatchObject({ MemorySize: 512, Timeout: 120, Handler: 'index.handler' });
    expect(fn.Properties.ReservedConcurrentExecutions).toBeUndefined();
    expect(Object.keys(fn.Properties.Environment.Variables).sort()).toEqual([
      'FEED_SECRET_ARN', 'LOG_LEVEL', 'REMINDER_DAY_MINUTES', 'REMINDER_SOON_MINUTES', 'SITE_URL', 'TABLE_NAME',
    ]);
    expect(fn.Properties.Environment.Variables).toMatchObject({
      SITE_URL: distributionSiteUrl(app), LOG_LEVEL: 'info', REMINDER_DAY_MINUTES: '1440', REMINDER_SOON_MINUTES: '60',
    });
  });

  it('passes signpost:reminderDayMinutes and signpost:reminderSoonMinutes through, 0 included', () => {
    const t = Template.fromStack(synthesize({ context: { 'signpost:reminderDayMinutes': 2880, 'signpost:reminderSoonMinutes': 0 } }).stateless);
    expect(functionById(t, 'RemindersHandler').Properties.Environment.Variables).toMatchObject({ REMINDER_DAY_MINUTES: '2880', REMINDER_SOON_MINUTES: '0' });
  });

  it('reads and writes exactly this table and queries its index; never scans', () => {
    const grants = resolveCrossStack(statementsFor(roleOf(app, fn).statements, 'dynamodb'), storage).map((s) => ({
      actions: actionsOf(s).sort(),
      resources: resourcesOf(s),
    }));
    expect(grants).toEqual([
      { actions: [...tableActions.read, ...tableActions.write].sort(), resources: [tableArn()] },
      { actions: ['dynamodb:Query'], resources: [{ 'Fn::Join': ['', [tableArn(), `/index/${tableDesign.indexes.gsi1.name}`]] }] },
    ]);
    expect(JSON.stringify(grants)).not.toMatch(/dynamodb:(\*|Scan|PartiQL|DescribeStream|GetRecords)/);
    expect(JSON.stringify(grants)).not.toContain('*');
  });

  it('sends no mail itself (the mailer does): no SES permission, no MAIL_FROM; only its dead-letter queue besides', () => {
    const services = [...new Set(roleOf(app, fn).statements.flatMap(actionsOf).map((a) => a.split(':')[0]))].sort();
    expect(services).toEqual(['dynamodb', 'logs', 'secretsmanager', 'sqs']);
    expect(fn.Properties.Environment.Variables.MAIL_FROM).toBeUndefined();
    expect(statementsFor(roleOf(app, fn).statements, 'sqs').flatMap(resourcesOf)).toEqual([dlqArn]);
  });
});
