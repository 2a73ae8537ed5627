// Bench support: a meter on the DynamoDB and SES clients a benchmark runs the real code with. Every request, by
// command, with the capacity DynamoDB reports (ReturnConsumedCapacity INDEXES), its time and, for SES, the bytes sent.
import type { ConsumedCapacity, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SESClient } from '@aws-sdk/client-ses';
import { createDynamoClient } from '#functions/table/client.ts';
import { createSesClient } from '#functions/mail/ses-mailer.ts';

export interface Tally {
  requests: number;
  units: number;
  gsiUnits: number;
  ms: number;
  bytes: number;
}
export type Tallies = Map<string, Tally>;

export const READS = new Set(['Query', 'GetItem', 'BatchGetItem', 'Scan']);

export function meter() {
  let tallies: Tallies = new Map();
  const record = (name: string, units: number, gsiUnits: number, ms: number, bytes = 0) => {
    const t = tallies.get(name) ?? { requests: 0, units: 0, gsiUnits: 0, ms: 0, bytes: 0 };
    tallies.set(name, { requests: t.requests + 1, units: t.units + units, gsiUnits: t.gsiUnits + gsiUnits, ms: t.ms + ms, bytes: t.bytes + bytes });
  };
  return {
    /** What was counted since the last take. */
    take(): Tallies {
      const taken = tallies;
      tallies = new Map();
      return taken;
    },
    dynamo(endpoint: string): DynamoDBClient {
      const client = createDynamoClient({ region: 'eu-west-2', endpoint });
      client.middlewareStack.add((next, context) => async (args) => {
        (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'INDEXES';
        const name = (context.commandName ?? 'unknown').replace(/Command$/, '');
        const started = performance.now();
        try {
          const out = await next(args);
          const consumed = [(out.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] }).ConsumedCapacity ?? []].flat();
          const units = consumed.reduce((n, c) => n + (c.CapacityUnits ?? 0), 0);
          const gsi = consumed.reduce((n, c) => n + Object.values(c.GlobalSecondaryIndexes ?? {}).reduce((s, i) => s + (i.CapacityUnits ?? 0), 0), 0);
          record(name, units, gsi, performance.now() - started);
          return out;
        } catch (error) {
          record(`${name} (failed)`, 0, 0, performance.now() - started);
          throw error;
        }
      }, { step: 'initialize', name: 'benchMeter' });
      return client;
    },
    ses(endpoint: string): SESClient {
      const client = createSesClient({ region: 'eu-west-2', endpoint });
      client.middlewareStack.add((next, context) => async (args) => {
        const bytes = (args.input as { RawMessage?: { Data?: Uint8Array } }).RawMessage?.Data?.length ?? 0;
        const started = performance.now();
        const out = await next(args);
        record((context.commandName ?? 'unknown').replace(/Command$/, ''), 0, 0, performance.now() - started, bytes);
        return out;
      }, { step: 'initialize', name: 'benchMeter' });
      return client;
    },
  };
}

export const dynamoOnly = (t: Tallies): Tallies => new Map([...t].filter(([name]) => name !== 'SendRawEmail'));
