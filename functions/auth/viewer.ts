// Auth: who is asking. Every room that acts for a signed-in person asks this, once per request. The cookie's secret
// is hashed to find the session; a state-changing request counts as signed in only when it shows it came from the
// site's own pages (http/origin.ts), so another site can't act with someone's cookie.
import type { Context } from 'hono';
import type { Clock } from '#functions/core/clock.ts';
import { hashSecret } from '#functions/core/ids.ts';
import { signInNeeded } from '#functions/core/errors.ts';
import type { Viewer } from '#functions/core/viewer.ts';
import { fromOwnSite, isSafeMethod } from '#functions/http/origin.ts';
import { readSessionCookie } from './cookie.ts';
import type { SessionsRepository } from './sessions.repository.ts';

export interface ViewerDeps {
  sessions: Pick<SessionsRepository, 'findSession'>;
  clock: Clock;
  siteUrl: string;
  /** The deployment's operators' addresses, lower-cased (OPERATORS). */
  operators: readonly string[];
}

const seen = new WeakMap<Request, Promise<Viewer | undefined>>();

/** The signed-in person making this request, or undefined. Read once per request. */
export function viewerOf(deps: ViewerDeps, c: Context): Promise<Viewer | undefined> {
  const known = seen.get(c.req.raw);
  if (known) return known;
  const found = lookUp(deps, c);
  seen.set(c.req.raw, found);
  return found;
}

async function lookUp(deps: ViewerDeps, c: Context): Promise<Viewer | undefined> {
  const secret = readSessionCookie(c);
  if (!secret || secret.length > 100) return undefined;
  if (!isSafeMethod(c.req.method) && !fromOwnSite(c, deps.siteUrl)) return undefined;
  const session = await deps.sessions.findSession(hashSecret(secret));
  if (!session || session.expiresAt * 1000 <= deps.clock.now().getTime()) return undefined;
  return { email: session.email, personId: session.personId, sessionId: session.id, operator: deps.operators.includes(session.email.toLowerCase()) };
}

/** The signed-in person, or a 401 ("Sign in to do this"). */
export async function requireViewer(deps: ViewerDeps, c: Context): Promise<Viewer> {
  const viewer = await viewerOf(deps, c);
  if (!viewer) throw signInNeeded();
  return viewer;
}
