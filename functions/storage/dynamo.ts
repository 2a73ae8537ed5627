// Storage adapter helpers: the DynamoDB client, marshalling, and transactions retried on conflict.
import {
  DynamoDBClient,
  TransactWriteItemsCommand,
  TransactionCanceledException,
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
