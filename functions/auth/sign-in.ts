// Auth domain: the rules of a sign-in challenge, pure. One request makes one challenge: a 128-bit id, a 256-bit link
// token and a 6-digit code, both kept only as hashes; both expire after SIGN_IN_MINUTES and either signs in once.
// Five wrong codes void the code (the link still works: it is 256 bits, and only the mailbox has it).
import type { StoredChallenge } from '#functions/core/sign-in.ts';
import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import { hashSecret } from '#functions/core/ids.ts';
import { personId } from '#functions/core/person.ts';

export const SIGN_IN_MINUTES = 15;
export const MAX_CODE_ATTEMPTS = 5;
export const CODE_DIGITS = 6;

export type { StoredChallenge };

/** What the email carries; only the challenge's hashes are stored. */
export interface IssuedChallenge {
  challenge: StoredChallenge;
  /** `<challenge id>.<43-character secret>`: the `token` of the emailed link. */
  linkToken: string;
  code: string;
}

const CHALLENGE_ID = /^[A-Za-z0-9_-]{22}$/;
const LINK_TOKEN = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;
const CODE = new RegExp(`^\\d{${CODE_DIGITS}}$`);

export const isChallengeId = (id: string) => CHALLENGE_ID.test(id);

/** A uniformly random 6-digit code, leading zeros kept. */
export const newCode = () => String(randomInt(0, 10 ** CODE_DIGITS)).padStart(CODE_DIGITS, '0');

export const codeHash = (challengeId: string, code: string) => hashSecret(`${challengeId}:${code}`);

const sameHash = (a: string, b: string) => {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
};

export function issueChallenge(email: string, now: Date, next?: string): IssuedChallenge {
  const address = email.trim().toLowerCase();
  const id = randomBytes(16).toString('base64url');
  const secret = randomBytes(32).toString('base64url');
  const code = newCode();
  const challenge: StoredChallenge = {
    id,
    email: address,
    personId: personId(address),
    linkHash: hashSecret(secret),
    codeHash: codeHash(id, code),
    attempts: 0,
    ...(next ? { next } : {}),
    createdAt: now.toISOString(),
    expiresAt: Math.floor(now.getTime() / 1000) + SIGN_IN_MINUTES * 60,
  };
  return { challenge, linkToken: `${id}.${secret}`, code };
}

/** The challenge id and the hash of the secret a link token carries, or undefined when it is not one of ours. */
export function readLinkToken(token: string): { challengeId: string; linkHash: string } | undefined {
  const m = LINK_TOKEN.exec(token.trim());
  return m ? { challengeId: m[1]!, linkHash: hashSecret(m[2]!) } : undefined;
}

export const isExpired = (c: Pick<StoredChallenge, 'expiresAt'>, now: Date) => c.expiresAt * 1000 <= now.getTime();

/** Why a challenge can't be used now, or undefined when it can. */
export function challengeState(c: StoredChallenge | undefined, now: Date): 'unknown' | 'used' | 'expired' | undefined {
  if (!c) return 'unknown';
  if (c.usedAt) return 'used';
  if (isExpired(c, now)) return 'expired';
  return undefined;
}

export const linkMatches = (c: StoredChallenge, linkHash: string) => sameHash(c.linkHash, linkHash);

export const codeMatches = (c: StoredChallenge, code: string) => sameHash(c.codeHash, codeHash(c.id, code));

export const codeVoid = (c: Pick<StoredChallenge, 'attempts'>) => c.attempts >= MAX_CODE_ATTEMPTS;

/** The code as typed, spaces and dashes forgiven ("123 456"); undefined when it is not 6 digits. */
export function readCode(typed: string): string | undefined {
  const code = typed.replace(/[\s-]/g, '');
  return CODE.test(code) ? code : undefined;
}

/**
 * Where to go once signed in: only a path on this site. A single leading '/' (not '//' or '/\', which browsers read
 * as another host), no control characters, not too long; anything else is dropped.
 */
export function safeNext(next: string | null | undefined): string | undefined {
  if (!next || next.length > 500) return undefined;
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return undefined;
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return undefined;
  try {
    const url = new URL(next, 'https://signpost.invalid');
    if (url.origin !== 'https://signpost.invalid') return undefined;
    return url.pathname + url.search + url.hash;
  } catch {
    return undefined;
  }
}

export const SIGN_IN_MESSAGES = {
  emailMissing: 'Enter your email address',
  emailTooLong: 'Your email address must be 254 characters or fewer',
  emailInvalid: 'Enter an email address in the correct format, like name@example.org',
  codeMissing: 'Enter the 6-digit code from the email',
  codeInvalid: 'The code is 6 digits, like 123456',
  codeWrong: 'That code is not right. Check the email and try again',
  codeVoid: 'That code has been tried too many times. Ask for a new code',
  codeExpired: 'That code has expired. Ask for a new code',
} as const;

const M = SIGN_IN_MESSAGES;

/** The address form's field; the same messages as the listing and RSVP forms. */
export const signInRequestSchema = z.object({
  email: z.string(M.emailMissing).trim().min(1, M.emailMissing).max(254, M.emailTooLong).pipe(z.email(M.emailInvalid)),
});
