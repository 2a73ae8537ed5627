// Follows adapter: the AnnouncementsRepository on DynamoDB (table/items/announcement.ts): due gatherings from GSI1's
// due family, sealed in one transaction with their broadcast (table/items/broadcast.ts).
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { cancellationReasons, conditionFailed, queryAll, transactWrite } from '#functions/table/client.ts';
import { announcementSeal, dueAnnouncementsQuery, gatheringFromItem } from '#functions/table/items/announcement.ts';
import type { AnnouncementsRepository } from './announcements.repository.ts';

export function dynamoAnnouncementsRepository(client: DynamoDBClient, tableName: string): AnnouncementsRepository {
  return {
    async due(now) {
      return (await queryAll(client, dueAnnouncementsQuery(tableName, now))).map(gatheringFromItem);
    },
    async seal(gathering, broadcast) {
      try {
        await transactWrite(client, { TransactItems: announcementSeal(tableName, gathering, broadcast) });
        return true;
      } catch (error) {
        if (conditionFailed(cancellationReasons(error))) return false;
        throw error;
      }
    },
  };
}
