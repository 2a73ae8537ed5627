// Unit: the mailer's delivery loop — rate limit, re-checking status (at-least-once input), failures left pending.
import { describe, expect, it } from 'vitest';
import { deliverAll, deliverPending } from '#functions/mail/deliver.ts';
import type { Outbox, OutboxMessage } from '#functions/mail/outbox.ts';
import type { OutgoingEmail } from '#functions/mail/mailer.ts';
import { fixedClock } from '#functions/shared/clock.ts';
import { createLogger } from '#functions/shared/log.ts';

function memoryOutbox(messages: OutboxMessage[]): Outbox & { sent: Set<string> } {
  const sent = new Set<string>();
  return {
    sent,
    pending: async (limit) => messages.filter((m) => !sent.has(m.id)).slice(0, limit),
    get: async (id) => {
      const m = messages.find((x) => x.id === id);
      return m && { ...m, status: sent.has(id) ? 'sent' : 'pending' };
    },
    markSent: async (id) => void sent.add(id),
  };
}

const message = (i: number): OutboxMessage => ({ id: `m${i}`, purpose: 'test', createdAt: '2026-11-27T09:00:00Z', to: `p${i}@example.org`, subject: 's', text: 't', html: 'h' });

describe('deliverAll', () => {
  it('keeps to the configured rate', async () => {
    const sentAt: number[] = [];
    const outbox = memoryOutbox(Array.from({ length: 6 }, (_, i) => message(i)));
    const started = performance.now();
    await deliverPending({ outbox, mailer: { send: async () => void sentAt.push(performance.now() - started) }, clock: fixedClock('2026-11-27T09:00:00Z'), logger: createLogger('silent'), ratePerSecond: 10 });
    expect(sentAt).toHaveLength(6);
    expect(sentAt.at(-1)!).toBeGreaterThanOrEqual(450); // 6 messages at 10/s: the last leaves at least ~0.5 s after the first
  });

  it('sends a message only once even when handed it twice, and leaves failures pending', async () => {
    const sent: OutgoingEmail[] = [];
    const messages = [message(1), message(2)];
    const outbox = memoryOutbox(messages);
    const deps = { outbox, clock: fixedClock('2026-11-27T09:00:00Z'), logger: createLogger('silent'), ratePerSecond: 1000 };
    const failing = { send: async (m: OutgoingEmail) => { if (m.to.startsWith('p2')) throw new Error('down'); sent.push(m); } };
    expect(await deliverAll({ ...deps, mailer: failing }, [messages[0]!, messages[0]!, messages[1]!])).toEqual(['m2']);
    expect(sent.map((m) => m.to)).toEqual(['p1@example.org']);
    expect([...outbox.sent]).toEqual(['m1']);
  });
});
