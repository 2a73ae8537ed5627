// Lambda entry for SES events: EventBridge delivers the configuration set's bounces and complaints; each suppresses addresses.
import { systemClock } from '#functions/core/clock.ts';
import { loadSesEventsConfig } from '../config.ts';
import { createLogger } from '#functions/core/log.ts';
import { createDynamoClient } from '#functions/table/client.ts';
import { dynamoSuppressionsRepository } from '#functions/suppression/dynamo-suppressions.repository.ts';
import { sesEventsHandler } from '#functions/suppression/ses-events.ts';

const config = loadSesEventsConfig();

export const handler = sesEventsHandler({
  suppressions: dynamoSuppressionsRepository(createDynamoClient({ region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT }), config.TABLE_NAME),
  clock: systemClock,
  logger: createLogger(config.LOG_LEVEL),
});
