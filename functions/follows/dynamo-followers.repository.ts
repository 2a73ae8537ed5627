// Follows adapter: the FollowersRepository on DynamoDB (table/items/follower.ts). Every change that makes or ends an
// active follow is one transaction with the counters beside it; a request is one with its rate-limit claims and its
// email, so nothing is half-stored and a refused request counts nothing.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, queryAll, type TransactItem, transactUnlessRefused } from '#functions/table/client.ts';
import { outboxPut } from '#functions/table/items/outbox.ts';
import {
  activeFollowersQuery, countFromItem, followerConfirm, followerCountGet, followerCounted, followerFromItem, followerGet, followerIsActive,
  followerPut, followerRemove, followerRequest, followerSetMode, followerStatsQuery, followsOfQuery, monthCounters,
} from '#functions/table/items/follower.ts';
import { claimedWrite } from '#functions/ratelimit/claimed-write.ts';
import type { FollowersRepository } from './followers.repository.ts';

/** A request races an unfollow or a confirmation at most a few times before one of its two shapes holds. */
const REQUEST_ATTEMPTS = 4;

export function dynamoFollowersRepository(client: DynamoDBClient, tableName: string): FollowersRepository {
  const db = documentClient(client);

  /** Runs `items`; false when an action's condition refused it (nothing written). */
  const conditional = (items: TransactItem[]): Promise<boolean> => transactUnlessRefused(client, { TransactItems: items });

  const repository: FollowersRepository = {
    async get(slug, id) {
      const out = await db.send(new GetCommand(followerGet(tableName, slug, id)));
      return out.Item ? followerFromItem(out.Item) : undefined;
    },
    async active(slug) {
      return (await queryAll(client, activeFollowersQuery(tableName, slug))).map(followerFromItem);
    },
    async followedBy(personId) {
      return (await queryAll(client, followsOfQuery(tableName, personId))).map(followerFromItem);
    },
    async stats(slug, n, now) {
      const monthsBack = Array.from({ length: n }, (_, i) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (n - 1 - i), 1)).toISOString().slice(0, 7));
      const [items, count] = await Promise.all([
        queryAll(client, followerStatsQuery(tableName, slug, monthsBack[0] ?? now.toISOString().slice(0, 7))),
        db.send(new GetCommand(followerCountGet(tableName, slug))),
      ]);
      const counters = monthCounters(items);
      return { count: countFromItem(count.Item), months: monthsBack.map((month) => ({ month, ...(counters.get(month) ?? { joined: 0, left: 0 }) })) };
    },
    async put(follower) {
      for (let attempt = 0; attempt < REQUEST_ATTEMPTS; attempt++) {
        const was = await repository.get(follower.networkSlug, follower.id);
        const wasActive = was?.status === 'active';
        const isActive = follower.status === 'active';
        const at = new Date(isActive ? (follower.confirmedAt ?? follower.updatedAt) : follower.updatedAt);
        const counted = wasActive === isActive ? [] : followerCounted(tableName, follower.networkSlug, isActive ? 1 : -1, at);
        if (await conditional([followerPut(tableName, follower, wasActive), ...counted])) return;
      }
      throw new Error(`Storing follower ${follower.id} of ${follower.networkSlug} kept racing`);
    },
    async request(follower, claims, emails) {
      const { networkSlug: slug, id } = follower;
      for (let attempt = 0; attempt < REQUEST_ATTEMPTS; attempt++) {
        const asked = await claimedWrite(client, tableName, claims, [followerRequest(tableName, follower), outboxPut(tableName, emails.confirm)]);
        if (asked.ok) return { ok: true, outcome: 'requested' };
        if (asked.reason === 'rate_limited') return asked;
        // Refused: the address follows already. The claims and the other email, if it still does.
        const already = await claimedWrite(client, tableName, claims, [followerIsActive(tableName, slug, id), outboxPut(tableName, emails.already)]);
        if (already.ok) return { ok: true, outcome: 'already' };
        if (already.reason === 'rate_limited') return already;
      }
      throw new Error(`Following ${slug} kept racing another change of the same follow`);
    },
    async confirm(slug, id, tokenHash, now) {
      return conditional([followerConfirm(tableName, slug, id, tokenHash, now), ...followerCounted(tableName, slug, 1, now)]);
    },
    async setMode(slug, id, mode, now) {
      return conditional([followerSetMode(tableName, slug, id, mode, now)]);
    },
    async unfollow(slug, id, now) {
      return conditional([followerRemove(tableName, slug, id), ...followerCounted(tableName, slug, -1, now)]);
    },
  };
  return repository;
}
