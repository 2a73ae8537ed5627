// Unit: the shared zod schema names every bad field and why.
import { describe, expect, it } from 'vitest';
import { eventInputSchema } from '#functions/events/event.schema.ts';
import { isIanaTimeZone, parseLocalDateTime } from '#functions/core/time.ts';
import { fieldIssues } from '#functions/http/schemas.ts';

const valid = {
  title: 'New professionals lunch club',
  description: 'Bring your own lunch.',
  start: '2026-12-03T12:30',
  end: '2026-12-03T13:30',
  format: 'in_person',
  venue: 'Central Library, Manchester',
  organiserName: 'Sam',
  organiserEmail: 'sam@example.org',
};

const issues = (input: Record<string, unknown>) => {
  const r = eventInputSchema.safeParse(input);
  return r.success ? [] : fieldIssues(r.error);
};
const fields = (input: Record<string, unknown>) => issues(input).map((i) => i.field);

describe('eventInputSchema', () => {
  it('asks for a missing title, and says how long a short one must be', () => {
    const titleIssues = (title: string) =>
      (eventInputSchema.safeParse({ ...valid, title }).error?.issues ?? []).filter((i) => i.path[0] === 'title').map((i) => i.message);
    expect(titleIssues('')).toEqual(['Enter a title']);
    expect(titleIssues('  ')).toEqual(['Enter a title']);
    expect(titleIssues('ab')).toEqual(['Title must be 3 characters or more']);
    expect(titleIssues('Lunch')).toEqual([]);
  });

  it('accepts a complete meetup and fills defaults', () => {
    const parsed = eventInputSchema.parse(valid);
    expect(parsed.timezone).toBe('Europe/London');
    expect(parsed.tags).toEqual([]);
    expect(parsed).not.toHaveProperty('price');
  });

  it('names every missing required field', () => {
    expect(fields({})).toEqual(expect.arrayContaining(['title', 'description', 'start', 'end', 'format', 'organiserName', 'organiserEmail']));
    expect(issues({}).find((i) => i.field === 'title')?.message).toBe('Enter a title');
    expect(issues({}).find((i) => i.field === 'organiserEmail')?.message).toBe('Enter your email address');
  });

  it('rejects a 10 kB title, a bad email and an unknown time zone, each by name', () => {
    const out = issues({ ...valid, title: 'x'.repeat(10_240), organiserEmail: 'not-an-email', timezone: 'Mars/Olympus_Mons' });
    expect(out).toEqual(
      expect.arrayContaining([
        { field: 'title', message: 'Title must be 140 characters or fewer' },
        { field: 'organiserEmail', message: 'Enter an email address in the correct format, like name@example.org' },
        { field: 'timezone', message: 'Choose a time zone, such as Europe/London' },
      ]),
    );
  });

  it('rejects an end before the start, and meetups longer than 14 days', () => {
    expect(issues({ ...valid, end: '2026-12-03T12:00' })).toEqual([{ field: 'end', message: 'End must be after the start' }]);
    expect(fields({ ...valid, end: '2026-12-20T12:00' })).toEqual(['end']);
  });

  it('requires a venue in person and a joining link online, and only web links', () => {
    expect(fields({ ...valid, venue: '' })).toEqual(['venue']);
    expect(fields({ ...valid, format: 'online', venue: undefined })).toEqual(['onlineUrl']);
    expect(fields({ ...valid, format: 'hybrid', onlineUrl: 'javascript:alert(1)' })).toEqual(['onlineUrl']);
    expect(fields({ ...valid, format: 'hybrid', onlineUrl: 'https://meet.example.org/x' })).toEqual([]);
  });

  it('rejects impossible dates, non-integer capacity, too many or repeated tags', () => {
    expect(fields({ ...valid, start: '2026-02-30T10:00' })).toContain('start');
    expect(fields({ ...valid, capacity: 2.5 })).toEqual(['capacity']);
    expect(fields({ ...valid, capacity: 0 })).toEqual(['capacity']);
    expect(issues({ ...valid, capacity: '20' })).toEqual([{ field: 'capacity', message: 'Number of places must be a whole number' }]);
    expect(fields({ ...valid, tags: Array.from({ length: 9 }, (_, i) => `t${i}`) })).toEqual(['tags']);
    expect(fields({ ...valid, tags: ['CPD', 'cpd'] })).toEqual(['tags.1']);
  });

  it('keeps titles, names and tags on one line, since they go into email subjects', () => {
    expect(issues({ ...valid, title: 'Lunch\r\nBcc: everyone@example.org', tags: ['a\nb'], network: 'x\ty' })).toEqual([
      { field: 'title', message: 'Title must be on one line' },
      { field: 'network', message: 'Network or group must be on one line' },
      { field: 'tags.0', message: 'Each tag must be on one line' },
    ]);
    expect(fields({ ...valid, description: 'Line one\nLine two' })).toEqual([]);
  });

  it('keeps HTML as plain text (it is escaped on output, never stripped or run)', () => {
    expect(eventInputSchema.parse({ ...valid, title: '<script>alert(1)</script>' }).title).toBe('<script>alert(1)</script>');
  });
});

describe('date and zone helpers', () => {
  it('parses real wall-clock readings only', () => {
    expect(parseLocalDateTime('2026-12-03T18:30')).toBe(Date.UTC(2026, 11, 3, 18, 30));
    expect(parseLocalDateTime('2026-12-03 18:30')).toBeUndefined();
    expect(parseLocalDateTime('2026-13-03T18:30')).toBeUndefined();
    expect(parseLocalDateTime('2026-12-03T24:30')).toBeUndefined();
  });

  it('accepts IANA zones and UTC, not abbreviations or offsets', () => {
    expect(isIanaTimeZone('Europe/London')).toBe(true);
    expect(isIanaTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isIanaTimeZone('UTC')).toBe(true);
    expect(isIanaTimeZone('EST')).toBe(false);
    expect(isIanaTimeZone('+01:00')).toBe(false);
    expect(isIanaTimeZone('Europe/Nowhere')).toBe(false);
  });
});
