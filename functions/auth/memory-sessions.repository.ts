// Auth: an in-memory SessionsRepository for tests and the in-memory app. The same conditions as the DynamoDB adapter
// (used once, not expired, five wrong codes), and rate-limit counters of its own.
import type { OutboxMessage } from '#functions/core/email.ts';
import type { RateClaim } from '#functions/ratelimit/rate-limit.ts';
import type { Claimed, Profile, SessionsRepository, StoredSession } from './sessions.repository.ts';
import { MAX_CODE_ATTEMPTS, isExpired, type StoredChallenge } from './sign-in.ts';

/** `outbox`: where the sign-in emails go (the in-memory app passes the events repository's, so all mail is in one list). */
export function memorySessionsRepository(outbox: OutboxMessage[] = []) {
  const sessions = new Map<string, StoredSession>();
  const profiles = new Map<string, Profile>();
  const challenges = new Map<string, StoredChallenge>();
  const counters = new Map<string, number>();

  /** As in a transaction: a claim over its limit refuses the whole write; a write refused by its condition counts nothing. */
  const overLimit = (claims: RateClaim[]): Claimed => {
    const over = claims.find((c) => (counters.get(c.key) ?? 0) >= c.limit);
    return over ? { ok: false, reason: 'rate_limited', claim: over } : { ok: true };
  };
  const take = (claims: RateClaim[]) => claims.forEach((c) => counters.set(c.key, (counters.get(c.key) ?? 0) + 1));
  const open = (c: StoredChallenge | undefined, now: Date): c is StoredChallenge => !!c && !c.usedAt && !isExpired(c, now);

  const repository: SessionsRepository & {
    sessions: Map<string, StoredSession>;
    profiles: Map<string, Profile>;
    challenges: Map<string, StoredChallenge>;
    outbox: OutboxMessage[];
  } = {
    sessions,
    profiles,
    challenges,
    outbox,
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

    async createChallenge(challenge, claims, email) {
      if (challenges.has(challenge.id)) throw new Error('challenge id taken');
      const over = overLimit(claims);
      if (!over.ok) return over;
      take(claims);
      challenges.set(challenge.id, structuredClone(challenge));
      outbox.push(structuredClone(email));
      return { ok: true };
    },
    async findChallenge(id) {
      const found = challenges.get(id);
      return found ? structuredClone(found) : undefined;
    },
    async useChallenge(id, proof, now, claims) {
      const over = overLimit(claims);
      if (!over.ok) return over;
      const c = challenges.get(id);
      const matches = 'link' in proof ? c?.linkHash === proof.link : c?.codeHash === proof.code && c.attempts < MAX_CODE_ATTEMPTS;
      if (!open(c, now) || !matches) return { ok: true, used: false };
      take(claims);
      c.usedAt = now.toISOString();
      return { ok: true, used: true };
    },
    async countWrongCode(id, now, claims) {
      const over = overLimit(claims);
      if (!over.ok) return over;
      const c = challenges.get(id);
      if (!open(c, now) || c.attempts >= MAX_CODE_ATTEMPTS) return { ok: true, counted: false };
      take(claims);
      c.attempts += 1;
      return { ok: true, counted: true, attempts: c.attempts };
    },
    async deleteSession(id) {
      sessions.delete(id);
    },
    async deleteAllSessions(personId) {
      const ids = [...sessions.values()].filter((s) => s.personId === personId).map((s) => s.id);
      for (const id of ids) sessions.delete(id);
      return ids.length;
    },
  };
  return repository;
}
