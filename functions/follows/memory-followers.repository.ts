// Follows adapter: an in-memory FollowersRepository for API tests. Same contract as the DynamoDB one: the same
// conditions, counters beside the followers, and rate-limit counters of its own (a refused write counts nothing).
import type { OutboxMessage } from '#functions/core/email.ts';
import type { StoredFollower } from '#functions/core/follow.ts';
import type { RateClaim } from '#functions/ratelimit/rate-limit.ts';
import type { FollowersRepository } from './followers.repository.ts';

/** `outbox`: where its emails go (the in-memory events repository's, to read them back). */
export function memoryFollowersRepository(outbox: OutboxMessage[] = []): FollowersRepository & {
  followers: Map<string, StoredFollower>;
  /** Joined and left, by `<slug>#<YYYY-MM>`. */
  months: Map<string, { joined: number; left: number }>;
  outbox: OutboxMessage[];
} {
  const followers = new Map<string, StoredFollower>();
  const months = new Map<string, { joined: number; left: number }>();
  const counters = new Map<string, number>();
  const key = (slug: string, id: string) => `${slug}#${id}`;
  const count = (slug: string, at: string, field: 'joined' | 'left') => {
    const k = `${slug}#${at.slice(0, 7)}`;
    const was = months.get(k) ?? { joined: 0, left: 0 };
    months.set(k, { ...was, [field]: was[field] + 1 });
  };
  const all = () => [...followers.values()].map((f) => structuredClone(f));
  const isActive = (slug: string, id: string) => followers.get(key(slug, id))?.status === 'active';
  return {
    followers,
    months,
    outbox,
    async get(slug, id) {
      const f = followers.get(key(slug, id));
      return f && structuredClone(f);
    },
    async active(slug) {
      return all().filter((f) => f.networkSlug === slug && f.status === 'active');
    },
    async followedBy(personId) {
      return all().filter((f) => f.id === personId && f.status === 'active').sort((a, b) => a.networkSlug.localeCompare(b.networkSlug));
    },
    async stats(slug, n, now) {
      const list: { month: string; joined: number; left: number }[] = [];
      for (let i = n - 1; i >= 0; i--) {
        const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
        const month = d.toISOString().slice(0, 7);
        list.push({ month, ...(months.get(`${slug}#${month}`) ?? { joined: 0, left: 0 }) });
      }
      return { count: all().filter((f) => f.networkSlug === slug && f.status === 'active').length, months: list };
    },
    async put(follower) {
      const was = followers.get(key(follower.networkSlug, follower.id));
      followers.set(key(follower.networkSlug, follower.id), structuredClone(follower));
      if (was?.status !== 'active' && follower.status === 'active') count(follower.networkSlug, follower.confirmedAt ?? follower.updatedAt, 'joined');
      if (was?.status === 'active' && follower.status !== 'active') count(follower.networkSlug, follower.updatedAt, 'left');
    },
    async request(follower, claims: RateClaim[], emails) {
      const over = claims.find((c) => (counters.get(c.key) ?? 0) >= c.limit);
      if (over) return { ok: false, reason: 'rate_limited', claim: over };
      claims.forEach((c) => counters.set(c.key, (counters.get(c.key) ?? 0) + 1));
      if (isActive(follower.networkSlug, follower.id)) {
        outbox.push(structuredClone(emails.already));
        return { ok: true, outcome: 'already' };
      }
      followers.set(key(follower.networkSlug, follower.id), structuredClone(follower));
      outbox.push(structuredClone(emails.confirm));
      return { ok: true, outcome: 'requested' };
    },
    async confirm(slug, id, tokenHash, now) {
      const f = followers.get(key(slug, id));
      if (!f || f.status !== 'pending' || f.confirmTokenHash !== tokenHash || (f.expiresAt ?? 0) * 1000 <= now.getTime()) return false;
      const { expiresAt: _gone, ...rest } = f;
      followers.set(key(slug, id), { ...rest, status: 'active', confirmedAt: now.toISOString(), updatedAt: now.toISOString() });
      count(slug, now.toISOString(), 'joined');
      return true;
    },
    async setMode(slug, id, mode, now) {
      const f = followers.get(key(slug, id));
      if (f?.status !== 'active') return false;
      followers.set(key(slug, id), { ...f, mode, updatedAt: now.toISOString() });
      return true;
    },
    async unfollow(slug, id, now) {
      if (!isActive(slug, id)) return false;
      followers.delete(key(slug, id));
      count(slug, now.toISOString(), 'left');
      return true;
    },
  };
}
