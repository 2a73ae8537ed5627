// Bench helper: the API app alone in its own process (as in production), so the load generator doesn't share
// its event loop. Configured through the same validated environment as the Lambda; prints "ready" when listening,
// and its CPU time as JSON when asked (SIGUSR2) and when told to stop (SIGTERM).
import { createApp } from '#functions/apps/api/app.ts';
import { awsDeps } from '#functions/apps/api/aws-deps.ts';
import { loadApiConfig } from '#functions/apps/config.ts';
import { listen } from '#local/server.ts';
import { reportCpu } from './stats.ts';

const app = createApp(awsDeps(loadApiConfig(), { clientIp: () => '127.0.0.1' }));
await listen(app, Number(process.argv.at(-1)));
reportCpu();
console.log('ready');
