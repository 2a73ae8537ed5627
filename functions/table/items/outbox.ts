// Table item: an outbox message (`OUTBOX#<id>` / `OUTBOX`). Put in the same transaction as the change that causes the
// email; while pending it is also in GSI1's pending family, oldest first, and delivery takes it out of there.
import type { CalendarEntry } from '#functions/core/calendar.ts';
import type { InlineImage, OutboxMessage, OutboxStatus } from '#functions/core/email.ts';
import type { QueryCommandInput, UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Item, TransactItem } from '../client.ts';
import { gsi1Partitions, tableDesign } from '../design.ts';

const { partitionKey: PK, sortKey: SK, ttlAttribute: TTL } = tableDesign;
const IDX = tableDesign.indexes.gsi1;
const OUTBOX_TYPE = 'outbox';

/** Every outbox item's partition key starts so (the mailer's IAM grant is limited to them). */
export const OUTBOX_PREFIX = 'OUTBOX#';
export const outboxKey = (id: string) => ({ [PK]: `${OUTBOX_PREFIX}${id}`, [SK]: 'OUTBOX' });

/** The Put that stores a message; callers add it to the transaction that causes the email. */
export function outboxPut(tableName: string, message: OutboxMessage): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...outboxKey(message.id),
        [IDX.partitionKey]: gsi1Partitions.pendingOutbox,
        [IDX.sortKey]: `${message.createdAt}#${message.id}`,
        type: OUTBOX_TYPE,
        status: 'pending',
        ...message,
      },
      ConditionExpression: 'attribute_not_exists(#pk)',
      ExpressionAttributeNames: { '#pk': PK },
    },
  };
}

export function outboxFromItem(item: Item): OutboxMessage & { status: OutboxStatus } {
  const { id, purpose, createdAt, to, subject, text, html, replyTo, status, calendar, inlineImages, listUnsubscribe, listId } = item as Record<string, string | undefined> & {
    calendar?: CalendarEntry;
    inlineImages?: InlineImage[];
    listId?: { id: string; name: string };
  };
  return {
    id: id!, purpose: purpose as OutboxMessage['purpose'], createdAt: createdAt!, to: to!, subject: subject!, text: text ?? '', html: html ?? '',
    ...(replyTo ? { replyTo } : {}),
    ...(calendar ? { calendar } : {}),
    ...(inlineImages?.length ? { inlineImages } : {}),
    ...(listUnsubscribe ? { listUnsubscribe } : {}),
    ...(listId ? { listId } : {}),
    status: status as OutboxStatus,
  };
}

/** A newly written item (a stream record's new image) if it is a pending outbox message; else undefined. */
export const newOutboxMessage = (item: Item): OutboxMessage | undefined =>
  item.type === OUTBOX_TYPE && item.status === 'pending' ? outboxFromItem(item) : undefined;

/** Pending messages, oldest first: the index sort key is `<createdAt>#<id>`, so "created before" is a key range. */
export const pendingOutboxQuery = (tableName: string, limit: number, createdBefore?: Date): QueryCommandInput => ({
  TableName: tableName,
  IndexName: IDX.name,
  KeyConditionExpression: createdBefore ? '#pk = :pk AND #sk < :before' : '#pk = :pk',
  ExpressionAttributeNames: { '#pk': IDX.partitionKey, ...(createdBefore ? { '#sk': IDX.sortKey } : {}) },
  ExpressionAttributeValues: { ':pk': gsi1Partitions.pendingOutbox, ...(createdBefore ? { ':before': createdBefore.toISOString() } : {}) },
  Limit: limit,
});

/**
 * Done with a message: its body goes (it may hold a link token) and it leaves the pending index; its bookkeeping
 * stays until `expiresAt` (epoch seconds).
 */
export function outboxFinish(
  tableName: string,
  id: string,
  done: { status: Exclude<OutboxStatus, 'pending'>; now: Date; expiresAt: number; suppressedFor?: string | undefined },
): UpdateCommandInput {
  const { status, now, expiresAt, suppressedFor } = done;
  return {
    TableName: tableName,
    Key: outboxKey(id),
    UpdateExpression: `SET #status = :status, ${status}At = :now, #ttl = :ttl${suppressedFor ? ', suppressedFor = :why' : ''} REMOVE #text, #html, #calendar, #images, #unsub, #gpk, #gsk`,
    ConditionExpression: 'attribute_exists(#pk)',
    ExpressionAttributeNames: {
      '#status': 'status', '#ttl': TTL, '#text': 'text', '#html': 'html',
      '#gpk': IDX.partitionKey, '#gsk': IDX.sortKey, '#pk': PK, '#calendar': 'calendar', '#images': 'inlineImages', '#unsub': 'listUnsubscribe',
    },
    ExpressionAttributeValues: {
      ':status': status,
      ':now': now.toISOString(),
      ':ttl': expiresAt,
      ...(suppressedFor ? { ':why': suppressedFor } : {}),
    },
  };
}
