/**
 * Builds the standalone clinic app (reference-server/app/main.ts) into reference-server/dist/app/.
 *
 * - esbuild bundle with code splitting; the SDK is resolved from `src/` through the `source` export
 *   condition, so no prior rollup build of the library is needed.
 * - Output file names carry a content hash (served as immutable); `index.html` is written last and names
 *   the entry script and stylesheet, so a half-finished build is never served.
 * - The build fails when pdf-lib or fontkit is reachable from the entry chunk through static imports:
 *   PDFs are rendered by the server, and a megabyte of PDF code must never delay the first screen.
 *
 * Usage: `npm run build:app` (add `--dev` for unminified output with source maps).
 */
import { build, type Metafile, type Plugin } from 'esbuild';
import { mkdir, rm, writeFile, rename } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
export const APP_ENTRY = path.join(repoRoot, 'reference-server/app/main.ts');
export const APP_OUTDIR = path.join(repoRoot, 'reference-server/dist/app');
/** URL prefix the built files are served under (see reference-server/src/web/serve-app.ts). */
export const ASSET_PREFIX = '/app/';

/** Packages that must only ever be loaded lazily (never in the entry chunk's static import graph). */
const LAZY_ONLY = [/node_modules\/pdf-lib\//, /node_modules\/fontkit\//, /node_modules\/@pdf-lib\//];

/**
 * The SDK's package.json lists only `dist/define.js` under `sideEffects`, so when it is bundled from
 * `src/` (the `source` condition) esbuild would drop the components' own bare registrations such as
 * `import '../optional-fields-dialog/optional-fields-dialog.js'` in the report flow, and the dialogs
 * would never be defined. Imports between the SDK's source files keep their side effects.
 */
const sdkSourceSideEffects: Plugin = {
  name: 'sdk-source-side-effects',
  setup(build) {
    const srcDir = path.join(repoRoot, 'src') + path.sep;
    build.onResolve({ filter: /^\.\.?\// }, async (args) => {
      if (args.pluginData === 'sdk-source-side-effects' || !args.importer.startsWith(srcDir))
        return undefined;
      const r = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: 'sdk-source-side-effects',
      });
      if (r.errors.length) return { errors: r.errors };
      return {
        path: r.path,
        namespace: r.namespace,
        external: r.external,
        suffix: r.suffix,
        sideEffects: true,
      };
    });
  },
};

export interface BuildAppOptions {
  /** Unminified output with inline source maps. */
  dev?: boolean;
  outdir?: string;
  /** Print a summary (default true). */
  log?: boolean;
}

export interface BuildAppResult {
  outdir: string;
  entry: string;
  css?: string;
  /** Bytes of the entry chunk and the chunks it imports statically (the first screen's JavaScript). */
  firstScreenBytes: number;
}

export async function buildApp(options: BuildAppOptions = {}): Promise<BuildAppResult> {
  const outdir = options.outdir ?? APP_OUTDIR;
  const staging = `${outdir}.tmp-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });

  const result = await build({
    absWorkingDir: repoRoot,
    entryPoints: { main: APP_ENTRY },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outdir: staging,
    entryNames: '[name]-[hash]',
    chunkNames: 'chunks/[name]-[hash]',
    assetNames: 'assets/[name]-[hash]',
    conditions: ['source'],
    plugins: [sdkSourceSideEffects],
    minify: !options.dev,
    sourcemap: options.dev ? 'linked' : false,
    metafile: true,
    legalComments: 'linked',
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': JSON.stringify(options.dev ? 'development' : 'production') },
    // Lit with legacy decorators, whatever tsconfig a source file sits next to.
    tsconfigRaw: {
      compilerOptions: {
        experimentalDecorators: true,
        useDefineForClassFields: false,
        target: 'ES2022',
      },
    },
  });

  const meta = result.metafile;
  // Dynamically imported modules are entry points too (with splitting); pick the app's own entry.
  const entryPoint = path.relative(repoRoot, APP_ENTRY).split(path.sep).join('/');
  const [entryOut, entryInfo] =
    Object.entries(meta.outputs).find(([file, o]) => o.entryPoint === entryPoint && file.endsWith('.js')) ??
    [];
  if (!entryOut || !entryInfo) throw new Error('build-app: esbuild produced no entry chunk');
  const firstScreenBytes = assertLazyOnly(meta, entryOut);

  const rel = (file: string) =>
    ASSET_PREFIX + path.relative(staging, path.resolve(repoRoot, file)).split(path.sep).join('/');
  const entry = rel(entryOut);
  const css = entryInfo.cssBundle ? rel(entryInfo.cssBundle) : undefined;
  await writeFile(path.join(staging, 'index.html'), indexHtml(entry, css));

  await rm(outdir, { recursive: true, force: true });
  await rename(staging, outdir);
  if (options.log !== false) {
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
    const chunks = Object.keys(meta.outputs).filter((f) => f.endsWith('.js')).length;
    console.log(
      `build-app: ${path.relative(repoRoot, outdir)} — first screen ${kb(firstScreenBytes)} of JS (entry + static chunks), ${chunks} JS files`,
    );
  }
  return { outdir, entry, css, firstScreenBytes };
}

/** Fails when a lazy-only package is in the static import closure of the entry chunk. */
function assertLazyOnly(meta: Metafile, entryOut: string): number {
  const seen = new Set<string>();
  let bytes = 0;
  const stack = [entryOut];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const out = meta.outputs[file];
    if (!out) continue;
    bytes += out.bytes;
    const offending = Object.keys(out.inputs).find((input) => LAZY_ONLY.some((re) => re.test(input)));
    if (offending) {
      throw new Error(
        `build-app: ${offending} is statically reachable from the entry chunk (${file}); load it lazily`,
      );
    }
    for (const imp of out.imports) if (imp.kind === 'import-statement' && !imp.external) stack.push(imp.path);
  }
  return bytes;
}

function indexHtml(entry: string, css: string | undefined): string {
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<link rel="icon" href="data:,">
<title>発生届 — HER-SYS ver.2</title>
${css ? `<link rel="stylesheet" href="${css}">\n` : ''}<link rel="modulepreload" href="${entry}">
<script type="module" src="${entry}"></script>
</head>
<body>
<clinic-app>
<noscript>このアプリを使うには JavaScript を有効にしてください。 / Please enable JavaScript to use this app.</noscript>
</clinic-app>
</body>
</html>
`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildApp({ dev: process.argv.includes('--dev') }).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
