// Documents wiring for AWS (and for the local server, which points the same client at DynamoDB Local). Reads only:
// the person's CPD log and their session.
import type { DocumentsConfig } from '../config.ts';
import { systemClock } from '#functions/core/clock.ts';
import { createLogger } from '#functions/core/log.ts';
import { createDynamoClient } from '#functions/table/client.ts';
import { dynamoCpdLog } from '#functions/cpd/dynamo-log.ts';
import { dynamoSessionsRepository } from '#functions/auth/dynamo-sessions.repository.ts';
import { feedSecretFrom } from '#functions/feeds/secret.ts';
import type { DocumentsAppDeps } from './deps.ts';

export function documentsDeps(config: DocumentsConfig, overrides: Partial<DocumentsAppDeps> = {}): DocumentsAppDeps {
  const dynamo = createDynamoClient({ region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT });
  return {
    cpdLog: dynamoCpdLog(dynamo, config.TABLE_NAME),
    sessions: dynamoSessionsRepository(dynamo, config.TABLE_NAME),
    feedSecret: feedSecretFrom(config),
    clock: systemClock,
    siteUrl: config.SITE_URL,
    // Being an operator changes nothing here.
    operators: [],
    logger: createLogger(config.LOG_LEVEL),
    ...overrides,
  };
}
