// Networks: the storage port. The DynamoDB adapter and the in-memory fake implement it. Read methods below are the
// contract other rooms rely on (events' authority checks, the directory, "your meetups", moderation); the write
// methods (create, edit, invitations, team changes, legacy claims) belong to the networks capability.
import type { ActivityEntry, Invitation, StoredNetwork, TeamMember, TeamRole } from '#functions/core/network.ts';
import type { OutboxMessage } from '#functions/core/email.ts';
import type { RateClaim } from '#functions/ratelimit/rate-limit.ts';

/** What else a network write stores in the same transaction. */
export interface NetworkExtras {
  activity?: ActivityEntry[];
  emails?: OutboxMessage[];
}

export interface NetworksRepository {
  get(slug: string): Promise<StoredNetwork | undefined>;
  /** Every network, hidden and pending ones too (callers choose what to show): a deployment has hundreds at most. */
  list(): Promise<StoredNetwork[]>;
  member(slug: string, personId: string): Promise<TeamMember | undefined>;
  /** The whole team of one network. */
  team(slug: string): Promise<TeamMember[]>;
  /** A person's memberships, one per network they are on the team of. */
  membershipsOf(personId: string): Promise<TeamMember[]>;
  /** The newest `limit` activity entries of a network, newest first. */
  activity(slug: string, limit: number): Promise<ActivityEntry[]>;
  /** Stores a new network and its first team, all or nothing; refused if the slug is taken. */
  create(network: StoredNetwork, team: TeamMember[], extras?: NetworkExtras): Promise<{ ok: true } | { ok: false; reason: 'slug_taken' }>;
  /** Replaces `previous` with `next` if nobody changed it meanwhile (its version), with the extras, all or nothing. */
  save(next: StoredNetwork, previous: StoredNetwork, extras?: NetworkExtras): Promise<{ ok: true } | { ok: false; reason: 'conflict' }>;

  // ---- The networks capability's own writes and reads (team, invitations, legacy names) ----

  /** A stored invitation (pending, accepted or expired but not yet deleted by TTL). */
  invitation(slug: string, id: string): Promise<Invitation | undefined>;
  /** Every stored invitation of a network, newest first. */
  invitations(slug: string): Promise<Invitation[]>;
  /** Stores an invitation, taking the rate-limit claims, with its email and activity line; refused if the network is gone. */
  invite(invitation: Invitation, extras: TeamExtras): Promise<{ ok: true } | { ok: false; reason: 'rate_limited'; claim: RateClaim } | { ok: false; reason: 'gone' }>;
  /** Withdraws an invitation not yet accepted. */
  withdrawInvitation(invitation: Invitation, extras: NetworkExtras): Promise<{ ok: true } | { ok: false; reason: 'gone' }>;
  /**
   * Marks the invitation used (once, before it expires, with the token hash read) and adds the member, all or nothing.
   * 'used': accepted already, expired or withdrawn meanwhile; 'member': they are on the team already.
   */
  acceptInvitation(invitation: Invitation, member: TeamMember, now: Date, extras: NetworkExtras): Promise<{ ok: true } | { ok: false; reason: 'used' | 'member' | 'gone' }>;
  /**
   * Team changes in one all-or-nothing write, each applied only if the member still has the role read: refused with
   * 'last_organiser' if the network would be left without an organiser, 'changed' if the team changed meanwhile.
   */
  changeTeam(slug: string, changes: TeamChange[], extras: NetworkExtras): Promise<{ ok: true } | { ok: false; reason: 'last_organiser' | 'changed' }>;
  /** A network name used by meetups stored before networks, with who listed them (legacy-names.ts). */
  legacyName(slug: string): Promise<LegacyName | undefined>;
  /** Records every stored free-text network name and its listers; idempotent. */
  backfillLegacyNames(): Promise<{ events: number; names: number }>;
}

/** What else a team write stores: the network's extras and the rate-limit counters it takes. */
export interface TeamExtras extends NetworkExtras {
  claims?: RateClaim[];
}

export type TeamChange =
  | { kind: 'remove'; member: TeamMember }
  | { kind: 'role'; member: TeamMember; role: TeamRole };

/** A free-text network name of older meetups: the slug it takes, and the person ids of the addresses that listed them. */
export interface LegacyName {
  slug: string;
  name: string;
  organisers: string[];
}
