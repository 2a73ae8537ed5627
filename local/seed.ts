// `npm run seed`: adds the demo networks (once: existing ones are left alone) and meetups to the running local stack (`npm start`), found from .data/stack.json or
// from the flags and variables npm start takes.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configuredFeedSecret } from '#functions/feeds/secret.ts';
import { createDynamoClient } from '#functions/table/client.ts';
import { dynamoEventsRepository } from '#functions/events/dynamo-events.repository.ts';
import { ensureTable, LocalStackError } from './local-stack.ts';
import { dynamoSessionsRepository } from '#functions/auth/dynamo-sessions.repository.ts';
import { dynamoNetworksRepository } from '#functions/networks/dynamo-networks.repository.ts';
import { dynamoRsvpsRepository } from '#functions/rsvps/dynamo-rsvps.repository.ts';
import { dynamoFollowersRepository } from '#functions/follows/dynamo-followers.repository.ts';
import { seedEverything, seededLine } from './seed-data.ts';
import { dynamoDemoAttendance } from './demo-attendance.ts';
import { scriptArgs, stackTarget, unreachable, type StackTarget } from './stack-file.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** The record emails' links need the stack's feed secret (FEED_SECRET, or the one npm start keeps with the data); without it, no records. */
function recordsFor(target: StackTarget) {
  const file = join(target.dataDir, 'feed-secret');
  const secret = process.env.FEED_SECRET ?? (existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined);
  return secret ? { siteUrl: target.siteUrl, feedSecret: configuredFeedSecret(secret) } : undefined;
}

const SCRIPT = 'npm run seed';
const values = scriptArgs(SCRIPT, { count: { type: 'string', default: '36' } }, '[--count N]');
let target: StackTarget | undefined;
try {
  const count = Number(values.count);
  if (!Number.isInteger(count) || count < 1) throw new LocalStackError(`--count must be a whole number above 0, not "${values.count}".`);
  target = stackTarget(SCRIPT, values);
  const client = createDynamoClient({ region: 'eu-west-2', endpoint: target.dynamoEndpoint });
  await ensureTable(client, 'signpost-local');
  const table = 'signpost-local';
  const repos = {
    events: dynamoEventsRepository(client, table), networks: dynamoNetworksRepository(client, table),
    rsvps: dynamoRsvpsRepository(client, table), sessions: dynamoSessionsRepository(client, table),
    followers: dynamoFollowersRepository(client, table), attendance: dynamoDemoAttendance(client, table, recordsFor(target)),
  };
  const seeded = await seedEverything(repos, new Date(), count);
  console.log(`${seededLine(seeded).slice(0, -1)} into ${target.dynamoEndpoint}.`);
} catch (error) {
  const message = error instanceof LocalStackError || !target ? (error as Error).message : unreachable(target, SCRIPT, error);
  console.error(`Could not seed. ${message}`);
  process.exitCode = 1;
}
