// Table item: a change notice (`EVENT#<eventId>` / `NOTICE#<id>`), beside its event and in GSI1's due family,
// ordered by when it is due. Once due it is never written again, so a sweep works on a frozen snapshot.
import type { NoticeWrite, StoredNotice } from '#functions/core/notice.ts';
import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Item, TransactItem } from '../client.ts';
import { gsi1Partitions, tableDesign } from '../design.ts';
import { eventPartition } from './event.ts';

const { partitionKey: PK, sortKey: SK } = tableDesign;
const IDX = tableDesign.indexes.gsi1;

export const noticeKey = (eventId: string, id: string) => ({ [PK]: eventPartition(eventId), [SK]: `NOTICE#${id}` });

/**
 * For the event's save transaction: a new notice, or a check that the open one it joins is still gathering (so an
 * edit never lands in a notice already being sent; the save then fails and the organiser retries).
 */
export function noticeWrite(tableName: string, eventId: string, notice: NoticeWrite, now: string): TransactItem {
  if (!notice.create) {
    return {
      ConditionCheck: {
        TableName: tableName,
        Key: noticeKey(eventId, notice.id),
        ConditionExpression: 'dueAt > :now',
        ExpressionAttributeValues: { ':now': now },
      },
    };
  }
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...noticeKey(eventId, notice.id),
        [IDX.partitionKey]: gsi1Partitions.dueNotices,
        [IDX.sortKey]: `${notice.dueAt}#${eventId}#${notice.id}`,
        type: 'notice', eventId, id: notice.id, kind: notice.kind, dueAt: notice.dueAt, baseline: notice.baseline,
      },
    },
  };
}

/** Notices due by `now`, oldest first. */
export const dueNoticesQuery = (tableName: string, now: Date): QueryCommandInput => ({
  TableName: tableName,
  IndexName: IDX.name,
  KeyConditionExpression: '#pk = :pk AND #sk <= :now',
  ExpressionAttributeNames: { '#pk': IDX.partitionKey, '#sk': IDX.sortKey },
  ExpressionAttributeValues: { ':pk': gsi1Partitions.dueNotices, ':now': `${now.toISOString()}#~` },
});

export const noticeFromItem = ({ eventId, id, kind, dueAt, baseline }: Item) => ({ eventId, id, kind, dueAt, baseline }) as StoredNotice;
