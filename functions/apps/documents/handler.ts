// Lambda entry for the CPD documents: the documents app wired to DynamoDB from validated config.
import { handle } from 'hono/aws-lambda';
import { createDocumentsApp } from './app.ts';
import { documentsDeps } from './aws-deps.ts';
import { loadDocumentsConfig } from '../config.ts';

export const handler = handle(createDocumentsApp(documentsDeps(loadDocumentsConfig())));
