// Mail port: what the app needs from a mail service. The SES adapter (ses-mailer.ts) implements it.
import type { CalendarEntry } from '../feeds/ics.ts';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  replyTo?: string;
  /** Attached as an .ics (METHOD:PUBLISH) by the mailer. */
  calendar?: CalendarEntry;
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<void>;
}
