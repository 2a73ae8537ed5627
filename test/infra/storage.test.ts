// Infra tests: the stateful stack. The table is built from tableDesign and protected; the sender identity is retained.
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableDesign } from '#functions/storage/table-design.ts';
import { only, removeTempDirs, synthesize } from './support.ts';

let storage: Template;
beforeAll(() => {
  storage = Template.fromStack(synthesize().storage);
}, 120_000);
afterAll(removeTempDirs);

describe('table', () => {
  it('takes its keys, listing index (all attributes) and TTL attribute from tableDesign', () => {
    const index = tableDesign.indexes.listing;
    storage.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: tableDesign.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableDesign.sortKey, KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayWith([
        { AttributeName: tableDesign.partitionKey, AttributeType: 'S' },
        { AttributeName: tableDesign.sortKey, AttributeType: 'S' },
        { AttributeName: index.partitionKey, AttributeType: 'S' },
        { AttributeName: index.sortKey, AttributeType: 'S' },
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
    });
  });

  it('bills on demand and streams new and old images (the mailer reads the stream)', () => {
    storage.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
  });

  it('has point-in-time recovery and deletion protection, and is retained on stack delete and replace', () => {
    const { resource: table } = only(storage, 'AWS::DynamoDB::GlobalTable');
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
    expect(table.Properties.Replicas).toEqual([
      expect.objectContaining({
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
      }),
    ]);
  });

  it('outputs its name', () => {
    expect(storage.toJSON().Outputs.TableName.Value).toEqual({ Ref: only(storage, 'AWS::DynamoDB::GlobalTable').id });
  });
});

describe('sender identity', () => {
  it('verifies the sender address with SES and is retained', () => {
    const { resource: identity } = only(storage, 'AWS::SES::EmailIdentity');
    expect(identity.Properties.EmailIdentity).toBe('events@example.org');
    expect(identity.DeletionPolicy).toBe('Retain');
  });
});
