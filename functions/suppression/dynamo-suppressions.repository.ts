// Suppression adapter: SuppressionsRepository on DynamoDB, one item per suppressed address beside the person's feed
// record (table/items/person.ts). No TTL: SES keeps suppressed addresses until someone removes them, and so do we.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { batchGet, documentClient, isConditionFailed } from '#functions/table/client.ts';
import { suppressedKey, suppressionFromItem, suppressionMark } from '#functions/table/items/person.ts';
import { suppressionKey, type Suppression } from './suppression.ts';
import type { SuppressionsRepository } from './suppressions.repository.ts';

export function dynamoSuppressionsRepository(client: DynamoDBClient, tableName: string): SuppressionsRepository {
  const db = documentClient(client);
  return {
    async mark(email, suppression) {
      await db.send(new UpdateCommand(suppressionMark(tableName, suppressionKey(email), suppression))).catch((error: unknown) => {
        // Already suppressed for a complaint; a later bounce changes nothing.
        if (!isConditionFailed(error)) throw error;
      });
    },
    async find(emails) {
      // One key per person; "Ann@x" and "ann@x" are the same person.
      const byPerson = new Map<string, string[]>();
      for (const email of emails) {
        const id = suppressionKey(email);
        byPerson.set(id, [...(byPerson.get(id) ?? []), email]);
      }
      if (byPerson.size === 0) return new Map();
      const items = await batchGet(client, tableName, [...byPerson.keys()].map(suppressedKey));
      const found = new Map<string, Suppression>();
      for (const item of items) {
        const { personId, suppression } = suppressionFromItem(item);
        for (const email of byPerson.get(personId) ?? []) found.set(email, suppression);
      }
      return found;
    },
  };
}
