// Reminders domain: the token in a reminder's unsubscribe links. An HMAC of the RSVP with its own purpose, so it is
// never stored, every reminder carries the same working link, and it can do nothing but stop reminders.
import { createHmac, timingSafeEqual } from 'node:crypto';

export function remindersOffToken(secret: Uint8Array, eventId: string, rsvpKey: string): string {
  return createHmac('sha256', secret).update(`reminders-off:${eventId}:${rsvpKey}`).digest('base64url');
}

export function remindersOffTokenMatches(secret: Uint8Array, eventId: string, rsvpKey: string, token: string): boolean {
  const expected = Buffer.from(remindersOffToken(secret, eventId, rsvpKey));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function remindersOffLinks(siteUrl: string, eventId: string, rsvpKey: string, token: string) {
  return {
    remindersOffPage: `${siteUrl}/reminders-off/${eventId}/${rsvpKey}#token=${token}`,
    remindersOffOneClick: `${siteUrl}/api/events/${eventId}/rsvps/${rsvpKey}/reminders-off?token=${token}`,
  };
}
