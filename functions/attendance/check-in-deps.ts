// Attendance: what the check-in use cases, routes and pages are built from. apps/api supplies it.
import type { Clock } from '#functions/core/clock.ts';
import type { ClientIp } from '#functions/http/client-ip.ts';
import type { SessionsRepository } from '#functions/auth/sessions.repository.ts';
import type { EventsRepository } from '#functions/events/events.repository.ts';
import type { NetworksRepository } from '#functions/networks/networks.repository.ts';
import type { RsvpsRepository } from '#functions/rsvps/rsvps.repository.ts';
import type { CheckInsRepository } from './check-ins.repository.ts';
import type { CodeAttempts } from './check-in-attempts.ts';

export interface CheckInDeps {
  events: EventsRepository;
  /** Who may check people in: the meetup's team (events/manage-access.ts authorise, 'attendees'). */
  networks: NetworksRepository;
  rsvps: Pick<RsvpsRepository, 'get' | 'list'>;
  checkIns: CheckInsRepository;
  /** Wrong self check-in codes, counted per RSVP and per IP. */
  codeAttempts: CodeAttempts;
  clock: Clock;
  clientIp: ClientIp;
  /** Signed-in people (auth/viewer.ts viewerOf). */
  sessions: SessionsRepository;
  siteUrl: string;
  operators: readonly string[];
}
