// Table item: a sign-in challenge (`SIGNIN#<challengeId>` / `SIGNIN`): the hashes of its link token and code, the
// wrong codes counted so far, and when it was used. Created with the sign-in email and its rate-limit claims in one
// transaction; used once by a conditional update; gone after SIGN_IN_MINUTES (TTL, and checked in every condition).
import type { GetCommandInput, UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Item, TransactItem } from '../client.ts';
import { tableDesign } from '../design.ts';
import type { StoredChallenge } from '#functions/core/sign-in.ts';

const { partitionKey: PK, sortKey: SK, ttlAttribute: TTL } = tableDesign;
const TYPE = 'sign-in';

/** What the table keeps of a challenge. */
export type ChallengeRecord = StoredChallenge;

export const challengeKey = (id: string) => ({ [PK]: `SIGNIN#${id}`, [SK]: 'SIGNIN' });

export const challengePut = (tableName: string, c: ChallengeRecord): TransactItem => ({
  Put: {
    TableName: tableName,
    Item: { ...challengeKey(c.id), type: TYPE, ...c, [TTL]: c.expiresAt },
    ConditionExpression: 'attribute_not_exists(#pk)',
    ExpressionAttributeNames: { '#pk': PK },
  },
});

export const challengeGet = (tableName: string, id: string): GetCommandInput => ({ TableName: tableName, Key: challengeKey(id), ConsistentRead: true });

export function challengeFromItem(item: Item): ChallengeRecord {
  const { [PK]: _pk, [SK]: _sk, type: _type, ...rest } = item;
  return rest as unknown as ChallengeRecord;
}

/** Still usable: there, not used and not expired (epoch seconds `now`). */
const OPEN = 'attribute_exists(#pk) AND attribute_not_exists(usedAt) AND #ttl > :now';

/**
 * Uses the challenge, once: by its link (the hash must match) or its code (the hash must match and fewer than
 * `maxAttempts` wrong codes were typed). Two concurrent uses: one passes the condition, the other is refused.
 */
export function challengeUse(
  tableName: string,
  id: string,
  proof: { link: string } | { code: string; maxAttempts: number },
  now: Date,
): TransactItem {
  const byCode = 'code' in proof;
  return {
    Update: {
      TableName: tableName,
      Key: challengeKey(id),
      UpdateExpression: 'SET usedAt = :at',
      ConditionExpression: `${OPEN} AND ${byCode ? 'codeHash = :hash AND attempts < :max' : 'linkHash = :hash'}`,
      ExpressionAttributeNames: { '#pk': PK, '#ttl': TTL },
      ExpressionAttributeValues: {
        ':at': now.toISOString(),
        ':now': Math.floor(now.getTime() / 1000),
        ':hash': byCode ? proof.code : proof.link,
        ...(byCode ? { ':max': proof.maxAttempts } : {}),
      },
    },
  };
}

/** Counts one wrong code, unless the code is already void; answers the count after it (ReturnValues). */
export const challengeWrongCode = (tableName: string, id: string, maxAttempts: number, now: Date): UpdateCommandInput => ({
  TableName: tableName,
  Key: challengeKey(id),
  UpdateExpression: 'ADD attempts :one',
  ConditionExpression: `${OPEN} AND attempts < :max`,
  ExpressionAttributeNames: { '#pk': PK, '#ttl': TTL },
  ExpressionAttributeValues: { ':one': 1, ':max': maxAttempts, ':now': Math.floor(now.getTime() / 1000) },
  ReturnValues: 'UPDATED_NEW',
});
