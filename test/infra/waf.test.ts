// Infra tests: the optional WAF (signpost:wafRateLimit): a rate-limiting web ACL in a us-east-1 edge stack on CloudFront.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignpostApp, type SignpostApp } from '#infra/signpost-app.ts';
import {
  acknowledgements,
  cdkJsonContext,
  only,
  placeholderWebDir,
  removeTempDirs,
  requiredSettings,
  resolveCrossStack,
  synthesize,
  tempDir,
  type Json,
  type Synthesized,
} from './support.ts';

afterAll(removeTempDirs);

const waf = { 'signpost:wafRateLimit': 1000 };
const deployEnv = { account: '123456789012', region: 'eu-west-2' };

const templates = (synth: Synthesized) => synth.assembly.stacks.map((stack) => ({ name: stack.stackName, template: stack.template as Json }));
const resourceTypes = (synth: Synthesized) =>
  templates(synth).flatMap(({ template }) => Object.values(template.Resources as Record<string, Json>).map((r) => r.Type as string));
const environments = (synth: Synthesized) => Object.fromEntries(synth.assembly.stacks.map((s) => [s.stackName, s.environment.name]));
const distributionConfig = (synth: Synthesized): Json =>
  only(Template.fromStack(synth.stateless), 'AWS::CloudFront::Distribution').resource.Properties.DistributionConfig;

describe('with signpost:wafRateLimit', () => {
  let synth: Synthesized;
  let edge: Template;
  beforeAll(() => {
    synth = synthesize({ context: waf, deployEnv });
    edge = Template.fromStack(synth.edge!);
  });

  it('puts the web ACL in its own us-east-1 stack and pins the app stacks to the deploy environment', () => {
    expect(environments(synth)).toEqual({
      SignpostEdge: 'aws://123456789012/us-east-1',
      SignpostStorage: 'aws://123456789012/eu-west-2',
      SignpostApp: 'aws://123456789012/eu-west-2',
    });
    // CloudFormation deploys the ACL before the distribution that names it.
    expect(synth.stateless.dependencies).toContain(synth.edge);
  });

  it('has a CLOUDFRONT web ACL that allows by default and reports metrics and samples', () => {
    const { resource } = only(edge, 'AWS::WAFv2::WebACL');
    expect(resource.Properties).toMatchObject({
      Scope: 'CLOUDFRONT',
      DefaultAction: { Allow: {} },
      VisibilityConfig: { CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true, MetricName: 'SignpostWebAcl' },
    });
  });

  it('has one rule: at most wafRateLimit requests per IP in 5 minutes, then 429 with the API\'s error shape', () => {
    const { Rules, CustomResponseBodies } = only(edge, 'AWS::WAFv2::WebACL').resource.Properties;
    expect(Rules).toEqual([
      {
        Name: 'RateLimitPerIp',
        Priority: 0,
        Statement: { RateBasedStatement: { AggregateKeyType: 'IP', Limit: 1000, EvaluationWindowSec: 300 } },
        Action: { Block: { CustomResponse: { ResponseCode: 429, CustomResponseBodyKey: 'RateLimited' } } },
        VisibilityConfig: { CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true, MetricName: 'SignpostRateLimitPerIp' },
      },
    ]);
    // web/src/api.ts shows `message` from a JSON error body, so a blocked form submission explains itself.
    expect(CustomResponseBodies.RateLimited.ContentType).toBe('APPLICATION_JSON');
    expect(JSON.parse(CustomResponseBodies.RateLimited.Content)).toEqual({ error: 'rate_limited', message: expect.stringMatching(/try again/) });
  });

  it('attaches the ACL to the distribution by its ARN, read across regions without a custom resource', () => {
    const webAclId = distributionConfig(synth).WebACLId;
    expect(webAclId['Fn::GetStackOutput']).toMatchObject({ StackName: 'SignpostEdge', Region: 'us-east-1' });
    const { id } = only(edge, 'AWS::WAFv2::WebACL');
    expect(resolveCrossStack(webAclId, edge)).toEqual({ 'Fn::GetAtt': [id, 'Arn'] });
    // Fn::GetStackOutput crosses regions itself: no ExportWriter/ExportReader Lambda-backed resources anywhere.
    expect(resourceTypes(synth).filter((type) => type.startsWith('Custom::CrossRegion'))).toEqual([]);
    expect(Object.keys(edge.findResources('AWS::Lambda::Function'))).toEqual([]);
  });

  it('passes cdk-nag with nothing acknowledged for the edge, and no longer accepts a distribution without WAF', () => {
    const report = JSON.parse(readFileSync(join(synth.assembly.directory, 'validation-report.json'), 'utf8'));
    expect(report.pluginReports).toEqual([]);
    const acks = acknowledgements(synth.app);
    expect(acks.filter((a) => a.path.startsWith('SignpostEdge'))).toEqual([]);
    expect(acks.map((a) => a.id)).not.toContain('AwsSolutions-CFR2');
    // The BucketDeployment handler's acknowledgement names the assets bucket of the now-known environment.
    expect(acks.map((a) => a.id)).toContain('AwsSolutions-IAM5[Resource::arn:aws:s3:::cdk-hnb659fds-assets-123456789012-eu-west-2/*]');
  });

  it('runs cdk-nag over the edge stack too', () => {
    let error: Error | undefined;
    try {
      synthesize({ context: waf, deployEnv, extend: ({ edge: edgeStack }) => new Bucket(edgeStack!, 'UnreviewedBucket') });
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toContain('SignpostEdge/UnreviewedBucket/Resource');
    expect(error?.message).toContain('The S3 Bucket has server access logs disabled');
  });
});

describe('with signpost:wafRateLimit and the app in us-east-1, account unknown', () => {
  it('still uses a separate edge stack, referenced in the same region', () => {
    const synth = synthesize({ context: waf, deployEnv: { region: 'us-east-1' } });
    expect(environments(synth)).toEqual({
      SignpostEdge: 'aws://unknown-account/us-east-1',
      SignpostStorage: 'aws://unknown-account/us-east-1',
      SignpostApp: 'aws://unknown-account/us-east-1',
    });
    expect(distributionConfig(synth).WebACLId['Fn::GetStackOutput']).toMatchObject({ StackName: 'SignpostEdge' });
  });
});

describe('the deploy environment', () => {
  const build = (env: Record<string, string | undefined>): SignpostApp =>
    createSignpostApp({
      webDir: placeholderWebDir(),
      env,
      appProps: { outdir: tempDir('cdk'), context: { ...cdkJsonContext(), ...requiredSettings, 'aws:cdk:bundling-stacks': [] } },
    });

  it('comes from CDK_DEFAULT_ACCOUNT / CDK_DEFAULT_REGION, which the CDK CLI sets', () => {
    const { edge, stateless } = build({ SIGNPOST_WAF_RATE_LIMIT: '500', CDK_DEFAULT_ACCOUNT: '123456789012', CDK_DEFAULT_REGION: 'eu-west-1' });
    expect([edge?.account, edge?.region]).toEqual(['123456789012', 'us-east-1']);
    expect([stateless.account, stateless.region]).toEqual(['123456789012', 'eu-west-1']);
  });

  it('must be known with WAF on: a clear error says how to give it', () => {
    expect(() => synthesize({ context: waf })).toThrow(/signpost:wafRateLimit needs the region to deploy to[\s\S]*CDK_DEFAULT_REGION/);
    expect(() => build({ SIGNPOST_WAF_RATE_LIMIT: '500', CDK_DEFAULT_ACCOUNT: '123456789012' })).toThrow(/CDK_DEFAULT_REGION/);
  });
});

describe('without signpost:wafRateLimit', () => {
  let synth: Synthesized;
  beforeAll(() => {
    // A known deploy environment changes nothing without WAF.
    synth = synthesize({ deployEnv });
  });

  it('has no web ACL and no edge stack, and the stacks stay environment-agnostic', () => {
    expect(synth.edge).toBeUndefined();
    expect(environments(synth)).toEqual({
      SignpostStorage: 'aws://unknown-account/unknown-region',
      SignpostApp: 'aws://unknown-account/unknown-region',
    });
    expect(resourceTypes(synth).filter((type) => type.startsWith('AWS::WAFv2::'))).toEqual([]);
    expect(distributionConfig(synth).WebACLId).toBeUndefined();
    expect(acknowledgements(synth.app).map((a) => a.id)).toContain('AwsSolutions-CFR2');
  });
});
