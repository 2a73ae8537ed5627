// Follows: the storage port for announcements still gathering (table/items/announcement.ts). Publishing a meetup adds
// it to its network's gathering (the events room writes that); the follows sweep seals a due one into a broadcast.
import type { StoredBroadcast } from '#functions/core/broadcast.ts';
import type { GatheringAnnouncement } from '#functions/events/events.repository.ts';

export interface AnnouncementsRepository {
  /** Gatherings whose window has passed by `now`, oldest first (an index Query, never a Scan). */
  due(now: Date): Promise<GatheringAnnouncement[]>;
  /**
   * In one write: deletes the gathering, if no publish joined it since it was read (its `joins`), and stores
   * `broadcast` open. False (nothing written) when one did: the next sweep seals it with the newcomer.
   */
  seal(gathering: GatheringAnnouncement, broadcast: StoredBroadcast): Promise<boolean>;
}
