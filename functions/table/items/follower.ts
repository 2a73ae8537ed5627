// Table items of a network's followers (`FOLLOWERS#<slug>`): each follower (`FOLLOWER#<personId>`; while pending
// with a TTL, once active in GSI1's follows family of the person, by slug), the count of those following now
// (`COUNT`) and joined/left per month (`MONTH#<YYYY-MM>`). The counters change in the same transaction as the
// follower, so the team's view reads counters only, never an address.
import type { FollowMode, StoredFollower } from '#functions/core/follow.ts';
import type { GetCommandInput, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Item, TransactItem } from '../client.ts';
import { gsi1Partitions, tableDesign } from '../design.ts';

const { partitionKey: PK, sortKey: SK, ttlAttribute: TTL } = tableDesign;
const IDX = tableDesign.indexes.gsi1;
const FOLLOWER_SK = 'FOLLOWER#';
const MONTH_SK = 'MONTH#';
const COUNT_SK = 'COUNT';
const TYPE = 'follower';

export const followersPartition = (slug: string) => `FOLLOWERS#${slug}`;
export const followerKey = (slug: string, id: string) => ({ [PK]: followersPartition(slug), [SK]: `${FOLLOWER_SK}${id}` });
const countKey = (slug: string) => ({ [PK]: followersPartition(slug), [SK]: COUNT_SK });
const monthKey = (slug: string, month: string) => ({ [PK]: followersPartition(slug), [SK]: `${MONTH_SK}${month}` });

export function followerFromItem(item: Item): StoredFollower {
  const out: Item = { ...item };
  for (const k of [PK, SK, IDX.partitionKey, IDX.sortKey, 'type']) delete out[k];
  return out as unknown as StoredFollower;
}

/** Only an active follower is in the person's follows family ("networks you follow"). */
const indexOf = (f: StoredFollower) =>
  f.status === 'active' ? { [IDX.partitionKey]: gsi1Partitions.follows(f.id), [IDX.sortKey]: f.networkSlug } : {};

const itemOf = (f: StoredFollower): Item => ({
  ...followerKey(f.networkSlug, f.id),
  ...indexOf(f),
  type: TYPE,
  ...f,
  ...(f.status === 'pending' && f.expiresAt ? { [TTL]: f.expiresAt } : {}),
});

export const followerGet = (tableName: string, slug: string, id: string): GetCommandInput => ({
  TableName: tableName, Key: followerKey(slug, id), ConsistentRead: true,
});

/** A pending follow, new or replacing a pending one (a fresh token): refused if the address already follows. */
export const followerRequest = (tableName: string, f: StoredFollower): TransactItem => ({
  Put: {
    TableName: tableName,
    Item: itemOf(f),
    ConditionExpression: 'attribute_not_exists(#pk) OR #status = :pending',
    ExpressionAttributeNames: { '#pk': PK, '#status': 'status' },
    ExpressionAttributeValues: { ':pending': 'pending' },
  },
});

/** The follower as given (the seed, tests); `wasActive` guards the count: refused unless it still is (or is not). */
export const followerPut = (tableName: string, f: StoredFollower, wasActive: boolean): TransactItem => ({
  Put: {
    TableName: tableName,
    Item: itemOf(f),
    ConditionExpression: wasActive ? '#status = :active' : 'attribute_not_exists(#pk) OR #status <> :active',
    ExpressionAttributeNames: { '#status': 'status', ...(wasActive ? {} : { '#pk': PK }) },
    ExpressionAttributeValues: { ':active': 'active' },
  },
});

/** The address already follows: the "you already follow" email goes only with this check. */
export const followerIsActive = (tableName: string, slug: string, id: string): TransactItem => ({
  ConditionCheck: {
    TableName: tableName,
    Key: followerKey(slug, id),
    ConditionExpression: '#status = :active',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':active': 'active' },
  },
});

/** Confirms a pending follow whose token hash matches and has not expired: active, indexed, no TTL. */
export const followerConfirm = (tableName: string, slug: string, id: string, tokenHash: string, now: Date): TransactItem => ({
  Update: {
    TableName: tableName,
    Key: followerKey(slug, id),
    UpdateExpression: 'SET #status = :active, confirmedAt = :at, updatedAt = :at, #gpk = :gpk, #gsk = :gsk REMOVE #ttl',
    ConditionExpression: '#status = :pending AND confirmTokenHash = :hash AND #ttl > :now',
    ExpressionAttributeNames: { '#status': 'status', '#ttl': TTL, '#gpk': IDX.partitionKey, '#gsk': IDX.sortKey },
    ExpressionAttributeValues: {
      ':active': 'active', ':pending': 'pending', ':hash': tokenHash, ':at': now.toISOString(),
      ':now': Math.floor(now.getTime() / 1000), ':gpk': gsi1Partitions.follows(id), ':gsk': slug,
    },
  },
});

export const followerSetMode = (tableName: string, slug: string, id: string, mode: FollowMode, now: Date): TransactItem => ({
  Update: {
    TableName: tableName,
    Key: followerKey(slug, id),
    UpdateExpression: 'SET #mode = :mode, updatedAt = :at',
    ConditionExpression: '#status = :active',
    ExpressionAttributeNames: { '#status': 'status', '#mode': 'mode' },
    ExpressionAttributeValues: { ':active': 'active', ':mode': mode, ':at': now.toISOString() },
  },
});

/** Ends an active follow; refused once it is gone, so unfollowing twice counts once. */
export const followerRemove = (tableName: string, slug: string, id: string): TransactItem => ({
  Delete: {
    TableName: tableName,
    Key: followerKey(slug, id),
    ConditionExpression: '#status = :active',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':active': 'active' },
  },
});

/** One joined (+1) or left (-1): the count now, and the month's joined or left. */
export const followerCounted = (tableName: string, slug: string, delta: 1 | -1, now: Date): TransactItem[] => [
  { Update: { TableName: tableName, Key: countKey(slug), UpdateExpression: 'ADD #count :d', ExpressionAttributeNames: { '#count': 'count' }, ExpressionAttributeValues: { ':d': delta } } },
  {
    Update: {
      TableName: tableName,
      Key: monthKey(slug, now.toISOString().slice(0, 7)),
      UpdateExpression: 'ADD #field :one',
      ExpressionAttributeNames: { '#field': delta > 0 ? 'joined' : 'left' },
      ExpressionAttributeValues: { ':one': 1 },
    },
  },
];

/** Every active follower of a network: one partition, followers only, pending ones filtered out. */
export const activeFollowersQuery = (tableName: string, slug: string): QueryCommandInput => ({
  TableName: tableName,
  KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :sk)',
  FilterExpression: '#status = :active',
  ExpressionAttributeNames: { '#pk': PK, '#sk': SK, '#status': 'status' },
  ExpressionAttributeValues: { ':pk': followersPartition(slug), ':sk': FOLLOWER_SK, ':active': 'active' },
});

/** The networks a person follows, by slug. */
export const followsOfQuery = (tableName: string, personId: string): QueryCommandInput => ({
  TableName: tableName,
  IndexName: IDX.name,
  KeyConditionExpression: '#pk = :pk',
  ExpressionAttributeNames: { '#pk': IDX.partitionKey },
  ExpressionAttributeValues: { ':pk': gsi1Partitions.follows(personId) },
});

/** The month counters from `fromMonth` on (they sort last in the partition: `COUNT` < `FOLLOWER#` < `MONTH#`). */
export const followerStatsQuery = (tableName: string, slug: string, fromMonth: string): QueryCommandInput => ({
  TableName: tableName,
  KeyConditionExpression: '#pk = :pk AND #sk >= :from',
  ExpressionAttributeNames: { '#pk': PK, '#sk': SK },
  ExpressionAttributeValues: { ':pk': followersPartition(slug), ':from': `${MONTH_SK}${fromMonth}` },
});

export const followerCountGet = (tableName: string, slug: string): GetCommandInput => ({ TableName: tableName, Key: countKey(slug) });

/** What a stats query read: the months' counters by YYYY-MM. */
export function monthCounters(items: Item[]): Map<string, { joined: number; left: number }> {
  const months = new Map<string, { joined: number; left: number }>();
  for (const item of items) {
    const sk = String(item[SK]);
    if (sk.startsWith(MONTH_SK)) months.set(sk.slice(MONTH_SK.length), { joined: Number(item.joined ?? 0), left: Number(item.left ?? 0) });
  }
  return months;
}

export const countFromItem = (item: Item | undefined) => Number(item?.count ?? 0);
