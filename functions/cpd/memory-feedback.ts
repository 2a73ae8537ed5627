// CPD adapter: the FeedbackRepository in memory, over the in-memory CPD log and meetups: an answer holds only for a
// record with none yet whose meetup is there, as the transaction's conditions do on DynamoDB. A record is claimed
// before the first await, so two answers at once store one.
import { emptyTally, type FeedbackAnswer, type FeedbackTally } from '#functions/core/feedback.ts';
import type { CpdLogRepository } from './log.repository.ts';
import type { FeedbackRepository } from './feedback.repository.ts';

export function memoryFeedback(
  cpdLog: () => Pick<CpdLogRepository, 'recordById' | 'updateRecord'>, eventExists: (id: string) => boolean,
): FeedbackRepository & { stored: Map<string, FeedbackAnswer[]> } {
  const stored = new Map<string, FeedbackAnswer[]>();
  const tallies = new Map<string, FeedbackTally>();
  const claimed = new Set<string>();
  return {
    stored,
    async give({ record: at, answer, at: when }) {
      if (claimed.has(at.id) || !eventExists(at.eventId)) return false;
      claimed.add(at.id);
      const record = await cpdLog().recordById(at.id);
      if (!record || record.personId !== at.personId || record.feedbackGivenAt) {
        claimed.delete(at.id);
        return false;
      }
      await cpdLog().updateRecord(at.personId, at.id, { feedbackGivenAt: when });
      stored.set(at.eventId, [...(stored.get(at.eventId) ?? []), structuredClone(answer)]);
      const tally = tallies.get(at.eventId) ?? emptyTally();
      tally.count++;
      tally.sum += answer.rating;
      tally.ratings[answer.rating - 1]!++;
      tallies.set(at.eventId, tally);
      return true;
    },
    async tally(eventId) {
      return structuredClone(tallies.get(eventId) ?? emptyTally());
    },
    async tallies(eventIds) {
      return new Map(eventIds.flatMap((id) => { const t = tallies.get(id); return t?.count ? [[id, structuredClone(t)] as const] : []; }));
    },
    async answers(eventId) {
      return structuredClone(stored.get(eventId) ?? []);
    },
  };
}
