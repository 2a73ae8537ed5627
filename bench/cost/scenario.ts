// Cost bench: one run of every operation — the table prepared once, then the API flows, the feeds and the background runs.
import { dynamoEventsRepository } from '#functions/events/dynamo-events.repository.ts';
import { createDynamoClient } from '#functions/table/client.ts';
import { ensureTable } from '#local/local-stack.ts';
import { seedFeedEvents } from '../seed-events.ts';
import { apiFlows } from './api-flows.ts';
import { backgroundRuns } from './background.ts';
import { feedPolls } from './feed-polls.ts';
import type { Op } from './operations.ts';
import { openStage } from './stage.ts';
import { storageFacts } from './storage.ts';
import { MIN, NOW, TABLE, type Crowd } from './workload.ts';

/** The table (and its floor twin) with the published meetups a network has in its feed window. */
export async function prepare(dynamoEndpoint: string, seededMeetups: number): Promise<void> {
  const plain = createDynamoClient({ region: 'eu-west-2', endpoint: dynamoEndpoint });
  await ensureTable(plain, TABLE);
  await ensureTable(plain, `${TABLE}-floor`);
  // Written a minute before the scenario's now, so the feeds treat them as settled.
  await seedFeedEvents(dynamoEventsRepository(plain, TABLE), new Date(Date.parse(NOW) - MIN), seededMeetups, 16);
}

export interface RunResult {
  ops: Op[];
  /** Bytes a year of data would take, by kind, from this run's items. */
  storage: { perMeetup: number; perRsvp: number; perSentEmail: number; fixed: number };
  emailsInEmulator: number;
  emailsDelivered: number;
  /** The whole-site feed, gzipped, as CloudFront hands it to every public poll. */
  feedBytes: { publicGzip: number };
}

/**
 * Runs every operation once more (new meetups, new people). `costing`: transactions costed from their items (slow)
 * and each operation's floor taken; without it, nothing but the operations runs between the clock readings.
 */
export async function scenario(dynamoEndpoint: string, sesEndpoint: string, costing: boolean, crowd: Crowd): Promise<RunResult> {
  const stage = await openStage(dynamoEndpoint, sesEndpoint, costing);
  const { people, m1, m1StartUtc } = await apiFlows(stage, crowd);
  const feedBytes = await feedPolls(stage, people, m1);
  await backgroundRuns(stage, people, m1, m1StartUtc);

  const emailsInEmulator = ((await (await fetch(`${sesEndpoint}/store`)).json()) as { emails: unknown[] }).emails.length;
  return {
    ops: [...stage.ops.values()],
    storage: await storageFacts(stage.plain, TABLE, stage.delivered.length),
    emailsInEmulator,
    emailsDelivered: stage.delivered.length,
    feedBytes,
  };
}
