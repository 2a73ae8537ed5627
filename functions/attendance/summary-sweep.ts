// Attendance use case: the sweep pass that keeps each meetup's numbers. Meetups whose check-in window closed in the
// last few days (from the listing index, never a Scan) and have no kept numbers yet get them, so the counts are on the
// event long before its RSVPs expire. Safe to run twice, or at once: a second pass finds the numbers kept and skips.
import { attendanceClosed, codeWindow } from '#functions/core/attendance.ts';
import { MAX_DURATION_DAYS } from '#functions/core/event.ts';
import { monthOf } from '#functions/core/facets.ts';
import type { Logger } from '#functions/core/log.ts';
import type { EventsRepository } from '#functions/events/events.repository.ts';
import type { ListedEvent, ListingPlan } from '#functions/events/listing.ts';
import { refreshSummary, type SummaryDeps } from './summary.ts';

const HOUR = 3_600_000;
/** How far back a closed window is looked for: a missed run (or a few days of failing ones) still gets its numbers. */
export const SUMMARY_LOOKBACK_DAYS = 3;
/** Meetups read per sweep: days of a busy site's meetups. */
export const SWEEP_READ = 500;

export interface SummarySweepDeps extends SummaryDeps {
  events: Pick<EventsRepository, 'list' | 'get'>;
  logger: Logger;
}

/**
 * Meetups that started at least an hour ago (a window closes an hour after the end, and never before the start) and
 * ended after the lookback began less the hour: those whose window closed in the lookback, and those still running.
 */
function closingPlan(now: Date, since: number): ListingPlan {
  const from = new Date(since - MAX_DURATION_DAYS * 24 * HOUR - HOUR).toISOString();
  const to = new Date(now.getTime() - HOUR).toISOString();
  return { facet: 'all', fromSortKey: from, toSortKey: to, fromMonth: monthOf(from), lastMonth: monthOf(to), endsAfter: new Date(since - HOUR).toISOString(), words: [] };
}

/**
 * The published meetups whose check-in window closed in the last `days` (from the listing index, never a Scan), for
 * the sweeps that follow a meetup's end: its numbers here, its records of attendance (functions/cpd). `more`: the read
 * hit its limit, and the rest wait for the next run.
 */
export async function closedWithin(events: Pick<EventsRepository, 'list'>, now: Date, days: number): Promise<{ closed: ListedEvent[]; more: boolean }> {
  const since = now.getTime() - days * 24 * HOUR;
  const page = await events.list(closingPlan(now, since), SWEEP_READ);
  const closed = page.items.filter((e) => e.status === 'published' && attendanceClosed(e, now) && codeWindow(e).closes.getTime() >= since);
  return { closed, more: Boolean(page.nextCursor) };
}

/** Keeps the numbers of every meetup that needs them now; one that fails is logged and left for the next run. */
export async function sweepSummaries(deps: SummarySweepDeps): Promise<{ kept: number; failed: number }> {
  const now = deps.clock.now();
  const { closed, more } = await closedWithin(deps.events, now, SUMMARY_LOOKBACK_DAYS);
  if (more) deps.logger.warn('Summary sweep read its limit of meetups; the rest wait for the next run', { limit: SWEEP_READ });
  const result = { kept: 0, failed: 0 };
  for (const listed of closed) {
    try {
      const event = await deps.events.get(listed.id);
      if (!event || event.status !== 'published' || event.attendanceSummary) continue;
      if (await refreshSummary(deps, event)) result.kept++;
    } catch (error) {
      result.failed++;
      deps.logger.error('Keeping a meetup’s numbers failed', { eventId: listed.id, error: String(error) });
    }
  }
  return result;
}
