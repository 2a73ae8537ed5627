// Infra, stateful: the one DynamoDB table (keys from functions/storage/table-design.ts), the SES sender identity and its
// configuration set, and the key personal calendar feed links are made with. All retained.
import { CfnOutput, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AttributeType, Billing, ProjectionType, StreamViewType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { EventBus } from 'aws-cdk-lib/aws-events';
import {
  CfnConfigurationSet,
  CfnEmailIdentity,
  ConfigurationSet,
  DkimIdentity,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import { tableDesign } from '#functions/table/design.ts';
import type { InfraConfig } from './config.ts';

export interface StorageStackProps extends StackProps {
  config: Pick<InfraConfig, 'sender' | 'senderDomain'>;
}

const key = (name: string) => ({ name, type: AttributeType.STRING });

export class StorageStack extends Stack {
  readonly table: TableV2;
  readonly senderIdentity: EmailIdentity;
  /** Every email goes through it: SES suppresses bounced and complaining addresses and publishes those events. */
  readonly configurationSet: ConfigurationSet;
  /** The key personal calendar feed URLs are derived from (functions/feeds/personal-token.ts). */
  readonly feedSecret: Secret;

  constructor(scope: Construct, id: string, props: StorageStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.table = new TableV2(this, 'Table', {
      partitionKey: key(tableDesign.partitionKey),
      sortKey: key(tableDesign.sortKey),
      globalSecondaryIndexes: Object.values(tableDesign.indexes).map((index) => ({
        indexName: index.name,
        partitionKey: key(index.partitionKey),
        sortKey: key(index.sortKey),
        projectionType: ProjectionType.ALL,
      })),
      timeToLiveAttribute: tableDesign.ttlAttribute,
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      // The mailer reads new outbox items from the stream; later capabilities (RSVPs, edits) will want both images.
      dynamoStream: StreamViewType.NEW_AND_OLD_IMAGES,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // SES stops sending to addresses that bounced or complained (its account-level list, applied here explicitly), and
    // tells us about new ones on the default event bus: the SES events function marks them in the table, so the mailer
    // skips them and organisers see who can't be reached. Reputation metrics feed the bounce and complaint alarms.
    this.configurationSet = new ConfigurationSet(this, 'Mail', {
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      reputationMetrics: true,
    });
    (this.configurationSet.node.defaultChild as CfnConfigurationSet).applyRemovalPolicy(RemovalPolicy.RETAIN);
    this.configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: EventDestination.eventBus(EventBus.fromEventBusName(this, 'DefaultBus', 'default')),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });

    // A sender domain gets Easy DKIM (publish the three CNAMEs below); otherwise the one address is verified by email.
    this.senderIdentity = new EmailIdentity(this, 'Sender', {
      // Also the identity's default, so mail sent any other way (the SES console's test sends) is covered too.
      configurationSet: this.configurationSet,
      identity: config.senderDomain ? Identity.domain(config.senderDomain) : Identity.email(config.sender),
      ...(config.senderDomain ? { dkimIdentity: DkimIdentity.easyDkim() } : {}),
    });
    (this.senderIdentity.node.defaultChild as CfnEmailIdentity).applyRemovalPolicy(RemovalPolicy.RETAIN);

    // Generated once by CloudFormation and never shown to anyone. It lives here, retained, because every personal feed
    // URL in people's calendars is derived from it: a new value would silently stop all of them updating.
    this.feedSecret = new Secret(this, 'FeedLinkSecret', {
      description: 'Signpost: the key personal calendar feed links are made with. Replacing it breaks every subscribed personal calendar.',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.feedSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Not rotated on purpose: every personal calendar feed URL is derived from this key, so rotating it would stop every subscribed calendar updating, with nothing to tell people. One person\'s link is replaced on its own instead (POST /api/calendar/me/replace).',
    });

    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'ConfigurationSet', { value: this.configurationSet.configurationSetName });
    if (config.senderDomain) {
      this.senderIdentity.dkimRecords.forEach((record, i) =>
        new CfnOutput(this, `DkimCname${i + 1}`, { value: `${record.name} CNAME ${record.value}` }),
      );
    }
  }
}
