// Mail port: what the app needs from a mail service. The SES adapter (ses-mailer.ts) implements it.
export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  replyTo?: string;
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<void>;
}
