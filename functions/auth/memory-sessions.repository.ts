// Auth: an in-memory SessionsRepository for tests and the in-memory app.
import type { Profile, SessionsRepository, StoredSession } from './sessions.repository.ts';

export function memorySessionsRepository() {
  const sessions = new Map<string, StoredSession>();
  const profiles = new Map<string, Profile>();
  const repository: SessionsRepository & { sessions: Map<string, StoredSession>; profiles: Map<string, Profile> } = {
    sessions,
    profiles,
    async findSession(id) {
      const found = sessions.get(id);
      return found ? structuredClone(found) : undefined;
    },
    async createSession(session) {
      sessions.set(session.id, structuredClone(session));
    },
    async profile(personId) {
      const found = profiles.get(personId);
      return found ? structuredClone(found) : undefined;
    },
    async rememberName(personId, name) {
      profiles.set(personId, { personId, name });
    },
  };
  return repository;
}
