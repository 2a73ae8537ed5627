// Cost bench: DynamoDB and SES clients that count every request, its capacity, the items it touched and the bytes sent.
import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import type { SESClient } from '@aws-sdk/client-ses';
import { createSesClient } from '#functions/mail/ses-mailer.ts';
import { createDynamoClient } from '#functions/table/client.ts';
import { itemsAt, keyOf, readKeys, transactionCapacity, writtenKeys, type Item } from './items.ts';

export const READS = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan', 'TransactGetItems']);

export interface CommandTally {
  requests: number;
  failed: number;
  rru: number;
  wru: number;
  /** WRU as DynamoDB Local reports them (for transactions it undercounts: see transactionCapacity). */
  localWru: number;
  /** Of rru + wru, what the index consumed. */
  gsi: number;
  /** Items the reads returned, and the items writes named: "PK\u0001SK". */
  read: Set<string>;
  written: Set<string>;
}
export type Tallies = Map<string, CommandTally>;

/**
 * A DynamoDB client that counts every request, its capacity and the items it touched. With `modelTransactions`, it
 * reads each transaction's items before and after (on another client) to cost it: accurate, but slower, so the run
 * that times the operations leaves it off.
 */
export function dynamoMeter(endpoint: string, modelTransactions: boolean) {
  let tallies: Tallies = new Map();
  const tally = (name: string) => {
    let t = tallies.get(name);
    if (!t) tallies.set(name, (t = { requests: 0, failed: 0, rru: 0, wru: 0, localWru: 0, gsi: 0, read: new Set(), written: new Set() }));
    return t;
  };
  const reader = createDynamoClient({ region: 'eu-west-2', endpoint });
  type Action = { kind: string; table: string; key: string };
  const current = async (actions: Action[]) => {
    const items = await itemsAt(reader, actions[0]!.table, actions.map((a) => a.key), true);
    return actions.map((a) => items.get(a.key));
  };
  const client = createDynamoClient({ region: 'eu-west-2', endpoint });
  client.middlewareStack.add((next, context) => async (args) => {
    const input = args.input as Record<string, any>;
    input.ReturnConsumedCapacity = 'INDEXES';
    const name = (context.commandName ?? 'unknown').replace(/Command$/, '');
    const t = tally(name);
    t.requests++;
    const modelled = modelTransactions && name === 'TransactWriteItems';
    const actions: Action[] = modelled
      ? (input.TransactItems as Record<string, { TableName: string; Item?: Item; Key?: Item }>[]).map((item) => {
          const [kind, action] = Object.entries(item)[0]!;
          return { kind, table: action.TableName, key: keyOf(action.Item ?? action.Key)! };
        })
      : [];
    const before = modelled ? await current(actions) : [];
    try {
      const out = await next(args);
      const output = out.output as Record<string, any>;
      const consumed = [(output.ConsumedCapacity as ConsumedCapacity | ConsumedCapacity[] | undefined) ?? []].flat();
      const units = consumed.reduce((n, c) => n + (c.CapacityUnits ?? 0), 0);
      const gsi = consumed.reduce((n, c) => n + Object.values(c.GlobalSecondaryIndexes ?? {}).reduce((s, i) => s + (i.CapacityUnits ?? 0), 0), 0);
      if (READS.has(name)) {
        t.rru += units;
        t.gsi += gsi;
      } else if (modelled) {
        const cost = transactionCapacity(actions, before, await current(actions));
        t.wru += cost.wru;
        t.gsi += cost.gsi;
        t.localWru += units;
      } else {
        t.wru += units;
        t.gsi += gsi;
        t.localWru += units;
      }
      for (const k of readKeys(output)) t.read.add(k);
      // Only writes that happened: a refused attempt (full, so try the waitlist) leaves nothing behind.
      for (const k of writtenKeys(name, input)) t.written.add(k);
      return out;
    } catch (error) {
      // A refused conditional write or cancelled transaction: DynamoDB Local reports no capacity for it.
      t.failed++;
      throw error;
    }
  }, { step: 'initialize', name: 'costMeter' });
  return {
    client,
    /** What was counted since the last take. */
    take(): Tallies {
      const taken = tallies;
      tallies = new Map();
      return taken;
    },
  };
}

export function sesMeter(endpoint: string) {
  const counts = { sends: 0, bytes: 0 };
  const client: SESClient = createSesClient({ region: 'eu-west-2', endpoint });
  client.middlewareStack.add((next) => async (args) => {
    counts.sends++;
    counts.bytes += (args.input as { RawMessage?: { Data?: Uint8Array } }).RawMessage?.Data?.length ?? 0;
    return next(args);
  }, { step: 'initialize', name: 'costMeter' });
  return { client, counts };
}

/** Totals of some commands of a tally (all, unless named), and the keys they touched. */
export function sumTallies(t: Tallies, only?: (command: string) => boolean) {
  const sum = { requests: 0, failed: 0, rru: 0, wru: 0, localWru: 0, gsi: 0, read: new Set<string>(), written: new Set<string>(), outbox: 0 };
  for (const [name, x] of t) {
    if (only && !only(name)) continue;
    sum.requests += x.requests; sum.failed += x.failed; sum.rru += x.rru; sum.wru += x.wru; sum.localWru += x.localWru; sum.gsi += x.gsi;
    for (const k of x.read) sum.read.add(k);
    for (const k of x.written) sum.written.add(k);
  }
  for (const k of sum.written) if (k.startsWith('OUTBOX#')) sum.outbox++;
  return sum;
}
