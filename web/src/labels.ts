// Web: format labels for zod-free bundles. Mirrors FORMAT_LABELS in event.schema.ts (the build checks they match),
// because importing that module would pull zod into the home page.
import type { EventSummary } from '../../functions/events/event.schema.ts';

export const FORMAT_LABELS = {
  in_person: 'In person',
  online: 'Online',
  hybrid: 'Hybrid',
} as const satisfies Record<EventSummary['format'], string>;

export const FORMAT_VALUES = Object.keys(FORMAT_LABELS) as EventSummary['format'][];
