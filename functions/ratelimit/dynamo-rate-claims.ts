// Rate limiting adapter: a claim is a conditional counter update, added to the transaction of the action it limits,
// so a refused action counts nothing and an allowed one always counts. Counters expire with their window (TTL).
import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { tableDesign } from '#functions/table/design.ts';
import { marshall } from '#functions/table/client.ts';
import type { RateClaim } from './rate-limit.ts';

export function rateClaimUpdate(tableName: string, claim: RateClaim): TransactWriteItem {
  return {
    Update: {
      TableName: tableName,
      Key: marshall({ [tableDesign.partitionKey]: claim.key, [tableDesign.sortKey]: 'RATE' }),
      UpdateExpression: 'ADD #count :one SET #ttl = :ttl',
      ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
      ExpressionAttributeNames: { '#count': 'count', '#ttl': tableDesign.ttlAttribute },
      ExpressionAttributeValues: marshall({ ':one': 1, ':limit': claim.limit, ':ttl': claim.windowEndsAt }),
    },
  };
}
