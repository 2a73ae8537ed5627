// Feeds domain: the secret in a personal feed's URL. Never stored: it is an HMAC of the person's id and a random
// nonce kept on their record, so every email can carry it, and replacing the nonce kills every old URL at once.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { personId } from '#functions/core/person.ts';


export const newNonce = () => randomBytes(16).toString('base64url');

const ID_LENGTH = 24;
const MAC_LENGTH = 43; // 256 bits, base64url

function mac(secret: Uint8Array, id: string, nonce: string): string {
  return createHmac('sha256', secret).update(`personal-feed:${id}:${nonce}`).digest('base64url');
}

/** "<24 hex id><43-char MAC>": the id finds the record, the MAC proves the holder was sent the link. */
export function personalFeedToken(secret: Uint8Array, id: string, nonce: string): string {
  return `${id}${mac(secret, id, nonce)}`;
}

export const PERSONAL_TOKEN_PATTERN = /^[0-9a-f]{24}[A-Za-z0-9_-]{43}$/;

/** The person id a token claims, or undefined when it is not even shaped like one. */
export function tokenPerson(token: string): string | undefined {
  return PERSONAL_TOKEN_PATTERN.test(token) ? token.slice(0, ID_LENGTH) : undefined;
}

export function tokenMatches(secret: Uint8Array, token: string, nonce: string): boolean {
  const id = tokenPerson(token);
  if (!id) return false;
  const expected = Buffer.from(mac(secret, id, nonce));
  const given = Buffer.from(token.slice(ID_LENGTH));
  return given.length === MAC_LENGTH && timingSafeEqual(expected, given);
}
