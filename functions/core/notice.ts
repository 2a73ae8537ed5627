// Core: a change notice, the email that tells people a meetup moved or was cancelled. The events room plans it
// (events/change-notice.ts), the table stores it with the event's save, the reminders room sends it.
import type { StoredEvent } from './event.ts';


export const NOTICE_FIELDS = ['startUtc', 'endUtc', 'timezone', 'startLocal', 'endLocal', 'format', 'venue', 'onlineUrl'] as const;
export type NoticeSnapshot = Pick<StoredEvent, (typeof NOTICE_FIELDS)[number]>;

export interface NoticeWrite {
  id: string;
  kind: 'updated' | 'cancelled';
  dueAt: string;
  baseline: NoticeSnapshot;
  /** False: the edit joins the open notice, which must still be open when the edit lands. */
  create: boolean;
}

/** A notice as stored beside its event, waiting for (or being worked through by) the reminder sweep. */
export interface StoredNotice {
  eventId: string;
  id: string;
  kind: 'updated' | 'cancelled';
  dueAt: string;
  baseline: NoticeSnapshot;
}
