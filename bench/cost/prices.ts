// Cost bench: us-east-1 list prices and the free tier's allowances (check the AWS pricing pages).
export const PRICE = {
  dynamoWritePerMillion: 0.625, // on-demand write request units
  dynamoReadPerMillion: 0.125, // on-demand read request units
  dynamoStorageGbMonth: 0.25,
  dynamoPitrGbMonth: 0.2, // continuous backups (point-in-time recovery)
  lambdaArmGbSecond: 0.0000133334,
  lambdaPerMillion: 0.2,
  httpApiPerMillion: 1.0, // API Gateway HTTP API, first 300 million
  sesPerThousand: 0.1,
  sesAttachmentGb: 0.12, // SES charges attachments per GB; taken here as the whole MIME message (an upper bound)
  cloudFrontPer10kHttps: 0.01, // North America / Europe
  cloudFrontGbOut: 0.085, // North America / Europe, first 10 TB
  cloudFrontFunctionsPerMillion: 0.1,
  secretMonth: 0.4,
  secretsPer10kCalls: 0.05,
  alarmMetricMonth: 0.1, // standard-resolution alarm, per metric (a metric-math alarm pays for each metric in it)
  logsIngestGb: 0.5,
  logsStorageGbMonth: 0.03,
  schedulerPerMillion: 1.0,
  wafWebAclMonth: 5,
  wafRuleMonth: 1,
  wafPerMillion: 0.6,
} as const;

/** Always-free allowances (every account, indefinitely). The 12-month offers are listed apart: see FREE_12_MONTHS. */
export const ALWAYS_FREE = {
  lambdaRequests: 1_000_000,
  lambdaGbSeconds: 400_000,
  dynamoStorageGb: 25,
  cloudFrontRequests: 10_000_000,
  cloudFrontGb: 1024,
  cloudFrontFunctions: 2_000_000,
  alarmMetrics: 10,
  logsGb: 5,
  schedulerInvocations: 14_000_000,
} as const;
/** Only for accounts opened before 15 July 2025, for their first year (newer accounts get credits instead). */
export const FREE_12_MONTHS = 'API Gateway 1M HTTP API calls and SES 3,000 messages a month';
