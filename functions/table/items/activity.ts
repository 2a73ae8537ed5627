// Table item: one line of a network's activity list (`NETWORK#<slug>` / `ACTIVITY#<at>#<id>`), beside the network.
// Written in the same transaction as the change it records (a network edit, a team change, a meetup's save), and
// kept for ACTIVITY_DAYS (TTL).
import { ACTIVITY_DAYS, type ActivityEntry } from '#functions/core/network.ts';
import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Item, TransactItem } from '../client.ts';
import { tableDesign } from '../design.ts';

const { partitionKey: PK, sortKey: SK, ttlAttribute: TTL } = tableDesign;
const ACTIVITY_SK = 'ACTIVITY#';

/** The partition of one network: the network item, its members, invitations and activity. */
export const networkPartition = (slug: string) => `NETWORK#${slug}`;

export const activityKey = (entry: Pick<ActivityEntry, 'slug' | 'at' | 'id'>) => ({
  [PK]: networkPartition(entry.slug),
  [SK]: `${ACTIVITY_SK}${entry.at}#${entry.id}`,
});

export const activityPut = (tableName: string, entry: ActivityEntry): TransactItem => ({
  Put: {
    TableName: tableName,
    Item: {
      ...activityKey(entry),
      type: 'activity',
      ...entry,
      [TTL]: Math.floor(Date.parse(entry.at) / 1000) + ACTIVITY_DAYS * 86_400,
    },
  },
});

/** The newest `limit` entries first. */
export const activityQuery = (tableName: string, slug: string, limit: number): QueryCommandInput => ({
  TableName: tableName,
  KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :sk)',
  ExpressionAttributeNames: { '#pk': PK, '#sk': SK },
  ExpressionAttributeValues: { ':pk': networkPartition(slug), ':sk': ACTIVITY_SK },
  ScanIndexForward: false,
  Limit: limit,
});

export function activityFromItem(item: Item): ActivityEntry {
  const { [PK]: _pk, [SK]: _sk, [TTL]: _ttl, type: _type, ...entry } = item;
  return entry as unknown as ActivityEntry;
}
