// Infra: builds the whole CDK app (its stacks, cdk-nag) from validated settings. Used by infra/app.ts and the infra tests.
import { App, Validations, type AppProps, type Environment } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { AppStack } from './app-stack.ts';
import { InfraConfigError, loadInfraConfig, type InfraConfig } from './config.ts';
import { EDGE_REGION, EdgeStack } from './edge-stack.ts';
import { StorageStack } from './storage-stack.ts';

export interface SignpostAppOptions {
  /** Directory holding the built web front end. */
  webDir: string;
  /** Passed to the App (outdir, context); the CLI supplies both when it runs infra/app.ts. */
  appProps?: AppProps;
  /** Environment for SIGNPOST_* overrides and the CLI's CDK_DEFAULT_ACCOUNT / CDK_DEFAULT_REGION; defaults to process.env. */
  env?: Record<string, string | undefined>;
  /**
   * Where the stacks deploy; defaults to CDK_DEFAULT_ACCOUNT / CDK_DEFAULT_REGION, which the CDK CLI sets from your AWS
   * profile. Only used with signpost:wafRateLimit: otherwise the stacks stay environment-agnostic.
   */
  deployEnv?: Environment;
}

export interface SignpostApp {
  app: App;
  config: InfraConfig;
  storage: StorageStack;
  stateless: AppStack;
  /** The us-east-1 stack holding the WAF web ACL; only with signpost:wafRateLimit. */
  edge?: EdgeStack;
}

export const stackNames = { storage: 'SignpostStorage', app: 'SignpostApp', edge: 'SignpostEdge' } as const;

export function createSignpostApp(options: SignpostAppOptions): SignpostApp {
  const app = new App(options.appProps);
  const config = loadInfraConfig((key) => app.node.tryGetContext(key), options.env);

  // A web ACL for CloudFront must live in us-east-1, and a stack can only reference another region's stack when both
  // name their region: with WAF, every stack gets the deploy environment; without it, they stay environment-agnostic.
  const rateLimit = config.wafRateLimit;
  const env = rateLimit === undefined ? undefined : deployEnvironment(options);
  const edge =
    rateLimit === undefined
      ? undefined
      : new EdgeStack(app, stackNames.edge, {
          description: 'Signpost edge: the AWS WAF web ACL (per-IP rate limit) for the CloudFront distribution, in us-east-1',
          env: { ...env, region: EDGE_REGION },
          rateLimit,
        });

  const storage = new StorageStack(app, stackNames.storage, {
    description: 'Signpost state: the DynamoDB table, the SES sender identity and configuration set, and the feed link key (retained on delete)',
    config,
    env,
  });
  const stateless = new AppStack(app, stackNames.app, {
    description: 'Signpost API, calendar feeds, mailer, reminder sweep, SES events, alarms, site bucket and CloudFront distribution',
    config,
    table: storage.table,
    senderIdentity: storage.senderIdentity,
    configurationSet: storage.configurationSet,
    feedSecret: storage.feedSecret,
    webDir: options.webDir,
    env,
    webAclArn: edge?.webAclArn,
  });

  // On the app, so every stack (the edge stack too) is checked.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, config, storage, stateless, ...(edge ? { edge } : {}) };
}

/** The account (optional: CloudFormation fills it in) and region (required) to deploy to, for WAF. */
function deployEnvironment(options: SignpostAppOptions): Environment {
  const vars = options.env ?? process.env;
  const account = options.deployEnv?.account ?? vars.CDK_DEFAULT_ACCOUNT;
  const region = options.deployEnv?.region ?? vars.CDK_DEFAULT_REGION;
  if (!region) {
    throw new InfraConfigError(
      'signpost:wafRateLimit needs the region to deploy to: its web ACL lives in a us-east-1 stack (SignpostEdge) that the ' +
        'app stacks reference, so every stack must name its region. Run cdk with a region configured (AWS_REGION or your ' +
        'profile\'s region; the CLI passes it on as CDK_DEFAULT_REGION), set CDK_DEFAULT_REGION yourself, or unset signpost:wafRateLimit.',
    );
  }
  return { ...(account ? { account } : {}), region };
}
