// Networks: an in-memory NetworksRepository for tests and the in-memory app, with the DynamoDB adapter's outcomes.
// The maps are exposed so tests can set up a team directly. `events` (the events fake's map) is what the legacy-name
// backfill reads, as the DynamoDB adapter scans the table's event items.
import type { ActivityEntry, Invitation, StoredNetwork, TeamMember } from '#functions/core/network.ts';
import type { OutboxMessage } from '#functions/core/email.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import { personId } from '#functions/core/person.ts';
import { slugify } from '#functions/core/slug.ts';
import type { LegacyName, NetworkExtras, NetworksRepository } from './networks.repository.ts';

export function memoryNetworksRepository(events: ReadonlyMap<string, StoredEvent> = new Map()) {
  const networks = new Map<string, StoredNetwork>();
  /** By `<slug>#<personId>`. */
  const members = new Map<string, TeamMember>();
  /** By `<slug>#<id>`. */
  const invites = new Map<string, Invitation>();
  const legacyNames = new Map<string, LegacyName>();
  const counters = new Map<string, number>();
  const activities: ActivityEntry[] = [];
  const outbox: OutboxMessage[] = [];
  const clone = <T>(v: T): T => structuredClone(v);
  const keep = (extras: NetworkExtras) => {
    activities.push(...clone(extras.activity ?? []));
    outbox.push(...clone(extras.emails ?? []));
  };
  const memberKey = (m: Pick<TeamMember, 'slug' | 'personId'>) => `${m.slug}#${m.personId}`;

  const repository: NetworksRepository & {
    networks: typeof networks;
    members: typeof members;
    invites: typeof invites;
    legacyNames: typeof legacyNames;
    activities: typeof activities;
    outbox: typeof outbox;
  } = {
    networks,
    members,
    invites,
    legacyNames,
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
      for (const m of team) members.set(memberKey(m), clone(m));
      keep(extras);
      return { ok: true };
    },
    async save(next, previous, extras = {}) {
      if (networks.get(next.slug)?.version !== previous.version) return { ok: false, reason: 'conflict' };
      networks.set(next.slug, clone(next));
      keep(extras);
      return { ok: true };
    },

    async invitation(slug, id) {
      const found = invites.get(`${slug}#${id}`);
      return found ? clone(found) : undefined;
    },
    async invitations(slug) {
      return [...invites.values()].filter((i) => i.slug === slug).sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1)).map(clone);
    },
    async invite(invitation, extras) {
      if (!networks.has(invitation.slug)) return { ok: false, reason: 'gone' };
      const over = (extras.claims ?? []).find((c) => (counters.get(c.key) ?? 0) >= c.limit);
      if (over) return { ok: false, reason: 'rate_limited', claim: over };
      for (const c of extras.claims ?? []) counters.set(c.key, (counters.get(c.key) ?? 0) + 1);
      invites.set(`${invitation.slug}#${invitation.id}`, clone(invitation));
      keep(extras);
      return { ok: true };
    },
    async withdrawInvitation(invitation, extras) {
      const key = `${invitation.slug}#${invitation.id}`;
      if (!invites.get(key) || invites.get(key)!.acceptedAt) return { ok: false, reason: 'gone' };
      invites.delete(key);
      keep(extras);
      return { ok: true };
    },
    async acceptInvitation(invitation, member, now, extras) {
      const key = `${invitation.slug}#${invitation.id}`;
      const stored = invites.get(key);
      if (!stored || stored.acceptedAt || stored.expiresAt <= Math.floor(now.getTime() / 1000) || stored.tokenHash !== invitation.tokenHash)
        return { ok: false, reason: 'used' };
      if (!networks.has(invitation.slug)) return { ok: false, reason: 'gone' };
      if (members.has(memberKey(member))) return { ok: false, reason: 'member' };
      invites.set(key, { ...stored, acceptedAt: now.toISOString() });
      members.set(memberKey(member), clone(member));
      keep(extras);
      return { ok: true };
    },
    async changeTeam(slug, changes, extras) {
      const after = new Map([...members].filter(([, m]) => m.slug === slug));
      for (const change of changes) {
        const key = memberKey(change.member);
        if (after.get(key)?.role !== change.member.role) return { ok: false, reason: 'changed' };
        if (change.kind === 'remove') after.delete(key);
        else after.set(key, { ...after.get(key)!, role: change.role });
      }
      if (![...after.values()].some((m) => m.role === 'organiser')) return { ok: false, reason: 'last_organiser' };
      for (const key of [...members.keys()]) if (members.get(key)!.slug === slug && !after.has(key)) members.delete(key);
      for (const [key, m] of after) members.set(key, m);
      keep(extras);
      return { ok: true };
    },
    async legacyName(slug) {
      const found = legacyNames.get(slug);
      return found ? clone(found) : undefined;
    },
    async backfillLegacyNames() {
      let count = 0;
      const touched = new Set<string>();
      for (const e of events.values()) {
        if (!e.network || e.networkSlug || e.status === 'draft') continue;
        count++;
        const slug = slugify(e.network);
        const record = legacyNames.get(slug) ?? { slug, name: e.network, organisers: [] };
        const who = personId(e.organiserEmail);
        if (!record.organisers.includes(who)) record.organisers = [...record.organisers, who].sort();
        legacyNames.set(slug, record);
        touched.add(slug);
      }
      return { events: count, names: touched.size };
    },
  };
  return repository;
}
