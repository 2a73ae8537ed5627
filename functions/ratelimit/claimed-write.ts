// Rate limits on DynamoDB: an action's write with its rate-limit claims first, in one transaction, so a refused
// action counts nothing and an allowed one always counts. Every adapter that limits a write goes through this.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { cancellationReasons, firstConditionFailed, transactWrite, type TransactItem } from '#functions/table/client.ts';
import { rateClaimUpdate } from '#functions/table/items/rate-claim.ts';
import type { RateClaim } from './rate-limit.ts';

export type ClaimedWrite =
  | { ok: true }
  | { ok: false; reason: 'rate_limited'; claim: RateClaim }
  /** `item`: the index in `items` of the first action whose condition failed. */
  | { ok: false; reason: 'refused'; item: number };

/** Writes `items` after the claims. A claim over its limit: rate_limited. An item's condition failing: refused. */
export async function claimedWrite(client: DynamoDBClient, tableName: string, claims: readonly RateClaim[], items: TransactItem[]): Promise<ClaimedWrite> {
  try {
    await transactWrite(client, { TransactItems: [...claims.map((c) => rateClaimUpdate(tableName, c)), ...items] });
    return { ok: true };
  } catch (error) {
    const failed = firstConditionFailed(cancellationReasons(error));
    if (failed < 0) throw error;
    if (failed < claims.length) return { ok: false, reason: 'rate_limited', claim: claims[failed]! };
    return { ok: false, reason: 'refused', item: failed - claims.length };
  }
}
