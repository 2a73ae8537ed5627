// Unit: the mailer's delivery loop — rate limit, re-checking status (at-least-once input), failures left pending,
// suppressed addresses never sent to.
import { describe, expect, it } from 'vitest';
import { catchUp, deliverAll, deliverPending } from '#functions/mail/deliver.ts';
import type { Outbox } from '#functions/mail/outbox.ts';
import { fixedClock } from '#functions/core/clock.ts';
import { createLogger } from '#functions/core/log.ts';
import { memorySuppressionsRepository } from '#functions/suppression/memory-suppressions.repository.ts';
import type { OutboxMessage, OutgoingEmail } from '#functions/core/email.ts';

function memoryOutbox(messages: OutboxMessage[]): Outbox & { sent: Set<string>; suppressed: Map<string, string>; failed: Set<string> } {
  const sent = new Set<string>();
  const suppressed = new Map<string, string>();
  const failed = new Set<string>();
  const done = (id: string) => sent.has(id) || suppressed.has(id) || failed.has(id);
  return {
    sent,
    suppressed,
    failed,
    pending: async (limit, before) =>
      messages
        .filter((m) => !done(m.id) && (!before || m.createdAt < before.toISOString()))
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
        .slice(0, limit),
    get: async (id) => {
      const m = messages.find((x) => x.id === id);
      return m && { ...m, status: sent.has(id) ? 'sent' : suppressed.has(id) ? 'suppressed' : failed.has(id) ? 'failed' : 'pending' };
    },
    markSent: async (id) => void sent.add(id),
    markSuppressed: async (id, _now, reason) => void suppressed.set(id, reason),
    markFailed: async (id) => void failed.add(id),
  };
}

const quiet = () => ({ clock: fixedClock('2026-11-27T09:00:00Z'), logger: createLogger('silent'), suppressions: memorySuppressionsRepository() });

const message = (i: number): OutboxMessage => ({ id: `m${i}`, purpose: 'rsvp-confirm-link', createdAt: '2026-11-27T09:00:00Z', to: `p${i}@example.org`, subject: 's', text: 't', html: 'h' });

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

describe('catchUp (the scheduled retry of what the stream gave up on)', () => {
  const at = (iso: string, i: number): OutboxMessage => ({ ...message(i), createdAt: iso });

  it('sends pending messages older than 15 minutes, oldest first; leaves newer ones to the stream; gives up after 3 days', async () => {
    const messages = [
      at('2026-11-27T08:50:00.000Z', 1), // 10 minutes old: the stream's
      at('2026-11-27T08:40:00.000Z', 2), // 20 minutes old: retried
      at('2026-11-25T09:30:00.000Z', 3), // 2 days old: retried
      at('2026-11-24T08:59:00.000Z', 4), // 3 days and a minute: given up
    ];
    const outbox = memoryOutbox(messages);
    const sent: string[] = [];
    const lines: string[] = [];
    const deps = { ...quiet(), logger: createLogger('info', (l) => lines.push(l)), outbox, ratePerSecond: 1000, mailer: { send: async (m: OutgoingEmail) => void sent.push(m.to) } };
    expect(await catchUp(deps)).toEqual({ sent: 2, failed: 0, givenUp: 1 });
    expect(sent).toEqual(['p3@example.org', 'p2@example.org']);
    expect([...outbox.failed]).toEqual(['m4']);
    expect(lines.some((l) => l.includes('"level":"error"') && l.includes('email given up'))).toBe(true);
    // The next run finds nothing more to do.
    expect(await catchUp(deps)).toEqual({ sent: 0, failed: 0, givenUp: 0 });
  });

  it('keeps failing messages pending for the next run, and takes no more than ~40 s of sending at the rate', async () => {
    const messages = Array.from({ length: 5 }, (_, i) => at(`2026-11-27T08:0${i}:00.000Z`, i));
    const outbox = memoryOutbox(messages);
    const down = { send: async () => { throw Object.assign(new Error('Service unavailable'), { name: 'ServiceUnavailable' }); } };
    expect(await catchUp({ ...quiet(), outbox, ratePerSecond: 1000, mailer: down })).toEqual({ sent: 0, failed: 5, givenUp: 0 });
    expect(outbox.sent.size + outbox.failed.size).toBe(0);
    // A run reads what it can send in ~40 s at the rate: 40 in the SES sandbox (1 a second), at most 500.
    const asked: number[] = [];
    const empty = memoryOutbox([]);
    const counting = { ...empty, pending: async (limit: number, before?: Date) => (asked.push(limit), empty.pending(limit, before)) };
    for (const ratePerSecond of [1, 14]) await catchUp({ ...quiet(), outbox: counting, ratePerSecond, mailer: down });
    expect(asked).toEqual([40, 500]);
  });
});

