// Infra: the CDK entry (cdk.json "app"). Builds the web front end, then synthesizes both Signpost stacks.
import { resolve } from 'node:path';
import { createSignpostApp } from './signpost-app.ts';

const webDir = resolve(import.meta.dirname, '../dist/web');
const { buildWeb } = await import('../web/build.ts');
await buildWeb(webDir);

createSignpostApp({ webDir }).app.synth();
