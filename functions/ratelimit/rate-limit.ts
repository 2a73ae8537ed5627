// Rate limiting domain: fixed-window counters keyed by a hash of the subject (IP or address), never the raw value.
import { hashSecret } from '#functions/core/ids.ts';
import { AppError } from '#functions/core/errors.ts';

export interface RateRule {
  scope: string;
  limit: number;
  windowSeconds: number;
}

/** One counter to take: the table keeps it (table/items/rate-claim.ts) by scope, subject hash and window. */
export interface RateClaim {
  /** Names the counter: the same scope, subject and window give the same key. Never the subject itself. */
  key: string;
  scope: string;
  subjectHash: string;
  /** Epoch seconds when the window began. */
  windowStart: number;
  limit: number;
  /** Epoch seconds when the window ends; the counter item's TTL. */
  windowEndsAt: number;
  retryAfterSeconds: number;
}

/** The listing form mails whatever address it is given, so both the sender's IP and the address are limited. */
export const listingRules = {
  perIp: { scope: 'list-ip', limit: 10, windowSeconds: 3600 },
  perOrganiser: { scope: 'list-email', limit: 5, windowSeconds: 3600 },
} satisfies Record<string, RateRule>;

/** RSVPs mail the address given: a few confirmation mails per address per event per hour, and a cap per IP. */
export const rsvpRules = {
  perIp: { scope: 'rsvp-ip', limit: 30, windowSeconds: 3600 },
  perRecipient: { scope: 'rsvp-to', limit: 3, windowSeconds: 3600 },
} satisfies Record<string, RateRule>;

/**
 * Signing in mails a link and a code to whatever address is typed: a few requests per address and a cap per IP. Codes
 * typed are limited per IP too (besides five wrong codes voiding a challenge), so guessing across many challenges is
 * slow: at most 5 challenges x 5 tries per address per hour.
 */
export const signInRules = {
  perAddress: { scope: 'signin-email', limit: 5, windowSeconds: 3600 },
  perIp: { scope: 'signin-ip', limit: 20, windowSeconds: 3600 },
  codesPerIp: { scope: 'signin-code-ip', limit: 30, windowSeconds: 3600 },
} satisfies Record<string, RateRule>;

/**
 * Following a network mails a confirmation link to whatever address is typed: a few per address (across networks) and
 * a cap per IP, as signing in is limited.
 */
export const followRules = {
  perAddress: { scope: 'follow-email', limit: 5, windowSeconds: 3600 },
  perIp: { scope: 'follow-ip', limit: 20, windowSeconds: 3600 },
} satisfies Record<string, RateRule>;

/**
 * A team's messages reach many inboxes, so a stolen session or manage link can send only a few a day: per meetup to
 * its attendees, per network to its followers, and per network in all (its meetups' messages included).
 */
export const messageRules = {
  perMeetup: { scope: 'msg-meetup', limit: 3, windowSeconds: 86_400 },
  followersPerNetwork: { scope: 'msg-followers', limit: 2, windowSeconds: 86_400 },
  perNetwork: { scope: 'msg-network', limit: 10, windowSeconds: 86_400 },
} satisfies Record<string, RateRule>;

/**
 * The day's self check-in code is 4 letters of 20: wrong codes are counted per RSVP (a few per quarter hour, and per
 * hour) and per IP, and while any counter is full even a right code is refused.
 */
export const checkInCodeRules = {
  perRsvp: { scope: 'checkin-rsvp', limit: 5, windowSeconds: 900 },
  perRsvpHourly: { scope: 'checkin-rsvp-hour', limit: 10, windowSeconds: 3600 },
  perIp: { scope: 'checkin-ip', limit: 30, windowSeconds: 3600 },
} satisfies Record<string, RateRule>;

export function claimFor(rule: RateRule, subject: string, now: Date): RateClaim {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const windowStart = nowSeconds - (nowSeconds % rule.windowSeconds);
  const windowEndsAt = windowStart + rule.windowSeconds;
  const subjectHash = hashSecret(`${rule.scope}:${subject.toLowerCase()}`).slice(0, 32);
  return {
    key: `${rule.scope}#${subjectHash}#${windowStart}`,
    scope: rule.scope,
    subjectHash,
    windowStart,
    limit: rule.limit,
    windowEndsAt,
    retryAfterSeconds: Math.max(1, windowEndsAt - nowSeconds),
  };
}

/** The words for a refused claim; use cases throw it when the table refuses one. */
export const rateLimited = (claim: RateClaim) =>
  new AppError(
    'rate_limited',
    'rate_limited',
    'Too many requests from you or for that address. Please try again later.',
    undefined,
    claim.retryAfterSeconds,
  );
