// Table item: a network's announcement still gathering (`NETWORK#<slug>` / `ANNOUNCE#gathering`), in GSI1's due family
// by `<dueAt>#<slug>`. Publishing a meetup of the network adds it here in the publishing transaction; the first one
// sets when it is due (ANNOUNCE_WINDOW_MINUTES later), so meetups published within that window become one email.
// The follows sweep seals a due one into a broadcast (items/broadcast.ts) and deletes it, so the next publish starts
// a new one. `joins` counts the adds: sealing is conditional on it, so a publish in between is never lost.
import type { TransactItem } from '../client.ts';
import { gsi1Partitions, tableDesign } from '../design.ts';
import { networkPartition } from './activity.ts';

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
