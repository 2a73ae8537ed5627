// Mail adapter: the BroadcastStore on DynamoDB (table/items/broadcast.ts). A broadcast is created with its rate-limit
// claims and activity line in one transaction; each recipient's claim goes with their outbox message in another.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { claimedWrite } from '#functions/ratelimit/claimed-write.ts';
import { cancellationReasons, conditionFailed, documentClient, isConditionFailed, transactWrite } from '#functions/table/client.ts';
import { activityPut } from '#functions/table/items/activity.ts';
import { broadcastClaimPut, broadcastFinish, broadcastFromItem, broadcastKey, broadcastPut, openBroadcastsQuery } from '#functions/table/items/broadcast.ts';
import { outboxPut } from '#functions/table/items/outbox.ts';
import type { BroadcastStore } from './broadcasts.ts';

export function dynamoBroadcasts(client: DynamoDBClient, tableName: string): BroadcastStore {
  const db = documentClient(client);
  return {
    async create(broadcast, extras = {}) {
      const written = await claimedWrite(client, tableName, extras.claims ?? [], [
        broadcastPut(tableName, broadcast),
        ...(extras.activity ?? []).map((entry) => activityPut(tableName, entry)),
      ]);
      if (written.ok || written.reason === 'rate_limited') return written;
      return { ok: false, reason: 'exists' };
    },

    async get(id) {
      const out = await db.send(new GetCommand({ TableName: tableName, Key: broadcastKey(id), ConsistentRead: true }));
      return out.Item && broadcastFromItem(out.Item);
    },

    async open(limit) {
      const out = await db.send(new QueryCommand(openBroadcastsQuery(tableName, limit)));
      return (out.Items ?? []).map(broadcastFromItem);
    },

    async claim(broadcastId, recipientKey, message, now) {
      try {
        await transactWrite(client, { TransactItems: [broadcastClaimPut(tableName, broadcastId, recipientKey, now), outboxPut(tableName, message)] });
        return true;
      } catch (error) {
        if (conditionFailed(cancellationReasons(error), 0)) return false;
        throw error;
      }
    },

    async finish(id, queued, now) {
      try {
        await db.send(new UpdateCommand(broadcastFinish(tableName, id, queued, now)));
      } catch (error) {
        // Gone already (expired after an earlier finish): nothing left to mark.
        if (!isConditionFailed(error)) throw error;
      }
    },
  };
}
