// Infra, stateful: the one DynamoDB table (keys from functions/storage/table-design.ts), the SES sender identity and
// the key personal calendar feed links are made with. All retained.
import { CfnOutput, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AttributeType, Billing, ProjectionType, StreamViewType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { CfnEmailIdentity, DkimIdentity, EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import { tableDesign } from '../functions/storage/table-design.ts';
import type { InfraConfig } from './config.ts';

export interface StorageStackProps extends StackProps {
  config: Pick<InfraConfig, 'sender' | 'senderDomain'>;
}

const key = (name: string) => ({ name, type: AttributeType.STRING });

export class StorageStack extends Stack {
  readonly table: TableV2;
  readonly senderIdentity: EmailIdentity;
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

    // A sender domain gets Easy DKIM (publish the three CNAMEs below); otherwise the one address is verified by email.
    this.senderIdentity = new EmailIdentity(this, 'Sender', {
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
    if (config.senderDomain) {
      this.senderIdentity.dkimRecords.forEach((record, i) =>
        new CfnOutput(this, `DkimCname${i + 1}`, { value: `${record.name} CNAME ${record.value}` }),
      );
    }
  }
}
