// CPD adapter: the CpdLogRepository on DynamoDB (table/items/cpd.ts). Issuing is one transaction (the RSVP marked,
// the record and its pointer put, the email queued), so a sweep that runs twice or crashes issues each record once.
// Changes to a record or an activity are Updates of the changed fields only, conditioned on the item existing.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_CPD_SETTINGS } from '#functions/core/cpd.ts';
import { batchDelete, documentClient, isConditionFailed, queryAll, transactUnlessRefused, updateUnlessRefused, type Item } from '#functions/table/client.ts';
import {
  activityFromItem, activityItem, activityKey, cpdLogQuery, itemKind, logItemUpdate, recordFromItem, recordIssue, recordKey, recordPointerKey,
  settingsFromItem, settingsItem,
} from '#functions/table/items/cpd.ts';
import { outboxPut } from '#functions/table/items/outbox.ts';
import { tableDesign } from '#functions/table/design.ts';
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

    async updateRecord(personId, id, fields, when) {
      const update = logItemUpdate(tableName, recordKey(personId, id), fields, when);
      return update ? updateUnlessRefused(client, update) : true;
    },

    async putActivity(activity) {
      await db.send(new PutCommand({ TableName: tableName, Item: activityItem(activity) }));
    },

    async updateActivity(personId, id, fields) {
      const update = logItemUpdate(tableName, activityKey(personId, id), { ...fields });
      if (!update) {
        const item = (await db.send(new GetCommand({ TableName: tableName, Key: activityKey(personId, id), ConsistentRead: true }))).Item;
        return item ? activityFromItem(item) : undefined;
      }
      try {
        const out = await db.send(new UpdateCommand({ ...update, ReturnValues: 'ALL_NEW' }));
        return activityFromItem(out.Attributes!);
      } catch (error) {
        if (isConditionFailed(error)) return undefined;
        throw error;
      }
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
