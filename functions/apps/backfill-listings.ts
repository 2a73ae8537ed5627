// Maintenance, after upgrading a deployment from a version of Signpost before search: gives every upcoming listing
// entry the text the home page's filters and search match within (functions/events/use-cases.ts backfillListingMatch).
// Run once after the deploy, with the deployment's AWS credentials:
//   TABLE_NAME=<the SignpostStorage table> AWS_REGION=eu-west-2 npm run backfill-listings
// Idempotent, and harmless to run again; `npm start` does the same for local data on every start.
import { systemClock } from '#functions/core/clock.ts';
import { createDynamoClient } from '#functions/table/client.ts';
import { dynamoEventsRepository } from '#functions/events/dynamo-events.repository.ts';
import { backfillListingMatch } from '#functions/events/use-cases.ts';

const tableName = process.env.TABLE_NAME;
const region = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
if (!tableName || !region) {
  console.error('Set TABLE_NAME (the table in the SignpostStorage stack\'s outputs) and AWS_REGION, then run this again.');
  process.exit(1);
}
const client = createDynamoClient({ region, endpoint: process.env.DYNAMODB_ENDPOINT });
const count = await backfillListingMatch({ events: dynamoEventsRepository(client, tableName), clock: systemClock });
console.log(count ? `Gave ${count} upcoming listings the text search needs.` : 'Every upcoming listing already has the text search needs.');
