// Unit: the Subscribe panel's markup escapes what organisers typed, and offers exactly the reminders the feeds accept.
import { describe, expect, it } from 'vitest';
import { subscribeLinks } from '#functions/core/subscribe-links.ts';
import { ALARM_LABELS, feedBlockHtml, subscribePanelHtml, withAlarm } from '#views/subscribe-section.ts';
import { raw } from '#views/html.ts';
import { ALARM_CHOICES } from '#functions/core/paths.ts';

describe('subscribe section', () => {
  it('offers the reminder choices the feeds accept, in order', () => {
    expect(Object.keys(ALARM_LABELS).map(Number)).toEqual([...ALARM_CHOICES]);
    const html = String(subscribePanelHtml({ id: 'p', feedsHtml: raw('') }));
    expect([...html.matchAll(/<option value="(\d*)">/g)].map((m) => m[1])).toEqual(['', ...ALARM_CHOICES.map(String)]);
    expect(withAlarm('https://e.org/calendar.ics', '60')).toBe('https://e.org/calendar.ics?alarm=60');
    expect(withAlarm('https://e.org/calendar.ics', '')).toBe('https://e.org/calendar.ics');
  });

  it('escapes names in text and attributes, and links every way to subscribe', () => {
    const feed = { url: 'https://e.org/calendar/networks/x.ics', name: 'Signpost: "A&B" <script>', label: '<img src=x> meetups' };
    const html = String(feedBlockHtml(feed, 'f'));
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain('data-feed-name="Signpost: &quot;A&amp;B&quot; &lt;script&gt;"');
    const links = subscribeLinks(feed.url, feed.name);
    for (const key of ['webcal', 'google', 'outlook', 'outlookWork'] as const) {
      expect(html).toContain(`href="${links[key].replace(/&/g, '&amp;')}" data-link="${key}"`);
    }
    expect(html).toContain(`value="${feed.url}" data-link="https"`);
  });
});
