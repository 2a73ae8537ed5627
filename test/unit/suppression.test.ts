// Unit: which SES events suppress which addresses, and the SES events handler over an in-memory repository.
import { describe, expect, it } from 'vitest';
import { fixedClock } from '#functions/core/clock.ts';
import { createLogger } from '#functions/core/log.ts';
import { memorySuppressionsRepository } from '#functions/suppression/memory-suppressions.repository.ts';
import { sesEventsHandler } from '#functions/suppression/ses-events.ts';
import { normaliseAddress, suppressionKey, suppressionsFrom, sesEventSchema } from '#functions/suppression/suppression.ts';
import { bounceEvent, complaintEvent } from '../support/ses-events.ts';

const now = new Date('2026-11-27T10:05:00Z');
const parse = (event: { detail: unknown }) => sesEventSchema.parse(event.detail);

describe('suppressionsFrom', () => {
  it('suppresses every recipient of a permanent bounce, once each, lower-cased, with SES\'s subtype', () => {
    const event = parse(bounceEvent(['Ann@Example.org', 'bob@example.org', 'ann@example.org'], 'Permanent', 'NoEmail'));
    expect(suppressionsFrom(event, now)).toEqual([
      { email: 'ann@example.org', suppression: { reason: 'bounce', detail: 'Permanent/NoEmail', at: '2026-11-27T10:00:00.000Z' } },
      { email: 'bob@example.org', suppression: { reason: 'bounce', detail: 'Permanent/NoEmail', at: '2026-11-27T10:00:00.000Z' } },
    ]);
  });

  it('leaves transient and undetermined bounces alone: SES retries those, and a full mailbox empties', () => {
    expect(suppressionsFrom(parse(bounceEvent(['a@example.org'], 'Transient', 'MailboxFull')), now)).toEqual([]);
    expect(suppressionsFrom(parse(bounceEvent(['a@example.org'], 'Undetermined')), now)).toEqual([]);
  });

  it('suppresses a complaint\'s recipients with its feedback type', () => {
    expect(suppressionsFrom(parse(complaintEvent(['c@example.org'])), now)).toEqual([
      { email: 'c@example.org', suppression: { reason: 'complaint', detail: 'abuse', at: '2026-11-27T11:00:00.000Z' } },
    ]);
  });

  it('reads SNS-style notifications (notificationType) the same, and ignores deliveries', () => {
    const { eventType: _, ...rest } = parse(complaintEvent(['c@example.org']));
    expect(suppressionsFrom({ ...rest, notificationType: 'Complaint' }, now)).toHaveLength(1);
    expect(suppressionsFrom({ eventType: 'Delivery', mail: {} }, now)).toEqual([]);
  });

  it('keys an address by a hash, whatever its case or display name', () => {
    expect(normaliseAddress('Ann Example <Ann@Example.ORG>')).toBe('ann@example.org');
    expect(suppressionKey(' ann@example.org ')).toBe(suppressionKey('ANN@example.org'));
    expect(suppressionKey('ann@example.org')).toMatch(/^[0-9a-f]{24}$/);
  });
});

describe('sesEventsHandler', () => {
  const setup = () => {
    const suppressions = memorySuppressionsRepository();
    const lines: string[] = [];
    const handle = sesEventsHandler({ suppressions, clock: fixedClock(now.toISOString()), logger: createLogger('info', (l) => lines.push(l)) });
    return { suppressions, lines, handle };
  };

  it('marks a bounced address, logging the outcome but never the address', async () => {
    const { suppressions, lines, handle } = setup();
    expect(await handle(bounceEvent(['gone@example.org']))).toEqual({ suppressed: 1 });
    expect((await suppressions.find(['Gone@example.org'])).get('Gone@example.org')).toMatchObject({ reason: 'bounce' });
    expect(lines.join('\n')).toContain('"suppressed":1');
    expect(lines.join('\n')).not.toContain('gone@example.org');
  });

  it('keeps a complaint when a bounce for the same address arrives later', async () => {
    const { suppressions, handle } = setup();
    await handle(complaintEvent(['c@example.org']));
    await handle(bounceEvent(['c@example.org']));
    expect((await suppressions.find(['c@example.org'])).get('c@example.org')?.reason).toBe('complaint');
  });

  it('handles SNS deliveries of SES notifications', async () => {
    const { suppressions, handle } = setup();
    const message = JSON.stringify({ ...complaintEvent(['s@example.org']).detail, eventType: undefined, notificationType: 'Complaint' });
    expect(await handle({ Records: [{ Sns: { Message: message } }] })).toEqual({ suppressed: 1 });
    expect(suppressions.suppressed.size).toBe(1);
  });

  it('drops a malformed event with a warning instead of failing (a retry could never fix it)', async () => {
    const { suppressions, lines, handle } = setup();
    expect(await handle({ 'detail-type': 'Email Bounced', source: 'aws.ses', detail: { eventType: 'Bounce' } })).toEqual({ suppressed: 0 });
    expect(await handle({ Records: [{ Sns: { Message: 'not json' } }] })).toEqual({ suppressed: 0 });
    expect(suppressions.suppressed.size).toBe(0);
    expect(lines.filter((l) => l.includes('"level":"warn"'))).toHaveLength(2);
  });

  it('lets a storage failure throw, so Lambda retries the event', async () => {
    const handle = sesEventsHandler({
      suppressions: { mark: async () => { throw new Error('ProvisionedThroughputExceededException'); } },
      clock: fixedClock(now.toISOString()),
      logger: createLogger('silent'),
    });
    await expect(handle(bounceEvent(['x@example.org']))).rejects.toThrow('ProvisionedThroughputExceededException');
  });
});
