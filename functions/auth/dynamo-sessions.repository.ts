// Auth: the DynamoDB SessionsRepository. The items and keys are table/items' (session, sign-in, profile); this
// composes them: a challenge with its email and rate-limit claims in one transaction, its use as one conditional
// update (with the claims, when there are any), and "sign out everywhere" through the sessions index.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { backoff, documentClient, isConditionFailed, queryAll, type TransactItem } from '#functions/table/client.ts';
import { outboxPut } from '#functions/table/items/outbox.ts';
import { profileFromItem, profileGet, profileName } from '#functions/table/items/profile.ts';
import { personSessionsQuery, sessionFromItem, sessionGet, sessionKey, sessionPut } from '#functions/table/items/session.ts';
import { challengeFromItem, challengeGet, challengePut, challengeUse, challengeWrongCode } from '#functions/table/items/sign-in.ts';
import { claimedWrite } from '#functions/ratelimit/claimed-write.ts';
import type { RateClaim } from '#functions/ratelimit/rate-limit.ts';
import type { Claimed, SessionsRepository } from './sessions.repository.ts';
import { MAX_CODE_ATTEMPTS } from './sign-in.ts';

export function dynamoSessionsRepository(client: DynamoDBClient, tableName: string): SessionsRepository {
  const db = documentClient(client);

  /**
   * Runs `action` after the claims in one transaction. A claim over its limit answers rate_limited; `action` refused
   * by its condition answers `refused` (and, the transaction being cancelled, counts no claim).
   */
  async function claimedAction(claims: RateClaim[], action: TransactItem): Promise<Claimed<{ refused: boolean }>> {
    const written = await claimedWrite(client, tableName, claims, [action]);
    if (written.ok) return { ok: true, refused: false };
    return written.reason === 'rate_limited' ? written : { ok: true, refused: true };
  }

  return {
    async findSession(id) {
      const out = await db.send(new GetCommand(sessionGet(tableName, id)));
      return out.Item ? sessionFromItem(out.Item) : undefined;
    },
    async createSession(session) {
      await db.send(new PutCommand(sessionPut(tableName, session).Put!));
    },
    async profile(personId) {
      const out = await db.send(new GetCommand(profileGet(tableName, personId)));
      return out.Item ? profileFromItem(out.Item) : undefined;
    },
    async rememberName(personId, name) {
      await db.send(new UpdateCommand(profileName(tableName, personId, name, new Date())));
    },

    async createChallenge(challenge, claims, email) {
      const written = await claimedWrite(client, tableName, claims, [challengePut(tableName, challenge), outboxPut(tableName, email)]);
      if (written.ok || written.reason === 'rate_limited') return written;
      throw new Error(`Storing sign-in challenge ${challenge.id} was refused`);
    },
    async findChallenge(id) {
      const out = await db.send(new GetCommand(challengeGet(tableName, id)));
      return out.Item ? (challengeFromItem(out.Item)) : undefined;
    },
    async useChallenge(id, proof, now, claims) {
      const use = challengeUse(tableName, id, 'link' in proof ? { link: proof.link } : { code: proof.code, maxAttempts: MAX_CODE_ATTEMPTS }, now);
      if (!claims.length) {
        try {
          await db.send(new UpdateCommand(use.Update as never));
          return { ok: true, used: true };
        } catch (error) {
          if (isConditionFailed(error)) return { ok: true, used: false };
          throw error;
        }
      }
      const out = await claimedAction(claims, use);
      return out.ok ? { ok: true, used: !out.refused } : out;
    },
    async countWrongCode(id, now, claims) {
      const update = challengeWrongCode(tableName, id, MAX_CODE_ATTEMPTS, now);
      // The claims and the count in one transaction; a transaction returns no values, so the count is read after it.
      if (claims.length) {
        const { ReturnValues: _r, ...count } = update;
        const out = await claimedAction(claims, { Update: count as never });
        if (!out.ok) return out;
        if (out.refused) return { ok: true, counted: false };
        const after = await db.send(new GetCommand(challengeGet(tableName, id)));
        return { ok: true, counted: true, attempts: Number(after.Item?.attempts ?? MAX_CODE_ATTEMPTS) };
      }
      try {
        const out = await db.send(new UpdateCommand(update));
        return { ok: true, counted: true, attempts: Number(out.Attributes?.attempts) };
      } catch (error) {
        if (isConditionFailed(error)) return { ok: true, counted: false };
        throw error;
      }
    },
    async deleteSession(id) {
      await db.send(new DeleteCommand({ TableName: tableName, Key: sessionKey(id) }));
    },
    async deleteAllSessions(personId) {
      // The index is eventually consistent: a session made in the last moment may be missed (it ends in 30 days).
      const keys = (await queryAll(client, personSessionsQuery(tableName, personId))).map((item) => sessionKey(String(item.id)));
      for (let i = 0; i < keys.length; i += 25) {
        let pending = keys.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } }));
        for (let attempt = 0; pending.length; attempt++) {
          if (attempt > 0) await backoff(attempt, 1000);
          if (attempt > 10) throw new Error('DynamoDB left session deletes unprocessed after 10 retries');
          const out = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
          pending = (out.UnprocessedItems?.[tableName] ?? []) as typeof pending;
        }
      }
      return keys.length;
    },
  };
}
