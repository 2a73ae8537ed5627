// Events adapter: ReportsRepository on DynamoDB. The report item, its email and its rate-limit claims go in one
// transaction; the operators' page reads the newest from the index (table/items/report.ts).
import { claimedWrite } from '#functions/ratelimit/claimed-write.ts';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#functions/table/client.ts';
import { outboxPut } from '#functions/table/items/outbox.ts';
import { recentReportsQuery, reportFromItem, reportPut } from '#functions/table/items/report.ts';
import type { ReportsRepository } from './reports.repository.ts';

export function dynamoReportsRepository(client: DynamoDBClient, tableName: string): ReportsRepository {
  const db = documentClient(client);
  return {
    async add(report, emails, claims) {
      const written = await claimedWrite(client, tableName, claims, [reportPut(tableName, report), ...emails.map((m) => outboxPut(tableName, m))]);
      if (written.ok || written.reason === 'rate_limited') return written;
      throw new Error(`Storing report ${report.id} was refused`);
    },

    async recent(limit) {
      const out = await db.send(new QueryCommand(recentReportsQuery(tableName, limit)));
      return (out.Items ?? []).map(reportFromItem);
    },
  };
}
