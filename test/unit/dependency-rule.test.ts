// Unit: the dependency rule (.dependency-cruiser.cjs) over the real import graph, and proof that it catches a break.
import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, copyFileSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const depcruise = join(root, 'node_modules/.bin/depcruise');

async function cruise(cwd: string, dirs: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await run(depcruise, [...dirs, '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], { cwd });
    return { code: 0, output: stdout };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, output: stdout + stderr };
  }
}

describe('the dependency rule', () => {
  it('holds for functions/, views/, web/ and local/: no cycle, and every import runs down the room order', { timeout: 120_000 }, async () => {
    const { code, output } = await cruise(root, ['functions', 'views', 'web', 'local']);
    expect(output).toMatch(/no dependency violations found/);
    expect(code).toBe(0);
  });

  const fixture = mkdtempSync(join(tmpdir(), 'signpost-rule-'));
  afterAll(() => rmSync(fixture, { recursive: true, force: true }));

  it('fails on a cycle, an import up the order, a capability importing apps/, and core importing a package', { timeout: 120_000 }, async () => {
    copyFileSync(join(root, '.dependency-cruiser.cjs'), join(fixture, '.dependency-cruiser.cjs'));
    symlinkSync(join(root, 'node_modules'), join(fixture, 'node_modules'));
    writeFileSync(join(fixture, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', allowImportingTsExtensions: true, noEmit: true } }));
    const files: Record<string, string> = {
      'functions/core/event.ts': "import { listed } from '../events/listing.ts';\nimport { Hono } from 'hono';\nexport const event = () => [listed, Hono];\n",
      'functions/events/listing.ts': "import { event } from '../core/event.ts';\nexport const listed = () => event;\n",
      'functions/rsvps/use-cases.ts': "import { wire } from '../apps/api.ts';\nexport const confirm = () => wire;\n",
      'functions/apps/api.ts': 'export const wire = 1;\n',
      'views/page.ts': "import { listed } from '../functions/events/listing.ts';\nexport const page = () => listed;\n",
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(fixture, path, '..'), { recursive: true });
      writeFileSync(join(fixture, path), text);
    }
    const { code, output } = await cruise(fixture, ['functions', 'views']);
    expect(code).not.toBe(0);
    expect(output).toMatch(/no-circular: functions\/core\/event\.ts/);
    expect(output).toMatch(/core-imports-only-itself: functions\/core\/event\.ts → functions\/events\/listing\.ts/);
    expect(output).toMatch(/core-is-pure: functions\/core\/event\.ts → \S*node_modules\/hono\//);
    expect(output).toMatch(/rsvps-imports-only-rooms-below: functions\/rsvps\/use-cases\.ts → functions\/apps\/api\.ts/);
    expect(output).toMatch(/views-imports-only-core: views\/page\.ts → functions\/events\/listing\.ts/);
  });
});

/** The room a file is in: functions/<room>/… or the top-level folder. */
const roomOf = (file: string) => {
  const [top, second] = file.split('/');
  return top === 'functions' ? `functions/${second}` : top!;
};

describe('import specifiers', () => {
  it("are relative within a room and '#' aliases across rooms, never a relative path out of the room", () => {
    const files = ['functions', 'views', 'web', 'local', 'infra', 'test', 'bench']
      .flatMap((dir) => readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' }).map((f) => `${dir}/${f}`))
      .filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(100);
    const leaving = files.flatMap((file) =>
      [...readFileSync(join(root, file), 'utf8').matchAll(/\bfrom\s+'(\.\.?\/[^']+)'|\bimport\(\s*'(\.\.?\/[^']+)'/g)]
        .map((m) => normalize(join(dirname(file), (m[1] ?? m[2])!)))
        .filter((target) => roomOf(target) !== roomOf(file))
        .map((target) => `${file} -> ${relative(root, join(root, target))}`),
    );
    expect(leaving).toEqual([]);
  });
});
