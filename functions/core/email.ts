// Core: an email as every room writes it, and as the outbox stores it until the mailer sends it.
import type { CalendarEntry } from './calendar.ts';
import { newId } from './ids.ts';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  replyTo?: string;
  /** Attached as an .ics (METHOD:PUBLISH) by the mailer. */
  calendar?: CalendarEntry;
  /**
   * Images the HTML shows as `<img src="cid:<cid>">`, attached inline by the mailer (Gmail blocks data: URIs; many
   * clients show no SVG). Small ones only: the outbox item carries them (a QR code only as its text).
   */
  inlineImages?: InlineImage[];
  /** For mail people did not directly ask for (reminders): one-click unsubscribe, RFC 8058 (a POST, no cookies). */
  listUnsubscribe?: string;
  /**
   * A subscription message's list (RFC 2919), e.g. `uklibchat.followers.events.example.org`: every email to a
   * network's followers carries its network's, with listUnsubscribe. Receipts and one-time links never do.
   */
  listId?: { id: string; name: string };
}

/** An image the HTML shows as `<img src="cid:<cid>">`: its bytes, or a QR code the mailer draws. */
export type InlineImage = { cid: string; filename: string } & (
  | { contentType: 'image/gif' | 'image/png'; base64: string }
  /**
   * A QR code of `text`, about `size` px square (the HTML's width and height): drawn by the mailer as a GIF, as it
   * renders the .ics, so the functions that queue emails carry no QR library.
   */
  | { qrCode: { text: string; size: number } }
);

/** Every kind of email Signpost sends. Logged and counted by this, never by anything personal. */
export type EmailPurpose =
  | 'listing-confirmation'
  | 'rsvp-confirm-link'
  | 'rsvp-confirmed'
  | 'rsvp-waitlisted'
  | 'rsvp-promoted'
  | 'rsvp-organiser-notice'
  | 'rsvp-already-booked'
  | 'rsvp-removed'
  | 'rsvp-organiser-cancel-notice'
  | `reminder-${'day' | 'soon'}${'' | '-waitlist'}`
  | `event-${'updated' | 'cancelled'}`
  | `organiser-email-${'confirm' | 'requested' | 'changed' | 'welcome'}`
  | 'meetup-report'
  | 'sign-in'
  | `moderation-${'meetup' | 'network'}-${'hidden' | 'unhidden'}`
  | `moderation-network-${'approved' | 'refused'}`
  | `network-${'invitation' | 'approval-needed'}`
  | `follow-${'confirm' | 'already'}`
  | 'announcement'
  | 'digest'
  | `message-${'followers' | 'attendees'}`
  | 'still-coming'
  | 'still-coming-released'
  | 'still-coming-back'
  | 'cpd-record';

/**
 * An outbox message is pending until the mailer is done with it: sent; never sent because the address is suppressed;
 * or given up on (`failed`) after MAIL_GIVE_UP_DAYS of failed attempts.
 */
export type OutboxStatus = 'pending' | 'sent' | 'suppressed' | 'failed';

export interface OutboxMessage extends OutgoingEmail {
  id: string;
  /** What the email is for; for logs and metrics, never personal. */
  purpose: EmailPurpose;
  createdAt: string;
}

export function outboxMessage(email: OutgoingEmail, purpose: EmailPurpose, now: Date): OutboxMessage {
  return { id: newId(16), purpose, createdAt: now.toISOString(), ...email };
}

