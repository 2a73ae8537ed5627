// Infra: cdk-nag findings accepted on CDK's own BucketDeployment handler (it lives at stack level), each with its reason.
import { Token, Validations, type CfnResource, type Stack } from 'aws-cdk-lib';
import type { IBucket } from 'aws-cdk-lib/aws-s3';

const BASIC_EXECUTION_ROLE = 'Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';

/**
 * CDK's BucketDeployment copies the site from the CDK assets bucket into the site bucket and invalidates CloudFront.
 * Its role and runtime are CDK's, not ours: accepted for a deploy-time helper that runs only during `cdk deploy`.
 */
export function acknowledgeBucketDeploymentHandler(stack: Stack, siteBucket: IBucket): void {
  const handler = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
  if (!handler) return;
  const siteBucketId = stack.getLogicalId(siteBucket.node.defaultChild as CfnResource);
  const ack = (id: string, reason: string) => Validations.of(handler).acknowledge({ id, reason });
  // cdk-nag names the CDK assets bucket as the template has it: pseudo parameters in an environment-agnostic stack, the
  // literal account and region once the stack names them (as every stack does with signpost:wafRateLimit).
  const known = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<AWS::${pseudo}>` : value);
  const assetsBucket = `arn:${known(stack.partition, 'Partition')}:s3:::cdk-hnb659fds-assets-${known(stack.account, 'AccountId')}-${known(stack.region, 'Region')}`;

  ack(`AwsSolutions-IAM4[${BASIC_EXECUTION_ROLE}]`, 'CDK BucketDeployment handler: writes its own logs through the basic execution role.');
  ack('AwsSolutions-L1', 'CDK BucketDeployment handler: CDK pins its Python runtime; it runs only during deploys.');
  const wildcards = [
    ['Action::s3:GetBucket*', 'reads the CDK assets bucket'],
    ['Action::s3:GetObject*', 'reads the zipped site from the CDK assets bucket'],
    ['Action::s3:List*', 'lists both buckets to sync them'],
    ['Action::s3:Abort*', 'writes the site bucket (multipart uploads)'],
    ['Action::s3:DeleteObject*', 'prunes stale files from the site bucket'],
    [`Resource::${assetsBucket}/*`, 'objects in the CDK assets bucket'],
    [`Resource::<${siteBucketId}.Arn>/*`, 'objects in the site bucket only'],
    ['Resource::*', 'cloudfront:CreateInvalidation/GetInvalidation, which take no resource narrower than *'],
  ] as const;
  for (const [finding, what] of wildcards) ack(`AwsSolutions-IAM5[${finding}]`, `CDK BucketDeployment handler: ${what}.`);
}
