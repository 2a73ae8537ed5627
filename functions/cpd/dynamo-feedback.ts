// CPD adapter: the FeedbackRepository on DynamoDB (table/items/feedback.ts). Giving is one transaction, so two
// presses at once store one answer and count one.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { batchGet, documentClient, queryAll, transactUnlessRefused } from '#functions/table/client.ts';
import {
  answerFromItem, eventIdOfTally, FEEDBACK_TALLY_PROJECTION, feedbackAnswersQuery, feedbackGive, feedbackTallyGet, tallyFromItem, tallyKeys,
} from '#functions/table/items/feedback.ts';
import type { FeedbackRepository } from './feedback.repository.ts';

export function dynamoFeedback(client: DynamoDBClient, tableName: string): FeedbackRepository {
  const db = documentClient(client);
  return {
    give: ({ record, answer, answerId, at }) =>
      transactUnlessRefused(client, { TransactItems: feedbackGive(tableName, record, answer, answerId, at) }),
    async tally(eventId) {
      return tallyFromItem((await db.send(new GetCommand(feedbackTallyGet(tableName, eventId)))).Item);
    },
    async tallies(eventIds) {
      const items = await batchGet(client, tableName, tallyKeys(eventIds), { projection: FEEDBACK_TALLY_PROJECTION });
      return new Map(items.map((item) => [eventIdOfTally(item), tallyFromItem(item)] as const).filter(([, t]) => t.count > 0));
    },
    async answers(eventId) {
      return (await queryAll(client, feedbackAnswersQuery(tableName, eventId))).map(answerFromItem);
    },
  };
}
