// Table item: a network's announcement still gathering (`NETWORK#<slug>` / `ANNOUNCE#gathering`), in GSI1's due family
// by `<dueAt>#<slug>`. Publishing a meetup of the network adds it here in the publishing transaction; the first one
// sets when it is due (ANNOUNCE_WINDOW_MINUTES later), so meetups published within that window become one email.
// The follows sweep seals a due one into a broadcast (items/broadcast.ts) and deletes it, so the next publish starts
// a new one. `joins` counts the adds: sealing is conditional on it, so a publish in between is never lost.
import type { StoredBroadcast } from '#functions/core/broadcast.ts';
import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Item, TransactItem } from '../client.ts';
import { gsi1Partitions, tableDesign } from '../design.ts';
import { networkPartition } from './activity.ts';
import { broadcastPut } from './broadcast.ts';

const { partitionKey: PK, sortKey: SK } = tableDesign;
const IDX = tableDesign.indexes.gsi1;

/** How long an announcement gathers after its first meetup is published, so a burst of listings is one email. */
export const ANNOUNCE_WINDOW_MINUTES = 10;

export const gatheringKey = (slug: string) => ({ [PK]: networkPartition(slug), [SK]: 'ANNOUNCE#gathering' });

/** What a publishing transaction adds: these meetups join the network's gathering announcement (made if none). */
export function announcementGather(tableName: string, slug: string, eventIds: string[], now: Date): TransactItem {
  const dueAt = new Date(now.getTime() + ANNOUNCE_WINDOW_MINUTES * 60_000).toISOString();
  return {
    Update: {
      TableName: tableName,
      Key: gatheringKey(slug),
      UpdateExpression:
        'ADD eventIds :ids, joins :one SET dueAt = if_not_exists(dueAt, :due), networkSlug = :slug, #gpk = :gpk, #gsk = if_not_exists(#gsk, :gsk)',
      ExpressionAttributeNames: { '#gpk': IDX.partitionKey, '#gsk': IDX.sortKey },
      ExpressionAttributeValues: {
        ':ids': new Set(eventIds), ':one': 1, ':due': dueAt, ':slug': slug,
        ':gpk': gsi1Partitions.dueAnnouncements, ':gsk': `${dueAt}#${slug}`,
      },
    },
  };
}

/** A gathering announcement as read back: `joins` is what sealing it is conditional on. */
export interface GatheringItem {
  networkSlug: string;
  eventIds: string[];
  dueAt: string;
  joins: number;
}

/** Gatherings due by `now`, oldest first. */
export const dueAnnouncementsQuery = (tableName: string, now: Date): QueryCommandInput => ({
  TableName: tableName,
  IndexName: IDX.name,
  KeyConditionExpression: '#pk = :pk AND #sk <= :now',
  ExpressionAttributeNames: { '#pk': IDX.partitionKey, '#sk': IDX.sortKey },
  ExpressionAttributeValues: { ':pk': gsi1Partitions.dueAnnouncements, ':now': `${now.toISOString()}#~` },
});

export const gatheringFromItem = (item: Item): GatheringItem => ({
  networkSlug: item.networkSlug as string,
  // A string set in the table; sorted so a sealed broadcast lists its meetups the same way every time.
  eventIds: [...(item.eventIds as Set<string>)].sort(),
  dueAt: item.dueAt as string,
  joins: item.joins as number,
});

/**
 * Sealing, one transaction: the gathering goes, if no publish joined it since it was read (`joins` unchanged), and
 * its broadcast is stored open for the fan-out. Refused, the gathering stays due and the next sweep seals it whole.
 */
export function announcementSeal(tableName: string, gathering: Pick<GatheringItem, 'networkSlug' | 'joins'>, broadcast: StoredBroadcast): TransactItem[] {
  return [
    {
      Delete: {
        TableName: tableName,
        Key: gatheringKey(gathering.networkSlug),
        ConditionExpression: 'joins = :seen',
        ExpressionAttributeValues: { ':seen': gathering.joins },
      },
    },
    broadcastPut(tableName, broadcast),
  ];
}
