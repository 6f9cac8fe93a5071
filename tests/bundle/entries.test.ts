// What each `hersys-sdk/define/*` entry makes a page load before its tags work (the entry chunk and the
// chunks it imports statically, bundled as a host app would), and what it leaves to dynamic import().
// Sizes are printed by `npm run bench -- bundle-size`; this guards what must never be eager.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { build } from 'esbuild';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

async function split(entry: string): Promise<{ eager: string[]; lazy: string[] }> {
  const result = await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    splitting: true,
    write: false,
    outdir: join(root, 'tmp/entries-test'),
    metafile: true,
    tsconfig: join(root, 'tsconfig.base.json'),
    logLevel: 'error',
  });
  const outputs = result.metafile.outputs;
  const start = Object.keys(outputs).find((o) => outputs[o]!.entryPoint?.endsWith(entry));
  assert.ok(start, `entry chunk of ${entry}`);
  const seen = new Set<string>();
  const visit = (out: string) => {
    if (seen.has(out)) return;
    seen.add(out);
    for (const imp of outputs[out]!.imports) if (imp.kind === 'import-statement') visit(imp.path);
  };
  visit(start);
  const inputsOf = (outs: string[]) =>
    outs.flatMap((o) => Object.keys(outputs[o]!.inputs)).map((i) => relative(root, resolve(root, i)));
  const all = Object.keys(outputs).filter((o) => o.endsWith('.js'));
  return { eager: inputsOf([...seen]), lazy: inputsOf(all.filter((o) => !seen.has(o))) };
}

const matching = (paths: string[], re: RegExp) => paths.filter((p) => re.test(p));

const NEVER = /node_modules\/(pdf-lib|@pdf-lib|fontkit|@expo-google-fonts|pako)\/|^src\/pdf\/|postal\/data\//;
const ENGLISH = /^src\/locales\/en\//;
const PATIENT =
  /^src\/(locales\/ja\/ui-patient|schema\/patient\/|components\/(id-form|duplicate-check|patient-record|patient-list)\/)/;
const SIGN_IN = /^src\/(locales\/ja\/ui-sign-in|components\/sign-in\/)/;
const REPORT =
  /^src\/(locales\/ja\/(issues|fields|ui-form)|components\/(report-form\/|report-flow\/report-flow|optional-fields-dialog\/|date-consistency-dialog\/))/;
// (report-flow/summary.ts and ja/ui-flow.ts are shared: the patient record shows its reports with them.)
const ALL_STRINGS = /^src\/locales\/(ja|en)\/(ui|pdf)\.ts$/;

describe('components entries', () => {
  it('define/report: the report tags with zod/mini and the Japanese report strings; English, other features, pdf and postal data only by need', async () => {
    const { eager, lazy } = await split('src/define/report.ts');
    assert.ok(matching(eager, /^src\/components\/report-flow\//).length > 0);
    assert.ok(matching(eager, /^src\/locales\/ja\/ui-form\.ts$/).length === 1);
    assert.ok(matching(eager, /node_modules\/zod\/v4\/mini\//).length > 0, 'zod/mini');
    assert.deepEqual(matching(eager, /node_modules\/zod\/v4\/classic\//), [], 'the full zod API');
    for (const [what, re] of [
      ['never', NEVER],
      ['English', ENGLISH],
      ['patient', PATIENT],
      ['sign-in', SIGN_IN],
      ['every string', ALL_STRINGS],
    ] as const)
      assert.deepEqual(matching(eager, re), [], what);
    assert.ok(matching(lazy, /^src\/locales\/en\/ui-form\.ts$/).length === 1, 'English form strings by need');
    assert.ok(matching(lazy, /postal\/data\//).length > 0, 'postal data by need');
  });

  it('define/patient and define/sign-in carry neither the report nor each other', async () => {
    const patient = await split('src/define/patient.ts');
    assert.ok(matching(patient.eager, PATIENT).length > 0);
    for (const re of [NEVER, ENGLISH, SIGN_IN, REPORT, ALL_STRINGS])
      assert.deepEqual(matching(patient.eager, re), []);
    const signIn = await split('src/define/sign-in.ts');
    assert.ok(matching(signIn.eager, SIGN_IN).length > 0);
    for (const re of [NEVER, ENGLISH, PATIENT, REPORT, ALL_STRINGS])
      assert.deepEqual(matching(signIn.eager, re), []);
    assert.ok(matching(signIn.lazy, /^src\/locales\/en\/ui-sign-in\.ts$/).length === 1);
  });

  it('define registers every feature', async () => {
    const { eager } = await split('src/define.ts');
    for (const re of [PATIENT, SIGN_IN, REPORT]) assert.ok(matching(eager, re).length > 0, String(re));
    assert.deepEqual(matching(eager, NEVER), []);
  });
});
