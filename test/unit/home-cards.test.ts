// Unit: the home page's cards and status line (views/home-page.ts), shared by the server render and the home script.
import { describe, expect, it } from 'vitest';
import { cardPlacesText, describeFilters, listStatusText, meetupCardHtml, meetupListHtml, NO_FILTERS, venueShort, whereText } from '#views/home-page.ts';
import type { EventSummary } from '#functions/core/event.ts';

const card = (over: Partial<EventSummary> = {}): EventSummary => ({
  id: 'abc123',
  url: 'https://events.example.org/events/abc123/lunch',
  title: 'Lunch club',
  start: { local: '2026-12-03T12:30', utc: '2026-12-03T12:30:00.000Z' },
  end: { local: '2026-12-03T13:30', utc: '2026-12-03T13:30:00.000Z' },
  timezone: 'Europe/London',
  format: 'in_person',
  venue: "Central Library, St Peter's Square\nManchester M2 5PD",
  tags: [],
  status: 'published',
  ...over,
});

describe('meetup cards', () => {
  it('say how many places are left, in words that agree with the number', () => {
    const places = (capacity: number, confirmed: number, waitlist = 0) => ({ capacity, confirmed, left: Math.max(0, capacity - confirmed), waitlist });
    expect(cardPlacesText(card({ capacity: 20, places: places(20, 17) }))).toBe('3 places left');
    expect(cardPlacesText(card({ capacity: 20, places: places(20, 19) }))).toBe('1 place left');
    expect(cardPlacesText(card({ capacity: 5, places: places(5, 5, 2) }))).toBe('Full — waitlist open');
    expect(cardPlacesText(card({}))).toBe('No limit on places');
    expect(cardPlacesText(card({ capacity: 1 }))).toBe('1 place');
  });

  it('name the venue and its town, without the postcode', () => {
    expect(venueShort("Central Library, St Peter's Square\nManchester M2 5PD")).toBe('Central Library, Manchester');
    expect(venueShort('Wellcome Collection cafe\n183 Euston Road, London NW1 2BE')).toBe('Wellcome Collection cafe, London');
    expect(venueShort('The Library of Birmingham\nCentenary Square, Birmingham B1 2ND')).toBe('The Library of Birmingham');
    expect(venueShort('State Library of New South Wales\n1 Shakespeare Place, Sydney NSW 2000')).toBe('State Library of New South Wales, Sydney');
    expect(venueShort('Room 4')).toBe('Room 4');
    expect(whereText(card({ format: 'online', venue: undefined }))).toBe('Online');
    expect(whereText(card({ format: 'hybrid' }))).toBe('Hybrid · Central Library, Manchester');
    expect(whereText(card())).toBe('In person · Central Library, Manchester');
  });

  it('mark a cancelled meetup as cancelled, with no places to offer', () => {
    const markup = meetupCardHtml(card({ status: 'cancelled', capacity: 10, title: 'Cancelled chat' })).toString();
    expect(markup).toContain('<span class="badge badge-cancelled">Cancelled</span>');
    expect(markup).toContain('Cancelled: this meetup will not take place');
    expect(markup).not.toMatch(/places left|No limit|waitlist/);
  });

  it('escape everything an organiser typed and link to the page on this site', () => {
    const markup = meetupCardHtml(card({ title: '<img src=x onerror=alert(1)>', network: { name: 'A & B <i>', slug: 'a-and-b-i' } })).toString();
    expect(markup).not.toContain('<img');
    expect(markup).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(markup).toContain('A &amp; B &lt;i&gt;');
    expect(markup).toContain('href="/events/abc123/lunch"');
  });

  it('group by month under one heading each', () => {
    const markup = meetupListHtml([card(), card({ id: 'b' }), card({ id: 'c', start: { local: '2027-01-05T12:30', utc: '2027-01-05T12:30:00.000Z' } })]).toString();
    expect(markup.match(/<h2 /g)).toHaveLength(2);
    expect(markup).toContain('December 2026');
    expect(markup).toContain('January 2027');
  });
});

describe('the status line', () => {
  it('says there are more only when there are', () => {
    expect(listStatusText(20, NO_FILTERS, true)).toBe('Showing 20 meetups; there are more below.');
    expect(listStatusText(1, NO_FILTERS, false)).toBe('Showing 1 meetup.');
    expect(listStatusText(3, { ...NO_FILTERS, q: 'lunch', network: 'CILIP' }, false, 2)).toBe('Page 2: showing 3 meetups matching “lunch” from “CILIP”.');
  });

  it('describes every filter in words', () => {
    expect(describeFilters({ q: 'lunch', network: 'CILIP', tag: 'cpd', format: 'online', when: 'week', from: '2026-12-03', to: '2026-12-10' }))
      .toBe('matching “lunch” tagged “cpd” from “CILIP” (online) this week between 3 December 2026 and 10 December 2026');
    expect(describeFilters({ ...NO_FILTERS, from: '2026-12-03' })).toBe('from 3 December 2026 on');
    expect(describeFilters({ ...NO_FILTERS, to: '2026-12-03' })).toBe('until 3 December 2026');
  });
});
