// Cost bench: what one operation costs (the Cost record, summed and divided), and the operations a run measures.
import type { CommandTally } from './meters.ts';

export type Fn = 'api' | 'feeds' | 'mailer' | 'reminders' | 'sesEvents';

/** A DynamoDB tally's counts (meters.ts) plus everything else an operation costs. */
export interface Cost extends Omit<CommandTally, 'read' | 'written'> {
  emails: number;
  sesSends: number;
  sesBytes: number;
  /** Lambda invocations (an HTTP request is one; sweep work is part of a sweep's invocation). */
  invocations: number;
  wallMs: number;
  cpuMs: number;
  logBytes: number;
  /** HTTP response bytes (for CloudFront's data out). */
  responseBytes: number;
  floorRru: number;
  floorWru: number;
}

export const zero = (): Cost => ({
  requests: 0, failed: 0, rru: 0, wru: 0, localWru: 0, gsi: 0, emails: 0, sesSends: 0, sesBytes: 0, invocations: 0,
  wallMs: 0, cpuMs: 0, logBytes: 0, responseBytes: 0, floorRru: 0, floorWru: 0,
});
export const add = (a: Cost, b: Partial<Cost>, k = 1): Cost => {
  const out = { ...a };
  for (const [name, v] of Object.entries(b) as [keyof Cost, number][]) out[name] += v * k;
  return out;
};

export interface Op {
  name: string;
  fn: Fn;
  /** How many times it ran; `total` sums them all. */
  count: number;
  total: Cost;
  /** The HTTP requests or calls it is made of, for the table. */
  steps: string;
  /** Each run's time (a share of a sweep for its claims), for a median: the machine is shared, so means wander. */
  samples: { wallMs: number; cpuMs: number }[];
}
export const per = (op: Op): Cost => add(zero(), op.total, 1 / op.count);

/** The median, of an even count the mean of the middle two. */
export const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
