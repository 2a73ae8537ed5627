// Infra: the small pieces every asynchronous path shares: a dead-letter queue, and the role Scheduler invokes a function with.
import { Duration, Stack, Validations, type CfnResource } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/**
 * A dead-letter queue (`<scope>/DeadLetters`): encrypted, TLS only, messages kept 14 days; an alarm watches it
 * (infra/alarms.ts). `destinationOf` says what parks messages here, for cdk-nag's "this queue has no DLQ" finding.
 */
export function deadLetterQueue(scope: Construct, destinationOf: string): Queue {
  const queue = new Queue(scope, 'DeadLetters', {
    retentionPeriod: Duration.days(14),
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
  });
  Validations.of(queue).acknowledge({ id: 'AwsSolutions-SQS3', reason: `This queue is itself the dead-letter destination of ${destinationOf}.` });
  return queue;
}

/**
 * As the role CDK would make for a Scheduler target (only Scheduler, for this account's default schedule group), but
 * ours, so the finding on its grant lives here. LambdaInvoke grants it invoking `target`.
 */
export function schedulerRole(scope: Construct, id: string, target: IFunction): Role {
  const stack = Stack.of(scope);
  const role = new Role(scope, id, {
    assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
      conditions: {
        StringEquals: {
          'aws:SourceAccount': stack.account,
          'aws:SourceArn': stack.formatArn({ service: 'scheduler', resource: 'schedule-group', resourceName: 'default' }),
        },
      },
    }),
  });
  const targetId = stack.getLogicalId(target.node.defaultChild as CfnResource);
  Validations.of(role).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${targetId}.Arn>:*]`,
    reason: 'CDK\'s grantInvoke also names the versions and aliases of the function (none are published): still that one function only.',
  });
  return role;
}
