// Cost bench: each operation's floor — the items it read, read once as cheaply as can be; the items it left, put once.
import { DeleteItemCommand, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { itemsAt, itemSize, keyItem, type Item } from './items.ts';

/** The written items as they were right after the step that last wrote them (undefined: deleted again). */
export type Snapshot = Map<string, Item | undefined>;

export async function snapshot(plain: DynamoDBClient, tableName: string, keys: Set<string>, into: Snapshot = new Map()): Promise<Snapshot> {
  const items = await itemsAt(plain, tableName, keys, true);
  for (const key of keys) into.set(key, items.get(key));
  return into;
}

/**
 * The floor of an operation: reading the items it read as one eventually consistent read of their total size (0.5 RRU
 * per 4 KB, the least any read of them can cost), and writing the items it left behind once each with a plain PutItem
 * into a table of the same design (measured: DynamoDB Local reports single-item writes correctly, index included).
 */
export async function floorOf(plain: DynamoDBClient, tableName: string, floorTable: string, read: Set<string>, written: Snapshot) {
  const readBytes = [...(await itemsAt(plain, tableName, read, false)).values()].reduce((n, item) => n + itemSize(item), 0);
  const rru = readBytes ? 0.5 * Math.ceil(readBytes / 4096) : 0;
  const present = [...written].filter((e): e is [string, Item] => e[1] !== undefined);
  // Written and deleted again (a change notice, once sent): one delete each.
  let wru = written.size - present.length;
  // A fresh put each time: replacing an item costs the larger of the two sizes.
  await Promise.all(present.map(([key]) => plain.send(new DeleteItemCommand({ TableName: floorTable, Key: keyItem(key) }))));
  const puts = await Promise.all(present.map(([, item]) => plain.send(new PutItemCommand({ TableName: floorTable, Item: item, ReturnConsumedCapacity: 'TOTAL' }))));
  wru += puts.reduce((n, out) => n + (out.ConsumedCapacity?.CapacityUnits ?? 0), 0);
  return { floorRru: rru, floorWru: wru };
}
