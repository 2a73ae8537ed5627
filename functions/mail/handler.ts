// Lambda entry for the mailer: the stream handler wired to DynamoDB and SES from validated config.
import { loadMailerConfig } from '../shared/config.ts';
import { mailerDeps } from './aws-deps.ts';
import { streamHandler } from './stream.ts';

export const handler = streamHandler(mailerDeps(loadMailerConfig()));
