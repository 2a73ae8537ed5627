// Cost bench: DynamoDB items — their keys, their size for capacity, what a transaction costs by the published rules.
import { BatchGetItemCommand, type AttributeValue, type BatchGetItemCommandOutput, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

export type Item = Record<string, AttributeValue>;
/** An item's key, from attribute values or (the app's own requests, sent through the DocumentClient) plain values. */
export const keyOf = (item: Record<string, any> | undefined) => {
  const pk: unknown = item?.PK?.S ?? item?.PK;
  const sk: unknown = item?.SK?.S ?? item?.SK;
  return typeof pk === 'string' && typeof sk === 'string' ? `${pk}\u0001${sk}` : undefined;
};
export const keyItem = (key: string): Item => {
  const [pk, sk] = key.split('\u0001');
  return { PK: { S: pk! }, SK: { S: sk! } };
};

/** The items a write request names (ConditionCheck only reads, so it is not among them). */
export function writtenKeys(command: string, input: Record<string, any>): string[] {
  const keys: (string | undefined)[] = [];
  if (command === 'PutItem') keys.push(keyOf(input.Item));
  if (command === 'UpdateItem' || command === 'DeleteItem') keys.push(keyOf(input.Key));
  if (command === 'TransactWriteItems') {
    for (const t of input.TransactItems ?? []) keys.push(keyOf(t.Put?.Item ?? t.Update?.Key ?? t.Delete?.Key));
  }
  if (command === 'BatchWriteItem') {
    for (const requests of Object.values(input.RequestItems ?? {}) as any[]) {
      for (const r of requests) keys.push(keyOf(r.PutRequest?.Item ?? r.DeleteRequest?.Key));
    }
  }
  return keys.filter((k): k is string => k !== undefined);
}

/** The items a read returned. */
export function readKeys(output: Record<string, any>): string[] {
  const items: Item[] = [output.Item, ...(output.Items ?? []), ...Object.values(output.Responses ?? {}).flat()].filter(Boolean);
  return items.map(keyOf).filter((k): k is string => k !== undefined);
}

/** DynamoDB's item size for capacity: attribute names and values, approximately (numbers: ~1 byte per 2 digits). */
export function itemSize(item: Item): number {
  const value = (v: AttributeValue): number => {
    if (v.S !== undefined) return Buffer.byteLength(v.S);
    if (v.N !== undefined) return Math.ceil(v.N.replace(/^-|\.|^0+/g, '').length / 2) + 1;
    if (v.B !== undefined) return v.B.length;
    if (v.BOOL !== undefined || v.NULL !== undefined) return 1;
    if (v.L) return 3 + v.L.reduce((n, x) => n + 1 + value(x), 0);
    if (v.M) return 3 + Object.entries(v.M).reduce((n, [k, x]) => n + 1 + Buffer.byteLength(k) + value(x), 0);
    if (v.SS) return v.SS.reduce((n, x) => n + Buffer.byteLength(x), 0);
    return 8;
  };
  return Object.entries(item).reduce((n, [k, v]) => n + Buffer.byteLength(k) + value(v), 0);
}
export const kb = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));
export const inIndex = (item: Item | undefined) => item?.GSI1PK !== undefined && item.GSI1SK !== undefined;

/**
 * What a TransactWriteItems costs by DynamoDB's published rules, from each item before and after: 2 WRU per KB of the
 * larger of the two per action (a ConditionCheck is taken as a write of the item it checks), and 1 WRU per KB for each
 * index entry written or removed (index updates propagate after the commit, as ordinary writes; a moved index key is a
 * removal and a write). DynamoDB Local's own ConsumedCapacity for a transaction of several items is too low: two
 * 1.5 KB Puts in one transaction report 4 table WRU, not 8.
 */
export function transactionCapacity(actions: { kind: string }[], before: (Item | undefined)[], after: (Item | undefined)[]) {
  let table = 0;
  let gsi = 0;
  actions.forEach((a, i) => {
    const old = before[i];
    const now = a.kind === 'ConditionCheck' ? old : after[i];
    table += 2 * kb(Math.max(old ? itemSize(old) : 0, now ? itemSize(now) : 0));
    if (a.kind === 'ConditionCheck') return;
    const moved = inIndex(old) && inIndex(now) && (old!.GSI1PK!.S !== now!.GSI1PK!.S || old!.GSI1SK!.S !== now!.GSI1SK!.S);
    if (inIndex(old) && (!inIndex(now) || moved)) gsi += kb(itemSize(old!));
    if (inIndex(now)) gsi += kb(itemSize(now!));
  });
  return { wru: table + gsi, gsi };
}

/**
 * A DynamoDB client that counts every request, its capacity and the items it touched. With `modelTransactions`, it
 * reads each transaction's items before and after (on another client) to cost it: accurate, but slower, so the run
 * that times the operations leaves it off.

/** The items at these keys, by key (absent: no such item), with BatchGetItem. */
export async function itemsAt(client: DynamoDBClient, tableName: string, keys: Iterable<string>, consistent: boolean): Promise<Map<string, Item>> {
  const all = [...new Set(keys)];
  const found = new Map<string, Item>();
  for (let i = 0; i < all.length; i += 100) {
    let pending: Item[] | undefined = all.slice(i, i + 100).map(keyItem);
    while (pending?.length) {
      const out: BatchGetItemCommandOutput = await client.send(new BatchGetItemCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: consistent } } }));
      for (const item of out.Responses?.[tableName] ?? []) found.set(keyOf(item)!, item);
      pending = out.UnprocessedKeys?.[tableName]?.Keys;
    }
  }
  return found;
}
