// Table items of a network's partition (`NETWORK#<slug>`): the network (`NETWORK`, in GSI1's networks family by
// slug), its members (`MEMBER#<personId>`, in the member's memberships family by slug) and its invitations
// (`INVITE#<id>`, TTL). The network item keeps `organiserCount`, so "at least one organiser" is a condition of every
// team change's transaction rather than a read. Activity items beside them are items/activity.ts.
import type { Invitation, StoredNetwork, TeamMember } from '#functions/core/network.ts';
import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Item, TransactItem } from '../client.ts';
import { gsi1Partitions, tableDesign } from '../design.ts';
import { networkPartition } from './activity.ts';

const { partitionKey: PK, sortKey: SK, ttlAttribute: TTL } = tableDesign;
const IDX = tableDesign.indexes.gsi1;
const NETWORK_SK = 'NETWORK';
const MEMBER_SK = 'MEMBER#';
const INVITE_SK = 'INVITE#';
/** Kept on the network item only, never part of StoredNetwork: changed by team writes, never by an edit. */
const ORGANISER_COUNT = 'organiserCount';

export const networkKey = (slug: string) => ({ [PK]: networkPartition(slug), [SK]: NETWORK_SK });
export const memberKey = (slug: string, personId: string) => ({ [PK]: networkPartition(slug), [SK]: `${MEMBER_SK}${personId}` });
export const invitationKey = (slug: string, id: string) => ({ [PK]: networkPartition(slug), [SK]: `${INVITE_SK}${id}` });

const strip = (item: Item, ...extra: string[]) => {
  const out: Item = { ...item };
  for (const k of [PK, SK, IDX.partitionKey, IDX.sortKey, 'type', ...extra]) delete out[k];
  return out;
};

// ---- The network ----

export const networkFromItem = (item: Item): StoredNetwork => strip(item, ORGANISER_COUNT) as unknown as StoredNetwork;

/** Stores a new network with its first team's organiser count; refused if the slug is taken. */
export const networkCreate = (tableName: string, network: StoredNetwork, organiserCount: number): TransactItem => ({
  Put: {
    TableName: tableName,
    Item: {
      ...networkKey(network.slug),
      [IDX.partitionKey]: gsi1Partitions.networks,
      [IDX.sortKey]: network.slug,
      type: 'network',
      ...network,
      [ORGANISER_COUNT]: organiserCount,
    },
    ConditionExpression: 'attribute_not_exists(#pk)',
    ExpressionAttributeNames: { '#pk': PK },
  },
});

/** An edit (or a moderation) as an Update of the fields, conditioned on the version read; the count is never touched. */
export function networkEdit(tableName: string, next: StoredNetwork, previous: StoredNetwork): TransactItem {
  const names: Record<string, string> = { '#v': 'version' };
  const values: Record<string, unknown> = { ':expected': previous.version };
  const sets: string[] = [];
  const removes: string[] = [];
  const fields = [...new Set([...Object.keys(previous), ...Object.keys(next)])].filter((f) => f !== 'slug' && f !== ORGANISER_COUNT);
  fields.forEach((field, i) => {
    const value = next[field as keyof StoredNetwork];
    if (value === undefined && previous[field as keyof StoredNetwork] === undefined) return;
    names[`#f${i}`] = field;
    if (value === undefined) removes.push(`#f${i}`);
    else {
      values[`:f${i}`] = value;
      sets.push(`#f${i} = :f${i}`);
    }
  });
  return {
    Update: {
      TableName: tableName,
      Key: networkKey(next.slug),
      UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
      ConditionExpression: '#v = :expected',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/**
 * The organiser count moved by `delta`, refused unless the network exists and (when organisers leave) at least one
 * stays. Every team change carries it, so concurrent changes to one team are serialised on this item.
 */
export function organiserCountChange(tableName: string, slug: string, delta: number): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: networkKey(slug),
      UpdateExpression: 'ADD #count :delta',
      ConditionExpression: delta < 0 ? 'attribute_exists(#pk) AND #count >= :min' : 'attribute_exists(#pk)',
      ExpressionAttributeNames: { '#pk': PK, '#count': ORGANISER_COUNT },
      ExpressionAttributeValues: { ':delta': delta, ...(delta < 0 ? { ':min': 1 - delta } : {}) },
    },
  };
}

/** The network still exists (an invitation to a deleted network is refused). */
export const networkExists = (tableName: string, slug: string): TransactItem => ({
  ConditionCheck: { TableName: tableName, Key: networkKey(slug), ConditionExpression: 'attribute_exists(#pk)', ExpressionAttributeNames: { '#pk': PK } },
});

/** Every network, by slug. */
export const networksQuery = (tableName: string): QueryCommandInput => ({
  TableName: tableName,
  IndexName: IDX.name,
  KeyConditionExpression: '#pk = :pk',
  ExpressionAttributeNames: { '#pk': IDX.partitionKey },
  ExpressionAttributeValues: { ':pk': gsi1Partitions.networks },
});

// ---- Members ----

export const memberFromItem = (item: Item): TeamMember => strip(item) as unknown as TeamMember;

/** A new member; refused if they are on the team already. */
export const memberAdd = (tableName: string, member: TeamMember): TransactItem => ({
  Put: {
    TableName: tableName,
    Item: {
      ...memberKey(member.slug, member.personId),
      [IDX.partitionKey]: gsi1Partitions.memberships(member.personId),
      [IDX.sortKey]: member.slug,
      type: 'member',
      ...member,
    },
    ConditionExpression: 'attribute_not_exists(#pk)',
    ExpressionAttributeNames: { '#pk': PK },
  },
});

/** Removes a member who still has the role the caller read. */
export const memberRemove = (tableName: string, member: Pick<TeamMember, 'slug' | 'personId' | 'role'>): TransactItem => ({
  Delete: {
    TableName: tableName,
    Key: memberKey(member.slug, member.personId),
    ConditionExpression: '#role = :role',
    ExpressionAttributeNames: { '#role': 'role' },
    ExpressionAttributeValues: { ':role': member.role },
  },
});

/** A member's new role, if they still have the one the caller read. */
export const memberRoleChange = (tableName: string, member: Pick<TeamMember, 'slug' | 'personId' | 'role'>, role: TeamMember['role']): TransactItem => ({
  Update: {
    TableName: tableName,
    Key: memberKey(member.slug, member.personId),
    UpdateExpression: 'SET #role = :to',
    ConditionExpression: '#role = :from',
    ExpressionAttributeNames: { '#role': 'role' },
    ExpressionAttributeValues: { ':from': member.role, ':to': role },
  },
});

export const teamQuery = (tableName: string, slug: string): QueryCommandInput => ({
  TableName: tableName,
  KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :sk)',
  ExpressionAttributeNames: { '#pk': PK, '#sk': SK },
  ExpressionAttributeValues: { ':pk': networkPartition(slug), ':sk': MEMBER_SK },
});

/** A person's memberships, by network slug. */
export const membershipsQuery = (tableName: string, personId: string): QueryCommandInput => ({
  TableName: tableName,
  IndexName: IDX.name,
  KeyConditionExpression: '#pk = :pk',
  ExpressionAttributeNames: { '#pk': IDX.partitionKey },
  ExpressionAttributeValues: { ':pk': gsi1Partitions.memberships(personId) },
});

// ---- Invitations ----

export const invitationFromItem = (item: Item): Invitation => strip(item) as unknown as Invitation;

/** A new invitation; `expiresAt` is also its TTL. */
export const invitationPut = (tableName: string, invitation: Invitation): TransactItem => ({
  Put: {
    TableName: tableName,
    Item: { ...invitationKey(invitation.slug, invitation.id), type: 'invitation', ...invitation, [TTL]: invitation.expiresAt },
    ConditionExpression: 'attribute_not_exists(#pk)',
    ExpressionAttributeNames: { '#pk': PK },
  },
});

/** Marks an invitation used, once, before it expires (TTL deletion lags, so the time is checked here too). */
export const invitationAccept = (tableName: string, invitation: Invitation, acceptedAt: Date): TransactItem => ({
  Update: {
    TableName: tableName,
    Key: invitationKey(invitation.slug, invitation.id),
    UpdateExpression: 'SET acceptedAt = :at',
    ConditionExpression: 'attribute_exists(#pk) AND attribute_not_exists(acceptedAt) AND #ttl > :now AND tokenHash = :hash',
    ExpressionAttributeNames: { '#pk': PK, '#ttl': TTL },
    ExpressionAttributeValues: { ':at': acceptedAt.toISOString(), ':now': Math.floor(acceptedAt.getTime() / 1000), ':hash': invitation.tokenHash },
  },
});

/** Withdraws an invitation not yet accepted. */
export const invitationDelete = (tableName: string, invitation: Pick<Invitation, 'slug' | 'id'>): TransactItem => ({
  Delete: {
    TableName: tableName,
    Key: invitationKey(invitation.slug, invitation.id),
    ConditionExpression: 'attribute_exists(#pk) AND attribute_not_exists(acceptedAt)',
    ExpressionAttributeNames: { '#pk': PK },
  },
});

export const invitationsQuery = (tableName: string, slug: string): QueryCommandInput => ({
  TableName: tableName,
  KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :sk)',
  ExpressionAttributeNames: { '#pk': PK, '#sk': SK },
  ExpressionAttributeValues: { ':pk': networkPartition(slug), ':sk': INVITE_SK },
});
