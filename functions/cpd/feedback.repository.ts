// CPD port: the anonymous feedback a record's email offers (table/items/feedback.ts on DynamoDB; memory-feedback.ts
// for tests). Adapters return outcomes; the use cases (feedback.ts) choose the words.
import type { EventFeedbackReader, FeedbackAnswer, FeedbackTally } from '#functions/core/feedback.ts';

export interface FeedbackRepository extends EventFeedbackReader {
  /**
   * Stores the answer for the record, once, with the meetup's counters: false when the record has an answer already,
   * is gone, or its meetup is gone (nothing written).
   */
  /** Many meetups' counters at once (a network's): a meetup with no answers, or gone, is absent. */
  tallies(eventIds: readonly string[]): Promise<Map<string, FeedbackTally>>;
  give(input: { record: { personId: string; id: string; eventId: string }; answer: FeedbackAnswer; answerId: string; at: string }): Promise<boolean>;
}
