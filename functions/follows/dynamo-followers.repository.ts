// Follows adapter: the FollowersRepository on DynamoDB (table/items/follower.ts). TO BE WRITTEN (issue 14, follows helper).
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { FollowersRepository } from './followers.repository.ts';

export function dynamoFollowersRepository(_client: DynamoDBClient, _tableName: string): FollowersRepository {
  const missing = async (): Promise<never> => {
    throw new Error('dynamoFollowersRepository: not written yet');
  };
  return { get: missing, active: missing, followedBy: missing, stats: missing, put: missing };
}
