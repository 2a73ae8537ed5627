// Infra tests: the synthesized Signpost stacks (keys, retention, function, IAM, API, site, CloudFront) and cdk-nag.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { CachePolicy } from 'aws-cdk-lib/aws-cloudfront';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableDesign } from '#functions/storage/table-design.ts';
import { contentSecurityPolicy, securityHeaders } from '#functions/shared/security-headers.ts';
import { staticPages } from '#web/routes.ts';
import { acknowledgements, crossStackValue, removeTempDirs, synthesize, type Synthesized } from './support.ts';

afterAll(removeTempDirs);

type Json = Record<string, any>;

let synth: Synthesized;
let storage: Template;
let app: Template;
let storageJson: Json;

beforeAll(() => {
  synth = synthesize();
  storage = Template.fromStack(synth.storage);
  app = Template.fromStack(synth.stateless);
  storageJson = storage.toJSON();
}, 120_000);

const only = (template: Template, type: string): [string, Json] => {
  const found = Object.entries(template.findResources(type));
  expect(found, type).toHaveLength(1);
  return found[0] as [string, Json];
};

describe('storage stack', () => {
  it('builds the table from tableDesign: keys, the listing index (all attributes) and the TTL attribute', () => {
    const index = tableDesign.indexes.listing;
    storage.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: tableDesign.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableDesign.sortKey, KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayWith([
        { AttributeName: tableDesign.partitionKey, AttributeType: 'S' },
        { AttributeName: index.partitionKey, AttributeType: 'S' },
      ]),
      GlobalSecondaryIndexes: [
        {
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      TimeToLiveSpecification: { AttributeName: tableDesign.ttlAttribute, Enabled: true },
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
  });

  it('protects the table: point-in-time recovery, deletion protection, retained on stack delete and replace', () => {
    const [, table] = only(storage, 'AWS::DynamoDB::GlobalTable');
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
    expect(table.Properties.Replicas).toEqual([
      expect.objectContaining({
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
      }),
    ]);
  });

  it('verifies the sender address with SES and retains the identity', () => {
    const [, identity] = only(storage, 'AWS::SES::EmailIdentity');
    expect(identity.Properties.EmailIdentity).toBe('events@example.org');
    expect(identity.DeletionPolicy).toBe('Retain');
  });
});

describe('API function', () => {
  let fn: Json;
  beforeAll(() => {
    const functions = Object.entries(app.findResources('AWS::Lambda::Function', { Properties: { Environment: { Variables: { CLIENT_IP_SOURCE: Match.anyValue() } } } }));
    expect(functions).toHaveLength(1);
    fn = functions[0]![1];
  });

  it('runs on Node.js 24, arm64, 512 MB, 10 s, with JSON logs kept a month', () => {
    expect(fn.Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], MemorySize: 512, Timeout: 10, LoggingConfig: { LogFormat: 'JSON' } });
    const logGroupId = fn.Properties.LoggingConfig.LogGroup.Ref;
    expect(app.toJSON().Resources[logGroupId].Properties.RetentionInDays).toBe(30);
  });

  it('gets its settings as environment variables', () => {
    const vars = fn.Properties.Environment.Variables;
    expect(vars).toMatchObject({
      SITE_URL: 'https://events.example.org',
      MAIL_FROM: 'Signpost <events@example.org>',
      CLIENT_IP_SOURCE: 'cloudfront',
      LOG_LEVEL: 'info',
    });
    const tableId = Object.keys(storage.findResources('AWS::DynamoDB::GlobalTable'))[0];
    expect(crossStackValue(vars.TABLE_NAME, storageJson)).toEqual({ Ref: tableId });
  });

  describe('IAM', () => {
    let statements: Json[];
    let role: Json;
    beforeAll(() => {
      const roleId = fn.Properties.Role['Fn::GetAtt'][0];
      role = app.toJSON().Resources[roleId];
      statements = Object.values(app.findResources('AWS::IAM::Policy'))
        .filter((p) => p.Properties.Roles.some((r: Json) => r.Ref === roleId))
        .flatMap((p) => p.Properties.PolicyDocument.Statement);
    });
    const actionsOf = (s: Json): string[] => [s.Action].flat();
    const resourcesOf = (s: Json): unknown[] => [s.Resource].flat();

    it('uses no managed policy: the role may only write its own log group', () => {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      const logs = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('logs:')));
      expect(logs).toHaveLength(1);
      expect(resourcesOf(logs[0]!)).toEqual([{ 'Fn::GetAtt': [fn.Properties.LoggingConfig.LogGroup.Ref, 'Arn'] }]);
    });

    it('reads and writes exactly this table, and only queries its listing index, with no wildcard resource', () => {
      const tableArn = { 'Fn::GetAtt': [Object.keys(storage.findResources('AWS::DynamoDB::GlobalTable'))[0], 'Arn'] };
      const dynamo = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')));
      const resolved = dynamo.map((s) => ({
        actions: actionsOf(s).sort(),
        resources: resourcesOf(s).map((r) => JSON.parse(JSON.stringify(r), (_k, v) => crossStackValue(v, storageJson))),
      }));
      expect(resolved).toEqual([
        {
          actions: expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem']),
          resources: [tableArn],
        },
        { actions: ['dynamodb:Query', 'dynamodb:Scan'], resources: [{ 'Fn::Join': ['', [tableArn, `/index/${tableDesign.indexes.listing.name}`]] }] },
      ]);
      expect(JSON.stringify(dynamo)).not.toContain('*');
      expect(dynamo.flatMap(actionsOf).some((a) => a.includes('*'))).toBe(false);
    });

    it('may send mail only through the sender identity, and only from the sender address', () => {
      const ses = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('ses:')));
      expect(ses).toHaveLength(1);
      expect(actionsOf(ses[0]!).sort()).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
      expect(ses[0]!.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'events@example.org' } });
      const arn = JSON.stringify(JSON.parse(JSON.stringify(ses[0]!.Resource), (_k, v) => crossStackValue(v, storageJson)));
      const identityId = Object.keys(storage.findResources('AWS::SES::EmailIdentity'))[0];
      expect(arn).toContain(':identity/');
      expect(arn).toContain(JSON.stringify({ Ref: identityId }));
    });

    it('grants nothing else', () => {
      const services = new Set(statements.flatMap(actionsOf).map((a) => a.split(':')[0]));
      expect([...services].sort()).toEqual(['dynamodb', 'logs', 'ses']);
    });
  });
});

describe('HTTP API', () => {
  it('sends every route to the function through one $default route', () => {
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

describe('site bucket', () => {
  it('is private, encrypted and refuses plain HTTP', () => {
    app.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
    });
    app.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('deploys assets, then the not-found page (with its status marker), then pages with one invalidation', () => {
    const deployments = Object.entries(app.findResources('Custom::CDKBucketDeployment'));
    const byName = (name: string) => deployments.find(([id]) => id.includes(name))!;
    const [assetsId, assets] = byName('DeployAssets');
    const [notFoundId, notFound] = byName('DeployNotFoundPage');
    const [, pages] = byName('DeployPages');
    expect(assets.Properties).toMatchObject({ DestinationBucketKeyPrefix: 'assets/', Prune: false, SystemMetadata: { 'cache-control': expect.stringContaining('max-age=') } });
    expect(notFound.Properties.UserMetadata).toEqual({ 'signpost-status': '404' });
    expect(notFound.DependsOn).toContain(assetsId);
    expect(pages.Properties).toMatchObject({ Exclude: ['assets/*', '404.html'], DistributionPaths: ['/*'] });
    expect(pages.DependsOn).toContain(notFoundId);
  });
});

describe('CloudFront', () => {
  let config: Json;
  let resources: Json;
  beforeAll(() => {
    config = only(app, 'AWS::CloudFront::Distribution')[1].Properties.DistributionConfig;
    resources = app.toJSON().Resources;
  });
  const behaviour = (path: string) => config.CacheBehaviors.find((b: Json) => b.PathPattern === path);

  it('redirects HTTP to HTTPS everywhere, uses price class 100 and replaces no error answers', () => {
    for (const b of [config.DefaultCacheBehavior, ...config.CacheBehaviors]) expect(b.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(config.PriceClass).toBe('PriceClass_100');
    // Distribution-wide custom error responses would also replace the API's JSON 403/404 answers.
    expect(config.CustomErrorResponses).toBeUndefined();
  });

  it('serves the bucket through origin access control, routing pages with the generated functions', () => {
    const s3 = config.Origins.find((o: Json) => o.S3OriginConfig);
    expect(s3.OriginAccessControlId).toBeDefined();
    expect(config.DefaultCacheBehavior.TargetOriginId).toBe(s3.Id);
    expect(config.DefaultCacheBehavior.CachePolicyId).toBe(CachePolicy.CACHING_OPTIMIZED.cachePolicyId);
    const events = config.DefaultCacheBehavior.FunctionAssociations.map((f: Json) => f.EventType);
    expect(events).toEqual(['viewer-request', 'viewer-response']);

    const router = resources[config.DefaultCacheBehavior.FunctionAssociations[0].FunctionARN['Fn::GetAtt'][0]];
    expect(router.Properties.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    for (const page of staticPages) {
      expect(router.Properties.FunctionCode).toContain(page.pattern.toString());
      expect(router.Properties.FunctionCode).toContain(`/${page.file}`);
    }
  });

  it('never caches /api/*, allows every method and forwards the viewer address', () => {
    const api = behaviour('/api/*');
    expect(api.CachePolicyId).toBe(CachePolicy.CACHING_DISABLED.cachePolicyId);
    expect(api.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE']));
    const headers = resources[api.OriginRequestPolicyId.Ref].Properties.OriginRequestPolicyConfig.HeadersConfig;
    expect(headers.HeaderBehavior).toBe('whitelist');
    expect(headers.Headers).toContain('CloudFront-Viewer-Address');
    expect(headers.Headers.map((h: string) => h.toLowerCase())).not.toContain('host');
  });

  it('caches /events/* pages briefly, keyed on and forwarding nothing viewer-specific', () => {
    const pages = behaviour('/events/*');
    expect(pages.TargetOriginId).toBe(behaviour('/api/*').TargetOriginId);
    expect(pages.OriginRequestPolicyId).toBeUndefined();
    const policy = resources[pages.CachePolicyId.Ref].Properties.CachePolicyConfig;
    expect(policy).toMatchObject({ DefaultTTL: 60, MinTTL: 0 });
    expect(policy.ParametersInCacheKeyAndForwardedToOrigin).toMatchObject({
      HeadersConfig: { HeaderBehavior: 'none' },
      CookiesConfig: { CookieBehavior: 'none' },
      QueryStringsConfig: { QueryStringBehavior: 'none' },
    });
  });

  it('sends the API origin HTTPS only, to the HTTP API endpoint host', () => {
    const origin = config.Origins.find((o: Json) => o.Id === behaviour('/api/*').TargetOriginId);
    expect(origin.CustomOriginConfig).toEqual({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
    expect(JSON.stringify(origin.DomainName)).toContain('ApiEndpoint');
  });

  it('adds the app’s own security headers to every behaviour', () => {
    const ids = new Set([config.DefaultCacheBehavior, ...config.CacheBehaviors].map((b: Json) => JSON.stringify(b.ResponseHeadersPolicyId)));
    expect(ids.size).toBe(1);
    const policy = resources[config.DefaultCacheBehavior.ResponseHeadersPolicyId.Ref].Properties.ResponseHeadersPolicyConfig;
    expect(policy.SecurityHeadersConfig).toEqual({
      ContentSecurityPolicy: { ContentSecurityPolicy: contentSecurityPolicy, Override: true },
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
      StrictTransportSecurity: { AccessControlMaxAgeSec: 31536000, IncludeSubdomains: true, Preload: false, Override: true },
    });
    expect(policy.CustomHeadersConfig.Items).toEqual([
      { Header: 'Permissions-Policy', Value: securityHeaders['Permissions-Policy'], Override: true },
    ]);
  });
});

describe('outputs', () => {
  it('names the site, the distribution, the API and the table', () => {
    expect(Object.keys(app.toJSON().Outputs)).toEqual(expect.arrayContaining(['SiteUrl', 'DistributionDomain', 'ApiUrl', 'TableName']));
    expect(app.toJSON().Outputs.SiteUrl.Value).toBe('https://events.example.org');
    expect(Object.keys(storageJson.Outputs)).toContain('TableName');
  });
});

describe('cdk-nag (AwsSolutions)', () => {
  it('reports no unacknowledged finding', () => {
    const report = JSON.parse(readFileSync(join(synth.assembly.directory, 'validation-report.json'), 'utf8'));
    expect(report.pluginReports).toEqual([]);
  });

  it('acknowledges exactly these findings, each with a reason', () => {
    const acks = acknowledgements(synth.app);
    for (const ack of acks) expect(ack.reason.length, ack.id).toBeGreaterThan(30);
    const summary = acks.map((a) => `${a.path.replace(/8693BB64968944B69AAFB0CC9EB8756C$/, '')} ${a.id.replace(/<SiteBucket\w+\.Arn>/, '<SiteBucket.Arn>')}`);
    expect(summary.sort()).toEqual(
      [
        'SignpostApp/Api/HttpApi AwsSolutions-APIG4',
        'SignpostApp/Site/Bucket AwsSolutions-S1',
        'SignpostApp/Site/Distribution AwsSolutions-CFR1',
        'SignpostApp/Site/Distribution AwsSolutions-CFR2',
        'SignpostApp/Site/Distribution AwsSolutions-CFR3',
        'SignpostApp/Site/Distribution AwsSolutions-CFR4',
        'SignpostApp/Custom::CDKBucketDeployment AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        'SignpostApp/Custom::CDKBucketDeployment AwsSolutions-L1',
        'SignpostApp/Custom::CDKBucketDeployment AwsSolutions-IAM5[Action::s3:GetBucket*]',
        'SignpostApp/Custom::CDKBucketDeployment AwsSolutions-IAM5[Action::s3:GetObject*]',
        'SignpostApp/Custom::CDKBucketDeployment AwsSolutions-IAM5[Action::s3:List*]',
        'SignpostApp/Custom::CDKBucketDeployment AwsSolutions-IAM5[Action::s3:Abort*]',
        'SignpostApp/Custom::CDKBucketDeployment AwsSolutions-IAM5[Action::s3:DeleteObject*]',
        'SignpostApp/Custom::CDKBucketDeployment AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]',
        'SignpostApp/Custom::CDKBucketDeployment AwsSolutions-IAM5[Resource::<SiteBucket.Arn>/*]',
        'SignpostApp/Custom::CDKBucketDeployment AwsSolutions-IAM5[Resource::*]',
      ].sort(),
    );
  });
});
