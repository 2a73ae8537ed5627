// Table item: a rate-limit counter (`RATE#<scope>#<subjectHash>#<windowStart>` / `RATE`). A claim is a conditional
// increment added to the transaction of the action it limits, so a refused action counts nothing and an allowed one
// always counts. Counters expire with their window (TTL).
import type { TransactItem } from '../client.ts';
import { tableDesign } from '../design.ts';

/** What the table needs of a claim (ratelimit/rate-limit.ts RateClaim). */
export interface RateCounter {
  scope: string;
  /** A hash of the subject (IP or address), never the subject itself. */
  subjectHash: string;
  /** Epoch seconds when the window began. */
  windowStart: number;
  limit: number;
  /** Epoch seconds when the window ends; the counter item's TTL. */
  windowEndsAt: number;
}

export const rateClaimKey = (c: Pick<RateCounter, 'scope' | 'subjectHash' | 'windowStart'>) => ({
  [tableDesign.partitionKey]: `RATE#${c.scope}#${c.subjectHash}#${c.windowStart}`,
  [tableDesign.sortKey]: 'RATE',
});

export function rateClaimUpdate(tableName: string, claim: RateCounter): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: rateClaimKey(claim),
      UpdateExpression: 'ADD #count :one SET #ttl = :ttl',
      ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
      ExpressionAttributeNames: { '#count': 'count', '#ttl': tableDesign.ttlAttribute },
      ExpressionAttributeValues: { ':one': 1, ':limit': claim.limit, ':ttl': claim.windowEndsAt },
    },
  };
}
