// `npm run ses-event -- bounce|complaint <address>`: what SES would report for a running local stack (the SES emulator
// never bounces). Runs the SES events handler on a made-up event, so the address is suppressed: the local mailer skips
// it from then on, and the manage page says "Not emailed" beside it. It finds the stack as `npm run reminders` does.
import { parseArgs } from 'node:util';
import { systemClock } from '#functions/core/clock.ts';
import { loadSesEventsConfig } from '#functions/apps/config.ts';
import { createLogger } from '#functions/core/log.ts';
import { createDynamoClient } from '#functions/table/client.ts';
import { dynamoSuppressionsRepository } from '#functions/suppression/dynamo-suppressions.repository.ts';
import { sesEventsHandler } from '#functions/suppression/ses-events.ts';
import { LocalStackError } from './local-stack.ts';
import { stackFlagOptions, stackTarget, unreachable, type StackTarget } from './stack-file.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: stackFlagOptions,
});
const [kind, address] = positionals;
if ((kind !== 'bounce' && kind !== 'complaint') || !address?.includes('@')) {
  console.error('Usage: npm run ses-event -- bounce|complaint <email address>');
  process.exit(2);
}

const at = systemClock.now().toISOString();
const mail = { messageId: `local-${Date.now()}`, timestamp: at, destination: [address] };
const detail =
  kind === 'bounce'
    ? { eventType: 'Bounce', mail, bounce: { bounceType: 'Permanent', bounceSubType: 'General', bouncedRecipients: [{ emailAddress: address }], timestamp: at } }
    : { eventType: 'Complaint', mail, complaint: { complainedRecipients: [{ emailAddress: address }], complaintFeedbackType: 'abuse', timestamp: at } };

const SCRIPT = 'npm run ses-event';
let target: StackTarget | undefined;
try {
  target = stackTarget(SCRIPT, values);
  const config = loadSesEventsConfig({ TABLE_NAME: 'signpost-local', DYNAMODB_ENDPOINT: target.dynamoEndpoint, LOG_LEVEL: 'warn' });
  const dynamo = createDynamoClient({ region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT });
  const handle = sesEventsHandler({ suppressions: dynamoSuppressionsRepository(dynamo, config.TABLE_NAME), clock: systemClock, logger: createLogger(config.LOG_LEVEL) });
  await handle({ 'detail-type': kind === 'bounce' ? 'Email Bounced' : 'Email Complaint Received', source: 'aws.ses', detail });
  console.log(`${address} is now suppressed (${kind}): Signpost sends it no more mail, and organisers see "Not emailed" beside it.`);
} catch (error) {
  const message = error instanceof LocalStackError || !target ? (error as Error).message : unreachable(target, SCRIPT, error);
  console.error(`Could not record the ${kind}. ${message}`);
  process.exitCode = 1;
}
