// Size of what a page loads for each components entry, bundled, minified and gzipped like a production build
// of a host app (esbuild, ES2022, NODE_ENV=production, UTF-8 output as Vite and terser write it):
//
//   hersys-sdk/define/report   the issue-3 components entry: <hersys-report-form>, both dialogs and
//                              <hersys-report-flow> with lit, the components' translator (not i18next,
//                              see src/locales/translator.ts), zod/mini, the schema and the Japanese
//                              report strings. The goal (< 60 KB gzip) is about this one.
//   hersys-sdk/define/patient  the patient components (issue 7)
//   hersys-sdk/define/sign-in  <hersys-sign-in>
//   hersys-sdk/define          every tag (the three above)
//
// Counted: the entry chunk and every chunk it imports statically (what the page must load before the tags
// work). Not counted, printed apart: lazy chunks (dynamic import()): the postal data (loaded per postal-code
// prefix), the English strings and the strings of the other features (loaded when a component first renders
// in English), the report form's FAX layout (loaded when first shown) and the date dialog's chart (loaded
// when the dialog first opens). Fonts and pdf-lib must never be in any entry (checked, exit code 1).
import { build, type Metafile } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const GOAL_KB = 60;

const ENTRIES = [
  { name: 'hersys-sdk/define/report', file: 'src/define/report.ts', goal: true },
  { name: 'hersys-sdk/define/patient', file: 'src/define/patient.ts', goal: false },
  { name: 'hersys-sdk/define/sign-in', file: 'src/define/sign-in.ts', goal: false },
  { name: 'hersys-sdk/define', file: 'src/define.ts', goal: false },
] as const;

const kb = (n: number) => (n / 1024).toFixed(1);
const gzipOf = (file: string) => gzipSync(readFileSync(resolve(process.cwd(), file)), { level: 9 }).length;

interface Measured {
  eagerGz: number;
  eagerRaw: number;
  eagerChunks: number;
  lazyGz: number;
  lazyRaw: number;
  lazyChunks: number;
  /** Minified bytes per package or source folder in the eager chunks. */
  byOwner: Map<string, number>;
  /** Minified bytes per module in the eager chunks. */
  byModule: [string, number][];
  /** Every input module of the eager chunks. */
  eagerInputs: string[];
  /** Source modules (under src/) only in lazy chunks. */
  lazyInputs: string[];
}

async function measure(file: string): Promise<Measured> {
  const outdir = mkdtempSync(join(tmpdir(), 'hersys-bundle-'));
  try {
    const result = await build({
      entryPoints: [join(root, file)],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      charset: 'utf8',
      splitting: true,
      outdir,
      metafile: true,
      legalComments: 'none',
      define: { 'process.env.NODE_ENV': '"production"' },
      tsconfig: join(root, 'tsconfig.base.json'),
      logLevel: 'error',
    });
    const outputs: Metafile['outputs'] = result.metafile.outputs;
    const entry = Object.keys(outputs).find((o) => outputs[o]!.entryPoint?.endsWith(file));
    if (!entry) throw new Error(`entry chunk of ${file} not found in the metafile`);
    const eager = new Set<string>();
    const visit = (out: string) => {
      if (eager.has(out)) return;
      eager.add(out);
      for (const imp of outputs[out]!.imports)
        if (imp.kind === 'import-statement' && !imp.external) visit(imp.path);
    };
    visit(entry);
    const lazy = Object.keys(outputs).filter((o) => o.endsWith('.js') && !eager.has(o));
    const raw = (files: Iterable<string>) => [...files].reduce((sum, f) => sum + outputs[f]!.bytes, 0);
    const gz = (files: Iterable<string>) => [...files].reduce((sum, f) => sum + gzipOf(f), 0);

    const byOwner = new Map<string, number>();
    const byModule: [string, number][] = [];
    const eagerInputs: string[] = [];
    for (const out of eager) {
      for (const [input, { bytesInOutput }] of Object.entries(outputs[out]!.inputs)) {
        const path = relative(root, resolve(root, input));
        const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
        const owner = pkg ? pkg[1]! : path.split('/').slice(0, 3).join('/');
        byOwner.set(owner, (byOwner.get(owner) ?? 0) + bytesInOutput);
        byModule.push([path.replace(/^node_modules\//, ''), bytesInOutput]);
        eagerInputs.push(input);
      }
    }
    const lazyInputs = lazy
      .flatMap((out) => Object.keys(outputs[out]!.inputs))
      .map((input) => relative(root, resolve(root, input)))
      .filter((path) => path.startsWith('src/'));
    return {
      eagerGz: gz(eager),
      eagerRaw: raw(eager),
      eagerChunks: eager.size,
      lazyGz: gz(lazy),
      lazyRaw: raw(lazy),
      lazyChunks: lazy.length,
      byOwner,
      byModule,
      eagerInputs,
      lazyInputs,
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Problems that make the figure a lie or the page heavy for nothing; any of them fails the bench. */
function violations(name: string, m: Measured): string[] {
  const out: string[] = [];
  const forbidden = m.eagerInputs.filter(
    (i) =>
      /node_modules\/(pdf-lib|@pdf-lib|fontkit|@expo-google-fonts|pako)\//.test(i) || /src\/pdf\//.test(i),
  );
  if (forbidden.length) out.push(`pdf-lib/fonts in the eager chunks: ${forbidden.slice(0, 5).join(', ')}`);
  const postal = m.eagerInputs.filter((i) => /postal\/data\//.test(i));
  if (postal.length) out.push(`postal data in the eager chunks (${postal.length} modules)`);
  if (name === 'hersys-sdk/define/report') {
    // The report entry must not carry what it only loads by need.
    const strays = m.eagerInputs.filter((i) =>
      /src\/locales\/(en\/|ja\/(pdf|ui-patient|ui-sign-in|ui)\.ts)|src\/(schema\/patient|components\/(id-form|duplicate-check|patient-record|patient-list|sign-in))\//.test(
        i,
      ),
    );
    if (strays.length) out.push(`loaded eagerly but needed only by need: ${strays.slice(0, 6).join(', ')}`);
  }
  return out;
}

let failed = false;
const measured = new Map<string, Measured>();
for (const { name, file } of ENTRIES) measured.set(name, await measure(file));

console.log(
  `bundle sizes (esbuild minify, gzip -9; entry + static imports; lit alone 6 KB, Shoelace 8 primitives 46 KB, Lion 53 KB, SurveyJS 347 KB)`,
);
for (const { name, goal } of ENTRIES) {
  const m = measured.get(name)!;
  const goalNote = goal ? `  goal < ${GOAL_KB} KB: ${m.eagerGz / 1024 < GOAL_KB ? 'met' : 'NOT met'}` : '';
  console.log(
    `  ${name.padEnd(28)} gzip ${kb(m.eagerGz).padStart(6)} KB  minified ${kb(m.eagerRaw).padStart(6)} KB in ${m.eagerChunks} chunk(s)${goalNote}`,
  );
}
console.log('lazy chunks (excluded above: dynamic import(), loaded by need):');
for (const { name } of ENTRIES) {
  const m = measured.get(name)!;
  const locales = [...new Set(m.lazyInputs.filter((p) => p.startsWith('src/locales/')))]
    .map((p) => p.replace(/^src\/locales\//, '').replace(/\.ts$/, ''))
    .sort();
  const postal = m.lazyInputs.filter((p) => p.includes('/postal/data/')).length;
  console.log(
    `  ${name.padEnd(28)} ${m.lazyChunks} chunk(s), ${kb(m.lazyRaw)} KB minified, ${kb(m.lazyGz)} KB gzip: ` +
      `${postal} postal data modules; strings ${locales.join(', ') || '(none)'}`,
  );
}

const report = measured.get('hersys-sdk/define/report')!;
const total = [...report.byOwner.values()].reduce((a, b) => a + b, 0);
console.log('hersys-sdk/define/report, top contributors (minified bytes in the eager chunks):');
for (const [owner, bytes] of [...report.byOwner].sort((a, b) => b[1] - a[1]).slice(0, 14)) {
  console.log(
    `  ${owner.padEnd(40)} ${kb(bytes).padStart(7)} KB  ${((bytes / total) * 100).toFixed(1).padStart(5)}%`,
  );
}
console.log('hersys-sdk/define/report, top modules:');
for (const [path, bytes] of [...report.byModule].sort((a, b) => b[1] - a[1]).slice(0, 10)) {
  console.log(`  ${path.padEnd(60)} ${kb(bytes).padStart(7)} KB`);
}

for (const { name } of ENTRIES) {
  for (const v of violations(name, measured.get(name)!)) {
    console.log(`${name}: ${v}`);
    failed = true;
  }
}
const all = [...measured.values()];
console.log(
  `pdf-lib in bundle: ${all.some((m) => violations('', m).some((v) => v.startsWith('pdf'))) ? 'YES' : 'no'}`,
);
console.log(
  `postal data in the eager chunks: ${all.some((m) => violations('', m).some((v) => v.startsWith('postal'))) ? 'YES' : 'no'}`,
);
if (failed) process.exitCode = 1;
