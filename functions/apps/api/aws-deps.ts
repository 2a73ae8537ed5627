// API wiring for AWS (and for the local server, which points the same client at DynamoDB Local).
import { dynamoCpdLog } from '#functions/cpd/dynamo-log.ts';
import { dynamoFeedback } from '#functions/cpd/dynamo-feedback.ts';
import type { Context } from 'hono';
import { operatorsOf, type ApiConfig } from '../config.ts';
import { systemClock } from '#functions/core/clock.ts';
import { createLogger } from '#functions/core/log.ts';
import { createDynamoClient } from '#functions/table/client.ts';
import { dynamoEventsRepository } from '#functions/events/dynamo-events.repository.ts';
import { dynamoRsvpsRepository } from '#functions/rsvps/dynamo-rsvps.repository.ts';
import { dynamoFeedsRepository } from '#functions/feeds/dynamo-feeds.repository.ts';
import { feedSecretFrom } from '#functions/feeds/secret.ts';
import { dynamoSuppressionsRepository } from '#functions/suppression/dynamo-suppressions.repository.ts';
import { dynamoSessionsRepository } from '#functions/auth/dynamo-sessions.repository.ts';
import { dynamoNetworksRepository } from '#functions/networks/dynamo-networks.repository.ts';
import { dynamoReportsRepository } from '#functions/events/dynamo-reports.repository.ts';
import { dynamoMyPlacesRepository } from '#functions/me/dynamo-my-places.ts';
import { dynamoHiddenMeetupsRepository } from '#functions/moderation/dynamo-hidden-meetups.repository.ts';
import { dynamoFollowersRepository } from '#functions/follows/dynamo-followers.repository.ts';
import { dynamoBroadcasts } from '#functions/mail/dynamo-broadcasts.ts';
import { dynamoAttendeeClaims } from '#functions/messages/dynamo-attendee-claims.ts';
import { dynamoCheckIns } from '#functions/attendance/dynamo-check-ins.ts';
import { dynamoCodeAttempts } from '#functions/attendance/check-in-attempts.ts';
import { dynamoStillComingRepository } from '#functions/attendance/still-coming-dynamo.repository.ts';
import type { AppDeps } from './deps.ts';

type LambdaEnv = { event?: { requestContext?: { http?: { sourceIp?: string } } } };

const sourceIp = (c: Context) => (c.env as LambdaEnv | undefined)?.event?.requestContext?.http?.sourceIp ?? 'unknown';

/** CloudFront sets CloudFront-Viewer-Address itself ("ip:port"); API Gateway's sourceIp is then CloudFront's. */
function viewerAddress(c: Context): string {
  const header = c.req.header('cloudfront-viewer-address');
  return header ? header.slice(0, header.lastIndexOf(':')) || header : sourceIp(c);
}

export function awsDeps(config: ApiConfig, overrides: Partial<AppDeps> = {}): AppDeps {
  const dynamo = createDynamoClient({ region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT });
  return {
    events: dynamoEventsRepository(dynamo, config.TABLE_NAME),
    rsvps: dynamoRsvpsRepository(dynamo, config.TABLE_NAME),
    feeds: dynamoFeedsRepository(dynamo, config.TABLE_NAME),
    feedSecret: feedSecretFrom(config),
    suppressions: dynamoSuppressionsRepository(dynamo, config.TABLE_NAME),
    sessions: dynamoSessionsRepository(dynamo, config.TABLE_NAME),
    networks: dynamoNetworksRepository(dynamo, config.TABLE_NAME),
    reports: dynamoReportsRepository(dynamo, config.TABLE_NAME),
    myPlaces: dynamoMyPlacesRepository(dynamo, config.TABLE_NAME),
    hiddenMeetups: dynamoHiddenMeetupsRepository(dynamo, config.TABLE_NAME),
    followers: dynamoFollowersRepository(dynamo, config.TABLE_NAME),
    broadcasts: dynamoBroadcasts(dynamo, config.TABLE_NAME),
    attendeeClaims: dynamoAttendeeClaims(dynamo, config.TABLE_NAME),
    stillComing: dynamoStillComingRepository(dynamo, config.TABLE_NAME),
    checkIns: dynamoCheckIns(dynamo, config.TABLE_NAME),
    cpdLog: dynamoCpdLog(dynamo, config.TABLE_NAME),
    feedback: dynamoFeedback(dynamo, config.TABLE_NAME),
    codeAttempts: dynamoCodeAttempts(dynamo, config.TABLE_NAME),
    operators: operatorsOf(config.OPERATORS),
    networkApproval: config.NETWORKS_NEED_APPROVAL === 'yes',
    clock: systemClock,
    logger: createLogger(config.LOG_LEVEL),
    siteUrl: config.SITE_URL,
    operatorEmail: config.OPERATOR_EMAIL,
    clientIp: config.CLIENT_IP_SOURCE === 'cloudfront' ? viewerAddress : sourceIp,
    ...overrides,
  };
}
