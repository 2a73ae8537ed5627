// Lambda entry for the API: the same Hono app the local server runs, wired to DynamoDB and SES from validated config.
import { handle } from 'hono/aws-lambda';
import { createApp } from './app.ts';
import { awsDeps } from './aws-deps.ts';
import { loadApiConfig } from '../config.ts';

export const handler = handle(createApp(awsDeps(loadApiConfig())));
