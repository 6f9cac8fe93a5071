// @ts-check
// Library build: unbundled ES modules (preserveModules) for every public subpath. Types come from
// `tsc -p tsconfig.build.json` (run after this, see the "build" script). Every bare import stays external:
// lit, zod, i18next, date-fns, pdf-lib… are the consumer's to resolve and dedupe.
import { existsSync, readdirSync } from 'node:fs';
import esbuild from 'rollup-plugin-esbuild';

const entries = [
  'src/schema/index.ts',
  'src/pdf/index.ts',
  'src/pdf/node.ts',
  'src/components/index.ts',
  'src/define.ts',
  ...(existsSync('src/define') ? readdirSync('src/define').map((file) => `src/define/${file}`) : []),
  'src/locales/index.ts',
  ...['ja', 'en'].flatMap((lng) =>
    existsSync(`src/locales/${lng}`)
      ? readdirSync(`src/locales/${lng}`).map((file) => `src/locales/${lng}/${file}`)
      : [],
  ),
].filter((file) => existsSync(file));

export default {
  input: entries,
  external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
  output: {
    dir: 'dist',
    format: 'es',
    sourcemap: true,
    preserveModules: true,
    preserveModulesRoot: 'src',
  },
  plugins: [esbuild({ target: 'es2022', tsconfig: 'tsconfig.build.json', sourceMap: true })],
};
