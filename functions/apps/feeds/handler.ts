// Lambda entry for the calendar feeds: the feed app wired to DynamoDB from validated config.
import { handle } from 'hono/aws-lambda';
import { createFeedApp } from './app.ts';
import { feedDeps } from './aws-deps.ts';
import { loadFeedsConfig } from '../config.ts';

export const handler = handle(createFeedApp(feedDeps(loadFeedsConfig())));
