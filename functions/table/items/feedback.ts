// Table items of the anonymous feedback (functions/cpd/feedback.ts): each answer is `EVENT#<eventId>` /
// `FEEDBACK#<random id>` holding only the rating and the texts (no person, no record, no time), so it goes with the
// meetup's partition. The meetup's counters are separate attributes on the event item (feedbackCount, feedbackSum,
// feedbackR1..R5), added to, never set: an edit of the meetup writes only the fields it changes (event.ts eventEdit).
import type { FeedbackAnswer, FeedbackRating, FeedbackTally } from '#functions/core/feedback.ts';
import type { Item, TransactItem } from '../client.ts';
import { tableDesign } from '../design.ts';
import { recordKey } from './cpd.ts';
import { eventKey, eventPartition } from './event.ts';

const { partitionKey: PK, sortKey: SK } = tableDesign;
const PREFIX = 'FEEDBACK#';

export const feedbackKey = (eventId: string, id: string) => ({ [PK]: eventPartition(eventId), [SK]: `${PREFIX}${id}` });

export const FEEDBACK_TALLY_FIELDS = ['feedbackCount', 'feedbackSum', 'feedbackR1', 'feedbackR2', 'feedbackR3', 'feedbackR4', 'feedbackR5'] as const;

/**
 * One answer per record, in one transaction: the record marked (never answered before), the answer put, the meetup's
 * counters added to (only while the meetup is there: an ADD on a missing item would make a stray event item).
 */
export function feedbackGive(
  tableName: string, record: { personId: string; id: string; eventId: string }, answer: FeedbackAnswer, answerId: string, at: string,
): TransactItem[] {
  const rating: FeedbackRating = answer.rating;
  return [
    {
      Update: {
        TableName: tableName,
        Key: recordKey(record.personId, record.id),
        UpdateExpression: 'SET feedbackGivenAt = :at',
        ConditionExpression: 'attribute_exists(#pk) AND attribute_not_exists(feedbackGivenAt)',
        ExpressionAttributeNames: { '#pk': PK },
        ExpressionAttributeValues: { ':at': at },
      },
    },
    {
      Put: {
        TableName: tableName,
        Item: {
          ...feedbackKey(record.eventId, answerId), type: 'feedback', rating,
          ...(answer.worked ? { worked: answer.worked } : {}), ...(answer.better ? { better: answer.better } : {}),
        },
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': PK },
      },
    },
    {
      Update: {
        TableName: tableName,
        Key: eventKey(record.eventId),
        UpdateExpression: `ADD feedbackCount :one, feedbackSum :rating, feedbackR${rating} :one`,
        ConditionExpression: 'attribute_exists(#pk)',
        ExpressionAttributeNames: { '#pk': PK },
        ExpressionAttributeValues: { ':one': 1, ':rating': rating },
      },
    },
  ];
}

export const feedbackTallyGet = (tableName: string, eventId: string) => ({
  TableName: tableName, Key: eventKey(eventId), ProjectionExpression: FEEDBACK_TALLY_FIELDS.join(', '), ConsistentRead: true,
});

/** The counters of many meetups at once (table/client.ts batchGet), with the key to tell them apart. */
export const FEEDBACK_TALLY_PROJECTION = [PK, ...FEEDBACK_TALLY_FIELDS] as const;
export const tallyKeys = (eventIds: readonly string[]) => eventIds.map(eventKey);
export const eventIdOfTally = (item: Item) => String(item[PK]).slice(eventPartition('').length);

export function tallyFromItem(item: Item | undefined): FeedbackTally {
  const n = (field: string) => Number(item?.[field] ?? 0);
  return { count: n('feedbackCount'), sum: n('feedbackSum'), ratings: [n('feedbackR1'), n('feedbackR2'), n('feedbackR3'), n('feedbackR4'), n('feedbackR5')] };
}

export const feedbackAnswersQuery = (tableName: string, eventId: string) => ({
  TableName: tableName,
  KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
  ExpressionAttributeNames: { '#pk': PK, '#sk': SK },
  ExpressionAttributeValues: { ':pk': eventPartition(eventId), ':prefix': PREFIX },
});

export const answerFromItem = (item: Item): FeedbackAnswer => ({
  rating: Number(item.rating) as FeedbackRating,
  ...(item.worked ? { worked: String(item.worked) } : {}),
  ...(item.better ? { better: String(item.better) } : {}),
});
