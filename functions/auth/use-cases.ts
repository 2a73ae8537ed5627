// Auth use cases: asking to sign in (a challenge, its email and its rate-limit claims, one write), signing in by the
// emailed link or the typed code (each uses the challenge once), and signing out. They answer outcomes; pages.ts
// chooses the page.
import type { Context } from 'hono';
import { validationError } from '#functions/core/errors.ts';
import { outboxMessage } from '#functions/core/email.ts';
import { newId } from '#functions/core/ids.ts';
import type { Viewer } from '#functions/core/viewer.ts';
import { claimFor, rateLimited, signInRules } from '#functions/ratelimit/rate-limit.ts';
import { fieldIssues } from '#functions/http/schemas.ts';
import type { AuthDeps } from './deps.ts';
import { signInEmail, signInLink } from './emails.ts';
import { startSession } from './start-session.ts';
import { clearSessionCookie } from './cookie.ts';
import {
  SIGN_IN_MESSAGES as M, challengeState, codeHash, codeMatches, codeVoid, isChallengeId, issueChallenge, linkMatches, readCode, readLinkToken, signInRequestSchema,
} from './sign-in.ts';

/**
 * Sends a sign-in link and code to `email`; answers the challenge id for the code form. Nothing is looked up by
 * address, so the answer (and its timing) is the same for every address. A 400 naming `email`, or a 429.
 */
export async function requestSignIn(deps: AuthDeps, input: { email: string }, ip: string, next?: string): Promise<{ challengeId: string; email: string }> {
  const parsed = signInRequestSchema.safeParse(input);
  if (!parsed.success) throw validationError(fieldIssues(parsed.error));
  const now = deps.clock.now();
  const { challenge, linkToken, code } = issueChallenge(parsed.data.email, now, next);
  const email = outboxMessage(signInEmail(challenge.email, signInLink(deps.siteUrl, linkToken), code), 'sign-in', now);
  const claims = [claimFor(signInRules.perIp, ip, now), claimFor(signInRules.perAddress, challenge.email, now)];
  const stored = await deps.sessions.createChallenge(challenge, claims, email);
  if (!stored.ok) throw rateLimited(stored.claim);
  return { challengeId: challenge.id, email: parsed.data.email };
}

/** For the bot trap: a code form that looks the same, with an id no challenge has. */
export const decoyChallengeId = () => newId(22);

export type LinkState = { ok: true } | { ok: false; reason: 'used' | 'expired' | 'invalid'; next?: string };

/** Reads the challenge a link token names: whether it can still sign in, and the challenge when it can. */
async function openChallenge(deps: AuthDeps, token: string, now: Date) {
  const read = readLinkToken(token);
  if (!read) return { ok: false, reason: 'invalid' } as const;
  const challenge = await deps.sessions.findChallenge(read.challengeId);
  const state = challengeState(challenge, now);
  // TTL may have taken an expired challenge already: "expired" says what most likely happened.
  if (state === 'unknown' || !challenge) return { ok: false, reason: 'expired' } as const;
  if (!linkMatches(challenge, read.linkHash)) return { ok: false, reason: 'invalid' } as const;
  const next = challenge.next ? { next: challenge.next } : {};
  if (state) return { ok: false, reason: state, ...next } as const;
  return { ok: true, challenge, linkHash: read.linkHash, next } as const;
}

/** Whether the link can still sign in (its page reads this before offering the button). Changes nothing. */
export async function linkState(deps: AuthDeps, token: string): Promise<LinkState> {
  const open = await openChallenge(deps, token, deps.clock.now());
  return open.ok ? { ok: true } : open;
}

export type SignedIn = { ok: true; viewer: Viewer; next?: string };

/** The "Sign in" button of the emailed link: uses the challenge once and starts the session. */
export async function signInByLink(deps: AuthDeps, c: Context, token: string): Promise<SignedIn | Exclude<LinkState, { ok: true }>> {
  const now = deps.clock.now();
  const open = await openChallenge(deps, token, now);
  if (!open.ok) return open;
  const { challenge, linkHash, next } = open;
  const use = await deps.sessions.useChallenge(challenge.id, { link: linkHash }, now, []);
  // Lost a race with another use of the same link (or the code): the other one signed in.
  if (!use.ok || !use.used) return { ok: false, reason: 'used', ...next };
  return { ok: true, viewer: await startSession(deps, c, challenge.email), ...next };
}

export type CodeOutcome =
  | SignedIn
  /** The code form again, its error naming `code`; `void` once five wrong codes were typed. */
  | { ok: false; reason: 'wrong'; message: string; void: boolean; next?: string }
  | { ok: false; reason: 'used' | 'expired'; next?: string };

/** The 6-digit code typed on the device that asked. A 400 naming `code` when it is not 6 digits; a 429 per IP. */
export async function signInByCode(deps: AuthDeps, c: Context, challengeId: string, typed: string, ip: string): Promise<CodeOutcome> {
  const code = readCode(typed);
  if (!code) throw validationError([{ field: 'code', message: typed.trim() ? M.codeInvalid : M.codeMissing }]);
  if (!isChallengeId(challengeId)) return { ok: false, reason: 'expired' };
  const now = deps.clock.now();
  const challenge = await deps.sessions.findChallenge(challengeId);
  const state = challengeState(challenge, now);
  if (state === 'unknown') return { ok: false, reason: 'expired' };
  const next = challenge!.next ? { next: challenge!.next } : {};
  if (state) return { ok: false, reason: state, ...next };
  if (codeVoid(challenge!)) return { ok: false, reason: 'wrong', message: M.codeVoid, void: true, ...next };
  const claims = [claimFor(signInRules.codesPerIp, ip, now)];

  if (codeMatches(challenge!, code)) {
    const use = await deps.sessions.useChallenge(challenge!.id, { code: codeHash(challenge!.id, code) }, now, claims);
    if (!use.ok) throw rateLimited(use.claim);
    if (!use.used) return { ok: false, reason: 'used', ...next };
    return { ok: true, viewer: await startSession(deps, c, challenge!.email), ...next };
  }
  const counted = await deps.sessions.countWrongCode(challenge!.id, now, claims);
  if (!counted.ok) throw rateLimited(counted.claim);
  // Not counted: used, expired or voided meanwhile; read again to say which.
  if (!counted.counted) {
    const after = await deps.sessions.findChallenge(challenge!.id);
    const why = challengeState(after, now);
    if (why === 'used' || why === 'expired' || why === 'unknown') return { ok: false, reason: why === 'used' ? 'used' : 'expired', ...next };
    return { ok: false, reason: 'wrong', message: M.codeVoid, void: true, ...next };
  }
  const isVoid = codeVoid({ attempts: counted.attempts });
  return { ok: false, reason: 'wrong', message: isVoid ? M.codeVoid : M.codeWrong, void: isVoid, ...next };
}

/**
 * Signs this browser out (the cookie always goes); `everywhere` ends every session of the address. `viewer` is
 * undefined when the request carried no session, or one that may not act (a cross-site request).
 */
export async function signOut(deps: AuthDeps, c: Context, viewer: Viewer | undefined, everywhere: boolean): Promise<void> {
  if (viewer) {
    if (everywhere) await deps.sessions.deleteAllSessions(viewer.personId);
    else await deps.sessions.deleteSession(viewer.sessionId);
  }
  clearSessionCookie(c);
}
