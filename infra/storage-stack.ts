// Infra, stateful: the one DynamoDB table (keys from functions/storage/table-design.ts) and the SES sender identity. Both retained.
import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, Billing, ProjectionType, StreamViewType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
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

    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    if (config.senderDomain) {
      this.senderIdentity.dkimRecords.forEach((record, i) =>
        new CfnOutput(this, `DkimCname${i + 1}`, { value: `${record.name} CNAME ${record.value}` }),
      );
    }
  }
}
