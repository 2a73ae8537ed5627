// Moderation adapter: HiddenMeetupsRepository on DynamoDB, one partition read and written through table/items.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, queryAll } from '#functions/table/client.ts';
import { hiddenMeetupDelete, hiddenMeetupFromItem, hiddenMeetupPut, hiddenMeetupsQuery } from '#functions/table/items/moderation.ts';
import type { HiddenMeetupsRepository } from './hidden-meetups.repository.ts';

export function dynamoHiddenMeetupsRepository(client: DynamoDBClient, tableName: string): HiddenMeetupsRepository {
  const db = documentClient(client);
  return {
    async add(entry) {
      await db.send(new PutCommand(hiddenMeetupPut(tableName, entry)));
    },
    async remove(eventId) {
      await db.send(new DeleteCommand(hiddenMeetupDelete(tableName, eventId)));
    },
    async list() {
      return (await queryAll(client, hiddenMeetupsQuery(tableName))).map(hiddenMeetupFromItem);
    },
  };
}
