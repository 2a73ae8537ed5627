// Mail adapter: outbox messages in the Signpost table. Pending messages sit in a small sparse index partition
// that the local poller (and any catch-up sweep) queries; delivery removes them from it.
import { GetItemCommand, QueryCommand, UpdateItemCommand, type DynamoDBClient, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { tableDesign } from '#functions/table/design.ts';
import { marshall, unmarshall } from '#functions/table/client.ts';
import { SENT_RETENTION_DAYS, type Outbox, type OutboxStatus } from './outbox.ts';
import type { OutboxMessage } from '#functions/core/email.ts';
import type { CalendarEntry } from '#functions/core/calendar.ts';

const { partitionKey: PK, sortKey: SK } = tableDesign;
const IDX = tableDesign.indexes.listing;
export const PENDING_PARTITION = 'OUTBOX#pending';
export const OUTBOX_TYPE = 'outbox';

/** Every outbox item's partition key starts so (the mailer's IAM grant is limited to them). */
export const OUTBOX_PREFIX = 'OUTBOX#';
const key = (id: string) => ({ [PK]: `${OUTBOX_PREFIX}${id}`, [SK]: 'OUTBOX' });

/** The Put that stores a message; callers add it to the transaction that causes the email. */
export function outboxPut(tableName: string, message: OutboxMessage): TransactWriteItem {
  return {
    Put: {
      TableName: tableName,
      Item: marshall({
        ...key(message.id),
        [IDX.partitionKey]: PENDING_PARTITION,
        [IDX.sortKey]: `${message.createdAt}#${message.id}`,
        type: OUTBOX_TYPE,
        status: 'pending',
        ...message,
      }),
      ConditionExpression: 'attribute_not_exists(#pk)',
      ExpressionAttributeNames: { '#pk': PK },
    },
  };
}

export function fromOutboxItem(item: Record<string, unknown>): OutboxMessage & { status: OutboxStatus } {
  const { id, purpose, createdAt, to, subject, text, html, replyTo, status, calendar, listUnsubscribe } = item as Record<string, string | undefined> & { calendar?: CalendarEntry };
  return {
    id: id!, purpose: purpose as OutboxMessage['purpose'], createdAt: createdAt!, to: to!, subject: subject!, text: text ?? '', html: html ?? '',
    ...(replyTo ? { replyTo } : {}),
    ...(calendar ? { calendar } : {}),
    ...(listUnsubscribe ? { listUnsubscribe } : {}),
    status: status as OutboxStatus,
  };
}

export function dynamoOutbox(client: DynamoDBClient, tableName: string): Outbox {
  return {
    async pending(limit, createdBefore) {
      // The index sort key is `<createdAt>#<id>`: ISO times sort as strings, so "before" is a key range.
      const out = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: IDX.name,
          KeyConditionExpression: createdBefore ? '#pk = :pk AND #sk < :before' : '#pk = :pk',
          ExpressionAttributeNames: { '#pk': IDX.partitionKey, ...(createdBefore ? { '#sk': IDX.sortKey } : {}) },
          ExpressionAttributeValues: marshall({ ':pk': PENDING_PARTITION, ...(createdBefore ? { ':before': createdBefore.toISOString() } : {}) }),
          Limit: limit,
        }),
      );
      return (out.Items ?? []).map((i) => fromOutboxItem(unmarshall(i)));
    },
    async get(id) {
      const out = await client.send(new GetItemCommand({ TableName: tableName, Key: marshall(key(id)), ConsistentRead: true }));
      return out.Item ? fromOutboxItem(unmarshall(out.Item)) : undefined;
    },
    markSent: (id, now) => finish(id, now, 'sent'),
    markSuppressed: (id, now, reason) => finish(id, now, 'suppressed', reason),
    markFailed: (id, now) => finish(id, now, 'failed'),
  };

  /** Done with a message: its body goes (it may hold a link token), its bookkeeping stays a week. */
  async function finish(id: string, now: Date, status: Exclude<OutboxStatus, 'pending'>, suppressedFor?: string) {
    await client.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: marshall(key(id)),
        UpdateExpression: `SET #status = :status, ${status}At = :now, #ttl = :ttl${suppressedFor ? ', suppressedFor = :why' : ''} REMOVE #text, #html, #calendar, #unsub, #gpk, #gsk`,
        ConditionExpression: 'attribute_exists(#pk)',
        ExpressionAttributeNames: {
          '#status': 'status', '#ttl': tableDesign.ttlAttribute, '#text': 'text', '#html': 'html',
          '#gpk': IDX.partitionKey, '#gsk': IDX.sortKey, '#pk': PK, '#calendar': 'calendar', '#unsub': 'listUnsubscribe',
        },
        ExpressionAttributeValues: marshall({
          ':status': status,
          ':now': now.toISOString(),
          ':ttl': Math.floor(now.getTime() / 1000) + SENT_RETENTION_DAYS * 86_400,
          ...(suppressedFor ? { ':why': suppressedFor } : {}),
        }),
      }),
    );
  }
}
