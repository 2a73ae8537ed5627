// Lambda entry for the mailer: the stream handler wired to DynamoDB and SES from validated config. The same function
// runs the scheduled catch-up (EventBridge Scheduler, every 15 minutes) for messages the stream gave up on.
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { loadMailerConfig } from '../config.ts';
import { mailerDeps } from './aws-deps.ts';
import { catchUp } from '#functions/mail/deliver.ts';
import { streamHandler } from '#functions/mail/stream.ts';

const deps = mailerDeps(loadMailerConfig());
const onStream = streamHandler(deps);

/** A stream batch has Records; the catch-up schedule sends `{ "catchUp": true }` (infra/mailer.ts). */
export const handler = async (event: DynamoDBStreamEvent | { catchUp?: unknown }) =>
  'Records' in event ? onStream(event) : catchUp(deps);
