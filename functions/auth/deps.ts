// Auth: what signing in, sessions and signing out are built from. apps/api supplies it.
import type { ClientIp } from '#functions/http/client-ip.ts';
import type { ViewerDeps } from './viewer.ts';
import type { SessionsRepository } from './sessions.repository.ts';

export interface AuthDeps extends ViewerDeps {
  sessions: SessionsRepository;
  clientIp: ClientIp;
}
