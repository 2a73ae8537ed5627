// Follows adapter: an in-memory AnnouncementsRepository for API tests, over the in-memory events repository's
// gatherings (its `announcements` map) and an in-memory BroadcastStore. Same contract as the DynamoDB one.
import type { GatheringAnnouncement } from '#functions/events/events.repository.ts';
import type { BroadcastStore } from '#functions/mail/broadcasts.ts';
import type { AnnouncementsRepository } from './announcements.repository.ts';

export function memoryAnnouncementsRepository(options: {
  announcements: Map<string, GatheringAnnouncement>;
  broadcasts: Pick<BroadcastStore, 'create'>;
}): AnnouncementsRepository {
  const { announcements, broadcasts } = options;
  return {
    async due(now) {
      return [...announcements.values()]
        .filter((a) => Date.parse(a.dueAt) <= now.getTime())
        .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
        .map((a) => structuredClone(a));
    },
    async seal(gathering, broadcast) {
      if (announcements.get(gathering.networkSlug)?.joins !== gathering.joins) return false;
      const created = await broadcasts.create(broadcast);
      if (!created.ok) return false;
      announcements.delete(gathering.networkSlug);
      return true;
    },
  };
}
