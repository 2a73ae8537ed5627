// Networks adapter: NetworksRepository on DynamoDB. The items, keys and fragments are table/items' (network.ts,
// activity.ts, legacy-name.ts, outbox.ts, rate-claim.ts); this composes them into all-or-nothing transactions and reads
// a network's partition, the networks family and a person's memberships from GSI1.
import { claimedWrite } from '#functions/ratelimit/claimed-write.ts';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { networkSlugOf } from '#functions/core/network.ts';
import { personId } from '#functions/core/person.ts';
import { cancellationReasons, conditionFailed, documentClient, firstConditionFailed, queryAll, transactWrite, type Item, type TransactItem } from '#functions/table/client.ts';
import { activityFromItem, activityPut, activityQuery } from '#functions/table/items/activity.ts';
import {
  invitationAccept, invitationDelete, invitationFromItem, invitationKey, invitationPut, invitationsQuery, memberAdd, memberFromItem, memberKey,
  memberRemove, memberRoleChange, membershipsQuery, networkCreate, networkEdit, networkExists, networkFromItem, networkKey, networksQuery,
  organiserCountChange, teamQuery,
} from '#functions/table/items/network.ts';
import { legacyEventsScan, legacyNameAdd, legacyNameFromItem, legacyNameKey } from '#functions/table/items/legacy-name.ts';
import { outboxPut } from '#functions/table/items/outbox.ts';
import type { NetworkExtras, NetworksRepository, TeamChange } from './networks.repository.ts';

/** How many organisers a set of changes adds (a promotion) or takes away (a removal or demotion). */
export const organiserDelta = (changes: TeamChange[]) =>
  changes.reduce((sum, c) => {
    const was = c.member.role === 'organiser' ? 1 : 0;
    const now = c.kind === 'remove' ? 0 : c.role === 'organiser' ? 1 : 0;
    return sum + now - was;
  }, 0);

export function dynamoNetworksRepository(client: DynamoDBClient, tableName: string): NetworksRepository {
  const db = documentClient(client);
  const extrasOf = (extras: NetworkExtras = {}): TransactItem[] => [
    ...(extras.activity ?? []).map((a) => activityPut(tableName, a)),
    ...(extras.emails ?? []).map((m) => outboxPut(tableName, m)),
  ];
  const getItem = async (Key: Item) => (await db.send(new GetCommand({ TableName: tableName, Key, ConsistentRead: true }))).Item;

  return {
    async get(slug) {
      const item = await getItem(networkKey(slug));
      return item ? networkFromItem(item) : undefined;
    },
    async list() {
      return (await queryAll(client, networksQuery(tableName))).map(networkFromItem);
    },
    async member(slug, person) {
      const item = await getItem(memberKey(slug, person));
      return item ? memberFromItem(item) : undefined;
    },
    async team(slug) {
      return (await queryAll(client, { ...teamQuery(tableName, slug), ConsistentRead: true })).map(memberFromItem);
    },
    async membershipsOf(person) {
      return (await queryAll(client, membershipsQuery(tableName, person))).map(memberFromItem);
    },
    async activity(slug, limit) {
      const out = await db.send(new QueryCommand(activityQuery(tableName, slug, limit)));
      return (out.Items ?? []).map(activityFromItem);
    },

    async create(network, team, extras = {}) {
      const organisers = team.filter((m) => m.role === 'organiser').length;
      try {
        await transactWrite(client, { TransactItems: [networkCreate(tableName, network, organisers), ...team.map((m) => memberAdd(tableName, m)), ...extrasOf(extras)] });
        return { ok: true };
      } catch (error) {
        if (conditionFailed(cancellationReasons(error), 0)) return { ok: false, reason: 'slug_taken' };
        throw error;
      }
    },
    async save(next, previous, extras = {}) {
      try {
        await transactWrite(client, { TransactItems: [networkEdit(tableName, next, previous), ...extrasOf(extras)] });
        return { ok: true };
      } catch (error) {
        if (conditionFailed(cancellationReasons(error), 0)) return { ok: false, reason: 'conflict' };
        throw error;
      }
    },

    async invitation(slug, id) {
      const item = await getItem(invitationKey(slug, id));
      return item ? invitationFromItem(item) : undefined;
    },
    async invitations(slug) {
      const found = (await queryAll(client, { ...invitationsQuery(tableName, slug), ConsistentRead: true })).map(invitationFromItem);
      return found.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
    },
    async invite(invitation, extras) {
      const claims = extras.claims ?? [];
      const written = await claimedWrite(client, tableName, claims, [networkExists(tableName, invitation.slug), invitationPut(tableName, invitation), ...extrasOf(extras)]);
      if (written.ok || written.reason === 'rate_limited') return written;
      return { ok: false, reason: 'gone' };
    },
    async withdrawInvitation(invitation, extras) {
      try {
        await transactWrite(client, { TransactItems: [invitationDelete(tableName, invitation), ...extrasOf(extras)] });
        return { ok: true };
      } catch (error) {
        if (conditionFailed(cancellationReasons(error), 0)) return { ok: false, reason: 'gone' };
        throw error;
      }
    },
    async acceptInvitation(invitation, member, now, extras) {
      try {
        await transactWrite(client, {
          TransactItems: [
            invitationAccept(tableName, invitation, now),
            memberAdd(tableName, member),
            organiserCountChange(tableName, member.slug, member.role === 'organiser' ? 1 : 0),
            ...extrasOf(extras),
          ],
        });
        return { ok: true };
      } catch (error) {
        const reasons = cancellationReasons(error);
        if (conditionFailed(reasons, 0)) return { ok: false, reason: 'used' };
        if (conditionFailed(reasons, 1)) return { ok: false, reason: 'member' };
        if (conditionFailed(reasons, 2)) return { ok: false, reason: 'gone' };
        throw error;
      }
    },
    async changeTeam(slug, changes, extras) {
      const items = changes.map((c) => (c.kind === 'remove' ? memberRemove(tableName, c.member) : memberRoleChange(tableName, c.member, c.role)));
      try {
        await transactWrite(client, { TransactItems: [...items, organiserCountChange(tableName, slug, organiserDelta(changes)), ...extrasOf(extras)] });
        return { ok: true };
      } catch (error) {
        const failed = firstConditionFailed(cancellationReasons(error));
        if (failed >= 0 && failed < items.length) return { ok: false, reason: 'changed' };
        if (failed === items.length) return { ok: false, reason: 'last_organiser' };
        throw error;
      }
    },

    async legacyName(slug) {
      const item = await getItem(legacyNameKey(slug));
      return item ? legacyNameFromItem(item) : undefined;
    },
    async backfillLegacyNames() {
      const bySlug = new Map<string, { name: string; organisers: Set<string> }>();
      let events = 0;
      let start: Item | undefined;
      do {
        const out = await db.send(new ScanCommand({ ...legacyEventsScan(tableName), ...(start ? { ExclusiveStartKey: start } : {}) }));
        for (const item of out.Items ?? []) {
          const slug = networkSlugOf({ network: item.network as string });
          if (!slug || typeof item.organiserEmail !== 'string') continue;
          events++;
          const entry = bySlug.get(slug) ?? { name: item.network as string, organisers: new Set<string>() };
          entry.organisers.add(personId(item.organiserEmail));
          bySlug.set(slug, entry);
        }
        start = out.LastEvaluatedKey;
      } while (start);
      for (const [slug, { name, organisers }] of bySlug) await db.send(new UpdateCommand(legacyNameAdd(tableName, slug, name, [...organisers])));
      return { events, names: bySlug.size };
    },
  };
}
