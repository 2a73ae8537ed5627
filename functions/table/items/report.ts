// Table item: a "Report this meetup" report (`REPORT#<id>` / `REPORT`), in GSI1's reports family by
// `<createdAt>#<id>`, so the operators' page reads the newest first with one Query. Written in the same transaction
// as the email to the operator; kept for REPORT_DAYS (TTL).
import { REPORT_DAYS, type StoredReport } from '#functions/core/report.ts';
import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Item, TransactItem } from '../client.ts';
import { gsi1Partitions, tableDesign } from '../design.ts';

const { partitionKey: PK, sortKey: SK, ttlAttribute: TTL } = tableDesign;
const IDX = tableDesign.indexes.gsi1;
const REPORT_SK = 'REPORT';

export const reportKey = (id: string) => ({ [PK]: `REPORT#${id}`, [SK]: REPORT_SK });

/** Epoch seconds at which the report is deleted. */
export const reportExpiresAt = (report: Pick<StoredReport, 'createdAt'>) => Math.floor(Date.parse(report.createdAt) / 1000) + REPORT_DAYS * 86_400;

export const reportPut = (tableName: string, report: StoredReport): TransactItem => ({
  Put: {
    TableName: tableName,
    Item: {
      ...reportKey(report.id),
      [IDX.partitionKey]: gsi1Partitions.reports,
      [IDX.sortKey]: `${report.createdAt}#${report.id}`,
      type: 'report',
      ...report,
      [TTL]: reportExpiresAt(report),
    },
    ConditionExpression: 'attribute_not_exists(#pk)',
    ExpressionAttributeNames: { '#pk': PK },
  },
});

/** The newest `limit` reports first (eventually consistent, as every index read). */
export const recentReportsQuery = (tableName: string, limit: number): QueryCommandInput => ({
  TableName: tableName,
  IndexName: IDX.name,
  KeyConditionExpression: '#gpk = :p',
  ExpressionAttributeNames: { '#gpk': IDX.partitionKey },
  ExpressionAttributeValues: { ':p': gsi1Partitions.reports },
  ScanIndexForward: false,
  Limit: limit,
});

export function reportFromItem(item: Item): StoredReport {
  const { [PK]: _pk, [SK]: _sk, [IDX.partitionKey]: _g, [IDX.sortKey]: _s, [TTL]: _ttl, type: _t, ...report } = item;
  return report as unknown as StoredReport;
}
