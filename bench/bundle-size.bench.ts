// Size of what a page loads for `import 'hersys-sdk/define'`: the components entry (src/define.ts) with
// every dependency it pulls in (lit, i18next, zod, the schema, the locales), bundled, minified and
// gzipped like a production build. Postal data is a lazy chunk (dynamic import), so it is not counted:
// only the entry chunk and the chunks it imports statically are. Fonts and pdf-lib must never be there.
import { build, type Metafile } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = mkdtempSync(join(tmpdir(), 'hersys-bundle-'));
const GOAL_KB = 60;

try {
  const result = await build({
    entryPoints: [join(root, 'src/define.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    splitting: true,
    outdir,
    metafile: true,
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    tsconfig: join(root, 'tsconfig.base.json'),
    logLevel: 'error',
  });
  const meta: Metafile = result.metafile;
  const outputs = meta.outputs;
  const entry = Object.keys(outputs).find((o) => outputs[o]!.entryPoint?.endsWith('src/define.ts'));
  if (!entry) throw new Error('entry chunk not found in the metafile');

  // The entry chunk and everything it imports statically (what the page must load before the tags work).
  const eager = new Set<string>();
  const visit = (file: string) => {
    if (eager.has(file)) return;
    eager.add(file);
    for (const imp of outputs[file]!.imports)
      if (imp.kind === 'import-statement' && !imp.external) visit(imp.path);
  };
  visit(entry);
  const lazy = Object.keys(outputs).filter((o) => o.endsWith('.js') && !eager.has(o));

  const gz = (files: Iterable<string>) =>
    [...files].reduce(
      (sum, f) => sum + gzipSync(readFileSync(resolve(process.cwd(), f)), { level: 9 }).length,
      0,
    );
  const raw = (files: Iterable<string>) => [...files].reduce((sum, f) => sum + outputs[f]!.bytes, 0);
  const kb = (n: number) => (n / 1024).toFixed(1);

  const eagerGz = gz(eager);
  console.log(
    `components.bundle gzip ${kb(eagerGz)} KB (goal < ${GOAL_KB} KB; lit alone 6 KB, Shoelace 8 primitives 46 KB, Lion 53 KB, SurveyJS 347 KB)`,
  );
  console.log(`components.bundle minified ${kb(raw(eager))} KB in ${eager.size} eager chunk(s)`);
  console.log(
    `lazy chunks (excluded): ${lazy.length}, ${kb(raw(lazy))} KB minified, ${kb(gz(lazy))} KB gzip (postal data)`,
  );

  // Top contributors: bytes each package (or our own source folder) puts into the eager chunks.
  const byOwner = new Map<string, number>();
  for (const file of eager) {
    for (const [input, { bytesInOutput }] of Object.entries(outputs[file]!.inputs)) {
      const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
      const owner = m ? m[1]! : relative(root, resolve(root, input)).split('/').slice(0, 3).join('/');
      byOwner.set(owner, (byOwner.get(owner) ?? 0) + bytesInOutput);
    }
  }
  const total = [...byOwner.values()].reduce((a, b) => a + b, 0);
  console.log('top contributors (minified bytes in the eager chunks):');
  for (const [owner, bytes] of [...byOwner].sort((a, b) => b[1] - a[1]).slice(0, 12)) {
    console.log(
      `  ${owner.padEnd(36)} ${kb(bytes).padStart(7)} KB  ${((bytes / total) * 100).toFixed(1).padStart(5)}%`,
    );
  }

  const modules = [...eager].flatMap((f) => Object.entries(outputs[f]!.inputs));
  console.log('top modules:');
  for (const [input, { bytesInOutput }] of modules
    .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
    .slice(0, 8)) {
    console.log(
      `  ${relative(root, resolve(root, input))
        .replace(/^node_modules\//, '')
        .padEnd(56)} ${kb(bytesInOutput).padStart(7)} KB`,
    );
  }

  const inputs = [...eager].flatMap((f) => Object.keys(outputs[f]!.inputs));
  const forbidden = inputs.filter(
    (i) =>
      /node_modules\/(pdf-lib|@pdf-lib|fontkit|@expo-google-fonts|pako)\//.test(i) || /src\/pdf\//.test(i),
  );
  console.log(`pdf-lib in bundle: ${forbidden.length ? 'YES' : 'no'}`);
  if (forbidden.length) {
    console.log(`  forbidden modules: ${forbidden.slice(0, 10).join(', ')}`);
    process.exitCode = 1;
  }
  const postalEager = inputs.filter((i) => /postal\/data\//.test(i));
  console.log(
    `postal data in the eager chunks: ${postalEager.length ? `YES (${postalEager.length} modules)` : 'no'}`,
  );
  if (postalEager.length) process.exitCode = 1;
  console.log(`goal < ${GOAL_KB} KB: ${eagerGz / 1024 < GOAL_KB ? 'met' : 'NOT met'}`);

  // For comparison: only the tags of the 発生届 flow (form, dialogs, flow), without the other components.
  const subsetDir = mkdtempSync(join(tmpdir(), 'hersys-bundle-subset-'));
  try {
    const subset = await build({
      stdin: {
        // Explicit define() calls: package.json `sideEffects` lists only src/define.ts, so bare imports of
        // the per-tag define modules would be tree-shaken away.
        contents: [
          "import { defineElement } from './src/components/internal/define.js';",
          "import { HersysReportForm } from './src/components/report-form/report-form.component.js';",
          "import { HersysOptionalFieldsDialog } from './src/components/optional-fields-dialog/optional-fields-dialog.component.js';",
          "import { HersysDateConsistencyDialog } from './src/components/date-consistency-dialog/date-consistency-dialog.component.js';",
          "import { HersysReportFlow } from './src/components/report-flow/report-flow.component.js';",
          "defineElement('hersys-report-form', HersysReportForm);",
          "defineElement('hersys-optional-fields-dialog', HersysOptionalFieldsDialog);",
          "defineElement('hersys-date-consistency-dialog', HersysDateConsistencyDialog);",
          "defineElement('hersys-report-flow', HersysReportFlow);",
        ].join('\n'),
        resolveDir: root,
        loader: 'ts',
        sourcefile: 'report-flow-entry.ts',
      },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      splitting: true,
      outdir: subsetDir,
      metafile: true,
      legalComments: 'none',
      tsconfig: join(root, 'tsconfig.base.json'),
      logLevel: 'error',
    });
    const out = subset.metafile.outputs;
    const start = Object.keys(out).find((o) => out[o]!.entryPoint === 'report-flow-entry.ts');
    const seen = new Set<string>();
    const walk = (f: string) => {
      if (seen.has(f)) return;
      seen.add(f);
      for (const imp of out[f]!.imports) if (imp.kind === 'import-statement' && !imp.external) walk(imp.path);
    };
    if (start) walk(start);
    const subsetGz = gz(seen);
    console.log(`report-flow tags only (form + dialogs + flow) gzip ${kb(subsetGz)} KB`);
  } finally {
    rmSync(subsetDir, { recursive: true, force: true });
  }
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
