// Unit: a series' dates and instants (core/recurrence.ts): wall time kept across clock changes in London and
// Sydney, the nth and last weekday of a month, counts, and input it refuses.
import { describe, expect, it } from 'vitest';
import { describeRepeat, monthlyPlace, occurrences, seriesDates, wallToInstant } from '#functions/core/recurrence.ts';
import type { Repeat } from '#functions/core/event.ts';

const lunch = (startLocal: string, timezone: string, hours = 1) => {
  const end = new Date(Date.parse(`${startLocal}:00Z`) + hours * 3_600_000).toISOString().slice(0, 16);
  return { startLocal, endLocal: end, timezone };
};

describe('monthly on the nth weekday', () => {
  it('keeps the first date’s place in its month', () => {
    expect(seriesDates('2026-12-01', 'monthly', 4)).toEqual(['2026-12-01', '2027-01-05', '2027-02-02', '2027-03-02']);
    expect(describeRepeat('monthly', '2026-12-01')).toBe('every month on the first Tuesday');
    expect(seriesDates('2026-12-17', 'monthly', 3)).toEqual(['2026-12-17', '2027-01-21', '2027-02-18']);
    expect(describeRepeat('monthly', '2026-12-17')).toBe('every month on the third Thursday');
  });

  it('a 4th weekday stays the 4th in a month with five of them', () => {
    // Tuesdays in March 2027: 2, 9, 16, 23, 30.
    expect(seriesDates('2026-12-22', 'monthly', 4)).toEqual(['2026-12-22', '2027-01-26', '2027-02-23', '2027-03-23']);
    expect(monthlyPlace('2026-12-22')).toEqual({ nth: 4, weekday: 2 });
  });

  it('a 5th weekday (from the 29th) repeats as the last, in months with four or five', () => {
    expect(monthlyPlace('2026-12-29')).toEqual({ nth: 'last', weekday: 2 });
    expect(describeRepeat('monthly', '2026-12-29')).toBe('every month on the last Tuesday');
    expect(seriesDates('2026-12-29', 'monthly', 4)).toEqual(['2026-12-29', '2027-01-26', '2027-02-23', '2027-03-30']);
  });

  it('crosses years and runs to twelve', () => {
    const dates = seriesDates('2026-12-07', 'monthly', 12);
    expect(dates).toHaveLength(12);
    expect(dates.at(-1)).toBe('2027-11-01'); // first Monday of November 2027
    for (const d of dates) expect(new Date(`${d}T00:00Z`).getUTCDay()).toBe(1);
  });
});

describe('weekly and fortnightly', () => {
  it('steps 7 or 14 days, across months', () => {
    expect(seriesDates('2026-12-24', 'weekly', 3)).toEqual(['2026-12-24', '2026-12-31', '2027-01-07']);
    expect(seriesDates('2026-12-24', 'fortnightly', 3)).toEqual(['2026-12-24', '2027-01-07', '2027-01-21']);
    expect(describeRepeat('weekly', '2026-12-24')).toBe('every week');
    expect(describeRepeat('fortnightly', '2026-12-24')).toBe('every 2 weeks');
  });
});

describe('local time kept through clock changes', () => {
  it('12:30 stays 12:30 in London across the October change', () => {
    const all = occurrences(lunch('2027-10-05T12:30', 'Europe/London'), 'monthly', 2);
    expect(all.map((o) => o.startLocal)).toEqual(['2027-10-05T12:30', '2027-11-02T12:30']);
    expect(all.map((o) => o.startUtc)).toEqual(['2027-10-05T11:30:00.000Z', '2027-11-02T12:30:00.000Z']);
    expect(all.map((o) => o.endUtc)).toEqual(['2027-10-05T12:30:00.000Z', '2027-11-02T13:30:00.000Z']);
  });

  it('and across the March change, weekly', () => {
    const all = occurrences(lunch('2027-03-25T18:00', 'Europe/London'), 'weekly', 2);
    expect(all.map((o) => o.startUtc)).toEqual(['2027-03-25T18:00:00.000Z', '2027-04-01T17:00:00.000Z']);
  });

  it('12:30 stays 12:30 in Sydney across April and October', () => {
    const all = occurrences(lunch('2027-03-02T12:30', 'Australia/Sydney'), 'monthly', 8);
    expect(all.every((o) => o.startLocal.endsWith('T12:30'))).toBe(true);
    // AEDT (+11) until the first Sunday of April, AEST (+10) until the first Sunday of October.
    expect(all.map((o) => o.startUtc.slice(0, 16))).toEqual([
      '2027-03-02T01:30', '2027-04-06T02:30', '2027-05-04T02:30', '2027-06-01T02:30',
      '2027-07-06T02:30', '2027-08-03T02:30', '2027-09-07T02:30', '2027-10-05T01:30',
    ]);
  });

  it('a time the clocks skip moves on by the gap, keeping its length', () => {
    const all = occurrences(lunch('2027-03-21T01:30', 'Europe/London'), 'weekly', 2);
    expect(all[1]).toEqual({ startLocal: '2027-03-28T02:30', endLocal: '2027-03-28T03:30', startUtc: '2027-03-28T01:30:00.000Z', endUtc: '2027-03-28T02:30:00.000Z' });
    expect(wallToInstant('2027-10-03T02:30', 'Australia/Sydney').toISOString()).toBe('2027-10-02T16:30:00.000Z');
  });

  it('a reading the clocks go back over is its first', () => {
    expect(wallToInstant('2027-10-31T01:30', 'Europe/London').toISOString()).toBe('2027-10-31T00:30:00.000Z');
  });

  it('a meetup past midnight keeps ending the next day', () => {
    const all = occurrences({ startLocal: '2026-12-04T22:00', endLocal: '2026-12-05T01:00', timezone: 'Europe/London' }, 'weekly', 2);
    expect(all[1]).toMatchObject({ startLocal: '2026-12-11T22:00', endLocal: '2026-12-12T01:00' });
  });
});

describe('counts and bad input', () => {
  it('returns exactly the count, the first included', () => {
    for (const n of [2, 7, 12]) expect(occurrences(lunch('2026-12-10T12:30', 'Europe/London'), 'fortnightly', n)).toHaveLength(n);
  });

  it('refuses a count outside 2..12, an unknown rule and a date that is not real', () => {
    for (const n of [0, 1, 13, 2.5, Number.NaN]) expect(() => seriesDates('2026-12-10', 'weekly', n)).toThrow(RangeError);
    expect(() => seriesDates('2026-12-10', 'daily' as Repeat, 3)).toThrow(/Unknown repeat/);
    expect(() => seriesDates('2026-02-30', 'weekly', 3)).toThrow(RangeError);
    expect(() => occurrences(lunch('2026-12-10T12:30', 'Europe/London'), 'yearly' as Repeat, 3)).toThrow(RangeError);
  });
});
