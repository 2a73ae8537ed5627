// Unit: the reminders domain — when each reminder is due, who gets it, when a moved start needs a fresh one — and
// the one-click unsubscribe headers and token. Pure functions, no mocks.
import { describe, expect, it } from 'vitest';
import { coveredBy, duePlans, lookahead, recipients, reminderPlans, startEpoch } from '#functions/reminders/reminder.ts';
import { remindersOffToken, remindersOffTokenMatches } from '#functions/reminders/reminders-off-token.ts';
import { buildMime } from '#functions/mail/ses-mailer.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import type { StoredRsvp } from '#functions/core/rsvp.ts';

const plans = reminderPlans({ dayMinutes: 1440, soonMinutes: 60 });
const event = (over: Partial<StoredEvent> = {}) =>
  ({ id: 'e1', status: 'published', startUtc: '2026-12-03T12:00:00.000Z', onlineUrl: 'https://meet.example.org/x', ...over }) as StoredEvent;
const at = (iso: string) => new Date(iso);

describe('when reminders are due', () => {
  it('from start minus the offset until the start, and never after', () => {
    expect(duePlans(event(), at('2026-12-02T11:59:59Z'), plans)).toEqual([]);
    expect(duePlans(event(), at('2026-12-02T12:00:00Z'), plans).map((p) => p.kind)).toEqual(['day']);
    expect(duePlans(event(), at('2026-12-03T11:30:00Z'), plans).map((p) => p.kind)).toEqual(['day', 'soon']);
    expect(duePlans(event(), at('2026-12-03T12:00:00Z'), plans)).toEqual([]);
  });
  it('only for published meetups the organiser did not switch off; "soon" only with a joining link', () => {
    const now = at('2026-12-03T11:30:00Z');
    expect(duePlans(event({ status: 'cancelled' }), now, plans)).toEqual([]);
    expect(duePlans(event({ remindersOff: true }), now, plans)).toEqual([]);
    expect(duePlans(event({ onlineUrl: undefined }), now, plans).map((p) => p.kind)).toEqual(['day']);
    expect(duePlans({ ...event(), reminded_day: startEpoch(event()) }, now, plans).map((p) => p.kind)).toEqual(['soon']);
  });
  it('follows a start moved by more than an hour', () => {
    const start = startEpoch(event());
    expect(coveredBy(start - 3600, start)).toBe(true);
    expect(coveredBy(start - 3601, start)).toBe(false);
    expect(coveredBy(undefined, start)).toBe(false);
  });
  it('can be configured, or switched off per kind', () => {
    expect(reminderPlans({ dayMinutes: 2880, soonMinutes: 0 })).toEqual([{ kind: 'day', minutesBefore: 2880, onlineOnly: false }]);
    expect(lookahead(plans)).toBe(1440);
    expect(lookahead([])).toBe(0);
  });
});

describe('who is reminded', () => {
  const rsvp = (status: StoredRsvp['status'], over: Record<string, unknown> = {}) => ({ key: status, status, ...over }) as StoredRsvp;
  it('people with a place; for the day-before one, waitlisted people too; nobody who opted out or was already told', () => {
    const start = startEpoch(event());
    const all = [rsvp('confirmed'), rsvp('waitlisted'), rsvp('pending'), rsvp('cancelled'), rsvp('confirmed', { key: 'off', remindersOff: true }), rsvp('confirmed', { key: 'done', reminded_day: start })];
    expect(recipients(plans[0]!, all, start).map((r) => r.key)).toEqual(['confirmed', 'waitlisted']);
    expect(recipients(plans[1]!, all, start).map((r) => r.key)).toEqual(['confirmed', 'done']);
  });
});

describe('one-click unsubscribe', () => {
  it('puts RFC 8058 headers on the message', async () => {
    const url = 'https://events.example.org/api/events/e1/rsvps/k1/reminders-off?token=abc';
    const mime = (await buildMime('Signpost <e@example.org>', { to: 'a@example.org', subject: 's', text: 't', html: '<p>t</p>', listUnsubscribe: url })).toString();
    const raw = mime.split('\r\n\r\n')[0]!.replace(/\r\n[ \t]+/g, ' '); // the headers, unfolded
    expect(raw).toContain(`List-Unsubscribe: <${url}>`);
    expect(raw).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const plain = (await buildMime('Signpost <e@example.org>', { to: 'a@example.org', subject: 's', text: 't', html: 'h' })).toString();
    expect(plain).not.toContain('List-Unsubscribe');
  });
  it('has a token bound to one RSVP and one purpose', () => {
    const secret = Buffer.from('k'.repeat(32));
    const token = remindersOffToken(secret, 'e1', 'k1');
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(remindersOffTokenMatches(secret, 'e1', 'k1', token)).toBe(true);
    expect(remindersOffTokenMatches(secret, 'e1', 'k2', token)).toBe(false);
    expect(remindersOffTokenMatches(secret, 'e2', 'k1', token)).toBe(false);
    expect(remindersOffTokenMatches(secret, 'e1', 'k1', token.slice(1))).toBe(false);
  });
});
