// Suppression: the storage port. The SES events function marks addresses; the mailer and the organiser's attendee list read them.
import type { Suppression } from './suppression.ts';

export interface SuppressionsRepository {
  /** Records (or refreshes) a suppression. Idempotent: SES may deliver an event more than once. */
  mark(email: string, suppression: Suppression): Promise<void>;
  /** The suppressed ones among these addresses, keyed by the address as given. */
  find(emails: string[]): Promise<Map<string, Suppression>>;
}
