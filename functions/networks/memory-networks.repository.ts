// Networks: an in-memory NetworksRepository for tests and the in-memory app. The maps are exposed so tests can set
// up a team directly.
import type { ActivityEntry, StoredNetwork, TeamMember } from '#functions/core/network.ts';
import type { OutboxMessage } from '#functions/core/email.ts';
import type { NetworksRepository } from './networks.repository.ts';

export function memoryNetworksRepository() {
  const networks = new Map<string, StoredNetwork>();
  /** By `<slug>#<personId>`. */
  const members = new Map<string, TeamMember>();
  const activities: ActivityEntry[] = [];
  const outbox: OutboxMessage[] = [];
  const clone = <T>(v: T): T => structuredClone(v);
  const repository: NetworksRepository & { networks: typeof networks; members: typeof members; activities: typeof activities; outbox: typeof outbox } = {
    networks,
    members,
    activities,
    outbox,
    async get(slug) {
      const n = networks.get(slug);
      return n ? clone(n) : undefined;
    },
    async list() {
      return [...networks.values()].sort((a, b) => a.slug.localeCompare(b.slug)).map(clone);
    },
    async member(slug, personId) {
      const m = members.get(`${slug}#${personId}`);
      return m ? clone(m) : undefined;
    },
    async team(slug) {
      return [...members.values()].filter((m) => m.slug === slug).map(clone);
    },
    async membershipsOf(personId) {
      return [...members.values()].filter((m) => m.personId === personId).sort((a, b) => a.slug.localeCompare(b.slug)).map(clone);
    },
    async activity(slug, limit) {
      return activities.filter((a) => a.slug === slug).sort((a, b) => (a.at < b.at ? 1 : -1)).slice(0, limit).map(clone);
    },
    async create(network, team, extras = {}) {
      if (networks.has(network.slug)) return { ok: false, reason: 'slug_taken' };
      networks.set(network.slug, clone(network));
      for (const m of team) members.set(`${m.slug}#${m.personId}`, clone(m));
      activities.push(...clone(extras.activity ?? []));
      outbox.push(...clone(extras.emails ?? []));
      return { ok: true };
    },
    async save(next, previous, extras = {}) {
      if (networks.get(next.slug)?.version !== previous.version) return { ok: false, reason: 'conflict' };
      networks.set(next.slug, clone(next));
      activities.push(...clone(extras.activity ?? []));
      outbox.push(...clone(extras.emails ?? []));
      return { ok: true };
    },
  };
  return repository;
}
