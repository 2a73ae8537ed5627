// Storage adapter helpers: the DynamoDB client, marshalling, and transactions retried on conflict.
import {
  BatchGetItemCommand,
  DynamoDBClient,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteItemsCommand,
  TransactionCanceledException,
  type AttributeValue,
  type BatchGetItemCommandOutput,
  type TransactWriteItemsCommandInput,
} from '@aws-sdk/client-dynamodb';
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

export const marshall = (value: Record<string, unknown>) =>
  sdkMarshall(value, { removeUndefinedValues: true, convertClassInstanceToMap: false });
export { unmarshall };

/** Reasons DynamoDB gave for cancelling a transaction, one per action, in order. */
export function cancellationCodes(error: unknown): (string | undefined)[] | undefined {
  if (error instanceof TransactionCanceledException || (error as { name?: string })?.name === 'TransactionCanceledException') {
    return ((error as TransactionCanceledException).CancellationReasons ?? []).map((r) => r.Code);
  }
  return undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Full-jitter exponential backoff between optimistic retries, so contenders spread out instead of colliding again. */
export const backoff = (attempt: number, capMs = 500) => sleep(Math.random() * Math.min(capMs, 10 * 2 ** attempt));

/** Runs a transaction, retrying with full jitter when it loses a race with another transaction. */
export async function transactWrite(
  client: DynamoDBClient,
  input: TransactWriteItemsCommandInput,
  attempts = 6,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.send(new TransactWriteItemsCommand(input));
      return;
    } catch (error) {
      const codes = cancellationCodes(error);
      const conflict = codes?.includes('TransactionConflict') && !codes.includes('ConditionalCheckFailed');
      if (!conflict || attempt >= attempts) throw error;
      await sleep(Math.random() * Math.min(1000, 25 * 2 ** attempt));
    }
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
  keys: Record<string, unknown>[],
  options: { consistent?: boolean; concurrency?: number } = {},
): Promise<Record<string, unknown>[]> {
  const chunks: Record<string, AttributeValue>[][] = [];
  for (let i = 0; i < keys.length; i += BATCH_GET_MAX) chunks.push(keys.slice(i, i + BATCH_GET_MAX).map(marshall));
  const found: Record<string, unknown>[] = [];
  const worker = async () => {
    for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
      let pending: Record<string, AttributeValue>[] | undefined = chunk;
      for (let attempt = 0; pending?.length; attempt++) {
        if (attempt > 0) await backoff(attempt, 2000);
        const out: BatchGetItemCommandOutput = await client.send(
          new BatchGetItemCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: options.consistent ?? false } } }),
        );
        found.push(...(out.Responses?.[tableName] ?? []).map((item) => unmarshall(item) as Record<string, unknown>));
        pending = out.UnprocessedKeys?.[tableName]?.Keys;
        if (attempt > 10 && pending?.length) throw new Error('DynamoDB left keys unprocessed after 10 retries');
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, chunks.length) }, worker));
  return found;
}

/** Every item a Query matches, page after page, unmarshalled. */
export async function queryAll(client: DynamoDBClient, input: QueryCommandInput): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const out = await client.send(new QueryCommand({ ...input, ...(start ? { ExclusiveStartKey: start } : {}) }));
    items.push(...(out.Items ?? []).map((i) => unmarshall(i) as Record<string, unknown>));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}
