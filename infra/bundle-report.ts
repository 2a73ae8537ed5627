// Infra: finds each Lambda bundle in a synthesized cloud assembly and its size. `npm run synth` prints them.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

export interface FunctionBundle {
  stack: string;
  logicalId: string;
  description: string;
  /** The bundle's entry file (index.mjs) inside the assembly. */
  file: string;
  bytes: number;
  gzipBytes: number;
}

interface TemplateResource {
  Type: string;
  Properties?: { Description?: string; Code?: { S3Key?: unknown } };
}

/** Bundled (NodejsFunction) functions of one stack: their S3 key is `<asset hash>.zip`, the asset dir `asset.<hash>`. */
export function functionBundles(assemblyDir: string, stack: string): FunctionBundle[] {
  const template = JSON.parse(readFileSync(join(assemblyDir, `${stack}.template.json`), 'utf8')) as {
    Resources: Record<string, TemplateResource>;
  };
  return Object.entries(template.Resources).flatMap(([logicalId, resource]) => {
    const key = resource.Properties?.Code?.S3Key;
    if (resource.Type !== 'AWS::Lambda::Function' || typeof key !== 'string') return [];
    const file = join(assemblyDir, `asset.${key.replace(/\.zip$/, '')}`, 'index.mjs');
    if (!existsSync(file)) return [];
    const body = readFileSync(file);
    return [{ stack, logicalId, description: resource.Properties?.Description ?? '', file, bytes: statSync(file).size, gzipBytes: gzipSync(body).length }];
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const assemblyDir = resolve(process.argv[2] ?? 'cdk.out');
  const manifest = JSON.parse(readFileSync(join(assemblyDir, 'manifest.json'), 'utf8')) as {
    artifacts: Record<string, { type: string }>;
  };
  const stacks = Object.entries(manifest.artifacts)
    .filter(([, a]) => a.type === 'aws:cloudformation:stack')
    .map(([name]) => name);
  for (const b of stacks.flatMap((stack) => functionBundles(assemblyDir, stack))) {
    console.log(`${b.stack}/${b.logicalId}: ${(b.bytes / 1024).toFixed(1)} kB (${(b.gzipBytes / 1024).toFixed(1)} kB gzip)  ${b.description}`);
  }
}
