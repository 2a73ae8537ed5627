// Infra tests: the API and mailer functions (runtime, env, least-privilege IAM), the HTTP API and the mailer's stream.
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableDesign } from '#functions/storage/table-design.ts';
import {
  actionsOf,
  functionWithEnv,
  only,
  removeTempDirs,
  resolveCrossStack,
  resourcesOf,
  roleOf,
  statementsFor,
  synthesize,
  type Json,
} from './support.ts';

let storage: Template;
let app: Template;
let api: Json;
let mailer: Json;
let tableArn: Json;

beforeAll(() => {
  const synth = synthesize();
  storage = Template.fromStack(synth.storage);
  app = Template.fromStack(synth.stateless);
  api = functionWithEnv(app, 'CLIENT_IP_SOURCE');
  mailer = functionWithEnv(app, 'MAIL_FROM');
  tableArn = { 'Fn::GetAtt': [only(storage, 'AWS::DynamoDB::GlobalTable').id, 'Arn'] };
}, 120_000);
afterAll(removeTempDirs);

const indexArn = () => ({ 'Fn::Join': ['', [tableArn, `/index/${tableDesign.indexes.listing.name}`]] });

describe.each([
  ['API', () => api],
  ['mailer', () => mailer],
])('%s function', (_name, fn) => {
  it('runs on Node.js 24 on arm64, with JSON logs kept a month', () => {
    expect(fn().Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], LoggingConfig: { LogFormat: 'JSON' } });
    expect(app.toJSON().Resources[fn().Properties.LoggingConfig.LogGroup.Ref].Properties.RetentionInDays).toBe(30);
  });

  it('gets TABLE_NAME from the table it is granted', () => {
    const vars = resolveCrossStack(fn().Properties.Environment.Variables, storage);
    expect(vars.TABLE_NAME).toEqual({ Ref: only(storage, 'AWS::DynamoDB::GlobalTable').id });
  });

  it('has no managed policy; its role may write only its own log group', () => {
    const { role, statements } = roleOf(app, fn());
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    const logs = statementsFor(statements, 'logs');
    expect(logs).toHaveLength(1);
    expect(resourcesOf(logs[0]!)).toEqual([{ 'Fn::GetAtt': [fn().Properties.LoggingConfig.LogGroup.Ref, 'Arn'] }]);
  });

  it('reads and writes exactly this table, and only queries its listing index: no wildcard resource', () => {
    const dynamo = resolveCrossStack(statementsFor(roleOf(app, fn()).statements, 'dynamodb'), storage);
    const data = dynamo.filter((s) => !actionsOf(s).some((a) => a.includes('Stream')));
    expect(data.map((s) => ({ actions: actionsOf(s).sort(), resources: resourcesOf(s) }))).toEqual([
      {
        actions: expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem']),
        resources: [tableArn],
      },
      { actions: ['dynamodb:Query'], resources: [indexArn()] },
    ]);
    expect(JSON.stringify(data)).not.toContain('*');
    expect(JSON.stringify(data)).not.toContain('dynamodb:Scan');
  });
});

describe('API function', () => {
  it('has 512 MB and 10 s, and its settings as environment variables', () => {
    expect(api.Properties).toMatchObject({ MemorySize: 512, Timeout: 10 });
    expect(api.Properties.Environment.Variables).toMatchObject({
      TABLE_NAME: expect.anything(),
      SITE_URL: 'https://events.example.org',
      CLIENT_IP_SOURCE: 'cloudfront',
      LOG_LEVEL: 'info',
    });
  });

  it('sends no mail itself, so it has neither MAIL_FROM nor any SES permission', () => {
    expect(api.Properties.Environment.Variables.MAIL_FROM).toBeUndefined();
    const services = new Set(roleOf(app, api).statements.flatMap(actionsOf).map((a) => a.split(':')[0]));
    expect([...services].sort()).toEqual(['dynamodb', 'logs']);
  });
});

describe('mailer function', () => {
  it('sends as the configured sender', () => {
    expect(mailer.Properties.Environment.Variables).toMatchObject({ MAIL_FROM: 'Signpost <events@example.org>', LOG_LEVEL: 'info' });
  });

  it('may send only through the sender identity, and only from the sender address', () => {
    const ses = resolveCrossStack(statementsFor(roleOf(app, mailer).statements, 'ses'), storage);
    expect(ses).toHaveLength(1);
    expect(actionsOf(ses[0]!).sort()).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
    expect(ses[0]!.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'events@example.org' } });
    const arn = JSON.stringify(ses[0]!.Resource);
    expect(arn).toContain(':identity/');
    expect(arn).toContain(JSON.stringify({ Ref: only(storage, 'AWS::SES::EmailIdentity').id }));
  });

  it('reads only new outbox items from the table stream: bisecting, bounded retries, per-record failures, a dead-letter queue', () => {
    const { resource: mapping } = only(app, 'AWS::Lambda::EventSourceMapping');
    const props = resolveCrossStack(mapping.Properties, storage);
    expect(props).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': [only(storage, 'AWS::DynamoDB::GlobalTable').id, 'StreamArn'] },
      StartingPosition: 'LATEST',
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 5,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [only(app, 'AWS::SQS::Queue').id, 'Arn'] } } },
    });
    expect(JSON.parse(props.FilterCriteria.Filters[0].Pattern)).toEqual({
      eventName: ['INSERT'],
      dynamodb: { NewImage: { type: { S: ['outbox'] } } },
    });
  });

  it('reads the stream by its ARN only', () => {
    const streams = resolveCrossStack(statementsFor(roleOf(app, mailer).statements, 'dynamodb'), storage).filter((s) =>
      actionsOf(s).some((a) => a.includes('Stream')),
    );
    const streamArn = { 'Fn::GetAtt': [only(storage, 'AWS::DynamoDB::GlobalTable').id, 'StreamArn'] };
    expect(streams.map((s) => ({ actions: actionsOf(s).sort(), resources: resourcesOf(s) }))).toEqual([
      { actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'], resources: [streamArn] },
    ]);
  });

  it('may only send to its own dead-letter queue', () => {
    const sqs = statementsFor(roleOf(app, mailer).statements, 'sqs');
    expect(sqs.flatMap(resourcesOf)).toEqual([{ 'Fn::GetAtt': [only(app, 'AWS::SQS::Queue').id, 'Arn'] }]);
  });

  it('grants nothing beyond logs, the table and its stream, SES and its dead-letter queue', () => {
    const services = new Set(roleOf(app, mailer).statements.flatMap(actionsOf).map((a) => a.split(':')[0]));
    expect([...services].sort()).toEqual(['dynamodb', 'logs', 'ses', 'sqs']);
  });
});

describe('HTTP API', () => {
  it('sends every request to the API function through one $default route', () => {
    app.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
    app.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$default' });
    app.hasResourceProperties('AWS::ApiGatewayV2::Integration', { IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
  });

  it('throttles the stage and logs access', () => {
    app.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: { DestinationArn: Match.anyValue() },
    });
  });
});
