// Feeds wiring for AWS (and for the local server, which points the same client at DynamoDB Local).
import type { FeedsConfig } from '../config.ts';
import { systemClock } from '#functions/core/clock.ts';
import { createLogger } from '#functions/core/log.ts';
import { createDynamoClient } from '#functions/table/client.ts';
import { dynamoEventsRepository } from '#functions/events/dynamo-events.repository.ts';
import { dynamoFeedsRepository } from '#functions/feeds/dynamo-feeds.repository.ts';
import { dynamoNetworksRepository } from '#functions/networks/dynamo-networks.repository.ts';
import { feedSecretFrom } from '#functions/feeds/secret.ts';
import { renderCache } from '#functions/feeds/render-cache.ts';
import { cachedVersions } from '#functions/feeds/version-cache.ts';
import type { FeedDeps } from '#functions/feeds/use-cases.ts';
import type { Logger } from '#functions/core/log.ts';

export function feedDeps(config: FeedsConfig, overrides: Partial<FeedDeps & { logger: Logger }> = {}): FeedDeps & { logger: Logger } {
  const dynamo = createDynamoClient({ region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT });
  return {
    feeds: cachedVersions(dynamoFeedsRepository(dynamo, config.TABLE_NAME)),
    events: dynamoEventsRepository(dynamo, config.TABLE_NAME),
    networks: dynamoNetworksRepository(dynamo, config.TABLE_NAME),
    feedSecret: feedSecretFrom(config),
    clock: systemClock,
    siteUrl: config.SITE_URL,
    renders: renderCache(),
    logger: createLogger(config.LOG_LEVEL),
    ...overrides,
  };
}
