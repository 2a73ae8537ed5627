// Mail adapter: the BroadcastStore on DynamoDB (table/items/broadcast.ts). TO BE WRITTEN (issue 14, broadcasts helper).
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { BroadcastStore } from './broadcasts.ts';

export function dynamoBroadcasts(_client: DynamoDBClient, _tableName: string): BroadcastStore {
  const missing = async (): Promise<never> => {
    throw new Error('dynamoBroadcasts: not written yet');
  };
  return { create: missing, get: missing, open: missing, claim: missing, finish: missing };
}
