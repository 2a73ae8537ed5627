// Infra: the CDK entry (cdk.json "app"). Builds the web front end, then synthesizes the Signpost stacks.
import { resolve } from 'node:path';
import { InfraConfigError } from './config.ts';
import { createSignpostApp, type SignpostApp } from './signpost-app.ts';

const webDir = resolve(import.meta.dirname, '../dist/web');
const { buildWeb } = await import('#web/build.ts');
await buildWeb(webDir);

let signpost: SignpostApp;
try {
  signpost = createSignpostApp({ webDir });
} catch (error) {
  if (!(error instanceof InfraConfigError)) throw error;
  console.error(`\n${error.message}\n\nSee DEPLOY.md, "Configuration".\n`);
  process.exit(1);
}
const { app, config } = signpost;
if (config.previewed.length > 0) {
  console.error(`Preview synth: example values for ${config.previewed.join(', ')} (SIGNPOST_PREVIEW=1). Don't deploy this; see DEPLOY.md.`);
}
app.synth();
