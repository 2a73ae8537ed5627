// Browser: a meetup's series (GET /api/events/:id/series) as the event page shows it, for pages the script renders.
import { seriesSectionHtml, type SeriesView } from '#views/event-page.ts';

/** The series section, from the same view as the server-rendered event page. */
export function seriesSection(ev: { id: string }, series: SeriesView): DocumentFragment {
  const template = document.createElement('template');
  template.innerHTML = seriesSectionHtml(ev, series).toString();
  return template.content;
}
