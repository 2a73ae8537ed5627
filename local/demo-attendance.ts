// Demo data, on DynamoDB: what the demo seed needs to show attendance (local/seed-data.ts DemoAttendance): the real
// check-in adapter, and a plain write of the "Still coming?" fields onto an RSVP, as the question's sweep and the
// answers would leave them, so the demo shows answers without emailing anyone. Given what the record email's link
// needs (the site and the feed secret), the real CPD log too, for records of attendance, and the feedback store for
// the answers their form would have had.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoCheckIns } from '#functions/attendance/dynamo-check-ins.ts';
import { dynamoFeedback } from '#functions/cpd/dynamo-feedback.ts';
import { dynamoCpdLog } from '#functions/cpd/dynamo-log.ts';
import type { FeedSecret } from '#functions/feeds/feeds.repository.ts';
import { documentClient } from '#functions/table/client.ts';
import { tableDesign } from '#functions/table/design.ts';
import { rsvpKey } from '#functions/table/items/rsvp.ts';
import type { DemoAttendance } from './seed-data.ts';

export function dynamoDemoAttendance(client: DynamoDBClient, tableName: string, records?: { siteUrl: string; feedSecret: FeedSecret }): DemoAttendance {
  const db = documentClient(client);
  return {
    ...(records ? { records: { cpdLog: dynamoCpdLog(client, tableName), feedback: dynamoFeedback(client, tableName), ...records } } : {}),
    checkIns: dynamoCheckIns(client, tableName),
    async answer(eventId, key, fields) {
      const entries = Object.entries(fields).filter(([, v]) => v !== undefined);
      await db.send(new UpdateCommand({
        TableName: tableName,
        Key: rsvpKey(eventId, key),
        UpdateExpression: `SET ${entries.map((_, i) => `#f${i} = :f${i}`).join(', ')}`,
        ConditionExpression: 'attribute_exists(#pk)',
        ExpressionAttributeNames: { '#pk': tableDesign.partitionKey, ...Object.fromEntries(entries.map(([k], i) => [`#f${i}`, k])) },
        ExpressionAttributeValues: Object.fromEntries(entries.map(([, v], i) => [`:f${i}`, v])),
      }));
    },
  };
}
