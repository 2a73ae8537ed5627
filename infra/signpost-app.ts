// Infra: builds the whole CDK app (both stacks, cdk-nag) from validated settings. Used by infra/app.ts and the infra tests.
import { App, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { AppStack } from './app-stack.ts';
import { loadInfraConfig, type InfraConfig } from './config.ts';
import { StorageStack } from './storage-stack.ts';

export interface SignpostAppOptions {
  /** Directory holding the built web front end. */
  webDir: string;
  /** Passed to the App (outdir, context); the CLI supplies both when it runs infra/app.ts. */
  appProps?: AppProps;
  /** Environment for SIGNPOST_* overrides; defaults to process.env. */
  env?: Record<string, string | undefined>;
}

export interface SignpostApp {
  app: App;
  config: InfraConfig;
  storage: StorageStack;
  stateless: AppStack;
}

export const stackNames = { storage: 'SignpostStorage', app: 'SignpostApp' } as const;

export function createSignpostApp(options: SignpostAppOptions): SignpostApp {
  const app = new App(options.appProps);
  const config = loadInfraConfig((key) => app.node.tryGetContext(key), options.env);

  const storage = new StorageStack(app, stackNames.storage, {
    description: 'Signpost state: the DynamoDB table, the SES sender identity and the feed link key (retained on delete)',
    config,
  });
  const stateless = new AppStack(app, stackNames.app, {
    description: 'Signpost API, calendar feeds, mailer, reminder sweep, site bucket and CloudFront distribution',
    config,
    table: storage.table,
    senderIdentity: storage.senderIdentity,
    feedSecret: storage.feedSecret,
    webDir: options.webDir,
  });

  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, config, storage, stateless };
}
