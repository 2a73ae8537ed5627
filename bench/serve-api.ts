// Bench helper: the API app alone in its own process (as in production), so the load generator doesn't share
// its event loop. Configured through the same validated environment as the Lambda; prints "ready" when listening.
import { createApp } from '#functions/api/app.ts';
import { awsDeps } from '#functions/api/aws-deps.ts';
import { loadApiConfig } from '#functions/shared/config.ts';
import { listen } from '#functions/local/server.ts';

const app = createApp(awsDeps(loadApiConfig(), { clientIp: () => '127.0.0.1' }));
await listen(app, Number(process.argv.at(-1)));
console.log('ready');
