// Infra, stateless: the API, the calendar feeds, the CPD documents, the mailer, the reminder sweep and the site that
// fronts them. Safe to destroy and redeploy; all state is in StorageStack.
import { CfnOutput, Lazy, Stack, type StackProps } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IConfigurationSet, IEmailIdentity } from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import { Alarms } from './alarms.ts';
import { Api } from './api.ts';
import type { InfraConfig } from './config.ts';
import { Documents } from './documents.ts';
import { Feeds } from './feeds.ts';
import { Mailer } from './mailer.ts';
import { acknowledgeBucketDeploymentHandler } from './nag.ts';
import { Reminders } from './reminders.ts';
import { SesEvents } from './ses-events.ts';
import { Site } from './site.ts';

export interface AppStackProps extends StackProps {
  config: InfraConfig;
  table: ITableV2;
  senderIdentity: IEmailIdentity;
  /** Every email is sent through it; its bounces and complaints reach the SES events function. */
  configurationSet: IConfigurationSet;
  /** The key personal calendar feed links are made with (read by the API, the feeds, the CPD documents and the reminder sweep). */
  feedSecret: ISecret;
  /** Directory holding the built web front end. */
  webDir: string;
  /** ARN of the WAF web ACL for CloudFront (EdgeStack, with signpost:wafRateLimit); unset, no WAF. */
  webAclArn?: string;
}

export class AppStack extends Stack {
  readonly api: Api;
  readonly feeds: Feeds;
  readonly documents: Documents;
  readonly mailer: Mailer;
  readonly reminders: Reminders;
  readonly sesEvents: SesEvents;
  readonly site: Site;
  readonly alarms: Alarms;
  /** https://<domainName>, or the distribution's own https://<id>.cloudfront.net. */
  readonly siteUrl: string;

  constructor(scope: Construct, id: string, props: AppStackProps) {
    super(scope, id, props);
    const { config } = props;

    // The distribution fronts the API, and the functions put its URL in links: resolved once the site exists (no cycle:
    // the distribution needs only the HTTP API's endpoint, not the functions).
    this.siteUrl = config.siteUrl ?? Lazy.string({ produce: () => `https://${this.site.distribution.distributionDomainName}` });
    const siteUrl = this.siteUrl;

    this.api = new Api(this, 'Api', { config, siteUrl, table: props.table, feedSecret: props.feedSecret });
    this.feeds = new Feeds(this, 'Feeds', { config, siteUrl, table: props.table, feedSecret: props.feedSecret, httpApi: this.api.httpApi });
    this.documents = new Documents(this, 'Documents', { config, siteUrl, table: props.table, feedSecret: props.feedSecret, httpApi: this.api.httpApi });
    this.mailer = new Mailer(this, 'Mailer', { config, table: props.table, senderIdentity: props.senderIdentity, configurationSet: props.configurationSet });
    this.sesEvents = new SesEvents(this, 'SesEvents', { config, table: props.table, configurationSet: props.configurationSet });
    this.reminders = new Reminders(this, 'Reminders', { config, siteUrl, table: props.table, feedSecret: props.feedSecret });
    this.site = new Site(this, 'Site', { config, webDir: props.webDir, apiDomainName: this.api.originDomainName, webAclId: props.webAclArn });
    acknowledgeBucketDeploymentHandler(this, this.site.bucket);

    new CfnOutput(this, 'SiteUrl', { value: this.siteUrl, description: 'Where people find Signpost (SITE_URL)' });
    new CfnOutput(this, 'DistributionDomain', {
      value: this.site.distribution.distributionDomainName,
      description: config.domainName ? `Point ${config.domainName} at this (CNAME or alias)` : 'The site\'s own domain (set signpost:domainName for yours)',
    });
    new CfnOutput(this, 'ApiUrl', { value: this.api.httpApi.apiEndpoint, description: 'API Gateway endpoint (use the site URL instead)' });
    new CfnOutput(this, 'TableName', { value: props.table.tableName });
    new CfnOutput(this, 'MailDeadLetterQueue', {
      value: this.mailer.deadLetters.queueUrl,
      description: 'Stream records the mailer gave up on (after bisecting and retries)',
    });
    new CfnOutput(this, 'RemindersDeadLetterQueue', {
      value: this.reminders.deadLetters.queueUrl,
      description: 'Reminder sweeps that could not be invoked or kept failing (after retries)',
    });
    new CfnOutput(this, 'SesEventsDeadLetterQueue', {
      value: this.sesEvents.deadLetters.queueUrl,
      description: 'SES bounce and complaint events that could not be recorded (after retries)',
    });

    // Last, so it can list every function and dead-letter queue above. A new one belongs in these lists
    // (test/infra/alarms.test.ts fails without it).
    this.alarms = new Alarms(this, 'Alarms', {
      alertEmail: config.alertEmail,
      functions: [
        { name: 'API', fn: this.api.handler },
        { name: 'feeds', fn: this.feeds.handler },
        { name: 'CPD documents', fn: this.documents.handler },
        { name: 'mailer', fn: this.mailer.handler },
        { name: 'reminder sweep', fn: this.reminders.handler },
        { name: 'SES events', fn: this.sesEvents.handler },
      ],
      deadLetterQueues: [
        { name: 'mail', queue: this.mailer.deadLetters },
        { name: 'reminders', queue: this.reminders.deadLetters },
        { name: 'SES events', queue: this.sesEvents.deadLetters },
      ],
      httpApi: this.api.httpApi,
    });
    new CfnOutput(this, 'AlarmTopic', {
      value: this.alarms.topic.topicArn,
      description: `Alarms go here and are emailed to ${config.alertEmail} (confirm the subscription email first)`,
    });
  }
}
