// Unit: the check-in QR code's address (web/src/qr.ts). The RSVP page's code names the meetup's check-in page and only
// the RSVP's key; the check-in page reads the key back for its own meetup, says "another meetup" for another one's,
// and rejects anything else (another site, another page, no key, a key of the wrong shape, not an address).
import { describe, expect, it } from 'vitest';
import { checkInQrUrl, readCheckInQr, rsvpKeyIn } from '#web/src/qr.ts';

const origin = 'https://signpost.example';
const here = { origin, eventId: 'ev123' };
const key = 'Kx9_a-Z0';

describe('the check-in QR code', () => {
  it('carries the check-in page and the key, never more', () => {
    const url = checkInQrUrl(origin, 'ev123', key);
    expect(url).toBe(`${origin}/events/ev123/check-in#rsvp=${key}`);
    expect(url).not.toContain('token');
    expect(() => checkInQrUrl(origin, 'EV/../x', key)).toThrow();
    expect(() => checkInQrUrl(origin, 'ev123', 'a&token=b')).toThrow();
  });

  it('reads back the key for this meetup', () => {
    expect(readCheckInQr(checkInQrUrl(origin, 'ev123', key), here)).toEqual({ kind: 'person', key });
    expect(readCheckInQr(` ${origin}/events/ev123/check-in/#rsvp=${key}\n`, here)).toEqual({ kind: 'person', key });
    // A token in the fragment too changes nothing about whom it names.
    expect(readCheckInQr(`${origin}/events/ev123/check-in?q=ada#token=abc&rsvp=${key}`, here)).toEqual({ kind: 'person', key });
  });

  it('says when it is for another meetup, naming nobody', () => {
    expect(readCheckInQr(checkInQrUrl(origin, 'other9', key), here)).toEqual({ kind: 'other-meetup', eventId: 'other9' });
  });

  it('rejects everything else', () => {
    for (const text of [
      `https://elsewhere.example/events/ev123/check-in#rsvp=${key}`,
      `http://signpost.example/events/ev123/check-in#rsvp=${key}`,
      `${origin}/events/ev123#rsvp=${key}`,
      `${origin}/rsvp/ev123/${key}/cancel`,
      `${origin}/events/ev123/check-in`,
      `${origin}/events/ev123/check-in#rsvp=`,
      `${origin}/events/ev123/check-in#rsvp=${'k'.repeat(65)}`,
      `${origin}/events/ev123/check-in#rsvp=a%20b`,
      `${origin}/events/ev123/check-in?rsvp=${key}`,
      'Hello, world',
      '',
    ])
      expect(readCheckInQr(text, here), text).toEqual({ kind: 'unknown' });
  });

  it('finds the key in a page fragment', () => {
    expect(rsvpKeyIn(`#rsvp=${key}`)).toBe(key);
    expect(rsvpKeyIn(`#token=x&rsvp=${key}`)).toBe(key);
    expect(rsvpKeyIn('#token=x')).toBeUndefined();
    expect(rsvpKeyIn('#rsvp=<b>')).toBeUndefined();
    expect(rsvpKeyIn('')).toBeUndefined();
  });
});
