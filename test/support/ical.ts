// Test support: reads our .ics output back with ical.js (Mozilla's parser), which throws on syntax errors. Each
// feed's own VTIMEZONE blocks are registered first, so TZID times resolve through what we wrote, not a built-in table.
import ICAL from 'ical.js';

export interface ParsedEvent {
  uid: string;
  summary: string;
  start: string;
  end: string;
  tzid: string | undefined;
  location: string | undefined;
  status: string | undefined;
  sequence: number;
  url: string | undefined;
  description: string;
  categories: string[];
  stamp: string;
  alarmTriggers: string[];
}

export interface ParsedFeed {
  name: string | undefined;
  method: string | undefined;
  refreshInterval: string | undefined;
  publishedTtl: string | undefined;
  timezones: string[];
  events: ParsedEvent[];
  /** Every property name used anywhere, e.g. to prove there is no ORGANIZER. */
  propertyNames: Set<string>;
}

export function parseIcs(text: string): ParsedFeed {
  const root = new ICAL.Component(ICAL.parse(text));
  const timezones = root.getAllSubcomponents('vtimezone');
  for (const tz of timezones) ICAL.TimezoneService.register(tz);
  const names = new Set<string>();
  const walk = (c: ICAL.Component) => {
    for (const p of c.getAllProperties()) names.add(p.name.toUpperCase());
    c.getAllSubcomponents().forEach(walk);
  };
  walk(root);
  const text_ = (c: ICAL.Component, name: string) => {
    const v = c.getFirstPropertyValue(name);
    return v === null || v === undefined ? undefined : String(v);
  };
  const events = root.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      tzid: vevent.getFirstProperty('dtstart')?.getParameter('tzid') as string | undefined,
      location: event.location ?? undefined,
      status: text_(vevent, 'status'),
      sequence: event.sequence,
      url: text_(vevent, 'url'),
      description: event.description ?? '',
      categories: vevent.getAllProperties('categories').flatMap((p) => p.getValues().map(String)),
      stamp: (vevent.getFirstPropertyValue('dtstamp') as ICAL.Time).toJSDate().toISOString(),
      alarmTriggers: vevent.getAllSubcomponents('valarm').map((a) => String(a.getFirstPropertyValue('trigger'))),
    };
  });
  return {
    name: text_(root, 'x-wr-calname'),
    method: text_(root, 'method'),
    refreshInterval: text_(root, 'refresh-interval'),
    publishedTtl: text_(root, 'x-published-ttl'),
    timezones: timezones.map((tz) => String(tz.getFirstPropertyValue('tzid'))),
    events,
    propertyNames: names,
  };
}
