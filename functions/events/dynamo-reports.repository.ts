// Events adapter: ReportsRepository on DynamoDB. The report item, its email and its rate-limit claims go in one
// transaction; the operators' page reads the newest from the index (table/items/report.ts).
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { cancellationReasons, documentClient, firstConditionFailed, transactWrite } from '#functions/table/client.ts';
import { outboxPut } from '#functions/table/items/outbox.ts';
import { rateClaimUpdate } from '#functions/table/items/rate-claim.ts';
import { recentReportsQuery, reportFromItem, reportPut } from '#functions/table/items/report.ts';
import type { ReportsRepository } from './reports.repository.ts';

export function dynamoReportsRepository(client: DynamoDBClient, tableName: string): ReportsRepository {
  const db = documentClient(client);
  return {
    async add(report, emails, claims) {
      try {
        await transactWrite(client, {
          TransactItems: [...claims.map((c) => rateClaimUpdate(tableName, c)), reportPut(tableName, report), ...emails.map((m) => outboxPut(tableName, m))],
        });
        return { ok: true };
      } catch (error) {
        const failed = firstConditionFailed(cancellationReasons(error));
        if (failed >= 0 && failed < claims.length) return { ok: false, reason: 'rate_limited', claim: claims[failed]! };
        throw error;
      }
    },

    async recent(limit) {
      const out = await db.send(new QueryCommand(recentReportsQuery(tableName, limit)));
      return (out.Items ?? []).map(reportFromItem);
    },
  };
}
