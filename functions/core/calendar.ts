// Core: a meetup as a calendar sees it: the same UID, SEQUENCE and text in every feed and email (.ics).

export interface CalendarEntry {
  /** Stable across edits and feeds, e.g. "k7f3q9x2mn@signpost". */
  uid: string;
  sequence: number;
  title: string;
  startUtc: string;
  endUtc: string;
  timezone: string;
  location?: string;
  url: string;
  description: string;
  /** Tentative: the person is on the waitlist (personal feeds only). */
  status: 'confirmed' | 'tentative' | 'cancelled';
  categories?: string[];
  /** When the event last changed; DTSTAMP and LAST-MODIFIED come from it. */
  updatedAt: string;
  createdAt?: string;
}

