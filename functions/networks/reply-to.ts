// Networks: where attendees' replies about a meetup go. A meetup of a network (one that is not hidden) sends its
// attendee emails with Reply-To the network's contact address; otherwise the caller keeps its own (the organiser's).
import type { StoredEvent } from '#functions/core/event.ts';
import { networkOf } from './authority.ts';
import type { NetworksRepository } from './networks.repository.ts';

export async function replyToFor(
  deps: { networks: Pick<NetworksRepository, 'get'> },
  event: Pick<StoredEvent, 'networkSlug'>,
): Promise<string | undefined> {
  const network = await networkOf(deps, event);
  return network && !network.hidden ? network.contactEmail : undefined;
}
