// Lambda entry for SES events: EventBridge delivers the configuration set's bounces and complaints; each suppresses addresses.
import { systemClock } from '../shared/clock.ts';
import { loadSesEventsConfig } from '../shared/config.ts';
import { createLogger } from '../shared/log.ts';
import { createDynamoClient } from '../storage/dynamo.ts';
import { dynamoSuppressionsRepository } from './dynamo-suppressions.repository.ts';
import { sesEventsHandler } from './ses-events.ts';

const config = loadSesEventsConfig();

export const handler = sesEventsHandler({
  suppressions: dynamoSuppressionsRepository(createDynamoClient({ region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT }), config.TABLE_NAME),
  clock: systemClock,
  logger: createLogger(config.LOG_LEVEL),
});
