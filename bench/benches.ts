// Bench list: every benchmark `npm run bench` runs, by name, in order. Importing this runs nothing: each bench's module
// is loaded when it is called (cost's synthesizes the CDK app). test/bench/smoke.test.ts runs each of them at smoke size.
import type { Bench } from './harness.ts';

export const benches: Record<string, Bench> = {
  bundle: async (o) => (await import('./bundle.ts')).benchBundle(o),
  list: async (o) => (await import('./list-events.ts')).benchListEvents(o),
  rsvp: async (o) => (await import('./rsvp-confirm.ts')).benchRsvpConfirm(o),
  feeds: async (o) => (await import('./feeds.ts')).benchFeeds(o),
  reminders: async (o) => (await import('./reminders.ts')).benchReminders(o),
  announce: async (o) => (await import('./announce.ts')).benchAnnounce(o),
  'check-in': async (o) => (await import('./check-in.ts')).benchCheckIn(o),
  cost: async (o) => (await import('./cost/index.ts')).benchCost(o),
};
