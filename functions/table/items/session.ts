// Table item: a signed-in session (`SESSION#<id>` / `SESSION`), where the id is the SHA-256 of the cookie's secret.
// It is in GSI1's sessions family (gsi1Partitions.sessions(personId), by createdAt), so "sign out everywhere" finds
// every session of a person. Lasts SESSION_DAYS (TTL, and checked in code).
import type { GetCommandInput, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Item, TransactItem } from '../client.ts';
import { gsi1Partitions, tableDesign } from '../design.ts';

const { partitionKey: PK, sortKey: SK, ttlAttribute: TTL } = tableDesign;
const IDX = tableDesign.indexes.gsi1;
const TYPE = 'session';

/** What the table keeps of a session (auth/sessions.repository.ts StoredSession). */
export interface SessionRecord {
  id: string;
  personId: string;
  email: string;
  createdAt: string;
  expiresAt: number;
}

export const sessionKey = (id: string) => ({ [PK]: `SESSION#${id}`, [SK]: 'SESSION' });

export const sessionPut = (tableName: string, s: SessionRecord): TransactItem => ({
  Put: {
    TableName: tableName,
    Item: {
      ...sessionKey(s.id),
      [IDX.partitionKey]: gsi1Partitions.sessions(s.personId),
      [IDX.sortKey]: `${s.createdAt}#${s.id}`,
      type: TYPE,
      ...s,
      [TTL]: s.expiresAt,
    },
    ConditionExpression: 'attribute_not_exists(#pk)',
    ExpressionAttributeNames: { '#pk': PK },
  },
});

/**
 * Read consistently: the page right after signing in must see the new session, and the one right after signing out
 * must not see the old one (an eventually consistent read may lag by a moment, either way).
 */
export const sessionGet = (tableName: string, id: string): GetCommandInput => ({ TableName: tableName, Key: sessionKey(id), ConsistentRead: true });

export function sessionFromItem(item: Item): SessionRecord {
  return { id: String(item.id), personId: String(item.personId), email: String(item.email), createdAt: String(item.createdAt), expiresAt: Number(item.expiresAt) };
}

/** Every session of a person (keys only are needed, to delete them). */
export const personSessionsQuery = (tableName: string, personId: string): QueryCommandInput => ({
  TableName: tableName,
  IndexName: IDX.name,
  KeyConditionExpression: '#pk = :pk',
  ExpressionAttributeNames: { '#pk': IDX.partitionKey },
  ExpressionAttributeValues: { ':pk': gsi1Partitions.sessions(personId) },
});
