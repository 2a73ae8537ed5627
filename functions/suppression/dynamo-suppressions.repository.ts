// Suppression adapter: one item per suppressed address, `PERSON#<hash>` / `SUPPRESSED`, beside the person's feed record.
// No TTL: SES's own account-level list keeps suppressed addresses until someone removes them, and so do we.
import { UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { batchGet, marshall } from '#functions/table/client.ts';
import { tableDesign } from '#functions/table/design.ts';
import { suppressionKey, type Suppression } from './suppression.ts';
import type { SuppressionsRepository } from './suppressions.repository.ts';
import type { SuppressionReason } from '#functions/core/person.ts';

const { partitionKey: PK, sortKey: SK } = tableDesign;
export const SUPPRESSED_SK = 'SUPPRESSED';
/** The partition-key prefix the SES events function may write, and the mailer read (IAM dynamodb:LeadingKeys). */
export const PERSON_PREFIX = 'PERSON#';
const key = (email: string) => ({ [PK]: `${PERSON_PREFIX}${suppressionKey(email)}`, [SK]: SUPPRESSED_SK });

export function dynamoSuppressionsRepository(client: DynamoDBClient, tableName: string): SuppressionsRepository {
  return {
    async mark(email, suppression) {
      await client.send(
        new UpdateItemCommand({
          TableName: tableName,
          Key: marshall(key(email)),
          // A complaint outranks a bounce: it is the reason an organiser most needs to see.
          UpdateExpression: 'SET reason = :reason, detail = :detail, lastAt = :at, firstAt = if_not_exists(firstAt, :at)',
          ConditionExpression: 'attribute_not_exists(reason) OR reason = :reason OR :reason = :complaint',
          ExpressionAttributeValues: marshall({ ':reason': suppression.reason, ':detail': suppression.detail, ':at': suppression.at, ':complaint': 'complaint' }),
        }),
      ).catch((error: unknown) => {
        // Already suppressed for a complaint; a later bounce changes nothing.
        if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      });
    },
    async find(emails) {
      // One key per person; "Ann@x" and "ann@x" are the same person.
      const byKey = new Map<string, string[]>();
      for (const email of emails) {
        const pk = key(email)[PK]!;
        byKey.set(pk, [...(byKey.get(pk) ?? []), email]);
      }
      if (byKey.size === 0) return new Map();
      const items = await batchGet(client, tableName, [...byKey.keys()].map((pk) => ({ [PK]: pk, [SK]: SUPPRESSED_SK })));
      const found = new Map<string, Suppression>();
      for (const item of items) {
        const suppression = { reason: item.reason as SuppressionReason, detail: String(item.detail), at: String(item.lastAt) };
        for (const email of byKey.get(String(item[PK])) ?? []) found.set(email, suppression);
      }
      return found;
    },
  };
}
