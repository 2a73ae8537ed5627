// `npm run reminders`: one reminder sweep against a running local stack (start it first with `npm start`, which
// also sweeps every minute). Emails go to the outbox; the running stack's mailer sends them to the inbox.
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadRemindersConfig } from '#functions/apps/config.ts';
import { reminderDeps } from '#functions/apps/reminders/aws-deps.ts';
import { sweepReminders } from '#functions/reminders/sweep.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '3000' },
    'dynamodb-port': { type: 'string', default: process.env.DYNAMODB_PORT ?? '8000' },
    'data-dir': { type: 'string', default: process.env.DATA_DIR ?? '.data/dynamodb' },
  },
});
try {
  const config = loadRemindersConfig({
    TABLE_NAME: 'signpost-local',
    SITE_URL: `http://localhost:${values.port}`,
    DYNAMODB_ENDPOINT: `http://127.0.0.1:${values['dynamodb-port']}`,
    FEED_SECRET: process.env.FEED_SECRET ?? readFileSync(join(resolve(values['data-dir']), 'feed-secret'), 'utf8').trim(),
    LOG_LEVEL: 'warn',
    REMINDER_DAY_MINUTES: process.env.REMINDER_DAY_MINUTES,
    REMINDER_SOON_MINUTES: process.env.REMINDER_SOON_MINUTES,
  });
  const result = await sweepReminders(reminderDeps(config));
  console.log(`Reminder sweep: ${result.queued} queued, ${result.skipped} already sent or no longer due, across ${result.events} meetup reminders.`);
} catch (error) {
  console.error(`Could not sweep: is the local stack running (npm start)? ${(error as Error).message}`);
  process.exitCode = 1;
}
