// The pure attendance rules (core/attendance.ts): when "Still coming?" goes, the deadline, the code window, the numbers.
import { describe, expect, it } from 'vitest';
import { askAt, attendanceAnswer, attendanceSummary, codeWindowOpen, deadlineFor, noShowRate, normaliseCode, stillComingOn } from '#functions/core/attendance.ts';
import type { StoredRsvp } from '#functions/core/rsvp.ts';

const event = { startUtc: '2026-12-10T18:00:00.000Z', endUtc: '2026-12-10T20:00:00.000Z', capacity: 20 };
const rsvp = (over: Partial<StoredRsvp>): StoredRsvp => ({
  eventId: 'e', key: Math.random().toString(36).slice(2), name: 'A', email: 'a@example.org', status: 'confirmed', confirmTokenHash: 'h',
  confirmTokenExpiresAt: 0, createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z', expiresAt: 0, ...over,
});

describe('still coming?', () => {
  it('is on by default only with a capacity, or when the network turns it on; the meetup’s own setting wins', () => {
    expect(stillComingOn({ capacity: 10 })).toBe(true);
    expect(stillComingOn({})).toBe(false);
    expect(stillComingOn({}, true)).toBe(true);
    expect(stillComingOn({ capacity: 10, attendance: { check: false } }, true)).toBe(false);
    expect(stillComingOn({ attendance: { check: true } })).toBe(true);
  });

  it('goes 3 days ahead by default, but never longer ahead than the place had been held', () => {
    expect(askAt(event, rsvp({}))?.toISOString()).toBe('2026-12-07T18:00:00.000Z');
    // Booked 2 days ahead: asked 1 day ahead.
    expect(askAt(event, rsvp({ createdAt: '2026-12-08T18:00:00.000Z' }))?.toISOString()).toBe('2026-12-09T18:00:00.000Z');
    // Promoted from the waitlist 4 days ahead: the promotion is the booking.
    expect(askAt(event, rsvp({ confirmedAt: '2026-12-06T18:00:00.000Z' }))?.toISOString()).toBe('2026-12-08T18:00:00.000Z');
    // Booked 4 hours ahead: not asked at all.
    expect(askAt(event, rsvp({ createdAt: '2026-12-10T14:00:00.000Z' }))).toBeUndefined();
    expect(askAt({ ...event, attendance: { checkHours: 24 } }, rsvp({}))?.toISOString()).toBe('2026-12-09T18:00:00.000Z');
  });

  it('gives a deadline only when release is on and there are at least 12 hours to answer', () => {
    const asked = new Date('2026-12-07T18:00:00.000Z');
    expect(deadlineFor(event, asked)).toBeUndefined();
    const releasing = { ...event, attendance: { release: true } };
    expect(deadlineFor(releasing, asked)?.toISOString()).toBe('2026-12-09T18:00:00.000Z');
    expect(deadlineFor(releasing, new Date('2026-12-09T07:00:00.000Z'))).toBeUndefined();
    expect(deadlineFor({ ...event, attendance: { release: true, releaseHours: 48 } }, asked)?.toISOString()).toBe('2026-12-08T18:00:00.000Z');
  });

  it('names each answer for the attendee list', () => {
    expect(attendanceAnswer({})).toBeUndefined();
    expect(attendanceAnswer({ stillComingAskedAt: 'x' })).toBe('no-answer');
    expect(attendanceAnswer({ stillComingAskedAt: 'x', stillComing: 'yes' })).toBe('yes');
    expect(attendanceAnswer({ stillComingAskedAt: 'x', stillComing: 'no' })).toBe('no');
    expect(attendanceAnswer({ stillComingAskedAt: 'x', releasedAt: 'y' })).toBe('released');
  });
});

describe('the day’s code', () => {
  it('works from an hour before the start to an hour after the end', () => {
    expect(codeWindowOpen(event, new Date('2026-12-10T16:59:59.000Z'))).toBe(false);
    expect(codeWindowOpen(event, new Date('2026-12-10T17:00:00.000Z'))).toBe(true);
    expect(codeWindowOpen(event, new Date('2026-12-10T21:00:00.000Z'))).toBe(true);
    expect(codeWindowOpen(event, new Date('2026-12-10T21:00:01.000Z'))).toBe(false);
  });
  it('ignores case, spaces and hyphens', () => {
    expect(normaliseCode(' k-m p r ')).toBe('KMPR');
  });
});

describe('numbers', () => {
  it('counts who booked, answered, came and did not', () => {
    const summary = attendanceSummary([
      rsvp({ stillComingAskedAt: 'x', stillComing: 'yes', checkedInAt: 't' }),
      rsvp({ stillComingAskedAt: 'x', stillComing: 'yes' }),
      rsvp({ stillComingAskedAt: 'x', checkedInAt: 't' }),
      rsvp({ status: 'cancelled', stillComingAskedAt: 'x', stillComing: 'no' }),
      rsvp({ status: 'cancelled', stillComingAskedAt: 'x', releasedAt: 'r' }),
      rsvp({ status: 'waitlisted', checkedInAt: 't' }),
      rsvp({ status: 'walkin', checkedInAt: 't' }),
    ], new Date('2026-12-10T22:00:00.000Z'));
    expect(summary).toEqual({
      booked: 3, asked: 5, answeredYes: 2, answeredNo: 1, released: 1, checkedIn: 3, walkIns: 1, came: 4, noShows: 1, at: '2026-12-10T22:00:00.000Z',
    });
    expect(noShowRate(summary)).toBeCloseTo(1 / 3);
    expect(noShowRate({ booked: 0, noShows: 0 })).toBeUndefined();
  });
});
