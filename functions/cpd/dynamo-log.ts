// CPD adapter: the CpdLogRepository on DynamoDB (table/items/cpd.ts). Issuing is one transaction (the RSVP marked,
// the record and its pointer put, the email queued), so a sweep that runs twice or crashes issues each record once.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_CPD_SETTINGS } from '#functions/core/cpd.ts';
import { documentClient, queryAll, transactUnlessRefused, updateUnlessRefused, type Item } from '#functions/table/client.ts';
import {
  activityFromItem, activityItem, activityKey, cpdLogQuery, itemKind, recordFromItem, recordIssue, recordKey, recordPointerKey,
  settingsFromItem, settingsItem,
} from '#functions/table/items/cpd.ts';
import { outboxPut } from '#functions/table/items/outbox.ts';
import { tableDesign } from '#functions/table/design.ts';
import { batchDelete } from '#functions/rsvps/dynamo-rsvp-deletion.ts';
import type { CpdLogRepository } from './log.repository.ts';

export function dynamoCpdLog(client: DynamoDBClient, tableName: string): CpdLogRepository {
  const db = documentClient(client);
  return {
    issue: ({ record, rsvp, email }) =>
      transactUnlessRefused(client, { TransactItems: [...recordIssue(tableName, record, rsvp), outboxPut(tableName, email)] }),

    async recordById(id) {
      const pointer = (await db.send(new GetCommand({ TableName: tableName, Key: recordPointerKey(id) }))).Item;
      if (!pointer) return undefined;
      const item = (await db.send(new GetCommand({ TableName: tableName, Key: recordKey(String(pointer.personId), id), ConsistentRead: true }))).Item;
      return item ? recordFromItem(item) : undefined;
    },

    async log(personId) {
      const items = await queryAll(client, cpdLogQuery(tableName, personId));
      const settings = items.find((i) => itemKind(i) === 'settings');
      return {
        records: items.filter((i) => itemKind(i) === 'record').map(recordFromItem),
        activities: items.filter((i) => itemKind(i) === 'activity').map(activityFromItem),
        settings: settings ? { ...DEFAULT_CPD_SETTINGS, ...settingsFromItem(settings) } : DEFAULT_CPD_SETTINGS,
      };
    },

    async updateRecord(personId, id, fields) {
      const set = Object.entries(fields).filter(([, v]) => v !== undefined);
      const remove = Object.entries(fields).filter(([, v]) => v === undefined).map(([k]) => k);
      if (!set.length && !remove.length) return true;
      const names = Object.fromEntries([...set.map(([k]) => k), ...remove].map((k, i) => [`#f${i}`, k]));
      const nameOf = (k: string) => Object.entries(names).find(([, v]) => v === k)![0];
      return updateUnlessRefused(client, {
        TableName: tableName,
        Key: recordKey(personId, id),
        UpdateExpression: [
          set.length ? `SET ${set.map(([k], i) => `${nameOf(k)} = :v${i}`).join(', ')}` : '',
          remove.length ? `REMOVE ${remove.map(nameOf).join(', ')}` : '',
        ].filter(Boolean).join(' '),
        ConditionExpression: 'attribute_exists(#pk)',
        ExpressionAttributeNames: { ...names, '#pk': tableDesign.partitionKey },
        ...(set.length ? { ExpressionAttributeValues: Object.fromEntries(set.map(([, v], i) => [`:v${i}`, v])) } : {}),
      });
    },

    async putActivity(activity) {
      await db.send(new PutCommand({ TableName: tableName, Item: activityItem(activity) }));
    },

    async deleteActivity(personId, id) {
      const out = await db.send(new DeleteCommand({ TableName: tableName, Key: activityKey(personId, id), ReturnValues: 'ALL_OLD' }));
      return Boolean(out.Attributes);
    },

    async saveSettings(personId, settings) {
      await db.send(new PutCommand({ TableName: tableName, Item: settingsItem(personId, settings) }));
    },

    async deleteAll(personId) {
      const items = await queryAll(client, cpdLogQuery(tableName, personId));
      const { partitionKey: PK, sortKey: SK } = tableDesign;
      // The pointers first: a verification link stops before anything else goes.
      const pointers = items.filter((i) => itemKind(i) === 'record').map((i) => recordPointerKey(String(i.id)) as Item);
      await batchDelete(client, tableName, pointers);
      await batchDelete(client, tableName, items.map((i) => ({ [PK]: i[PK], [SK]: i[SK] })));
      return pointers.length + items.length;
    },
  };
}
