// Infra tests: cdk-nag (AwsSolutions) runs on every synth; each accepted finding is listed here with its reason.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acknowledgements, removeTempDirs, synthesize, type Synthesized } from './support.ts';

afterAll(removeTempDirs);

const deployment = 'SignpostApp/Custom::CDKBucketDeployment';
const accepted = [
  'SignpostStorage/FeedLinkSecret AwsSolutions-SMG4',
  'SignpostApp/Api/HttpApi AwsSolutions-APIG4',
  'SignpostApp/Mailer/DeadLetters AwsSolutions-SQS3',
  'SignpostApp/Mailer/CatchUpRole AwsSolutions-IAM5[Resource::<MailerHandler.Arn>:*]',
  'SignpostApp/Reminders/DeadLetters AwsSolutions-SQS3',
  'SignpostApp/SesEvents/DeadLetters AwsSolutions-SQS3',
  'SignpostApp/Reminders/SchedulerRole AwsSolutions-IAM5[Resource::<RemindersHandler.Arn>:*]',
  'SignpostApp/Site/Bucket AwsSolutions-S1',
  'SignpostApp/Site/Distribution AwsSolutions-CFR1',
  'SignpostApp/Site/Distribution AwsSolutions-CFR2',
  'SignpostApp/Site/Distribution AwsSolutions-CFR3',
  'SignpostApp/Site/Distribution AwsSolutions-CFR4',
  `${deployment} AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]`,
  `${deployment} AwsSolutions-L1`,
  `${deployment} AwsSolutions-IAM5[Action::s3:GetBucket*]`,
  `${deployment} AwsSolutions-IAM5[Action::s3:GetObject*]`,
  `${deployment} AwsSolutions-IAM5[Action::s3:List*]`,
  `${deployment} AwsSolutions-IAM5[Action::s3:Abort*]`,
  `${deployment} AwsSolutions-IAM5[Action::s3:DeleteObject*]`,
  `${deployment} AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]`,
  `${deployment} AwsSolutions-IAM5[Resource::<SiteBucket.Arn>/*]`,
  `${deployment} AwsSolutions-IAM5[Resource::*]`,
];

describe('cdk-nag (AwsSolutions)', () => {
  let synth: Synthesized;
  beforeAll(() => {
    synth = synthesize();
  });

  it('reports no unacknowledged finding', () => {
    const report = JSON.parse(readFileSync(join(synth.assembly.directory, 'validation-report.json'), 'utf8'));
    expect(report.pluginReports).toEqual([]);
  });

  it('accepts exactly these findings, each with a reason', () => {
    const acks = acknowledgements(synth.app);
    for (const ack of acks) expect(ack.reason.length, ack.id).toBeGreaterThan(30);
    const summary = acks.map(
      (a) => `${a.path.replace(/(CDKBucketDeployment)[0-9A-F]{32}$/, '$1')} ${a.id.replace(/<(SiteBucket|RemindersHandler|MailerHandler)[0-9A-F]{8}\.Arn>/, '<$1.Arn>')}`,
    );
    expect(summary.sort()).toEqual([...accepted].sort());
  });

  it('fails synthesis on a finding nobody acknowledged', () => {
    let error: Error | undefined;
    try {
      synthesize({ extend: ({ stateless }) => new Bucket(stateless, 'UnreviewedBucket') });
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toContain('SignpostApp/UnreviewedBucket/Resource');
    expect(error?.message).toContain('The S3 Bucket has server access logs disabled');
  });
});
