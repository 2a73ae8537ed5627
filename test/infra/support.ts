// Infra tests: synthesizes the real Signpost app (cdk.json context, a placeholder web build) into a temp directory.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/** The context `cdk synth` uses: cdk.json's feature flags and example settings. */
export const cdkJsonContext = (): Record<string, unknown> =>
  (JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }).context;

/** A stand-in for web/build.ts output: every page web/routes.ts names, the not-found page and one asset. */
export function placeholderWebDir(): string {
  const dir = tempDir('web');
  mkdirSync(join(dir, 'assets'));
  for (const file of [...staticPages.map((p) => p.file), NOT_FOUND_PAGE]) writeFileSync(join(dir, file), `<!doctype html><title>${file}</title>`);
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log("placeholder");\n');
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
}

export function synthesize({ context = {}, bundle = false, extend }: SynthOptions = {}): Synthesized {
  const signpost = createSignpostApp({
    webDir: placeholderWebDir(),
    env: {},
    appProps: {
      outdir: tempDir('cdk'),
      context: { ...cdkJsonContext(), ...(bundle ? {} : { 'aws:cdk:bundling-stacks': [] }), ...context },
    },
  });
  extend?.(signpost);
  return { ...signpost, assembly: signpost.app.synth() };
}

type Json = Record<string, unknown>;

/** Resolves a weak cross-stack reference (Fn::GetStackOutput) to the producing stack's output value. */
export function crossStackValue(value: unknown, producer: Json): unknown {
  const ref = (value as { 'Fn::GetStackOutput'?: { OutputName: string } } | undefined)?.['Fn::GetStackOutput'];
  if (!ref) return value;
  return (producer.Outputs as Record<string, { Value: unknown }>)[ref.OutputName]?.Value;
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
