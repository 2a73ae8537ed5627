// Unit: the events domain — times across clock changes, lifecycle rules, and the public view.
import { describe, expect, it } from 'vitest';
import { eventInputSchema, eventEditSchema } from '#functions/events/event.schema.ts';
import { cancelEvent, createEvent, editEvent, isLive, localToUtc, publishEvent, toPublicEvent, toSummary } from '#functions/events/event.ts';
import { AppError } from '#functions/core/errors.ts';
import { slugify } from '#functions/core/slug.ts';

const now = new Date('2026-11-27T09:00:00Z');
const input = (over: Record<string, unknown> = {}) =>
  eventInputSchema.parse({
    title: 'TeachMeet: reading for pleasure',
    description: 'Short talks.',
    start: '2026-12-03T16:00',
    end: '2026-12-03T18:00',
    format: 'hybrid',
    venue: 'Glasgow',
    onlineUrl: 'https://meet.example.org/tm',
    organiserName: 'Morag',
    organiserEmail: 'Morag@Example.org',
    tags: ['TeachMeet'],
    ...over,
  });
const draft = (over: Record<string, unknown> = {}) => createEvent(input(over), { id: 'abcdefghjk', tokenHash: 'f'.repeat(64) }, now);

const validationFields = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e.details?.map((d) => d.field);
  }
  return 'no error';
};

describe('local times to instants', () => {
  it('applies GMT in winter and BST in summer for Europe/London', () => {
    expect(localToUtc('2026-12-03T18:30', 'Europe/London', 'start').toISOString()).toBe('2026-12-03T18:30:00.000Z');
    expect(localToUtc('2027-06-03T18:30', 'Europe/London', 'start').toISOString()).toBe('2027-06-03T17:30:00.000Z');
    expect(localToUtc('2027-01-15T11:00', 'America/New_York', 'start').toISOString()).toBe('2027-01-15T16:00:00.000Z');
  });

  it('refuses a time the spring clock change skips, naming the field', () => {
    expect(validationFields(() => localToUtc('2027-03-28T01:30', 'Europe/London', 'start'))).toEqual(['start']);
  });

  it('takes the first of the two 01:30s when the clocks go back', () => {
    expect(localToUtc('2026-10-25T01:30', 'Europe/London', 'start').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(localToUtc('2026-10-25T02:30', 'Europe/London', 'start').toISOString()).toBe('2026-10-25T02:30:00.000Z');
  });

  it('handles half-hour zones and half-hour clock changes', () => {
    expect(localToUtc('2026-12-03T18:30', 'Asia/Kolkata', 'start').toISOString()).toBe('2026-12-03T13:00:00.000Z');
    // Lord Howe Island moves its clocks by 30 minutes: 02:00 becomes 02:30 on 4 October 2026.
    expect(validationFields(() => localToUtc('2026-10-04T02:15', 'Australia/Lord_Howe', 'start'))).toEqual(['start']);
    expect(localToUtc('2026-10-04T02:30', 'Australia/Lord_Howe', 'start').toISOString()).toBe('2026-10-03T15:30:00.000Z');
  });
});

describe('creating and changing a meetup', () => {
  it('creates an unpublished draft that expires, with a lower-cased organiser address', () => {
    const e = draft();
    expect(e.status).toBe('draft');
    expect(e.organiserEmail).toBe('morag@example.org');
    expect(e.startUtc).toBe('2026-12-03T16:00:00.000Z');
    expect(e.expiresAt).toBe(now.getTime() / 1000 + 7 * 86_400);
    expect(isLive(e, new Date('2026-12-05T00:00:00Z'))).toBe(false);
  });

  it('refuses a start in the past', () => {
    expect(validationFields(() => draft({ start: '2026-11-01T10:00', end: '2026-11-01T11:00' }))).toEqual(['start']);
  });

  it('publishes idempotently and drops the draft expiry', () => {
    const published = publishEvent(draft(), now);
    expect(published.status).toBe('published');
    expect(published.expiresAt).toBeUndefined();
    expect(publishEvent(published, now)).toBe(published);
  });

  it('edits with optimistic versions and bumps the version', () => {
    const published = publishEvent(draft(), now);
    const edit = eventEditSchema.parse({ ...input({ title: 'Renamed' }), start: '2026-12-03T16:00', end: '2026-12-03T18:00', token: 'a'.repeat(43), version: published.version });
    const edited = editEvent(published, edit, now);
    expect(edited.title).toBe('Renamed');
    expect(edited.slug).toBe('renamed');
    expect(edited.version).toBe(published.version + 1);
    expect(() => editEvent(edited, edit, now)).toThrowError(/changed since you opened/);
  });

  it('cancels published meetups only, idempotently, and refuses edits afterwards', () => {
    expect(() => cancelEvent(draft(), now)).toThrowError(AppError);
    const cancelled = cancelEvent(publishEvent(draft(), now), now);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelEvent(cancelled, now)).toBe(cancelled);
    expect(() => publishEvent(cancelled, now)).toThrowError(/cancelled/);
  });
});

describe('public views', () => {
  it('never include the organiser address, token hash or draft bookkeeping', () => {
    const e = publishEvent(draft(), now);
    const text = JSON.stringify([toPublicEvent(e, 'https://s.example', now), toSummary(e, 'https://s.example')]);
    expect(text).not.toMatch(/morag@example\.org|manageTokenHash|ffffffff|expiresAt|version/);
    expect(toPublicEvent(e, 'https://s.example', now).url).toBe('https://s.example/events/abcdefghjk/teachmeet-reading-for-pleasure');
  });
});

describe('slugify', () => {
  it('makes readable ASCII slugs from Welsh, Irish and emoji titles', () => {
    expect(slugify('Cyfarfod dwyieithog – croeso i bawb!')).toBe('cyfarfod-dwyieithog-croeso-i-bawb');
    expect(slugify('Léann & Leabharlanna: Éire')).toBe('leann-and-leabharlanna-eire');
    expect(slugify('📚🎉')).toBe('meetup');
  });

  it('never makes an event page\'s address one of the paths under an event (a meetup called "Messages" or "Report")', () => {
    expect(draft({ title: 'Messages' }).slug).toBe('messages-meetup');
    expect(draft({ title: 'Report!' }).slug).toBe('report-meetup');
    expect(draft({ title: 'RSVP' }).slug).toBe('rsvp-meetup');
    expect(draft({ title: 'Messages from the archive' }).slug).toBe('messages-from-the-archive');
  });
});
