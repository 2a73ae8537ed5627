// `npm run seed`: adds the demo meetups to a running local stack (start it first with `npm start`).
import { parseArgs } from 'node:util';
import { createDynamoClient } from '#functions/table/client.ts';
import { dynamoEventsRepository } from '#functions/events/dynamo-events.repository.ts';
import { ensureTable } from './local-stack.ts';
import { seedDemo } from './seed-data.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { values } = parseArgs({
  options: {
    'dynamodb-port': { type: 'string', default: process.env.DYNAMODB_PORT ?? '8000' },
    count: { type: 'string', default: '36' },
  },
});
const endpoint = `http://127.0.0.1:${values['dynamodb-port']}`;
const client = createDynamoClient({ region: 'eu-west-2', endpoint });
try {
  await ensureTable(client, 'signpost-local');
  const n = await seedDemo(dynamoEventsRepository(client, 'signpost-local'), new Date(), Number(values.count));
  console.log(`Loaded ${n} demo meetups into ${endpoint}.`);
} catch (error) {
  console.error(`Could not seed: is the local stack running (npm start)? ${(error as Error).message}`);
  process.exitCode = 1;
}
