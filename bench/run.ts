// `npm run bench`: every benchmark, each printed beside its baseline from the same run.
// `npm run bench -- list` (or `bundle`, `rsvp`, `feeds`, `reminders`) runs just one.
import { benchBundle } from './bundle.ts';
import { benchListEvents } from './list-events.ts';
import { benchRsvpConfirm } from './rsvp-confirm.ts';
import { benchFeeds } from './feeds.ts';
import { benchReminders } from './reminders.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const benches = { bundle: benchBundle, list: benchListEvents, rsvp: benchRsvpConfirm, feeds: benchFeeds, reminders: benchReminders,
  cost: async () => (await import('./cost.ts')).benchCost() }; // loaded lazily: it synthesizes the CDK app
const only = process.argv.slice(2);
for (const [name, run] of Object.entries(benches)) if (!only.length || only.includes(name)) await run();
