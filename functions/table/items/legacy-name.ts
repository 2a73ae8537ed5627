// Table item: a network name used before networks existed (`LEGACYNET#<slug>` / `LEGACYNET`): the free-text name
// meetups carried, and the person ids of the addresses that listed them, the only ones who may create a network of
// that slug. Filled from the stored events by a Scan (run once per deployment, and on every local start); adding the
// same person twice changes nothing (a string set), so the backfill can run any number of times.
import type { ScanCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Item } from '../client.ts';
import { tableDesign } from '../design.ts';

const { partitionKey: PK, sortKey: SK } = tableDesign;
const LEGACY_SK = 'LEGACYNET';

export interface LegacyNameRecord {
  slug: string;
  /** The name as the first backfilled meetup spelt it. */
  name: string;
  /** personId of each address that listed a published or cancelled meetup under it. */
  organisers: string[];
}

export const legacyNameKey = (slug: string) => ({ [PK]: `LEGACYNET#${slug}`, [SK]: LEGACY_SK });

/** Adds listers to a name's record, creating it with `name` if new. */
export const legacyNameAdd = (tableName: string, slug: string, name: string, personIds: string[]) => ({
  TableName: tableName,
  Key: legacyNameKey(slug),
  UpdateExpression: 'SET #name = if_not_exists(#name, :name), slug = :slug, #type = :type ADD organisers :ids',
  ExpressionAttributeNames: { '#name': 'name', '#type': 'type' },
  ExpressionAttributeValues: { ':name': name, ':slug': slug, ':type': 'legacy-name', ':ids': new Set(personIds) },
});

export function legacyNameFromItem(item: Item): LegacyNameRecord {
  const organisers = item.organisers instanceof Set ? [...(item.organisers as Set<string>)] : ((item.organisers as string[] | undefined) ?? []);
  return { slug: item.slug as string, name: item.name as string, organisers: organisers.sort() };
}

/**
 * Event items stored before networks: a free-text `network` and no `networkSlug`. Drafts are left out (an address
 * that never confirmed a listing claims nothing). Only the fields the registry needs are read.
 */
export const legacyEventsScan = (tableName: string): ScanCommandInput => ({
  TableName: tableName,
  FilterExpression: '#sk = :event AND attribute_exists(#network) AND attribute_not_exists(networkSlug) AND #status <> :draft',
  ProjectionExpression: '#network, organiserEmail, #status',
  ExpressionAttributeNames: { '#sk': SK, '#network': 'network', '#status': 'status' },
  ExpressionAttributeValues: { ':event': 'EVENT', ':draft': 'draft' },
});
