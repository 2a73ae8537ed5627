// Unit: meetup times name their zone by place ("London time", "New York time"), never by offset ("GMT-5").
import { describe, expect, it } from 'vitest';
import { formatClock, formatWhen, zoneName, zonePlace } from '#functions/core/time.ts';

describe('zone names', () => {
  it('derives a short place name from the IANA id', () => {
    expect(zonePlace('Europe/London')).toBe('London');
    expect(zonePlace('America/New_York')).toBe('New York');
    expect(zonePlace('America/Argentina/Buenos_Aires')).toBe('Buenos Aires');
    expect(zonePlace('America/Port-au-Prince')).toBe('Port-au-Prince');
    expect(zonePlace('UTC')).toBeUndefined();
    expect(zonePlace('Etc/GMT+5')).toBeUndefined();
  });

  it('says "<place> time", UTC as UTC, and falls back to the short name only for zones without a place', () => {
    expect(zoneName('Europe/London')).toBe('London time');
    expect(zoneName('Asia/Kolkata')).toBe('Kolkata time');
    expect(zoneName('UTC')).toBe('UTC');
    expect(zoneName('Etc/GMT+5', new Date('2027-01-15T12:00:00Z'))).toBe('GMT-5');
  });

  it('writes meetup times in the event zone, named by place, winter and summer alike', () => {
    expect(formatWhen('2026-12-03T12:30:00Z', '2026-12-03T13:30:00Z', 'Europe/London')).toMatch(/^Thursday,? 3 December 2026, 12:30 – 13:30 London time$/);
    expect(formatWhen('2027-06-03T11:30:00Z', '2027-06-03T12:30:00Z', 'Europe/London')).toMatch(/^Thursday,? 3 June 2027, 12:30 – 13:30 London time$/);
    expect(formatWhen('2027-01-15T23:00:00Z', '2027-01-16T00:30:00Z', 'America/New_York')).toMatch(/^Friday,? 15 January 2027, 18:00 – 19:30 New York time$/);
    expect(formatWhen('2027-07-01T09:00:00Z', '2027-07-02T16:00:00Z', 'Europe/London')).toMatch(/^Thursday,? 1 July 2027, 10:00 – Friday,? 2 July 2027, 17:00 London time$/);
    expect(formatWhen('2027-01-15T16:00:00Z', '2027-01-15T17:00:00Z', 'America/New_York')).not.toMatch(/GMT|EST/);
  });

  it('writes the 24-hour clock, midnight as 00:00', () => {
    expect(formatClock('2027-01-16T00:05:00Z', 'Europe/London')).toBe('00:05');
    expect(formatClock('2027-01-15T17:30:00Z', 'America/New_York')).toBe('12:30');
  });
});
