// Table items of a person (`PERSON#<personId>`): their feed record (`FEED`), one link per RSVP (`RSVP#<eventId>`),
// and their suppression (`SUPPRESSED`). Only the hash of an address is ever in a key.
import type { SuppressionReason } from '#functions/core/person.ts';
import type { QueryCommandInput, UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Item, TransactItem } from '../client.ts';
import { tableDesign } from '../design.ts';

const { partitionKey: PK, sortKey: SK, ttlAttribute: TTL } = tableDesign;
const FEED_SK = 'FEED';
const LINK_SK = 'RSVP#';
const SUPPRESSED_SK = 'SUPPRESSED';

/** The partition-key prefix the SES events function may write, and the mailer read (IAM dynamodb:LeadingKeys). */
export const PERSON_PREFIX = 'PERSON#';
const personPartition = (personId: string) => `${PERSON_PREFIX}${personId}`;

export const personKey = (personId: string) => ({ [PK]: personPartition(personId), [SK]: FEED_SK });
/** A person's link to one event's RSVP (what their personal feed reads); deleting the RSVP deletes it. */
export const personLinkKey = (personId: string, eventId: string) => ({ [PK]: personPartition(personId), [SK]: `${LINK_SK}${eventId}` });
const linkKey = personLinkKey;

/**
 * For the RSVP request transaction: the person's feed record (created with its first nonce, kept alive until
 * `personExpiresAt`) and their link to this event, which lives as long as the RSVP does.
 */
export function personRsvpItems(
  tableName: string,
  input: { personId: string; nonce: string; eventId: string; rsvpKey: string; rsvpExpiresAt: number; personExpiresAt: number },
): TransactItem[] {
  return [
    {
      Update: {
        TableName: tableName,
        Key: personKey(input.personId),
        UpdateExpression: 'SET nonce = if_not_exists(nonce, :nonce), #ttl = :ttl',
        ExpressionAttributeNames: { '#ttl': TTL },
        ExpressionAttributeValues: { ':nonce': input.nonce, ':ttl': input.personExpiresAt },
      },
    },
    {
      Put: {
        TableName: tableName,
        Item: { ...linkKey(input.personId, input.eventId), eventId: input.eventId, rsvpKey: input.rsvpKey, [TTL]: input.rsvpExpiresAt },
      },
    },
  ];
}

/** The person's whole partition: their feed record, RSVP links and suppression, if any. */
export const personQuery = (tableName: string, personId: string): QueryCommandInput => ({
  TableName: tableName,
  KeyConditionExpression: '#pk = :pk',
  ExpressionAttributeNames: { '#pk': PK },
  ExpressionAttributeValues: { ':pk': personPartition(personId) },
  ConsistentRead: true,
});

/**
 * Their feed record's nonce and the RSVPs their links name; undefined without a feed record. Every other item of
 * the partition counts as a link (a suppression item too, naming no event, so it finds nothing).
 */
export function personFromItems(items: Item[]): { nonce: string; rsvps: { eventId: string; rsvpKey: string }[] } | undefined {
  const record = items.find((item) => item[SK] === FEED_SK);
  if (!record) return undefined;
  const rsvps = items.filter((item) => item[SK] !== FEED_SK).map((item) => ({ eventId: item.eventId as string, rsvpKey: item.rsvpKey as string }));
  return { nonce: record.nonce as string, rsvps };
}

/** Swaps the feed record's nonce, if it is still `from`. */
export const nonceReplace = (tableName: string, personId: string, from: string, to: string): UpdateCommandInput => ({
  TableName: tableName,
  Key: personKey(personId),
  UpdateExpression: 'SET nonce = :to',
  ConditionExpression: 'nonce = :from',
  ExpressionAttributeValues: { ':from': from, ':to': to },
});

// ---- Suppression: no TTL, SES's own account-level list keeps an address until someone removes it, and so do we ----

export const suppressedKey = (personId: string) => ({ [PK]: personPartition(personId), [SK]: SUPPRESSED_SK });

/** Records a suppression; a complaint outranks a bounce, so a later bounce is refused by the condition. */
export const suppressionMark = (
  tableName: string,
  personId: string,
  suppression: { reason: SuppressionReason; detail: string; at: string },
): UpdateCommandInput => ({
  TableName: tableName,
  Key: suppressedKey(personId),
  UpdateExpression: 'SET reason = :reason, detail = :detail, lastAt = :at, firstAt = if_not_exists(firstAt, :at)',
  ConditionExpression: 'attribute_not_exists(reason) OR reason = :reason OR :reason = :complaint',
  ExpressionAttributeValues: { ':reason': suppression.reason, ':detail': suppression.detail, ':at': suppression.at, ':complaint': 'complaint' },
});

/** A suppression item: whose it is (the person id) and what SES said. */
export const suppressionFromItem = (item: Item) => ({
  personId: String(item[PK]).slice(PERSON_PREFIX.length),
  suppression: { reason: item.reason as SuppressionReason, detail: String(item.detail), at: String(item.lastAt) },
});
