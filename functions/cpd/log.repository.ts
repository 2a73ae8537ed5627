// CPD port: the personal CPD log (table/items/cpd.ts on DynamoDB; memory-log.ts for tests). Adapters return outcomes;
// the use cases choose the words. A person's log is theirs: every method but `issue` and `recordById` is asked with
// the person's id, from their session.
import type { CpdActivity, CpdLog, CpdRecord, CpdSettings } from '#functions/core/cpd.ts';
import type { OutboxMessage } from '#functions/core/email.ts';

export interface CpdLogRepository {
  /**
   * Issues `record` for the RSVP, with its email, exactly once: false when the RSVP is not checked in or already has
   * its record (nothing written).
   */
  issue(input: { record: CpdRecord; rsvp: { eventId: string; key: string }; email: OutboxMessage }): Promise<boolean>;
  /** A record by its id alone (the verification link): through its pointer; undefined once deleted. */
  recordById(id: string): Promise<CpdRecord | undefined>;
  log(personId: string): Promise<CpdLog>;
  /** Changes a record's own fields (reflection, sharing, feedback given); false when it is not theirs or is gone. */
  updateRecord(personId: string, id: string, fields: Partial<Pick<CpdRecord, 'reflection' | 'reflectionUpdatedAt' | 'shared' | 'shareNonce' | 'feedbackGivenAt'>>): Promise<boolean>;
  putActivity(activity: CpdActivity): Promise<void>;
  /** False when there is no such activity of theirs. */
  deleteActivity(personId: string, id: string): Promise<boolean>;
  saveSettings(personId: string, settings: CpdSettings): Promise<void>;
  /** Deletes the whole log, and every record's pointer (so their verification links stop): how many items went. */
  deleteAll(personId: string): Promise<number>;
}
