// Core: the meetup formats and their labels. Plain data with no imports, so zod-free pages can use it.
export const FORMATS = ['in_person', 'online', 'hybrid'] as const;
export type Format = (typeof FORMATS)[number];

export const FORMAT_LABELS: Record<Format, string> = {
  in_person: 'In person',
  online: 'Online',
  hybrid: 'Hybrid',
};
