// Auth: signing a person in on this browser, once their address is proven (a sign-in link or code, an accepted
// invitation). The cookie carries a fresh 256-bit secret; the table keeps only its hash, for SESSION_DAYS.
import type { Context } from 'hono';
import { hashSecret, newToken } from '#functions/core/ids.ts';
import { personId } from '#functions/core/person.ts';
import type { Viewer } from '#functions/core/viewer.ts';
import type { AuthDeps } from './deps.ts';
import { SESSION_DAYS, setSessionCookie } from './cookie.ts';

export async function startSession(deps: Pick<AuthDeps, 'sessions' | 'clock' | 'operators'>, c: Context, address: string): Promise<Viewer> {
  const email = address.trim().toLowerCase();
  const secret = newToken();
  const now = deps.clock.now();
  const session = {
    id: hashSecret(secret),
    personId: personId(email),
    email,
    createdAt: now.toISOString(),
    expiresAt: Math.floor(now.getTime() / 1000) + SESSION_DAYS * 86_400,
  };
  await deps.sessions.createSession(session);
  setSessionCookie(c, secret);
  return { email, personId: session.personId, sessionId: session.id, operator: deps.operators.includes(email) };
}
