// Moderation: what the deployment's operators do (reports, hiding, approving networks). apps/api supplies it.
import type { NetworksDeps } from '#functions/networks/deps.ts';
import type { EventsRepository } from '#functions/events/events.repository.ts';

export interface ModerationDeps extends NetworksDeps {
  events: EventsRepository;
}
