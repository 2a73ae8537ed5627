// Infra tests: the API, feeds, mailer and reminder functions (runtime, env, least-privilege IAM), the HTTP API and its
// feed routes, and the mailer's stream. The reminder schedule has its own file (reminders.test.ts).
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableDesign } from '#functions/table/design.ts';
import { tableActions } from '#infra/constructs/signpost-function.ts';
import { loadApiConfig, operatorsOf } from '#functions/apps/config.ts';
import { SERVER_PAGE_FAMILIES } from '#functions/core/paths.ts';
import {
  actionsOf,
  distributionSiteUrl,
  functionById,
  functionWithEnv,
  only,
  onlyById,
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
let feeds: Json;
let mailer: Json;
let reminders: Json;
let sesEvents: Json;
let documents: Json;
let tableArn: Json;
let secretArn: Json;

beforeAll(() => {
  const synth = synthesize();
  storage = Template.fromStack(synth.storage);
  app = Template.fromStack(synth.stateless);
  api = functionWithEnv(app, 'CLIENT_IP_SOURCE');
  feeds = functionById(app, 'FeedsHandler');
  mailer = functionWithEnv(app, 'MAIL_FROM');
  sesEvents = functionById(app, 'SesEventsHandler');
  reminders = functionById(app, 'RemindersHandler');
  documents = functionById(app, 'DocumentsHandler');
  tableArn = { 'Fn::GetAtt': [only(storage, 'AWS::DynamoDB::GlobalTable').id, 'Arn'] };
  secretArn = { Ref: only(storage, 'AWS::SecretsManager::Secret').id };
});
afterAll(removeTempDirs);

const indexArn = () => ({ 'Fn::Join': ['', [tableArn, `/index/${tableDesign.indexes.gsi1.name}`]] });
const servicesOf = (fn: Json) => [...new Set(roleOf(app, fn).statements.flatMap(actionsOf).map((a) => a.split(':')[0]))].sort();
/** The table statements (not the stream's), as { actions, resources }, cross-stack references resolved. */
const tableGrants = (fn: Json) =>
  resolveCrossStack(statementsFor(roleOf(app, fn).statements, 'dynamodb'), storage)
    .filter((s) => !actionsOf(s).some((a) => a.includes('Stream')))
    .map((s) => ({ actions: actionsOf(s).sort(), resources: resourcesOf(s) }));

describe.each([
  ['API', () => api],
  ['feeds', () => feeds],
  ['mailer', () => mailer],
  ['reminders', () => reminders],
  ['SES events', () => sesEvents],
  ['CPD documents', () => documents],
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

});

describe.each([
  ['API', () => api],
  ['feeds', () => feeds],
  ['reminders', () => reminders],
])('%s function', (_name, fn) => {
  it('only queries the listing index, never scans, and names no wildcard resource', () => {
    const grants = tableGrants(fn());
    expect(grants.at(-1)).toEqual({ actions: ['dynamodb:Query'], resources: [indexArn()] });
    expect(JSON.stringify(grants)).not.toContain('*');
    expect(JSON.stringify(grants)).not.toContain('dynamodb:Scan');
  });
});

describe('API function', () => {
  it('reads and writes exactly this table', () => {
    expect(tableGrants(api)[0]).toEqual({
      actions: [...tableActions.read, ...tableActions.write].sort(),
      resources: [tableArn],
    });
  });
});

describe('API function', () => {
  it('has 512 MB and 10 s, and its settings as environment variables', () => {
    expect(api.Properties).toMatchObject({ MemorySize: 512, Timeout: 10 });
    expect(api.Properties.Environment.Variables).toMatchObject({
      TABLE_NAME: expect.anything(),
      SITE_URL: distributionSiteUrl(app),
      CLIENT_IP_SOURCE: 'cloudfront',
      LOG_LEVEL: 'info',
      // signpost:operators unset: the operator address (itself the alert address) moderates; networks need no approval.
      OPERATORS: 'alerts@example.org',
      NETWORKS_NEED_APPROVAL: 'no',
    });
  });

  it('gets the operators and the approval setting from signpost:operators and signpost:networksNeedApproval', () => {
    const set = Template.fromStack(
      synthesize({ context: { 'signpost:operators': 'Ana@Example.org,ben@example.net', 'signpost:networksNeedApproval': 'yes' } }).stateless,
    );
    expect(functionWithEnv(set, 'CLIENT_IP_SOURCE').Properties.Environment.Variables).toMatchObject({
      OPERATORS: 'ana@example.org,ben@example.net',
      NETWORKS_NEED_APPROVAL: 'yes',
    });
  });

  it('has every variable the API validates at start (functions/apps/config.ts), valid', () => {
    const vars = Object.fromEntries(Object.entries(api.Properties.Environment.Variables).map(([k, v]) => [k, typeof v === 'string' ? v : 'x']));
    // Values CloudFormation resolves at deploy time, stood in for by their shapes.
    const parsed = loadApiConfig({ ...vars, SITE_URL: 'https://d111.cloudfront.net', FEED_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-2:1:secret:x', TABLE_NAME: 't' });
    expect(operatorsOf(parsed.OPERATORS)).toEqual(['alerts@example.org']);
    expect(parsed.NETWORKS_NEED_APPROVAL).toBe('no');
  });

  it('sends no mail itself, so it has neither MAIL_FROM nor any SES permission', () => {
    expect(api.Properties.Environment.Variables.MAIL_FROM).toBeUndefined();
    expect(servicesOf(api)).toEqual(['dynamodb', 'logs', 'secretsmanager']);
  });
});

describe.each([
  ['API', () => api],
  ['feeds', () => feeds],
  ['reminders', () => reminders],
  ['CPD documents', () => documents],
])('%s function and the feed secret', (_name, fn) => {
  it('gets FEED_SECRET_ARN, the secret in the storage stack, and may only read that secret\'s value', () => {
    expect(resolveCrossStack(fn().Properties.Environment.Variables, storage).FEED_SECRET_ARN).toEqual(secretArn);
    const grants = resolveCrossStack(statementsFor(roleOf(app, fn()).statements, 'secretsmanager'), storage);
    expect(grants.map((s) => ({ effect: s.Effect, actions: actionsOf(s), resources: resourcesOf(s) }))).toEqual([
      { effect: 'Allow', actions: ['secretsmanager:GetSecretValue'], resources: [secretArn] },
    ]);
  });
});

describe('feeds function', () => {
  it('has 1,024 MB and 15 s (rendering is CPU-bound), its settings as environment variables, and never the secret value', () => {
    expect(feeds.Properties).toMatchObject({ MemorySize: 512, Timeout: 15 });
    expect(feeds.Properties.Handler).toBe('index.handler');
    expect(Object.keys(feeds.Properties.Environment.Variables).sort()).toEqual(['FEED_SECRET_ARN', 'LOG_LEVEL', 'SITE_URL', 'TABLE_NAME']);
    expect(feeds.Properties.Environment.Variables).toMatchObject({ SITE_URL: distributionSiteUrl(app), LOG_LEVEL: 'info' });
  });

  it('only reads the table: GetItem, BatchGetItem and Query, with no write action and no Scan', () => {
    const grants = tableGrants(feeds);
    expect(grants).toEqual([
      { actions: ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query'], resources: [tableArn] },
      { actions: ['dynamodb:Query'], resources: [indexArn()] },
    ]);
    const granted = grants.flatMap((g) => g.actions);
    for (const write of [...tableActions.write, 'dynamodb:TransactWriteItems', 'dynamodb:PartiQLUpdate', 'dynamodb:Scan']) {
      expect(granted).not.toContain(write);
    }
    expect(JSON.stringify(grants)).not.toMatch(/dynamodb:(\*|Put|Update|Delete|BatchWrite|Transact|PartiQL)/);
  });

  it('grants nothing beyond logs, reading the table and reading the feed secret', () => {
    expect(servicesOf(feeds)).toEqual(['dynamodb', 'logs', 'secretsmanager']);
  });
});

describe('mailer function', () => {
  it('sends as the configured sender', () => {
    expect(mailer.Properties.Environment.Variables).toMatchObject({ MAIL_FROM: 'Signpost <events@example.org>', LOG_LEVEL: 'info' });
  });

  it('may send raw mail only through the sender identity and the configuration set, and only from the sender address', () => {
    const ses = resolveCrossStack(statementsFor(roleOf(app, mailer).statements, 'ses'), storage);
    expect(ses).toHaveLength(1);
    expect(actionsOf(ses[0]!)).toEqual(['ses:SendRawEmail']);
    expect(ses[0]!.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'events@example.org' } });
    const arn = JSON.stringify(ses[0]!.Resource);
    expect(arn).toContain(':identity/');
    expect(arn).toContain(JSON.stringify({ Ref: only(storage, 'AWS::SES::EmailIdentity').id }));
    expect(arn).toContain(':configuration-set/');
    expect(arn).toContain(JSON.stringify({ Ref: only(storage, 'AWS::SES::ConfigurationSet').id }));
  });

  it('sends through the configuration set that suppresses bounces and complaints', () => {
    const vars = resolveCrossStack(mailer.Properties.Environment.Variables, storage);
    expect(vars.SES_CONFIGURATION_SET).toEqual({ Ref: only(storage, 'AWS::SES::ConfigurationSet').id });
  });

  it('may only read and mark outbox items, query the pending ones, and read suppression records: nothing else, never a delete', () => {
    expect(tableGrants(mailer)).toEqual([
      { actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], resources: [tableArn] },
      { actions: ['dynamodb:BatchGetItem'], resources: [tableArn] },
      { actions: ['dynamodb:Query'], resources: [indexArn()] },
    ]);
    const conditions = resolveCrossStack(statementsFor(roleOf(app, mailer).statements, 'dynamodb'), storage)
      .filter((s) => !actionsOf(s).some((a) => a.includes('Stream')))
      .map((s) => s.Condition);
    expect(conditions).toEqual([
      { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['OUTBOX#*'] } },
      { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['PERSON#*'] } },
      { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['OUTBOX#*'] } },
    ]);
  });

  it('runs the catch-up every 15 minutes from EventBridge Scheduler, with no retries (the next run is the retry)', () => {
    const { resource: schedule } = onlyById(app, 'AWS::Scheduler::Schedule', 'MailerCatchUp');
    const fnId = Object.entries(app.findResources('AWS::Lambda::Function')).find(([, f]) => f === mailer)![0];
    expect(schedule.Properties).toMatchObject({
      ScheduleExpression: 'rate(15 minutes)',
      State: 'ENABLED',
      Target: { Arn: { 'Fn::GetAtt': [fnId, 'Arn'] }, Input: JSON.stringify({ catchUp: true }), RetryPolicy: { MaximumRetryAttempts: 0 } },
    });
    const invoke = Object.values(app.findResources('AWS::Lambda::EventInvokeConfig')).find((c) => c.Properties.FunctionName.Ref === fnId);
    expect(invoke?.Properties.MaximumRetryAttempts).toBe(0);
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
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [onlyById(app, 'AWS::SQS::Queue', 'MailerDeadLetters').id, 'Arn'] } } },
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
    expect(sqs.flatMap(resourcesOf)).toEqual([{ 'Fn::GetAtt': [onlyById(app, 'AWS::SQS::Queue', 'MailerDeadLetters').id, 'Arn'] }]);
  });

  it('grants nothing beyond logs, the table and its stream, SES and its dead-letter queue (no feed secret)', () => {
    expect(servicesOf(mailer)).toEqual(['dynamodb', 'logs', 'ses', 'sqs']);
    expect(mailer.Properties.Environment.Variables.FEED_SECRET_ARN).toBeUndefined();
  });
});

describe('HTTP API', () => {
  /** Route key -> the function its integration invokes ('API' or 'feeds'). */
  const routes = () => {
    const resources = app.toJSON().Resources as Json;
    const fnIds = { API: api, feeds, documents } as const;
    const targetOf = (route: Json) => {
      const integrationId = route.Properties.Target['Fn::Join'][1][1].Ref as string;
      const integration = resources[integrationId].Properties;
      expect(integration).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
      const fnId = integration.IntegrationUri['Fn::GetAtt'][0] as string;
      return Object.entries(fnIds).find(([, fn]) => fn === resources[fnId])![0];
    };
    return Object.fromEntries(Object.values(app.findResources('AWS::ApiGatewayV2::Route')).map((r) => [r.Properties.RouteKey, targetOf(r)]));
  };

  it('sends GET and HEAD of the feed paths to the feeds function, and everything else to the API through $default', () => {
    app.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
    expect(routes()).toEqual({
      $default: 'API',
      'GET /calendar.ics': 'feeds',
      'HEAD /calendar.ics': 'feeds',
      'GET /calendar/{proxy+}': 'feeds',
      'HEAD /calendar/{proxy+}': 'feeds',
      'GET /me/cpd/export.pdf': 'documents',
      'GET /me/cpd/records/{id}': 'documents',
    });
  });

  it('leaves every server page family to the API function: no route takes one from $default but the CPD PDFs\' GETs', () => {
    const keys = Object.keys(routes());
    for (const family of SERVER_PAGE_FAMILIES) {
      const taken = keys.filter((key) => key.split(' ')[1]?.startsWith(family));
      expect(taken).toEqual(family === '/me' ? ['GET /me/cpd/export.pdf', 'GET /me/cpd/records/{id}'] : []);
    }
    expect(routes().$default).toBe('API');
  });

  it('lets API Gateway invoke the feeds function', () => {
    const feedsId = Object.entries(app.findResources('AWS::Lambda::Function')).find(([, fn]) => fn === feeds)![0];
    const permissions = Object.values(app.findResources('AWS::Lambda::Permission')).filter(
      (p) => p.Properties.FunctionName['Fn::GetAtt']?.[0] === feedsId,
    );
    expect(permissions.length).toBeGreaterThan(0);
    for (const p of permissions) expect(p.Properties).toMatchObject({ Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com' });
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

describe('SES events function', () => {
  it('has 256 MB and 10 s', () => {
    expect(sesEvents.Properties).toMatchObject({ MemorySize: 256, Timeout: 10 });
    expect(Object.keys(sesEvents.Properties.Environment.Variables).sort()).toEqual(['LOG_LEVEL', 'TABLE_NAME']);
  });

  it('may only update people\'s suppression records: no read, no other item, no index', () => {
    const statements = resolveCrossStack(statementsFor(roleOf(app, sesEvents).statements, 'dynamodb'), storage);
    expect(statements.map((s) => ({ actions: actionsOf(s), resources: resourcesOf(s), condition: s.Condition }))).toEqual([
      { actions: ['dynamodb:UpdateItem'], resources: [tableArn], condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['PERSON#*'] } } },
    ]);
    expect(servicesOf(sesEvents)).toEqual(['dynamodb', 'logs', 'sqs']);
  });

  it('gets SES bounces and complaints of our configuration set only, from EventBridge, retried for a day then dead-lettered', () => {
    const { resource: rule } = only(app, 'AWS::Events::Rule');
    const props = resolveCrossStack(rule.Properties, storage);
    const configurationSet = { Ref: only(storage, 'AWS::SES::ConfigurationSet').id };
    expect(props.EventPattern).toEqual({
      source: ['aws.ses'],
      'detail-type': ['Email Bounced', 'Email Complaint Received'],
      detail: { mail: { tags: { 'ses:configuration-set': [configurationSet] } } },
    });
    const dlqArn = { 'Fn::GetAtt': [onlyById(app, 'AWS::SQS::Queue', 'SesEventsDeadLetters').id, 'Arn'] };
    expect(props.Targets).toEqual([
      expect.objectContaining({
        Arn: { 'Fn::GetAtt': [onlyById(app, 'AWS::Lambda::Function', 'SesEventsHandler').id, 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 86_400 },
        DeadLetterConfig: { Arn: dlqArn },
      }),
    ]);
    const invokeConfigs = Object.values(app.findResources('AWS::Lambda::EventInvokeConfig')).filter(
      (c) => c.Properties.FunctionName.Ref === onlyById(app, 'AWS::Lambda::Function', 'SesEventsHandler').id,
    );
    expect(invokeConfigs.map((c) => c.Properties)).toEqual([
      expect.objectContaining({ MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 21_600, DestinationConfig: { OnFailure: { Destination: dlqArn } } }),
    ]);
  });
});
