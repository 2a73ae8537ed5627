// Unit: the mailer's delivery loop — rate limit, re-checking status (at-least-once input), failures left pending,
// suppressed addresses never sent to.
import { describe, expect, it } from 'vitest';
import { deliverAll, deliverPending } from '#functions/mail/deliver.ts';
import type { Outbox, OutboxMessage } from '#functions/mail/outbox.ts';
import type { OutgoingEmail } from '#functions/mail/mailer.ts';
import { fixedClock } from '#functions/shared/clock.ts';
import { createLogger } from '#functions/shared/log.ts';
import { memorySuppressionsRepository } from '#functions/suppression/memory-suppressions.repository.ts';

function memoryOutbox(messages: OutboxMessage[]): Outbox & { sent: Set<string>; suppressed: Map<string, string> } {
  const sent = new Set<string>();
  const suppressed = new Map<string, string>();
  return {
    sent,
    suppressed,
    pending: async (limit) => messages.filter((m) => !sent.has(m.id) && !suppressed.has(m.id)).slice(0, limit),
    get: async (id) => {
      const m = messages.find((x) => x.id === id);
      return m && { ...m, status: sent.has(id) ? 'sent' : suppressed.has(id) ? 'suppressed' : 'pending' };
    },
    markSent: async (id) => void sent.add(id),
    markSuppressed: async (id, _now, reason) => void suppressed.set(id, reason),
  };
}

const quiet = () => ({ clock: fixedClock('2026-11-27T09:00:00Z'), logger: createLogger('silent'), suppressions: memorySuppressionsRepository() });

const message = (i: number): OutboxMessage => ({ id: `m${i}`, purpose: 'test', createdAt: '2026-11-27T09:00:00Z', to: `p${i}@example.org`, subject: 's', text: 't', html: 'h' });

describe('deliverAll', () => {
  it('keeps to the configured rate', async () => {
    const sentAt: number[] = [];
    const outbox = memoryOutbox(Array.from({ length: 6 }, (_, i) => message(i)));
    const started = performance.now();
    await deliverPending({ ...quiet(), outbox, mailer: { send: async () => void sentAt.push(performance.now() - started) }, ratePerSecond: 10 });
    expect(sentAt).toHaveLength(6);
    expect(sentAt.at(-1)!).toBeGreaterThanOrEqual(450); // 6 messages at 10/s: the last leaves at least ~0.5 s after the first
  });

  it('sends a message only once even when handed it twice, and leaves failures pending', async () => {
    const sent: OutgoingEmail[] = [];
    const messages = [message(1), message(2)];
    const outbox = memoryOutbox(messages);
    const deps = { ...quiet(), outbox, ratePerSecond: 1000 };
    const failing = { send: async (m: OutgoingEmail) => { if (m.to.startsWith('p2')) throw new Error('down'); sent.push(m); } };
    expect(await deliverAll({ ...deps, mailer: failing }, [messages[0]!, messages[0]!, messages[1]!])).toEqual(['m2']);
    expect(sent.map((m) => m.to)).toEqual(['p1@example.org']);
    expect([...outbox.sent]).toEqual(['m1']);
  });

  it('never sends to a suppressed address: marks its message suppressed, with the reason, and sends the rest', async () => {
    const sent: OutgoingEmail[] = [];
    const messages = [message(1), { ...message(2), to: 'P2@Example.org' }, message(3)];
    const outbox = memoryOutbox(messages);
    const deps = { ...quiet(), outbox, ratePerSecond: 1000, mailer: { send: async (m: OutgoingEmail) => void sent.push(m) } };
    await deps.suppressions.mark('p2@example.org', { reason: 'complaint', detail: 'abuse', at: '2026-11-20T10:00:00Z' });
    expect(await deliverAll(deps, messages)).toEqual([]);
    expect(sent.map((m) => m.to)).toEqual(['p1@example.org', 'p3@example.org']);
    expect([...outbox.suppressed]).toEqual([['m2', 'complaint']]);
    // Handed it again (a stream retry), it stays unsent.
    await deliverAll(deps, [messages[1]!]);
    expect(sent).toHaveLength(2);
  });
});
