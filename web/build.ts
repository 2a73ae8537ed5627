// Web build: bundles the page scripts with esbuild, writes the static pages through the shared layout, and copies
// the stylesheet, icon and OpenAPI document into dist/web. Run with `npm run build:web` (optionally passing another output folder).
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { renderPage, type PageOptions } from '#views/layout.ts';
import { html, joinHtml } from '#views/html.ts';
import { apiDocument } from '#functions/apps/api/openapi.ts';
import { notFoundMain } from '#views/simple-pages.ts';
import { confirmMain, manageMain } from '#views/organiser-pages.ts';
import { rsvpCancelMain, rsvpConfirmMain } from '#views/rsvp-pages.ts';
import { myCalendarMain } from '#views/my-calendar-page.ts';
import { remindersOffMain } from '#views/reminders-off-page.ts';
import { organiserEmailMain } from '#views/organiser-email-page.ts';
import { aboutMain, privacyMain } from '#views/info-pages.ts';
import { recordMain } from '#views/record-page.ts';
import { NOT_FOUND_PAGE, staticPages } from './routes.ts';

const here = dirname(fileURLToPath(import.meta.url));

type PageFile = (typeof staticPages)[number]['file'] | typeof NOT_FOUND_PAGE;

export const pages: Record<PageFile, PageOptions> = {
  'confirm.html': {
    title: 'Confirm your meetup · Signpost',
    description: 'Check your meetup and publish it.',
    script: 'confirm',
    head: '<meta name="robots" content="noindex">',
    main: confirmMain(),
  },
  'manage.html': {
    title: 'Manage your meetup · Signpost',
    description: 'Edit, publish or cancel your meetup.',
    script: 'manage',
    head: '<meta name="robots" content="noindex">',
    main: manageMain(),
  },
  'rsvp.html': {
    title: 'Confirm your place · Signpost',
    description: 'Confirm your free place at a meetup.',
    script: 'rsvp',
    head: '<meta name="robots" content="noindex">',
    main: rsvpConfirmMain(),
  },
  'rsvp-cancel.html': {
    title: 'Cancel your place · Signpost',
    description: 'Free your place at a meetup for someone else.',
    script: 'rsvp',
    head: '<meta name="robots" content="noindex">',
    main: rsvpCancelMain(),
  },
  'reminders-off.html': {
    title: 'Stop reminder emails · Signpost',
    description: 'Stop reminder emails for a meetup; your place stays.',
    script: 'reminders-off',
    head: '<meta name="robots" content="noindex">',
    main: remindersOffMain(),
  },
  'organiser-email.html': {
    title: 'Change of organiser address · Signpost',
    description: "Confirm or stop a change of a meetup's organiser address.",
    script: 'organiser-email',
    head: '<meta name="robots" content="noindex">',
    main: organiserEmailMain(),
  },
  'my-calendar.html': {
    title: 'Your calendar · Signpost',
    description: 'Subscribe to your own calendar of the Signpost meetups you are going to.',
    script: 'my-calendar',
    head: '<meta name="robots" content="noindex">',
    main: myCalendarMain(),
  },
  'record.html': {
    title: 'Record of attendance · Signpost',
    description: 'A record of attendance at a Signpost meetup, shown to whoever its holder gives the link.',
    script: 'record',
    head: '<meta name="robots" content="noindex">',
    main: recordMain(),
  },
  // The privacy notice and the about page: static, no script.
  'privacy.html': {
    title: 'Privacy notice · Signpost',
    description: 'What Signpost collects, who sees it, how long it is kept, and how to have it deleted.',
    main: privacyMain(),
  },
  'about.html': {
    title: 'About Signpost',
    description: 'Signpost is a free, volunteer-run place to find and list free meetups for the library and information community.',
    main: aboutMain(),
  },
  '404.html': {
    title: 'Page not found · Signpost',
    description: 'There is nothing at this address.',
    head: '<meta name="robots" content="noindex">',
    main: notFoundMain(),
  },
};

/**
 * Pages without the form are each one self-contained file (one request on a slow link, no zod).
 * The two form pages share a chunk holding zod and the form logic, announced early with modulepreload.
 */
export const SINGLE_FILE_ENTRIES = ['home', 'confirm', 'event', 'rsvp', 'reminders-off', 'my-calendar', 'organiser-email', 'session', 'network', 'check-in', 'record', 'cpd-log'] as const;
export const FORM_ENTRIES = ['new', 'manage'] as const;
export type Entry = (typeof SINGLE_FILE_ENTRIES)[number] | (typeof FORM_ENTRIES)[number];

/** An entry's own file plus every chunk it imports, as the browser downloads them (paths as in the metafile). */
function entryFiles(meta: Metafile, outFile: string, seen = new Set<string>()): Set<string> {
  if (seen.has(outFile)) return seen;
  seen.add(outFile);
  for (const imp of meta.outputs[outFile]?.imports ?? []) if (imp.kind === 'import-statement') entryFiles(meta, imp.path, seen);
  return seen;
}

export interface PageScriptSize {
  entry: Entry;
  /** The entry and every chunk it imports, relative to assets/. */
  files: string[];
  bytes: number;
  gzip: number;
}

export async function buildWeb(outDir = 'dist/web'): Promise<void> {
  await buildWebWithSizes(outDir);
}

/** Builds everything, then reports what each page's script costs to download. */
export async function buildWebWithSizes(outDir = 'dist/web'): Promise<PageScriptSize[]> {

  const out = resolve(outDir);
  const assets = join(out, 'assets');
  await rm(out, { recursive: true, force: true });
  await mkdir(assets, { recursive: true });

  const common: BuildOptions = {
    outdir: assets,
    bundle: true,
    format: 'esm',
    minify: true,
    target: 'es2020',
    platform: 'browser',
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  };
  const entryPoints = (names: readonly Entry[]) => Object.fromEntries(names.map((n) => [n, join(here, 'src', `${n}.ts`)]));
  const [single, forms] = await Promise.all([
    build({ ...common, entryPoints: entryPoints(SINGLE_FILE_ENTRIES) }),
    build({ ...common, entryPoints: entryPoints(FORM_ENTRIES), splitting: true, chunkNames: 'chunks/[name]-[hash]' }),
  ]);

  const sizes: PageScriptSize[] = [];
  for (const [result, names] of [
    [single, SINGLE_FILE_ENTRIES],
    [forms, FORM_ENTRIES],
  ] as const) {
    const meta = result.metafile;
    if (!meta) throw new Error('esbuild returned no metafile');
    for (const entry of names) {
      const outputs = [...entryFiles(meta, relative(process.cwd(), join(assets, `${entry}.js`)))];
      const inputs = outputs.flatMap((f) => Object.keys(meta.outputs[f]?.inputs ?? {}));
      if (names === SINGLE_FILE_ENTRIES && inputs.some((i) => i.includes('node_modules/zod/')))
        throw new Error(`${entry}.js must not include zod`);
      const bodies = await Promise.all(outputs.map((f) => readFile(resolve(f))));
      sizes.push({
        entry,
        files: outputs.map((f) => relative(assets, resolve(f)).split('\\').join('/')),
        bytes: bodies.reduce((n, b) => n + b.length, 0),
        gzip: bodies.reduce((n, b) => n + gzipSync(b).length, 0),
      });
    }
  }

  for (const [file, options] of Object.entries(pages)) {
    const chunks = sizes.find((s) => s.entry === options.script)?.files.slice(1) ?? [];
    const preload = joinHtml(chunks.map((c) => html`<link rel="modulepreload" href="/assets/${c}">`), '\n').toString();
    const head = [options.head, preload].filter(Boolean).join('\n');
    await writeFile(join(out, file), renderPage({ ...options, ...(head ? { head } : {}) }));
  }

  await copyFile(join(here, 'src', 'styles.css'), join(assets, 'styles.css'));
  await copyFile(join(here, 'src', 'favicon.svg'), join(assets, 'favicon.svg'));
  // The API's description is a static file too: generated here from the zod schemas, served at /api/openapi.json.
  await mkdir(join(out, 'api'), { recursive: true });
  await writeFile(join(out, 'api', 'openapi.json'), JSON.stringify(apiDocument(), null, 2));
  return sizes;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const outDir = process.argv[2] ?? 'dist/web';
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`.padStart(9);
  for (const { entry, files, bytes, gzip } of await buildWebWithSizes(outDir))
    console.log(`${`${entry}.js`.padEnd(17)} ${kb(bytes)} min ${kb(gzip)} gzip  ${files.join(' + ')}`);
  const css = await readFile(join(outDir, 'assets', 'styles.css'));
  console.log(`${'styles.css'.padEnd(17)} ${kb(css.length)}     ${kb(gzipSync(css).length)} gzip`);
  console.log(`Built ${outDir}`);
}
