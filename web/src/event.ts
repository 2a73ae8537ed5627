// Web entry for the server-rendered event page: adds the viewer's local time where it differs from the event's zone.
import { fillViewerTime } from './time.ts';

document.querySelectorAll<HTMLElement>('.viewer-time[data-start-utc]').forEach(fillViewerTime);
