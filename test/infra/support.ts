// Infra tests: synthesizes the real Signpost app (cdk.json context, a placeholder web build) into a temp directory.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { createSignpostApp, type SignpostApp } from '#infra/signpost-app.ts';
import { NOT_FOUND_PAGE, staticPages } from '#web/routes.ts';

const repoRoot = join(import.meta.dirname, '../..');
const tempDirs: string[] = [];

/** A fresh temp directory, removed by removeTempDirs(). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `signpost-${prefix}-`));
  tempDirs.push(dir);
  return dir;
}

/** Call from afterAll: removes every directory tempDir() made in this test file. */
export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** The context `cdk synth` uses: cdk.json's feature flags and defaults. */
export const cdkJsonContext = (): Record<string, unknown> =>
  (JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }).context;

/** The two settings a deployer must give (cdk.json ships without them), as example values. */
export const requiredSettings = { 'signpost:sender': 'events@example.org', 'signpost:alertEmail': 'alerts@example.org' } as const;

/** A stand-in for web/build.ts output: every page web/routes.ts names, the not-found page, an asset, the API document. */
export function placeholderWebDir(): string {
  const dir = tempDir('web');
  mkdirSync(join(dir, 'assets'));
  for (const file of [...staticPages.map((p) => p.file), NOT_FOUND_PAGE]) writeFileSync(join(dir, file), `<!doctype html><title>${file}</title>`);
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log("placeholder");\n');
  mkdirSync(join(dir, 'api'));
  writeFileSync(join(dir, 'api', 'openapi.json'), '{"openapi":"3.1.0"}\n');
  return dir;
}

export interface Synthesized extends SignpostApp {
  assembly: CloudAssembly;
}

export interface SynthOptions {
  context?: Record<string, unknown>;
  /** Bundle the functions with esbuild (slower); off gives placeholder code assets. */
  bundle?: boolean;
  /** Runs after the app is built and before it is synthesized. */
  extend?: (app: SignpostApp) => void;
  /** Where the stacks deploy (only used with signpost:wafRateLimit); unset, none is known, as CDK_DEFAULT_* are not read here. */
  deployEnv?: { account?: string; region?: string };
}

export function synthesize({ context = {}, bundle = false, extend, deployEnv }: SynthOptions = {}): Synthesized {
  const signpost = createSignpostApp({
    webDir: placeholderWebDir(),
    env: {},
    ...(deployEnv ? { deployEnv } : {}),
    appProps: {
      outdir: tempDir('cdk'),
      context: { ...cdkJsonContext(), ...requiredSettings, ...(bundle ? {} : { 'aws:cdk:bundling-stacks': [] }), ...context },
    },
  });
  extend?.(signpost);
  return { ...signpost, assembly: signpost.app.synth() };
}

// Templates are JSON; assertions read them loosely.
export type Json = Record<string, any>;

/** SITE_URL without signpost:domainName: https:// and the distribution's own domain, resolved at deploy time. */
export function distributionSiteUrl(template: Template): Json {
  const [id] = Object.keys(template.findResources('AWS::CloudFront::Distribution'));
  return { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [id, 'DomainName'] }]] };
}

/** Resolves weak cross-stack references (Fn::GetStackOutput), anywhere in a value, to the producer's output values. */
export function resolveCrossStack<T>(value: T, producer: Template): T {
  const outputs = producer.toJSON().Outputs as Record<string, { Value: unknown }>;
  return JSON.parse(JSON.stringify(value), (_key, v: unknown) => {
    const ref = (v as { 'Fn::GetStackOutput'?: { OutputName: string } } | null)?.['Fn::GetStackOutput'];
    return ref ? outputs[ref.OutputName]?.Value : v;
  }) as T;
}

/** The one Lambda function whose environment has this variable set to this value (or set at all). */
export function functionWithEnv(template: Template, name: string, value: unknown = Match.anyValue()): Json {
  const found = Object.values(template.findResources('AWS::Lambda::Function', { Properties: { Environment: { Variables: { [name]: value } } } }));
  if (found.length !== 1) throw new Error(`expected one function with ${name}, found ${found.length}`);
  return found[0]!;
}

/** The one Lambda function whose logical id starts with this (a construct path without slashes, e.g. "FeedsHandler"). */
export function functionById(template: Template, prefix: string): Json {
  const found = Object.entries(template.findResources('AWS::Lambda::Function')).filter(([id]) => id.startsWith(prefix));
  if (found.length !== 1) throw new Error(`expected one function ${prefix}*, found ${found.length}`);
  return found[0]![1];
}

/** All IAM statements attached to a function's role, and the role itself. */
export function roleOf(template: Template, fn: Json): { role: Json; statements: Json[] } {
  const roleId = fn.Properties.Role['Fn::GetAtt'][0] as string;
  const statements = Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((p) => (p.Properties.Roles as Json[]).some((r) => r.Ref === roleId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Json[]);
  return { role: template.toJSON().Resources[roleId], statements };
}

export const actionsOf = (statement: Json): string[] => [statement.Action].flat();
export const resourcesOf = (statement: Json): unknown[] => [statement.Resource].flat();

/** The statements granting any action of this service ("dynamodb", "ses", ...). */
export const statementsFor = (statements: Json[], service: string) =>
  statements.filter((s) => actionsOf(s).some((a) => a.startsWith(`${service}:`)));

/** The only resource of this type in the template, with its logical id. */
export function only(template: Template, type: string): { id: string; resource: Json } {
  const found = Object.entries(template.findResources(type));
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return { id: found[0]![0], resource: found[0]![1] };
}

/** The one resource of this type whose logical id starts with this (a construct path without slashes), with its id. */
export function onlyById(template: Template, type: string, prefix: string): { id: string; resource: Json } {
  const found = Object.entries(template.findResources(type)).filter(([id]) => id.startsWith(prefix));
  if (found.length !== 1) throw new Error(`expected one ${type} ${prefix}*, found ${found.length}`);
  return { id: found[0]![0], resource: found[0]![1] };
}

/** Every acknowledged validation rule in the tree: construct path, rule id and the reason given. */
export function acknowledgements(app: SignpostApp['app']): { path: string; id: string; reason: string }[] {
  return app.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((m) => m.type === 'aws:cdk:acknowledged-rules')
      .flatMap((m) =>
        Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id: id.replace(/^Annotation::/i, ''),
          reason,
        })),
      ),
  );
}
