// Bench helper: the feed app alone in its own process (as in production), so the load generator doesn't share its
// event loop. Configured through the same validated environment as the feed Lambda; prints "ready" when listening,
// and its CPU time as JSON when asked (SIGUSR2) and when told to stop (SIGTERM).
import { createFeedApp } from '#functions/apps/feeds/app.ts';
import { feedDeps } from '#functions/apps/feeds/aws-deps.ts';
import { loadFeedsConfig } from '#functions/apps/config.ts';
import { listen } from '#local/server.ts';
import { reportCpu } from './stats.ts';

const app = createFeedApp(feedDeps(loadFeedsConfig()));
await listen(app, Number(process.argv.at(-1)));
reportCpu();
console.log('ready');
