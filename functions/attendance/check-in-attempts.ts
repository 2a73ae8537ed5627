// Attendance: counting wrong self check-in codes. Only a wrong code takes a claim (a right one costs nothing), and
// while any counter is at its limit even a right code is refused, so guessing the 20^4 codes is slow. The port, and
// its DynamoDB adapter over the rate-limit counters (table/items/rate-claim.ts).
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { batchGet } from '#functions/table/client.ts';
import { tableDesign } from '#functions/table/design.ts';
import { rateClaimKey } from '#functions/table/items/rate-claim.ts';
import { claimedWrite } from '#functions/ratelimit/claimed-write.ts';
import type { RateClaim } from '#functions/ratelimit/rate-limit.ts';

export interface CodeAttempts {
  /** The first claim whose counter is already at its limit, if any (read only). */
  over(claims: readonly RateClaim[]): Promise<RateClaim | undefined>;
  /** Counts one wrong code on every counter, all or none: refused (nothing counted) when one is at its limit. */
  count(claims: readonly RateClaim[]): Promise<{ ok: true } | { ok: false; claim: RateClaim }>;
}

export function dynamoCodeAttempts(client: DynamoDBClient, tableName: string): CodeAttempts {
  return {
    async over(claims) {
      const items = await batchGet(client, tableName, claims.map(rateClaimKey), { consistent: true });
      const pk = (item: Record<string, unknown>) => String(item[tableDesign.partitionKey]);
      const counts = new Map(items.map((i) => [pk(i), Number(i.count ?? 0)]));
      return claims.find((c) => (counts.get(pk(rateClaimKey(c))) ?? 0) >= c.limit);
    },
    async count(claims) {
      const written = await claimedWrite(client, tableName, claims, []);
      if (written.ok) return { ok: true };
      if (written.reason === 'rate_limited') return { ok: false, claim: written.claim };
      throw new Error('a rate-limit claim refused without a condition of its own');
    },
  };
}
