// Moderation adapter: an in-memory HiddenMeetupsRepository for API tests and demos. Same contract as the DynamoDB one.
import type { HiddenMeetupEntry, HiddenMeetupsRepository } from './hidden-meetups.repository.ts';

export function memoryHiddenMeetupsRepository(): HiddenMeetupsRepository & { entries: Map<string, HiddenMeetupEntry> } {
  const entries = new Map<string, HiddenMeetupEntry>();
  return {
    entries,
    async add(entry) {
      entries.set(entry.eventId, structuredClone(entry));
    },
    async remove(eventId) {
      entries.delete(eventId);
    },
    async list() {
      return [...entries.values()].map((e) => structuredClone(e));
    },
  };
}
