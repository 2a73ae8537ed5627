// `npm run bench`: every benchmark, each printed beside its baseline from the same run.
import { benchBundle } from './bundle.ts';
import { benchListEvents } from './list-events.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

await benchBundle();
await benchListEvents();
