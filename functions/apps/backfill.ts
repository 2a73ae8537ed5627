// Maintenance, after upgrading a deployment: brings data stored by an older version of Signpost up to date
// (functions/apps/backfill-steps.ts: the listings' search text, the "your meetups" index, the network names used
// before networks). Run once after the deploy, with the deployment's AWS credentials (it scans the table, which no
// function's role may):
//   TABLE_NAME=<the SignpostStorage stack's TableName output> AWS_REGION=<its region> npm run backfill
// Idempotent, and harmless to run again; `npm start` does the same for local data on every start.
// `npm run backfill-listings` (the name before networks) runs the same.
import { systemClock } from '#functions/core/clock.ts';
import { createDynamoClient } from '#functions/table/client.ts';
import { dynamoEventsRepository } from '#functions/events/dynamo-events.repository.ts';
import { dynamoNetworksRepository } from '#functions/networks/dynamo-networks.repository.ts';
import { loadBackfillConfig } from './config.ts';
import { runBackfills } from './backfill-steps.ts';

let config;
try {
  config = loadBackfillConfig();
} catch (error) {
  console.error(`${(error as Error).message}\nSet TABLE_NAME (the table in the SignpostStorage stack's outputs) and AWS_REGION, then run this again.`);
  process.exit(1);
}
const client = createDynamoClient({ region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT });
try {
  await runBackfills(
    { events: dynamoEventsRepository(client, config.TABLE_NAME), networks: dynamoNetworksRepository(client, config.TABLE_NAME), clock: systemClock },
    (result) => console.log(`${result.step}: ${result.said}`),
  );
} catch (error) {
  console.error(`The backfill stopped: ${(error as Error).message}. Every step is safe to repeat: run it again.`);
  process.exitCode = 1;
} finally {
  client.destroy();
}
