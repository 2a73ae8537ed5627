// Mail adapter: the Outbox on DynamoDB. Messages are written by other rooms' transactions (table/items/outbox.ts);
// the mailer reads the pending ones from the index and marks each done, which takes it out of the index.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#functions/table/client.ts';
import { outboxFinish, outboxFromItem, outboxKey, pendingOutboxQuery } from '#functions/table/items/outbox.ts';
import { SENT_RETENTION_DAYS, type Outbox, type OutboxStatus } from './outbox.ts';

export function dynamoOutbox(client: DynamoDBClient, tableName: string): Outbox {
  const db = documentClient(client);
  return {
    async pending(limit, createdBefore) {
      const out = await db.send(new QueryCommand(pendingOutboxQuery(tableName, limit, createdBefore)));
      return (out.Items ?? []).map(outboxFromItem);
    },
    async get(id) {
      const out = await db.send(new GetCommand({ TableName: tableName, Key: outboxKey(id), ConsistentRead: true }));
      return out.Item ? outboxFromItem(out.Item) : undefined;
    },
    markSent: (id, now) => finish(id, now, 'sent'),
    markSuppressed: (id, now, reason) => finish(id, now, 'suppressed', reason),
    markFailed: (id, now) => finish(id, now, 'failed'),
  };

  /** Done with a message: its body goes (it may hold a link token), its bookkeeping stays a week. */
  async function finish(id: string, now: Date, status: Exclude<OutboxStatus, 'pending'>, suppressedFor?: string) {
    const expiresAt = Math.floor(now.getTime() / 1000) + SENT_RETENTION_DAYS * 86_400;
    await db.send(new UpdateCommand(outboxFinish(tableName, id, { status, now, expiresAt, suppressedFor })));
  }
}
