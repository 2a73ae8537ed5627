// Unit: "Still coming?" without a table: when the sweep must look at a meetup again (its mark), and the email's words.
import { describe, expect, it } from 'vitest';
import { needsLook } from '#functions/attendance/still-coming-sweep.ts';
import { seenKey } from '#functions/attendance/still-coming.repository.ts';
import { deadlineWords, releasedEmail, stillComingEmail, stillComingLinks, stillComingSubject } from '#functions/attendance/still-coming-emails.ts';
import { sampleEvent, SITE } from '../support/email-samples.ts';

const event = sampleEvent('in_person', { joinCount: 4 });
const now = new Date('2026-11-30T09:00:00Z');
const person = { name: 'Siân', email: 'sian@example.org' };
const links = stillComingLinks(SITE, event.id, 'k1', 'T'.repeat(43));

describe('the mark a sweep leaves on a meetup', () => {
  it('skips the meetup until its next work is due, it is edited or moved, or someone joins', () => {
    const seen = seenKey(event);
    expect(needsLook(event, now)).toBe(true);
    expect(needsLook({ ...event, stillComingMark: { seen } }, now)).toBe(false);
    expect(needsLook({ ...event, stillComingMark: { seen, next: '2026-11-30T10:00:00.000Z' } }, now)).toBe(false);
    expect(needsLook({ ...event, stillComingMark: { seen, next: '2026-11-30T09:00:00.000Z' } }, now)).toBe(true);
    expect(needsLook({ ...event, joinCount: 5, stillComingMark: { seen } }, now)).toBe(true);
    expect(needsLook({ ...event, version: event.version + 1, stillComingMark: { seen } }, now)).toBe(true);
    expect(needsLook({ ...event, startUtc: '2026-12-03T14:00:00.000Z', stillComingMark: { seen } }, now)).toBe(true);
  });
});

describe('the emails', () => {
  it('ask with the day in the subject, in the meetup’s zone, and two one-click answers', () => {
    const late = { ...event, startUtc: '2026-12-03T23:30:00.000Z', timezone: 'Australia/Sydney' };
    expect(stillComingSubject(late)).toBe(`Still coming to ${event.title} on Friday 4 December?`);
    const email = stillComingEmail(event, SITE, person, links);
    expect(email.subject).toBe(`Still coming to ${event.title} on Thursday 3 December?`);
    expect(email.text).toContain(`Yes, I'm coming: ${links.yes}`);
    expect(email.text).toContain(`No, give my place to someone else: ${links.no}`);
    expect(email.html).toContain(`href="${links.yes.replace(/&/g, '&amp;')}"`);
  });

  it('speak of a deadline only to someone given one, in plain words', () => {
    expect(stillComingEmail(event, SITE, person, links).text).not.toMatch(/heard from you|deadline/i);
    const deadline = new Date('2026-12-02T12:30:00.000Z');
    expect(deadlineWords(deadline, 'Europe/London')).toBe('Wednesday 2 December at 12:30 London time');
    const text = stillComingEmail(event, SITE, person, links, deadline).text.replace(/\s+/g, ' ');
    expect(text).toContain('If we have not heard from you by Wednesday 2 December at 12:30 London time, your place goes to the next person on the waitlist');
  });

  it('tell a released person how to take a place back', () => {
    const text = releasedEmail(event, SITE, person, links.back).text.replace(/\s+/g, ' ');
    expect(text).toContain('your place went to the next person on the waitlist');
    expect(text).toContain(links.back);
  });
});
