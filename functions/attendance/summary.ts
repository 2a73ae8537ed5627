// Attendance use case: keeping a meetup's numbers. Once its code window has closed the counts are taken from its RSVPs
// and kept on the event, so the network page and the organiser still see them after the RSVPs (and the names) go.
import { attendanceClosed, attendanceSummary } from '#functions/core/attendance.ts';
import type { Clock } from '#functions/core/clock.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import type { RsvpsRepository } from '#functions/rsvps/rsvps.repository.ts';
import type { CheckInsRepository } from './check-ins.repository.ts';

export interface SummaryDeps {
  rsvps: Pick<RsvpsRepository, 'list'>;
  checkIns: Pick<CheckInsRepository, 'saveSummary'>;
  clock: Clock;
}

/**
 * Counts the meetup's attendance and keeps it on the event, if its day is over (a correction after it, such as a
 * check-in added the next morning, counts again). Returns the counts kept, or undefined before then.
 */
export async function refreshSummary(deps: SummaryDeps, event: Pick<StoredEvent, 'id' | 'startUtc' | 'endUtc'>) {
  const now = deps.clock.now();
  if (!attendanceClosed(event, now)) return undefined;
  const summary = attendanceSummary(await deps.rsvps.list(event.id), now);
  await deps.checkIns.saveSummary(event.id, summary);
  return summary;
}
