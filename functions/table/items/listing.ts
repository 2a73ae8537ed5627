// Table item: an event's listing entry, one per facet (`EVENT#<id>` / `LIST#<facet>`), in GSI1's listing family by
// facet and month, sorted by start. It carries the summary fields, so a list page never reads the events themselves;
// the "all" entry also carries the folded text the home page's filters and search match within (listingMatchOf).
import { SUMMARY_FIELDS, type StoredEvent, type SummarySource } from '#functions/core/event.ts';
import { facetsOf, monthOf } from '#functions/core/facets.ts';
import type { BatchGetCommandInput, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Item } from '../client.ts';
import { gsi1Partitions, tableDesign } from '../design.ts';
import { eventKey, eventPartition } from './event.ts';

const { partitionKey: PK, sortKey: SK } = tableDesign;
const IDX = tableDesign.indexes.gsi1;
const LISTING_SK = 'LIST#';

export const listingKey = (eventId: string, facet: string) => ({ [PK]: eventPartition(eventId), [SK]: `${LISTING_SK}${facet}` });
export const listingPartition = gsi1Partitions.listing;
/** The index sort key: by start, then id. Page cursors carry it. */
export const listingSortKey = (e: Pick<StoredEvent, 'startUtc' | 'id'>) => `${e.startUtc}#${e.id}`;

/** The facet whose entries carry the match attributes: every filtered or searched listing reads it. */
export const MATCH_FACET = 'all';

/**
 * Text as the filters compare it: lower case, accents dropped, "&" as "and", and every run of anything but letters and
 * digits (of any script, with their marks) as one "-". "CILIP North-West" and "cilip north west" both fold to "cilip-north-west".
 */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/** The words of a text, folded, each once, in first-seen order. */
export const foldedWords = (text: string): string[] => [...new Set(foldText(text).split('-').filter(Boolean))];

/**
 * What the filters match within, as DynamoDB `contains` sees it (a substring test, so matches are partial):
 * - network: the folded network name ("cilip-north-west");
 * - tags: each folded tag between slashes ("/lunch-club/cpd/"), so a folded filter (no "/") matches within one tag;
 * - words: every word of the title, description, venue, network and tags, once each between spaces, so a query word
 *   (no space) matches within one word.
 */
export interface ListingMatch {
  network: string;
  tags: string;
  words: string;
}

export function listingMatchOf(e: Pick<StoredEvent, 'title' | 'description' | 'venue' | 'network' | 'tags'>): ListingMatch {
  const text = [e.title, e.description, e.venue ?? '', e.network ?? '', ...e.tags].join(' ');
  return {
    network: e.network ? foldText(e.network) : '',
    tags: `/${e.tags.map(foldText).join('/')}/`,
    words: ` ${foldedWords(text).join(' ')} `,
  };
}

/** The attribute names of ListingMatch on the item. */
export const MATCH_ATTRIBUTES: Record<keyof ListingMatch, string> = { network: 'matchNetwork', tags: 'matchTags', words: 'matchWords' };

export function listingToItem(e: StoredEvent, facet: string): Item {
  const summary = Object.fromEntries(SUMMARY_FIELDS.map((f) => [f, e[f]]));
  const match = facet === MATCH_FACET ? listingMatchOf(e) : undefined;
  return {
    ...listingKey(e.id, facet),
    [IDX.partitionKey]: listingPartition(facet, monthOf(e.startUtc)),
    [IDX.sortKey]: listingSortKey(e),
    type: 'listing',
    facets: facetsOf(e),
    ...summary,
    ...(match
      ? { [MATCH_ATTRIBUTES.network]: match.network, [MATCH_ATTRIBUTES.tags]: match.tags, [MATCH_ATTRIBUTES.words]: match.words }
      : {}),
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

/** The "all" entries of a month written before the match text existed (an older version): the backfill's read. */
export function listingsLackingMatch(tableName: string, month: string): QueryCommandInput {
  const query = listingQuery(tableName, MATCH_FACET, month, { from: '0' });
  return {
    ...query,
    FilterExpression: 'attribute_not_exists(#words)',
    ExpressionAttributeNames: { ...query.ExpressionAttributeNames, '#words': MATCH_ATTRIBUTES.words },
  };
}

/** Rewrites an event's "all" entry with its match text, only if the entry is there and still lacks it. */
export function listingMatchBackfill(tableName: string, e: StoredEvent) {
  return {
    TableName: tableName,
    Item: listingToItem(e, MATCH_FACET),
    ConditionExpression: 'attribute_exists(#pk) AND attribute_not_exists(#words)',
    ExpressionAttributeNames: { '#pk': PK, '#words': MATCH_ATTRIBUTES.words },
  };
}

/** An index sort key after every listing starting at `iso` (`~` sorts after any id): the bound for "starts by iso". */
export const startingBy = (iso: string) => `${iso}#~`;

/**
 * The place counters of listed events, read from the events themselves (eventually consistent, counters only): a list
 * page asks for the few on it that have a capacity, in one request.
 */
export const listingCountsGet = (tableName: string, ids: string[]): BatchGetCommandInput => ({
  RequestItems: {
    [tableName]: {
      Keys: ids.map(eventKey),
      ProjectionExpression: '#id, #confirmed, #waitlist',
      ExpressionAttributeNames: { '#id': 'id', '#confirmed': 'confirmedCount', '#waitlist': 'waitlistCount' },
    },
  },
});

export const countsFromItem = (item: Item) => ({
  id: item.id as string,
  confirmed: (item.confirmedCount as number | undefined) ?? 0,
  waitlist: (item.waitlistCount as number | undefined) ?? 0,
});

/** Where a listing page resumes: the full key of the entry whose index sort key is `sortKey`. */
export const listingResumeKey = (facet: string, month: string, sortKey: string): Item => ({
  [IDX.partitionKey]: listingPartition(facet, month),
  [IDX.sortKey]: sortKey,
  [PK]: eventPartition(sortKey.split('#')[1]!),
  [SK]: `${LISTING_SK}${facet}`,
});

/** The index sort key of the last entry a page read (DynamoDB's LastEvaluatedKey). */
export const listingSortKeyOf = (lastEvaluatedKey: Item) => lastEvaluatedKey[IDX.sortKey] as string;
