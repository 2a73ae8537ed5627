// Auth: an in-memory SessionsRepository for tests and the in-memory app.
import type { SessionsRepository, StoredSession } from './sessions.repository.ts';

export function memorySessionsRepository() {
  const sessions = new Map<string, StoredSession>();
  const repository: SessionsRepository & { sessions: Map<string, StoredSession> } = {
    sessions,
    async findSession(id) {
      const found = sessions.get(id);
      return found ? structuredClone(found) : undefined;
    },
  };
  return repository;
}
