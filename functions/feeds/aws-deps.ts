// Feeds wiring for AWS (and for the local server, which points the same client at DynamoDB Local).
import type { FeedsConfig } from '../shared/config.ts';
import { systemClock } from '../shared/clock.ts';
import { createLogger } from '../shared/log.ts';
import { createDynamoClient } from '../storage/dynamo.ts';
import { dynamoEventsRepository } from '../events/dynamo-events.repository.ts';
import { dynamoFeedsRepository } from './dynamo-feeds.repository.ts';
import { feedSecretFrom } from './secret.ts';
import { renderCache } from './render-cache.ts';
import { cachedVersions } from './version-cache.ts';
import type { FeedDeps } from './use-cases.ts';
import type { Logger } from '../shared/log.ts';

export function feedDeps(config: FeedsConfig, overrides: Partial<FeedDeps & { logger: Logger }> = {}): FeedDeps & { logger: Logger } {
  const dynamo = createDynamoClient({ region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT });
  return {
    feeds: cachedVersions(dynamoFeedsRepository(dynamo, config.TABLE_NAME)),
    events: dynamoEventsRepository(dynamo, config.TABLE_NAME),
    feedSecret: feedSecretFrom(config),
    clock: systemClock,
    siteUrl: config.SITE_URL,
    renders: renderCache(),
    logger: createLogger(config.LOG_LEVEL),
    ...overrides,
  };
}
