// Table item: a broadcast (`BROADCAST#<id>` / `BROADCAST`), in GSI1's open family by `<createdAt>#<id>` until every
// recipient was claimed; then it leaves the index and is kept BROADCAST_KEEP_DAYS with how many it reached. Beside it,
// one claim per recipient (`BROADCAST#<id>` / `TO#<recipientKey>`), put with their outbox message in one transaction,
// so a resumed or repeated fan-out never mails anyone twice.
import type { StoredBroadcast } from '#functions/core/broadcast.ts';
import type { QueryCommandInput, UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Item, TransactItem } from '../client.ts';
import { gsi1Partitions, tableDesign } from '../design.ts';

const { partitionKey: PK, sortKey: SK, ttlAttribute: TTL } = tableDesign;
const IDX = tableDesign.indexes.gsi1;

/** How long a finished broadcast is kept (its counts, for the team's view and for support). */
export const BROADCAST_KEEP_DAYS = 90;
/** How long a recipient's claim is kept: longer than any broadcast stays open, so a resume never mails them again. */
export const BROADCAST_CLAIM_DAYS = 35;

const partition = (id: string) => `BROADCAST#${id}`;
export const broadcastKey = (id: string) => ({ [PK]: partition(id), [SK]: 'BROADCAST' });
const claimKey = (id: string, recipientKey: string) => ({ [PK]: partition(id), [SK]: `TO#${recipientKey}` });

/** Stores a new open broadcast; refused (its condition) when one with this id exists. */
export function broadcastPut(tableName: string, broadcast: StoredBroadcast): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...broadcastKey(broadcast.id),
        ...(broadcast.status === 'open' ? { [IDX.partitionKey]: gsi1Partitions.openBroadcasts, [IDX.sortKey]: `${broadcast.createdAt}#${broadcast.id}` } : {}),
        type: 'broadcast',
        ...broadcast,
      },
      ConditionExpression: 'attribute_not_exists(#pk)',
      ExpressionAttributeNames: { '#pk': PK },
    },
  };
}

/** Records one recipient as sent this broadcast; refused (its condition) when they were already. */
export function broadcastClaimPut(tableName: string, id: string, recipientKey: string, now: Date): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: { ...claimKey(id, recipientKey), type: 'broadcast-claim', at: now.toISOString(), [TTL]: Math.floor(now.getTime() / 1000) + BROADCAST_CLAIM_DAYS * 86_400 },
      ConditionExpression: 'attribute_not_exists(#pk)',
      ExpressionAttributeNames: { '#pk': PK },
    },
  };
}

/** Done: out of the open family, with its count, expiring BROADCAST_KEEP_DAYS later. */
export const broadcastFinish = (tableName: string, id: string, queued: number, now: Date): UpdateCommandInput => ({
  TableName: tableName,
  Key: broadcastKey(id),
  UpdateExpression: 'SET #status = :done, queued = :queued, finishedAt = :now, #ttl = :ttl REMOVE #gpk, #gsk',
  ConditionExpression: 'attribute_exists(#pk)',
  ExpressionAttributeNames: { '#status': 'status', '#ttl': TTL, '#gpk': IDX.partitionKey, '#gsk': IDX.sortKey, '#pk': PK },
  ExpressionAttributeValues: {
    ':done': 'done', ':queued': queued, ':now': now.toISOString(), ':ttl': Math.floor(now.getTime() / 1000) + BROADCAST_KEEP_DAYS * 86_400,
  },
});

/** Open broadcasts, oldest first. */
export const openBroadcastsQuery = (tableName: string, limit: number): QueryCommandInput => ({
  TableName: tableName,
  IndexName: IDX.name,
  KeyConditionExpression: '#pk = :pk',
  ExpressionAttributeNames: { '#pk': IDX.partitionKey },
  ExpressionAttributeValues: { ':pk': gsi1Partitions.openBroadcasts },
  Limit: limit,
});

export function broadcastFromItem(item: Item): StoredBroadcast {
  const { [PK]: _pk, [SK]: _sk, [TTL]: _ttl, [IDX.partitionKey]: _gpk, [IDX.sortKey]: _gsk, type: _type, ...broadcast } = item;
  return broadcast as unknown as StoredBroadcast;
}
