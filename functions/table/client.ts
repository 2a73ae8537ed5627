// The single table's client: the DocumentClient every adapter writes through, transactions retried on conflict,
// one reading of why DynamoDB refused a write, batched reads and deletes, and paged queries. The only code that (un)marshalls.
import {
  DynamoDBClient,
  TransactionCanceledException,
  type AttributeValue,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type BatchGetCommandOutput,
  type BatchWriteCommandInput,
  type BatchWriteCommandOutput,
  type QueryCommandInput,
  type TransactWriteCommandInput,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { marshall as sdkMarshall, unmarshall } from '@aws-sdk/util-dynamodb';

export interface DynamoSettings {
  region: string;
  endpoint?: string;
}

export function createDynamoClient({ region, endpoint }: DynamoSettings): DynamoDBClient {
  return new DynamoDBClient({
    region,
    ...(endpoint
      ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
    maxAttempts: 3,
  });
}

/** An item as the DocumentClient reads and writes it: plain values. */
export type Item = Record<string, unknown>;
/** One action of a TransactWriteItems, in the DocumentClient's plain-value form; table/items build these. */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const documentClients = new WeakMap<DynamoDBClient, DynamoDBDocumentClient>();

/**
 * The DocumentClient over a low-level client, made once per client. It shares that client's config and middleware,
 * so adapters keep taking the DynamoDBClient callers already hold.
 */
export function documentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  let doc = documentClients.get(client);
  if (!doc) {
    doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    documentClients.set(client, doc);
  }
  return doc;
}

/** A DynamoDB Stream image (NewImage/OldImage) as a plain item. */
export const itemFromImage = (image: Record<string, unknown>): Item => unmarshall(image as Record<string, AttributeValue>);

/** For code that sends low-level commands itself (the benches' floors): a plain-value map as attribute values. */
export const marshall = (value: Item) => sdkMarshall(value, { removeUndefinedValues: true, convertClassInstanceToMap: false });

/** As `marshall`, for a whole transaction action built by table/items. */
export function marshallTransactItem(item: TransactItem): TransactWriteItem {
  const [kind, action] = Object.entries(item)[0] as [string, Record<string, unknown>];
  const wire: Record<string, unknown> = { ...action };
  for (const field of ['Item', 'Key', 'ExpressionAttributeValues']) if (wire[field]) wire[field] = marshall(wire[field] as Item);
  return { [kind]: wire } as TransactWriteItem;
}

// ---- Why DynamoDB refused a write ----

const CONDITION_FAILED = 'ConditionalCheckFailed';

/** Why DynamoDB refused one action of a cancelled transaction; `item` is the item as it was, when asked for. */
export interface CancellationReason {
  code?: string;
  item?: Item;
}

/** For a cancelled transaction, one reason per action in order (ElectroDB's `{ code, item }`); else undefined. */
export function cancellationReasons(error: unknown): CancellationReason[] | undefined {
  if (!(error instanceof TransactionCanceledException) && (error as { name?: string })?.name !== 'TransactionCanceledException') return undefined;
  return ((error as TransactionCanceledException).CancellationReasons ?? []).map((r) => ({
    ...(r.Code ? { code: r.Code } : {}),
    ...(r.Item ? { item: unmarshall(r.Item) } : {}),
  }));
}

/** Whether action `index` failed its condition; without an index, whether any action did. */
export function conditionFailed(reasons: CancellationReason[] | undefined, index?: number): boolean {
  if (index === undefined) return (reasons ?? []).some((r) => r.code === CONDITION_FAILED);
  return reasons?.[index]?.code === CONDITION_FAILED;
}

/** The index of the first action that failed its condition, or -1. */
export const firstConditionFailed = (reasons: CancellationReason[] | undefined): number =>
  reasons?.findIndex((r) => r.code === CONDITION_FAILED) ?? -1;

/** A single-item write (Put, Update, Delete) refused by its condition. */
export const isConditionFailed = (error: unknown): boolean =>
  (error as { name?: string })?.name === 'ConditionalCheckFailedException';

// ---- Transactions, batched reads, queries ----

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Full-jitter exponential backoff between optimistic retries, so contenders spread out instead of colliding again. */
export const backoff = (attempt: number, capMs = 500) => sleep(Math.random() * Math.min(capMs, 10 * 2 ** attempt));

/** Runs a transaction, retrying with full jitter when it loses a race with another transaction. */
export async function transactWrite(client: DynamoDBClient, input: TransactWriteCommandInput, attempts = 6): Promise<void> {
  const db = documentClient(client);
  for (let attempt = 1; ; attempt++) {
    try {
      await db.send(new TransactWriteCommand(input));
      return;
    } catch (error) {
      const reasons = cancellationReasons(error);
      const conflict = reasons?.some((r) => r.code === 'TransactionConflict') && !conditionFailed(reasons);
      if (!conflict || attempt >= attempts) throw error;
      await sleep(Math.random() * Math.min(1000, 25 * 2 ** attempt));
    }
  }
}

/** A transaction whose refusal by any of its conditions is an outcome, not an error: true when it was written. */
export async function transactUnlessRefused(client: DynamoDBClient, input: TransactWriteCommandInput): Promise<boolean> {
  try {
    await transactWrite(client, input);
    return true;
  } catch (error) {
    if (conditionFailed(cancellationReasons(error))) return false;
    throw error;
  }
}

/** A single Update whose refusal by its condition is an outcome: true when it was written. */
export async function updateUnlessRefused(client: DynamoDBClient, input: UpdateCommandInput): Promise<boolean> {
  try {
    await documentClient(client).send(new UpdateCommand(input));
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}

const BATCH_GET_MAX = 100;

/**
 * Reads items by key, 100 per BatchGetItem and a few batches at a time, retrying what DynamoDB leaves unprocessed.
 * Missing items are simply absent from the result; the order is not kept.
 */
export async function batchGet(
  client: DynamoDBClient,
  tableName: string,
  keys: Item[],
  options: { consistent?: boolean; concurrency?: number; projection?: readonly string[] } = {},
): Promise<Item[]> {
  const db = documentClient(client);
  const chunks: Item[][] = [];
  for (let i = 0; i < keys.length; i += BATCH_GET_MAX) chunks.push(keys.slice(i, i + BATCH_GET_MAX));
  const found: Item[] = [];
  // Only the named attributes (the keys' too, so callers can tell the items apart), each by a placeholder name.
  const projected = options.projection?.length
    ? {
        ProjectionExpression: options.projection.map((_, i) => `#p${i}`).join(', '),
        ExpressionAttributeNames: Object.fromEntries(options.projection.map((name, i) => [`#p${i}`, name])),
      }
    : {};
  const worker = async () => {
    for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
      let pending: Item[] | undefined = chunk;
      for (let attempt = 0; pending?.length; attempt++) {
        if (attempt > 0) await backoff(attempt, 2000);
        const out: BatchGetCommandOutput = await db.send(
          new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: options.consistent ?? false, ...projected } } }),
        );
        found.push(...(out.Responses?.[tableName] ?? []));
        pending = out.UnprocessedKeys?.[tableName]?.Keys;
        if (attempt > 10 && pending?.length) throw new Error('DynamoDB left keys unprocessed after 10 retries');
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, chunks.length) }, worker));
  return found;
}

const BATCH_WRITE_MAX = 25;

/** Deletes items by key, 25 per BatchWriteItem, retrying what DynamoDB leaves unprocessed. */
export async function batchDelete(client: DynamoDBClient, tableName: string, keys: Item[]): Promise<void> {
  const db = documentClient(client);
  for (let i = 0; i < keys.length; i += BATCH_WRITE_MAX) {
    let pending: NonNullable<BatchWriteCommandInput['RequestItems']>[string] | undefined = keys.slice(i, i + BATCH_WRITE_MAX).map((Key) => ({ DeleteRequest: { Key } }));
    for (let attempt = 0; pending?.length; attempt++) {
      if (attempt > 10) throw new Error('DynamoDB left deletes unprocessed after 10 retries');
      if (attempt > 0) await backoff(attempt, 2000);
      const out: BatchWriteCommandOutput = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = out.UnprocessedItems?.[tableName];
    }
  }
}

/** Every item a Query matches, page after page. */
export async function queryAll(client: DynamoDBClient, input: QueryCommandInput): Promise<Item[]> {
  const db = documentClient(client);
  const items: Item[] = [];
  let start: Item | undefined;
  do {
    const out = await db.send(new QueryCommand({ ...input, ...(start ? { ExclusiveStartKey: start } : {}) }));
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}
