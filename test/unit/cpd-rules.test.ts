// Unit: CPD rules (core/cpd.ts): the PKSB list, hours in quarter hours, the default hours across a clock change, CPD
// years (calendar, and 1 July to 30 June across 30 June in the meetup's own zone) and their sums, a record's provider,
// word counts.
import { describe, expect, it } from 'vitest';
import {
  PKSB_AREAS, cpdYearOf, defaultQuarters, hoursText, isPksbArea, localDate, orderedAreas, quartersOf, recordProvider, totalsByYear, wordCount,
} from '#functions/core/cpd.ts';

describe('the PKSB areas', () => {
  it('are the twelve areas, each id once, in the PKSB order', () => {
    expect(PKSB_AREAS).toHaveLength(12);
    expect(new Set(PKSB_AREAS.map((a) => a.id)).size).toBe(12);
    expect(PKSB_AREAS[0]!.name).toBe('Organising knowledge and information');
    expect(PKSB_AREAS[11]!.name).toBe('IT and communication');
  });

  it('knows its own ids and no others, and orders a choice as the PKSB does', () => {
    expect(isPksbArea('research-skills')).toBe(true);
    expect(isPksbArea('Research skills')).toBe(false);
    expect(isPksbArea('ethics')).toBe(false);
    expect(orderedAreas(['it-communication', 'organising-knowledge', 'it-communication'])).toEqual(['organising-knowledge', 'it-communication']);
  });
});

describe('hours', () => {
  it('takes 0 to 24 in quarter hours, and nothing else', () => {
    expect(quartersOf(0)).toBe(0);
    expect(quartersOf(1.75)).toBe(7);
    expect(quartersOf(24)).toBe(96);
    expect(quartersOf(1.3)).toBeUndefined();
    expect(quartersOf(-0.25)).toBeUndefined();
    expect(quartersOf(24.25)).toBeUndefined();
    expect(quartersOf(Number.NaN)).toBeUndefined();
  });

  it('defaults to the real length, to the nearest quarter hour, at most 24', () => {
    expect(defaultQuarters('2026-12-10T12:30:00Z', '2026-12-10T13:30:00Z')).toBe(4);
    expect(defaultQuarters('2026-12-10T12:30:00Z', '2026-12-10T13:37:00Z')).toBe(4);
    expect(defaultQuarters('2026-12-10T12:30:00Z', '2026-12-10T13:38:00Z')).toBe(5);
    expect(defaultQuarters('2026-12-10T09:00:00Z', '2026-12-12T09:00:00Z')).toBe(96);
  });

  it('counts a meetup across a clock change by the time that passed, not the wall clock', () => {
    // London, 25 October 2026: 00:30 to 02:30 on the wall clock is three hours (01:00–02:00 happens twice).
    expect(defaultQuarters('2026-10-24T23:30:00Z', '2026-10-25T02:30:00Z')).toBe(12);
    // London, 29 March 2026: 00:30 to 02:30 on the wall clock is one hour (01:00 becomes 02:00).
    expect(defaultQuarters('2026-03-29T00:30:00Z', '2026-03-29T01:30:00Z')).toBe(4);
  });

  it('reads as people say it', () => {
    expect(hoursText(3)).toBe('45 minutes');
    expect(hoursText(4)).toBe('1 hour');
    expect(hoursText(6)).toBe('1.5 hours');
    expect(hoursText(9)).toBe('2.25 hours');
  });
});

describe('CPD years', () => {
  it('are calendar years, or 1 July to 30 June', () => {
    expect(cpdYearOf('2026-06-30', 'calendar')).toEqual({ label: '2026', from: '2026-01-01', to: '2026-12-31' });
    expect(cpdYearOf('2026-06-30', 'july')).toEqual({ label: '2025–26', from: '2025-07-01', to: '2026-06-30' });
    expect(cpdYearOf('2026-07-01', 'july')).toEqual({ label: '2026–27', from: '2026-07-01', to: '2027-06-30' });
    expect(cpdYearOf('2000-01-15', 'july').label).toBe('1999–00');
  });

  it('date a meetup by its own wall clock, so an evening in Sydney on 30 June counts in the year it ends', () => {
    // 30 June 2026, 19:00–20:30 in Sydney is 09:00 UTC that day; 1 July 00:30 in Sydney is still 30 June in UTC.
    expect(localDate('2026-06-30T09:00:00Z', 'Australia/Sydney')).toBe('2026-06-30');
    expect(localDate('2026-06-30T14:30:00Z', 'Australia/Sydney')).toBe('2026-07-01');
    expect(cpdYearOf(localDate('2026-06-30T14:30:00Z', 'Australia/Sydney'), 'july').label).toBe('2026–27');
    expect(cpdYearOf(localDate('2026-06-30T14:30:00Z', 'Europe/London'), 'july').label).toBe('2025–26');
  });

  it('date a BST evening across 30 June by London’s clock: 23:30 UTC on 30 June is 1 July, in the year 2026–27, and its hours count there', () => {
    // British Summer Time is UTC+1: 30 June 2026, 23:30 UTC is 00:30 on 1 July in London.
    const date = localDate('2026-06-30T23:30:00Z', 'Europe/London');
    expect(date).toBe('2026-07-01');
    expect(cpdYearOf(date, 'july')).toEqual({ label: '2026–27', from: '2026-07-01', to: '2027-06-30' });
    // The hour before is still 30 June in London, in 2025–26.
    const before = localDate('2026-06-30T22:30:00Z', 'Europe/London');
    expect(before).toBe('2026-06-30');
    const totals = totalsByYear([{ date, quarters: 6 }, { date: before, quarters: 2 }], 'july');
    expect(totals.map((y) => [y.label, y.quarters, y.activities])).toEqual([['2026–27', 6, 1], ['2025–26', 2, 1]]);
    // Its UTC date would have put it in the other year.
    expect(cpdYearOf('2026-06-30', 'july').label).toBe('2025–26');
  });

  it('sum hours per year in quarters, the latest year first, with no drift', () => {
    const activities = [
      { date: '2026-06-30', quarters: 6 },
      { date: '2026-07-01', quarters: 4 },
      { date: '2025-07-01', quarters: 1 },
      ...Array.from({ length: 10 }, () => ({ date: '2026-12-01', quarters: 1 })),
    ];
    expect(totalsByYear(activities, 'july').map((y) => [y.label, y.quarters, y.activities])).toEqual([['2026–27', 14, 11], ['2025–26', 7, 2]]);
    expect(totalsByYear(activities, 'calendar').map((y) => [y.label, y.quarters])).toEqual([['2026', 20], ['2025', 1]]);
    expect(totalsByYear([], 'calendar')).toEqual([]);
  });
});

describe('a record’s provider', () => {
  it('is the network’s name; for a meetup of no network, its organisers’ names; else Signpost', () => {
    expect(recordProvider({ networkName: 'Manchester NLPN', organisers: ['Priya Shah'] })).toBe('Manchester NLPN');
    expect(recordProvider({ organisers: ['Priya Shah', 'Sam'] })).toBe('Priya Shah, Sam');
    expect(recordProvider({ networkName: '  ', organisers: [' Priya Shah ', ''] })).toBe('Priya Shah');
    expect(recordProvider({ organisers: [] })).toBe('Signpost');
    expect(recordProvider({ organisers: ['   '] })).toBe('Signpost');
  });
});

describe('word counts', () => {
  it('count words as people do', () => {
    expect(wordCount('')).toBe(0);
    expect(wordCount('   ')).toBe(0);
    expect(wordCount("I learned what a TeachMeet's nano-talk is — in 2 minutes!")).toBe(10);
    expect(wordCount('Café, naïve; résumé.')).toBe(3);
    expect(wordCount('word '.repeat(251))).toBe(251);
  });
});
