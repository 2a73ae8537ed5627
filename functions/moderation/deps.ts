// Moderation: what the deployment's operators do (reports, hiding, approving networks). apps/api supplies it.
import type { NetworksDeps } from '#functions/networks/deps.ts';
import type { EventsRepository } from '#functions/events/events.repository.ts';
import type { ReportsRepository } from '#functions/events/reports.repository.ts';
import type { HiddenMeetupsRepository } from './hidden-meetups.repository.ts';

export interface ModerationDeps extends NetworksDeps {
  events: EventsRepository;
  /** "Report this meetup" reports, newest first. */
  reports: Pick<ReportsRepository, 'recent'>;
  /** Which meetups are hidden, for the operators' page and for unhiding a network's meetups. */
  hiddenMeetups: HiddenMeetupsRepository;
  /** OPERATOR_EMAIL: where owners of something hidden can reply to ask why. */
  operatorEmail?: string | undefined;
}
