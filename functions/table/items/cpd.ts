// Table items of the personal CPD log (functions/cpd). One partition per person, `CPDLOG#<person>`, read whole by a
// consistent Query: their records of attendance (`RECORD#<id>`), activities elsewhere (`ACTIVITY#<id>`) and settings
// (`SETTINGS`). A record's verification link finds it through a pointer (`RECORD#<id>` / `RECORD`) holding only the
// person's id; nothing lists records. None of these expire: they are the person's until they delete them.
import type { CpdActivity, CpdRecord, CpdSettings } from '#functions/core/cpd.ts';
import type { Item, TransactItem } from '../client.ts';
import { tableDesign } from '../design.ts';
import { rsvpKey } from './rsvp.ts';

const { partitionKey: PK, sortKey: SK } = tableDesign;

export const cpdLogPartition = (personId: string) => `CPDLOG#${personId}`;
export const recordKey = (personId: string, id: string) => ({ [PK]: cpdLogPartition(personId), [SK]: `RECORD#${id}` });
export const activityKey = (personId: string, id: string) => ({ [PK]: cpdLogPartition(personId), [SK]: `ACTIVITY#${id}` });
export const cpdSettingsKey = (personId: string) => ({ [PK]: cpdLogPartition(personId), [SK]: 'SETTINGS' });
export const recordPointerKey = (id: string) => ({ [PK]: `RECORD#${id}`, [SK]: 'RECORD' });

const strip = (item: Item) => {
  const { [PK]: _pk, [SK]: _sk, type: _t, ...rest } = item;
  return rest;
};
export const recordFromItem = (item: Item) => strip(item) as unknown as CpdRecord;
export const activityFromItem = (item: Item) => strip(item) as unknown as CpdActivity;
export const settingsFromItem = (item: Item) => strip(item) as unknown as CpdSettings;
export const itemKind = (item: Item): 'record' | 'activity' | 'settings' | undefined => {
  const sk = String(item[SK]);
  return sk.startsWith('RECORD#') ? 'record' : sk.startsWith('ACTIVITY#') ? 'activity' : sk === 'SETTINGS' ? 'settings' : undefined;
};

/** The person's whole log, in one consistent Query (records, activities, settings). */
export const cpdLogQuery = (tableName: string, personId: string) => ({
  TableName: tableName,
  KeyConditionExpression: '#pk = :pk',
  ExpressionAttributeNames: { '#pk': PK },
  ExpressionAttributeValues: { ':pk': cpdLogPartition(personId) },
  ConsistentRead: true,
});

/**
 * Issuing a record, once: the RSVP marked (still checked in, confirmed or a walk-in, never issued before), the record
 * and its pointer put where none is. The caller adds the email to the same transaction.
 */
export function recordIssue(tableName: string, record: CpdRecord, rsvp: { eventId: string; key: string }): TransactItem[] {
  return [
    {
      Update: {
        TableName: tableName,
        Key: rsvpKey(rsvp.eventId, rsvp.key),
        UpdateExpression: 'SET recordId = :id, recordIssuedAt = :at',
        // As the sweep's dueRecord: still checked in, with a place or at the door (an RSVP cancelled or removed since
        // the sweep listed it gets none), and never issued before.
        ConditionExpression: 'attribute_exists(checkedInAt) AND #status IN (:confirmed, :walkin) AND attribute_not_exists(recordIssuedAt)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':id': record.id, ':at': record.issuedAt, ':confirmed': 'confirmed', ':walkin': 'walkin' },
      },
    },
    { Put: { TableName: tableName, Item: { ...recordKey(record.personId, record.id), type: 'cpd-record', ...record }, ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': PK } } },
    { Put: { TableName: tableName, Item: { ...recordPointerKey(record.id), type: 'cpd-record-pointer', personId: record.personId }, ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': PK } } },
  ];
}

export const activityItem = (activity: CpdActivity): Item => ({ ...activityKey(activity.personId, activity.id), type: 'cpd-activity', ...activity });
export const settingsItem = (personId: string, settings: CpdSettings): Item => ({ ...cpdSettingsKey(personId), type: 'cpd-settings', ...settings });

/**
 * An Update of some of a log item's own fields, only while the item exists (a change racing "Delete my CPD log" or
 * the item's deletion brings nothing back): a field given as undefined is removed, the rest set, and nothing else is
 * written, so two changes of different fields at once both stay. `when` fields must still hold the values given (a
 * change that assumed them is refused). Undefined when there is nothing to change.
 */
export function logItemUpdate(tableName: string, key: Item, fields: Record<string, unknown>, when: Record<string, unknown> = {}) {
  const names: Record<string, string> = { '#pk': PK };
  const values: Record<string, unknown> = {};
  const set: string[] = [];
  const remove: string[] = [];
  Object.entries(fields).forEach(([field, value], i) => {
    names[`#f${i}`] = field;
    if (value === undefined) remove.push(`#f${i}`);
    else {
      set.push(`#f${i} = :f${i}`);
      values[`:f${i}`] = value;
    }
  });
  if (!set.length && !remove.length) return undefined;
  const conditions = ['attribute_exists(#pk)'];
  Object.entries(when).forEach(([field, value], i) => {
    names[`#w${i}`] = field;
    values[`:w${i}`] = value;
    conditions.push(`#w${i} = :w${i}`);
  });
  return {
    TableName: tableName,
    Key: key,
    UpdateExpression: [set.length ? `SET ${set.join(', ')}` : '', remove.length ? `REMOVE ${remove.join(', ')}` : ''].filter(Boolean).join(' '),
    ConditionExpression: conditions.join(' AND '),
    ExpressionAttributeNames: names,
    ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
  };
}
