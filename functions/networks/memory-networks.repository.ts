// Networks: an in-memory NetworksRepository for tests and the in-memory app. The maps are exposed so tests can set
// up a team directly.
import type { ActivityEntry, StoredNetwork, TeamMember } from '#functions/core/network.ts';
import type { NetworksRepository } from './networks.repository.ts';

export function memoryNetworksRepository() {
  const networks = new Map<string, StoredNetwork>();
  /** By `<slug>#<personId>`. */
  const members = new Map<string, TeamMember>();
  const activities: ActivityEntry[] = [];
  const clone = <T>(v: T): T => structuredClone(v);
  const repository: NetworksRepository & { networks: typeof networks; members: typeof members; activities: typeof activities } = {
    networks,
    members,
    activities,
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
  };
  return repository;
}
