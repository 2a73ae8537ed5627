// Auth: the DynamoDB SessionsRepository. (Filled in by the auth capability, issue 13.)
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SessionsRepository } from './sessions.repository.ts';

export function dynamoSessionsRepository(_client: DynamoDBClient, _tableName: string): SessionsRepository {
  return {
    async findSession() {
      return undefined;
    },
    async createSession() {},
    async profile() {
      return undefined;
    },
    async rememberName() {},
  };
}
