// CPD port: the personal CPD log (table/items/cpd.ts on DynamoDB; memory-log.ts for tests). Adapters return outcomes;
// the use cases choose the words. A person's log is theirs: every method but `issue` and `recordById` is asked with
// the person's id, from their session.
import type { CpdActivity, CpdLog, CpdRecord, CpdSettings } from '#functions/core/cpd.ts';
import type { OutboxMessage } from '#functions/core/email.ts';

export type RecordField = 'reflection' | 'reflectionUpdatedAt' | 'shared' | 'shareNonce' | 'feedbackGivenAt';
/** An activity's own fields: everything but its id, whose it is and when it was added. */
export type ActivityField = Exclude<keyof CpdActivity, 'id' | 'personId' | 'createdAt'>;

export interface CpdLogRepository {
  /**
   * Issues `record` for the RSVP, with its email, exactly once: false when the RSVP is not checked in, no longer
   * confirmed or a walk-in (cancelled or removed since it was listed), or already has its record (nothing written).
   */
  issue(input: { record: CpdRecord; rsvp: { eventId: string; key: string }; email: OutboxMessage }): Promise<boolean>;
  /** A record by its id alone (the verification link): through its pointer; undefined once deleted. */
  recordById(id: string): Promise<CpdRecord | undefined>;
  log(personId: string): Promise<CpdLog>;
  /**
   * Changes only the given fields of a record (reflection, sharing, feedback given; undefined removes one), and only
   * while it exists and, with `when`, still holds those values: false when it is not theirs, is gone or `when` no
   * longer holds (nothing written).
   */
  updateRecord(personId: string, id: string, fields: Partial<Pick<CpdRecord, RecordField>>, when?: Partial<Pick<CpdRecord, 'shared' | 'shareNonce'>>): Promise<boolean>;
  /** Adds a new activity. */
  putActivity(activity: CpdActivity): Promise<void>;
  /**
   * Changes only the given fields of an activity (undefined removes one), only while it exists, so an edit racing its
   * deletion (or "Delete my CPD log") brings nothing back: the activity as stored after, or undefined when there is no
   * such activity of theirs (nothing written).
   */
  updateActivity(personId: string, id: string, fields: Partial<Pick<CpdActivity, ActivityField>>): Promise<CpdActivity | undefined>;
  /** False when there is no such activity of theirs. */
  deleteActivity(personId: string, id: string): Promise<boolean>;
  saveSettings(personId: string, settings: CpdSettings): Promise<void>;
  /** Deletes the whole log, and every record's pointer (so their verification links stop): how many items went. */
  deleteAll(personId: string): Promise<number>;
}
