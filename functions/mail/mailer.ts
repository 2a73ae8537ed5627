// Mail port: what the app needs from a mail service. The SES adapter (ses-mailer.ts) implements it.
import type { CalendarEntry } from '#functions/calendar/ics.ts';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  replyTo?: string;
  /** Attached as an .ics (METHOD:PUBLISH) by the mailer. */
  calendar?: CalendarEntry;
  /** For mail people did not directly ask for (reminders): one-click unsubscribe, RFC 8058 (a POST, no cookies). */
  listUnsubscribe?: string;
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<void>;
}
