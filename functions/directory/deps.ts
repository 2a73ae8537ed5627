// Directory: the network pages and the directory of networks. apps/api supplies it.
import type { NetworksDeps } from '#functions/networks/deps.ts';
import type { EventsRepository } from '#functions/events/events.repository.ts';

export interface DirectoryDeps extends NetworksDeps {
  events: EventsRepository;
}
