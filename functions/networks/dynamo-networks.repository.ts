// Networks: the DynamoDB NetworksRepository. (Filled in by the networks capability, issue 13.)
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { NetworksRepository } from './networks.repository.ts';

export function dynamoNetworksRepository(_client: DynamoDBClient, _tableName: string): NetworksRepository {
  const none = async () => undefined;
  const empty = async () => [];
  const refused = async () => {
    throw new Error('Not built yet');
  };
  return { get: none, list: empty, member: none, team: empty, membershipsOf: empty, activity: empty, create: refused, save: refused };
}
