// Unit: a network's Atom feed (feeds/atom.ts) — which meetups it holds and in what order, and the XML, parsed back
// with xml-js (the feed library's own XML dependency) rather than matched as text.
import { describe, expect, it } from 'vitest';
import { xml2js } from 'xml-js';
import { ATOM_MAX_ENTRIES, atomMeetups, renderAtom } from '#functions/feeds/atom.ts';
import { cancelEvent, createEvent, publishEvent } from '#functions/events/event.ts';
import { eventInputSchema } from '#functions/events/event.schema.ts';
import type { StoredEvent } from '#functions/core/event.ts';
import { validMeetup } from '../support/fakes.ts';

const SITE = 'https://events.example.org';
const TODAY = '2026-11-27T00:00:00.000Z';

let n = 0;
/** A published meetup created at `created`, published `publishedAfterMs` later. */
function meetup(over: Record<string, unknown>, created = '2026-11-01T10:00:00Z', publishedAfterMs = 3_600_000): StoredEvent {
  const draft = createEvent(eventInputSchema.parse(validMeetup(over)), { id: `ev${String(++n).padStart(8, '0')}`, tokenHash: 'h' }, new Date(created));
  return publishEvent(draft, new Date(Date.parse(created) + publishedAfterMs));
}

type Node = { _text?: string; _cdata?: string; _attributes?: Record<string, string> } & { [k: string]: Node | Node[] | undefined };
const list = (v: Node | Node[] | undefined): Node[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const text = (v: Node | Node[] | undefined) => list(v)[0]?._text ?? list(v)[0]?._cdata;
const unescape = (html: string) => html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

function parse(xml: string) {
  const doc = xml2js(xml, { compact: true }) as { feed: Node };
  const feed = doc.feed;
  return {
    feed,
    title: text(feed.title),
    links: list(feed.link).map((l) => l._attributes!),
    updated: text(feed.updated),
    entries: list(feed.entry).map((e) => ({
      id: text(e.id)!,
      title: unescape(text(e.title)!),
      titleType: list(e.title)[0]!._attributes!.type,
      link: list(e.link)[0]!._attributes!.href,
      published: text(e.published),
      updated: text(e.updated),
      summaryHtml: text(e.summary)!,
    })),
  };
}

const network = { slug: 'manchester-nlpn', name: 'Manchester NLPN', tagline: 'New professionals in Manchester' };

describe('which meetups the Atom feed holds', () => {
  it('keeps published meetups not yet over, the most recently published first, and leaves out cancelled, hidden and drafts', () => {
    const older = meetup({ title: 'Older' }, '2026-11-01T10:00:00Z');
    const newer = meetup({ title: 'Newer' }, '2026-11-20T10:00:00Z');
    const past = meetup({ title: 'Past', start: '2026-11-26T12:30', end: '2026-11-26T13:30' }, '2026-11-02T10:00:00Z');
    const laterToday = meetup({ title: 'Today', start: '2026-11-27T18:00', end: '2026-11-27T19:00' }, '2026-11-03T10:00:00Z');
    const cancelled = cancelEvent(meetup({ title: 'Cancelled' }, '2026-11-21T10:00:00Z'), new Date('2026-11-22T10:00:00Z'));
    const hidden = { ...meetup({ title: 'Hidden' }, '2026-11-22T10:00:00Z'), hidden: { reason: 'Spam', by: 'op@example.org', at: '2026-11-23T10:00:00Z' } };
    const draft = createEvent(eventInputSchema.parse(validMeetup({ title: 'Draft' })), { id: 'evdraft0001', tokenHash: 'h' }, new Date('2026-11-24T10:00:00Z'));
    const chosen = atomMeetups([older, past, cancelled, hidden, laterToday, newer, draft] as StoredEvent[], TODAY);
    expect(chosen.map((e) => e.title)).toEqual(['Newer', 'Today', 'Older']);
  });

  it('orders by createdAt for a meetup stored without publishedAt, and stops at the limit', () => {
    const legacy = { ...meetup({ title: 'Legacy' }, '2026-11-25T10:00:00Z') };
    delete legacy.publishedAt;
    const published = meetup({ title: 'Published' }, '2026-11-25T09:00:00Z', 2 * 3_600_000); // published 11:00
    expect(atomMeetups([legacy, published], TODAY).map((e) => e.title)).toEqual(['Published', 'Legacy']);
    const many = Array.from({ length: ATOM_MAX_ENTRIES + 5 }, (_, i) => meetup({ title: `Meetup ${i}` }, new Date(Date.parse('2026-10-01T00:00:00Z') + i * 3_600_000).toISOString()));
    const kept = atomMeetups(many, TODAY);
    expect(kept).toHaveLength(ATOM_MAX_ENTRIES);
    expect(kept[0]!.title).toBe(`Meetup ${ATOM_MAX_ENTRIES + 4}`);
  });
});

describe('the Atom XML', () => {
  it('names the network, links its page and itself, and carries one entry per meetup with when (in its zone) and where', () => {
    const inPerson = meetup({ title: 'Lunch club' }, '2026-11-01T10:00:00Z');
    const online = meetup({ title: 'Evening chat', format: 'online', venue: undefined, onlineUrl: 'https://meet.example.org/secret', timezone: 'America/New_York', start: '2026-12-10T19:00', end: '2026-12-10T20:00' }, '2026-11-02T10:00:00Z');
    const xml = renderAtom({ network, events: [online, inPerson], siteUrl: SITE, updated: '2026-11-25T08:00:00.000Z' });
    const atom = parse(xml);
    expect(atom.feed._attributes!.xmlns).toBe('http://www.w3.org/2005/Atom');
    expect(atom.title).toBe('Manchester NLPN: new meetups on Signpost');
    expect(text(atom.feed.subtitle)).toBe('New professionals in Manchester');
    expect(atom.updated).toBe('2026-11-25T08:00:00.000Z');
    expect(text(atom.feed.id)).toBe(`${SITE}/networks/manchester-nlpn`);
    expect(atom.links).toEqual(expect.arrayContaining([
      { rel: 'alternate', href: `${SITE}/networks/manchester-nlpn` },
      { rel: 'self', href: `${SITE}/calendar/networks/manchester-nlpn.atom` },
    ]));
    expect(text(list(atom.feed.author)[0]!.name)).toBe('Manchester NLPN');

    expect(atom.entries.map((e) => e.title)).toEqual(['Evening chat', 'Lunch club']);
    const [chat, lunch] = atom.entries;
    expect(chat!.id).toBe(`tag:events.example.org,2026-11-02:events/${online.id}`);
    expect(chat!.link).toBe(`${SITE}/events/${online.id}/${online.slug}`);
    expect(chat!.published).toBe(online.publishedAt);
    expect(chat!.updated).toBe(online.updatedAt);
    expect(chat!.summaryHtml).toBe('<p>When: Thursday, 10 December 2026, 19:00 – 20:00 New York time</p><p>Where: Online</p>');
    expect(lunch!.summaryHtml).toBe("<p>When: Thursday, 3 December 2026, 12:30 – 13:30 London time</p><p>Where: Central Library, St Peter's Square, Manchester</p>");
    // Public fields only: never the organiser's address, a private joining link or the description.
    for (const secret of [inPerson.organiserEmail, 'meet.example.org/secret', 'Bring your own lunch']) expect(xml).not.toContain(secret);
  });

  it('keeps markup in titles as text (type="html", escaped), and survives "]]>" and control characters', () => {
    const tricky = meetup({ title: 'Tea & <b>cake</b> ]]> ]]> "quotes"', venue: 'Room <1> & 2' });
    const xml = renderAtom({ network: { ...network, name: 'R & D <libs>' }, events: [{ ...tricky, title: `${tricky.title}\u0001` }], siteUrl: SITE, updated: '2026-11-25T08:00:00.000Z' });
    const atom = parse(xml);
    expect(atom.title).toBe('R & D <libs>: new meetups on Signpost');
    const [entry] = atom.entries;
    expect(entry!.titleType).toBe('html');
    // The HTML a reader renders is the escaped title: it shows the characters, not bold text.
    expect(text(list(atom.feed.entry)[0]!.title)).toBe('Tea &amp; &lt;b&gt;cake&lt;/b&gt; ]]&gt; ]]&gt; &quot;quotes&quot;');
    expect(entry!.title).toBe('Tea & <b>cake</b> ]]> ]]> "quotes"');
    expect(entry!.summaryHtml).toContain('<p>Where: Room &lt;1&gt; &amp; 2</p>');
  });

  it('is an empty feed, still valid, for a network with nothing coming up', () => {
    const atom = parse(renderAtom({ network: { ...network, tagline: '' }, events: [], siteUrl: SITE, updated: '2026-01-01T00:00:00.000Z' }));
    expect(atom.entries).toEqual([]);
    expect(atom.feed.subtitle).toBeUndefined();
    expect(atom.title).toBe('Manchester NLPN: new meetups on Signpost');
  });
});
