// Web: the organiser's view of their meetup on the confirm and manage pages (status, when, where, description).
import { h, pathOf, richText, userLink } from './dom.ts';
import { FORMAT_LABELS } from '#functions/core/formats.ts';
import { formatWhen, viewerTimeText } from './time.ts';
import { isFull } from '#views/rsvp-section.ts';
import type { ManagedEvent } from '#functions/core/event.ts';

export const STATUS_LABELS: Record<ManagedEvent['status'], string> = {
  draft: 'Not published yet',
  published: 'Published',
  cancelled: 'Cancelled',
};

export const publicPath = (ev: ManagedEvent) => pathOf(ev.url, `/events/${ev.id}`);

export function statusBadge(ev: ManagedEvent): HTMLElement {
  return h('span', { class: `badge badge-${ev.status}` }, STATUS_LABELS[ev.status]);
}

/**
 * Places as the organiser needs them: the counts, never the public call to action ("Full — join the waitlist").
 * "Full: 20 of 20 places taken, 3 waiting", "12 of 20 places taken", "No limit on places: 5 confirmed".
 */
export function organiserPlacesText(p: ManagedEvent['places']): string {
  const waiting = p.waitlist > 0 ? `, ${p.waitlist} waiting` : '';
  if (p.capacity === undefined) return `No limit on places: ${p.confirmed} confirmed${waiting}`;
  return `${isFull(p) ? 'Full: ' : ''}${p.confirmed} of ${p.capacity} ${p.capacity === 1 ? 'place' : 'places'} taken${waiting}`;
}

/** The details people will see, as a definition list; optionally with the description. */
export function eventPreview(ev: ManagedEvent, { withDescription = false } = {}): DocumentFragment {
  const out = document.createDocumentFragment();
  const row = (term: string, ...detail: (Node | string | null)[]) => [h('dt', {}, term), h('dd', {}, ...detail)];
  const yours = viewerTimeText(ev.start.utc, ev.end.utc, ev.timezone);
  const rows = [
    ...row('Status', statusBadge(ev)),
    ...row(
      'When',
      h('time', { datetime: ev.start.utc }, formatWhen(ev.start.utc, ev.end.utc, ev.timezone)),
      yours ? h('span', { class: 'viewer-time' }, yours) : null,
    ),
    ...row('Format', FORMAT_LABELS[ev.format]),
    ...(ev.venue ? [h('dt', {}, 'Where'), h('dd', { class: 'pre-line' }, ev.venue)] : []),
    ...(ev.onlineUrl
      ? row('Joining link', userLink(ev.onlineUrl), ev.onlineUrlPublic ? ' (shown on the event page)' : ' (sent only to people with a place)')
      : []),
    ...row('Places', organiserPlacesText(ev.places)),
    ...row('Organiser', ev.organiserName, ev.network ? ` for ${ev.network.name}` : ''),
  ];
  out.append(h('dl', { class: 'facts' }, ...rows));
  if (withDescription) out.append(h('div', { class: 'description' }, richText(ev.description)));
  return out;
}
