// Table item: what Signpost remembers of a signed-in person besides their address (`PROFILE#<personId>` / `PROFILE`):
// the name they last gave, to fill forms. Its own partition, apart from the person's feed partition (items/person.ts),
// whose items are their RSVP links. Kept PROFILE_DAYS after the name was last given (TTL).
import type { GetCommandInput, UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Item } from '../client.ts';
import { tableDesign } from '../design.ts';

const { partitionKey: PK, sortKey: SK, ttlAttribute: TTL } = tableDesign;

export const PROFILE_DAYS = 365;

export const profileKey = (personId: string) => ({ [PK]: `PROFILE#${personId}`, [SK]: 'PROFILE' });

export const profileGet = (tableName: string, personId: string): GetCommandInput => ({ TableName: tableName, Key: profileKey(personId) });

export const profileName = (tableName: string, personId: string, name: string, now: Date): UpdateCommandInput => ({
  TableName: tableName,
  Key: profileKey(personId),
  UpdateExpression: 'SET #type = :type, personId = :person, #name = :name, updatedAt = :now, #ttl = :ttl',
  ExpressionAttributeNames: { '#type': 'type', '#name': 'name', '#ttl': TTL },
  ExpressionAttributeValues: {
    ':type': 'profile',
    ':person': personId,
    ':name': name,
    ':now': now.toISOString(),
    ':ttl': Math.floor(now.getTime() / 1000) + PROFILE_DAYS * 86_400,
  },
});

export const profileFromItem = (item: Item) => ({
  personId: String(item.personId),
  ...(typeof item.name === 'string' && item.name ? { name: item.name } : {}),
});
