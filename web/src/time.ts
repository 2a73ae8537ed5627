// Web: event times for people in other zones. Shows "Your time: …" only when the viewer's clock reads differently.
import { differsFromZone, formatWhen } from '#functions/core/time.ts';

export function viewerZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}

/** "Your time: Thursday 3 December 2026, 07:30 – 08:30 EST", or undefined when it would say the same thing. */
export function viewerTimeText(startUtc: string, endUtc: string, eventZone: string): string | undefined {
  const zone = viewerZone();
  if (!zone) return undefined;
  try {
    if (!differsFromZone(startUtc, eventZone, zone) && !differsFromZone(endUtc, eventZone, zone)) return undefined;
    return `Your time: ${formatWhen(startUtc, endUtc, zone)}`;
  } catch {
    return undefined;
  }
}

/** Fills a server-rendered `<span class="viewer-time" data-start-utc data-end-utc data-tz hidden>`. */
export function fillViewerTime(span: HTMLElement): void {
  const { startUtc, endUtc, tz } = span.dataset;
  if (!startUtc || !endUtc || !tz) return;
  const text = viewerTimeText(startUtc, endUtc, tz);
  if (!text) return;
  span.textContent = text;
  span.hidden = false;
}

export { formatWhen };
