// Mail port: what the mailer needs from a mail service. The SES adapter (ses-mailer.ts) implements it.
import type { OutgoingEmail } from '#functions/core/email.ts';


export interface Mailer {
  send(email: OutgoingEmail): Promise<void>;
}
