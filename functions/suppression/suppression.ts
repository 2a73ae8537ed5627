// Suppression domain: addresses SES told us not to mail again (a permanent bounce, or a complaint), read from SES's
// event publishing records. Pure: no AWS imports. Only a hash of the address is ever stored.
import * as z from 'zod/mini';
import { personId, type SuppressionReason } from '#functions/core/person.ts';


export interface Suppression {
  reason: SuppressionReason;
  /** SES's words for it: "Permanent/NoEmail", "Permanent/OnAccountSuppressionList", or a complaint's feedback type. */
  detail: string;
  /** When SES saw it (ISO 8601). */
  at: string;
}

/** The one key an address is known by, shared with personal feeds: a hash, so no address is kept for this. */
export const suppressionKey = (email: string) => personId(normaliseAddress(email));

/** "Name <a@b>" or " A@B " to "a@b". */
export function normaliseAddress(address: string): string {
  const angled = /<([^<>]+)>\s*$/.exec(address);
  return (angled ? angled[1]! : address).trim().toLowerCase();
}

const recipients = z.array(z.looseObject({ emailAddress: z.string() }));

/** The `detail` of an SES event (EventBridge) or the message of an SES notification (SNS): the parts we read. */
export const sesEventSchema = z.looseObject({
  eventType: z.optional(z.string()),
  notificationType: z.optional(z.string()),
  mail: z.looseObject({ messageId: z.optional(z.string()), timestamp: z.optional(z.string()) }),
  bounce: z.optional(
    z.looseObject({
      bounceType: z.string(),
      bounceSubType: z.optional(z.string()),
      bouncedRecipients: recipients,
      timestamp: z.optional(z.string()),
    }),
  ),
  complaint: z.optional(
    z.looseObject({
      complainedRecipients: recipients,
      complaintFeedbackType: z.optional(z.string()),
      timestamp: z.optional(z.string()),
    }),
  ),
});

export type SesEvent = z.infer<typeof sesEventSchema>;

/**
 * Which addresses an SES event suppresses. A permanent bounce does (the mailbox doesn't exist, or SES already holds it
 * on the account's suppression list); a transient or undetermined one doesn't (a full mailbox, a greylisting server),
 * and SES retries those itself. Any complaint does: the person marked our mail as spam, and SES reviews an account at 0.1%.
 */
export function suppressionsFrom(event: SesEvent, receivedAt: Date): { email: string; suppression: Suppression }[] {
  const type = event.eventType ?? event.notificationType;
  if (type === 'Bounce' && event.bounce?.bounceType === 'Permanent') {
    const { bounce } = event;
    const at = bounce.timestamp ?? receivedAt.toISOString();
    const detail = `Permanent/${bounce.bounceSubType ?? 'General'}`;
    return unique(bounce.bouncedRecipients.map((r) => r.emailAddress)).map((email) => ({ email, suppression: { reason: 'bounce', detail, at } }));
  }
  if (type === 'Complaint' && event.complaint) {
    const { complaint } = event;
    const at = complaint.timestamp ?? receivedAt.toISOString();
    const detail = complaint.complaintFeedbackType ?? 'complaint';
    return unique(complaint.complainedRecipients.map((r) => r.emailAddress)).map((email) => ({ email, suppression: { reason: 'complaint', detail, at } }));
  }
  return [];
}

const unique = (addresses: string[]) => [...new Set(addresses.map(normaliseAddress).filter((a) => a.includes('@')))];
