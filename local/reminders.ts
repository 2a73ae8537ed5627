// `npm run reminders`: one sweep against the running local stack (`npm start`, which also sweeps every minute):
// reminders, then announcements to followers; `npm run reminders -- --digest` runs the weekly digest too. It finds
// the stack from .data/stack.json, or from the flags and variables npm start takes. Emails go to the outbox; the
// running stack's mailer sends them to the inbox.
import { loadRemindersConfig } from '#functions/apps/config.ts';
import { sweepDeps } from '#functions/apps/reminders/aws-deps.ts';
import { runSweeps } from '#functions/apps/reminders/sweeps.ts';
import { LocalStackError } from './local-stack.ts';
import { scriptArgs, stackFeedSecret, stackTarget, unreachable, type StackTarget } from './stack-file.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const SCRIPT = 'npm run reminders';
const values = scriptArgs(SCRIPT, { digest: { type: 'boolean' } }, '[--digest]');
let target: StackTarget | undefined;
try {
  target = stackTarget(SCRIPT, values);
  const config = loadRemindersConfig({
    TABLE_NAME: 'signpost-local',
    SITE_URL: target.siteUrl,
    DYNAMODB_ENDPOINT: target.dynamoEndpoint,
    FEED_SECRET: stackFeedSecret(target),
    LOG_LEVEL: 'warn',
    REMINDER_DAY_MINUTES: process.env.REMINDER_DAY_MINUTES,
    REMINDER_SOON_MINUTES: process.env.REMINDER_SOON_MINUTES,
  });
  const { follows, ...reminders } = await runSweeps(sweepDeps(config), values.digest ? { job: 'digest' } : {});
  console.log(`Reminder sweep: ${reminders.queued} queued, ${reminders.skipped} already sent or no longer due, across ${reminders.events} meetup reminders.`);
  console.log(
    `Followers: ${follows.sealed} announcements sealed${values.digest ? `, ${follows.digests} digests made` : ''}; ${follows.queued} emails queued across ${follows.broadcasts} broadcasts.`,
  );
} catch (error) {
  const message = error instanceof LocalStackError || !target ? (error as Error).message : unreachable(target, SCRIPT, error);
  console.error(`Could not sweep. ${message}`);
  process.exitCode = 1;
}
