// Networks: the storage port. The DynamoDB adapter and the in-memory fake implement it. Read methods below are the
// contract other rooms rely on (events' authority checks, the directory, "your meetups", moderation); the write
// methods (create, edit, invitations, team changes, legacy claims) belong to the networks capability.
import type { ActivityEntry, StoredNetwork, TeamMember } from '#functions/core/network.ts';
import type { OutboxMessage } from '#functions/core/email.ts';

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
  // Invitations, team changes and legacy-name claims are added by the networks capability (issue 13).
}
