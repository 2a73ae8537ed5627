// Events adapter: an in-memory ReportsRepository for API tests and demos, queueing into the given outbox (the
// in-memory events' own). Same contract as the DynamoDB one.
import type { OutboxMessage } from '#functions/core/email.ts';
import type { StoredReport } from '#functions/core/report.ts';
import type { ReportsRepository } from './reports.repository.ts';

export function memoryReportsRepository(outbox: OutboxMessage[]): ReportsRepository & { reports: StoredReport[] } {
  const reports: StoredReport[] = [];
  const counters = new Map<string, number>();
  return {
    reports,
    async add(report, emails, claims) {
      const over = claims.find((c) => (counters.get(c.key) ?? 0) >= c.limit);
      if (over) return { ok: false, reason: 'rate_limited', claim: over };
      claims.forEach((c) => counters.set(c.key, (counters.get(c.key) ?? 0) + 1));
      reports.push(structuredClone(report));
      outbox.push(...structuredClone(emails));
      return { ok: true };
    },
    async recent(limit) {
      return [...reports]
        .sort((a, b) => (a.createdAt === b.createdAt ? b.id.localeCompare(a.id) : a.createdAt < b.createdAt ? 1 : -1))
        .slice(0, limit)
        .map((r) => structuredClone(r));
    },
  };
}
