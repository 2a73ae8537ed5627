// Table item: an event's listing entry, one per facet (`EVENT#<id>` / `LIST#<facet>`), in GSI1's listing family by
// facet and month, sorted by start. It carries the summary fields, so a list page never reads the events themselves.
import { SUMMARY_FIELDS, type StoredEvent, type SummarySource } from '#functions/core/event.ts';
import { facetsOf, monthOf } from '#functions/core/facets.ts';
import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Item } from '../client.ts';
import { gsi1Partitions, tableDesign } from '../design.ts';
import { eventPartition } from './event.ts';

const { partitionKey: PK, sortKey: SK } = tableDesign;
const IDX = tableDesign.indexes.gsi1;
const LISTING_SK = 'LIST#';

export const listingKey = (eventId: string, facet: string) => ({ [PK]: eventPartition(eventId), [SK]: `${LISTING_SK}${facet}` });
export const listingPartition = gsi1Partitions.listing;
/** The index sort key: by start, then id. Page cursors carry it. */
export const listingSortKey = (e: Pick<StoredEvent, 'startUtc' | 'id'>) => `${e.startUtc}#${e.id}`;

export function listingToItem(e: StoredEvent, facet: string): Item {
  const summary = Object.fromEntries(SUMMARY_FIELDS.map((f) => [f, e[f]]));
  return {
    ...listingKey(e.id, facet),
    [IDX.partitionKey]: listingPartition(facet, monthOf(e.startUtc)),
    [IDX.sortKey]: listingSortKey(e),
    type: 'listing',
    facets: facetsOf(e),
    ...summary,
  };
}

export const listingFromItem = (item: Item) => Object.fromEntries(SUMMARY_FIELDS.map((f) => [f, item[f]])) as unknown as SummarySource;

/**
 * A Query over one facet's month of listings: events starting at or after `from`, or (with `to`) whose index sort
 * key lies between the two. Callers add their filters, projection and paging to it.
 */
export function listingQuery(tableName: string, facet: string, month: string, range: { from: string; to?: string }) {
  return {
    TableName: tableName,
    IndexName: IDX.name,
    KeyConditionExpression: range.to === undefined ? '#pk = :pk AND #sk >= :from' : '#pk = :pk AND #sk BETWEEN :from AND :to',
    ExpressionAttributeNames: { '#pk': IDX.partitionKey, '#sk': IDX.sortKey } as Record<string, string>,
    ExpressionAttributeValues: {
      ':pk': listingPartition(facet, month),
      ':from': range.from,
      ...(range.to === undefined ? {} : { ':to': range.to }),
    } as Record<string, unknown>,
  } satisfies QueryCommandInput;
}

/** An index sort key after every listing starting at `iso` (`~` sorts after any id): the bound for "starts by iso". */
export const startingBy = (iso: string) => `${iso}#~`;

/** Where a listing page resumes: the full key of the entry whose index sort key is `sortKey`. */
export const listingResumeKey = (facet: string, month: string, sortKey: string): Item => ({
  [IDX.partitionKey]: listingPartition(facet, month),
  [IDX.sortKey]: sortKey,
  [PK]: eventPartition(sortKey.split('#')[1]!),
  [SK]: `${LISTING_SK}${facet}`,
});

/** The index sort key of the last entry a page read (DynamoDB's LastEvaluatedKey). */
export const listingSortKeyOf = (lastEvaluatedKey: Item) => lastEvaluatedKey[IDX.sortKey] as string;
