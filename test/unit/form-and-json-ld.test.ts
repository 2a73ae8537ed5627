// Unit: turning a urlencoded form body into the object a schema expects (functions/http/form.ts), and the event
// page's schema.org JSON-LD (views/event-page.ts): its fields, the joining link only when public, and escaping.
import { describe, expect, it } from 'vitest';
import { formObject, formValues, isUrlEncoded } from '#functions/http/form.ts';
import { eventJsonLd } from '#views/event-page.ts';
import { jsonLdScript } from '#views/share-head.ts';
import type { PublicEvent } from '#functions/core/event.ts';

describe('formObject', () => {
  const body = (text: string) => new URLSearchParams(text);

  it('reads numbers typed as people type them, and leaves other text for the schema to name', () => {
    const shape = { numbers: ['capacity'] };
    expect(formObject(body('capacity=1%2C000'), shape)).toEqual({ capacity: 1000 });
    expect(formObject(body('capacity=+20+'), shape)).toEqual({ capacity: 20 });
    expect(formObject(body('capacity=2.5'), shape)).toEqual({ capacity: 2.5 });
    expect(formObject(body('capacity=ten'), shape)).toEqual({ capacity: 'ten' });
    expect(formObject(body('capacity='), shape)).toEqual({});
    expect(formObject(body(''), shape)).toEqual({});
  });

  it('splits comma-separated lists, joins repeated fields and drops blanks', () => {
    const shape = { lists: ['tags'] };
    expect(formObject(body('tags=TeachMeet%2C+CPD%2C+%2C'), shape)).toEqual({ tags: ['TeachMeet', 'CPD'] });
    expect(formObject(body('tags=a&tags=b%2Cc'), shape)).toEqual({ tags: ['a', 'b', 'c'] });
    expect(formObject(body(''), shape)).toEqual({ tags: [] });
  });

  it('reads a checkbox as true when sent, whatever its value, and false when not', () => {
    const shape = { checkboxes: ['onlineUrlPublic'] };
    expect(formObject(body('onlineUrlPublic=yes'), shape)).toEqual({ onlineUrlPublic: true });
    expect(formObject(body('onlineUrlPublic='), shape)).toEqual({ onlineUrlPublic: true });
    expect(formObject(body('title=x'), shape)).toEqual({ title: 'x', onlineUrlPublic: false });
  });

  it('keeps text as sent (first value), and treats blank as missing only where asked', () => {
    expect(formObject(body('title=a&title=b&venue=Line+1%0D%0ALine+2'))).toEqual({ title: 'a', venue: 'Line 1\r\nLine 2' });
    expect(formObject(body('start=&title='), { blankIsMissing: ['start'] })).toEqual({ title: '' });
  });

  it('gives back the values as typed, to show the form again', () => {
    expect(formValues(body('title=%3Cb%3E&capacity=ten&title=second'))).toEqual({ title: '<b>', capacity: 'ten' });
  });

  it('knows a urlencoded content type, parameters and case included', () => {
    expect(isUrlEncoded('application/x-www-form-urlencoded')).toBe(true);
    expect(isUrlEncoded('Application/X-WWW-Form-Urlencoded; charset=UTF-8')).toBe(true);
    expect(isUrlEncoded('application/json')).toBe(false);
    expect(isUrlEncoded('multipart/form-data; boundary=x')).toBe(false);
    expect(isUrlEncoded(undefined)).toBe(false);
  });
});

const event = (over: Partial<PublicEvent> = {}): PublicEvent => ({
  id: 'abc123',
  url: 'https://events.example.org/events/abc123/lunch',
  title: 'Lunch club',
  start: { local: '2026-12-03T12:30', utc: '2026-12-03T12:30:00.000Z' },
  end: { local: '2026-12-03T13:30', utc: '2026-12-03T13:30:00.000Z' },
  timezone: 'Europe/London',
  format: 'in_person',
  venue: 'Central Library\nSt Peter’s Square\nManchester',
  tags: [],
  status: 'published',
  places: { capacity: 20, confirmed: 3, left: 17, waitlist: 0 },
  rsvpsOpen: true,
  description: 'Bring your own lunch.',
  organiserName: 'Sam',
  updatedAt: '2026-11-27T09:00:00.000Z',
  ...over,
});

describe('the event page JSON-LD', () => {
  it('describes a free in-person meetup: status, mode, place, free offer and organiser', () => {
    expect(eventJsonLd(event({ network: { name: 'Manchester NLPN', slug: 'manchester-nlpn' } }))).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Event',
      name: 'Lunch club',
      startDate: '2026-12-03T12:30:00.000Z',
      endDate: '2026-12-03T13:30:00.000Z',
      eventStatus: 'https://schema.org/EventScheduled',
      eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
      location: { '@type': 'Place', name: 'Central Library', address: 'Central Library, St Peter’s Square, Manchester' },
      isAccessibleForFree: true,
      offers: { '@type': 'Offer', price: 0, priceCurrency: 'GBP', availability: 'https://schema.org/InStock', url: 'https://events.example.org/events/abc123/lunch' },
      organizer: { '@type': 'Organization', name: 'Manchester NLPN' },
    });
    expect(eventJsonLd(event()).organizer).toEqual({ '@type': 'Person', name: 'Sam' });
  });

  it('gives an online meetup a VirtualLocation, with the link only when it is public', () => {
    const online = { format: 'online' as const, venue: undefined };
    expect(eventJsonLd(event({ ...online, joinLink: 'private' })).location).toEqual({ '@type': 'VirtualLocation' });
    expect(eventJsonLd(event({ ...online, joinLink: 'public', onlineUrl: 'https://meet.example.org/x' })).location).toEqual({ '@type': 'VirtualLocation', url: 'https://meet.example.org/x' });
    const hybrid = eventJsonLd(event({ format: 'hybrid', joinLink: 'private' }));
    expect(hybrid.eventAttendanceMode).toBe('https://schema.org/MixedEventAttendanceMode');
    expect(hybrid.location).toEqual([expect.objectContaining({ '@type': 'Place' }), { '@type': 'VirtualLocation' }]);
    expect(JSON.stringify(eventJsonLd(event({ format: 'hybrid', joinLink: 'private' })))).not.toContain('meet.example.org');
  });

  it('marks a cancelled meetup EventCancelled, and a full one SoldOut', () => {
    expect(eventJsonLd(event({ status: 'cancelled', rsvpsOpen: false, rsvpClosedReason: 'cancelled' }))).toMatchObject({
      eventStatus: 'https://schema.org/EventCancelled',
      offers: { price: 0 },
    });
    expect(eventJsonLd(event({ places: { capacity: 2, confirmed: 2, left: 0, waitlist: 1 } })).offers).toMatchObject({ availability: 'https://schema.org/SoldOut' });
  });

  it('cannot be closed early by anything in the data, and still parses to the same data', () => {
    const nasty = event({ title: 'Lunch </script><script>alert(1)</script> & <!-- more', description: 'a\u2028b </SCRIPT>' });
    const block = jsonLdScript(eventJsonLd(nasty)).toString();
    const inner = /^<script type="application\/ld\+json">([\s\S]*)<\/script>$/.exec(block)![1]!;
    expect(inner).not.toMatch(/[<>&\u2028]/);
    expect(block.match(/<\/script>/gi)).toHaveLength(1);
    expect(JSON.parse(inner)).toEqual(eventJsonLd(nasty));
  });
});
