// Mail adapter: an in-memory BroadcastStore for API tests. Same contract as the DynamoDB one.
import type { StoredBroadcast } from '#functions/core/broadcast.ts';
import type { OutboxMessage } from '#functions/core/email.ts';
import type { ActivityEntry } from '#functions/core/network.ts';
import type { BroadcastStore } from './broadcasts.ts';

/** `outbox` and `activities`: where its emails and activity lines go (the in-memory repositories' lists, to read back). */
export function memoryBroadcasts(options: { outbox?: OutboxMessage[]; activities?: ActivityEntry[] } = {}): BroadcastStore & {
  broadcasts: Map<string, StoredBroadcast>;
  claims: Set<string>;
  outbox: OutboxMessage[];
} {
  const outbox = options.outbox ?? [];
  const activities = options.activities ?? [];
  const broadcasts = new Map<string, StoredBroadcast>();
  const claims = new Set<string>();
  const counters = new Map<string, number>();
  return {
    broadcasts,
    claims,
    outbox,
    async create(broadcast, extras = {}) {
      const over = (extras.claims ?? []).find((c) => (counters.get(c.key) ?? 0) >= c.limit);
      if (over) return { ok: false, reason: 'rate_limited', claim: over };
      if (broadcasts.has(broadcast.id)) return { ok: false, reason: 'exists' };
      (extras.claims ?? []).forEach((c) => counters.set(c.key, (counters.get(c.key) ?? 0) + 1));
      broadcasts.set(broadcast.id, structuredClone(broadcast));
      activities.push(...structuredClone(extras.activity ?? []));
      return { ok: true };
    },
    async get(id) {
      const b = broadcasts.get(id);
      return b && structuredClone(b);
    },
    async open(limit) {
      return [...broadcasts.values()]
        .filter((b) => b.status === 'open')
        .sort((a, b) => (a.createdAt === b.createdAt ? a.id.localeCompare(b.id) : a.createdAt < b.createdAt ? -1 : 1))
        .slice(0, limit)
        .map((b) => structuredClone(b));
    },
    async claim(broadcastId, recipientKey, message) {
      const k = `${broadcastId}#${recipientKey}`;
      if (claims.has(k)) return false;
      claims.add(k);
      outbox.push(structuredClone(message));
      return true;
    },
    async finish(id, queued, now) {
      const b = broadcasts.get(id);
      if (b) broadcasts.set(id, { ...b, status: 'done', queued, finishedAt: now.toISOString() });
    },
  };
}
