// A web-test-runner plugin that serves CommonJS packages from node_modules as ES modules, so browser tests
// can import libraries whose dependencies are still CommonJS (pdf-lib → pako; fontkit → tiny-inflate,
// unicode-trie, brotli, clone, dfa, fast-deep-equal). Each such file is bundled with esbuild into one ES
// module whose default export is `module.exports` (how bundlers such as Vite and Rollup import CommonJS,
// and the only form these dependencies are imported in). ES modules are passed through untouched.
import { build } from 'esbuild';
import { join } from 'node:path';

const ESM_SYNTAX = /^\s*(import\s*[\w{*'"]|export\s+(\{|\*|default|const|let|var|function|class|async))/m;
const CJS_SYNTAX = /\b(module\.exports|exports\.\w+\s*=|require\s*\()/;

/** @param {{ rootDir?: string }} [options] */
export function commonjsPlugin(options = {}) {
  const rootDir = options.rootDir ?? process.cwd();
  const cache = new Map();
  return {
    name: 'hersys-commonjs',
    async transform(context) {
      const path = context.path;
      if (!path.startsWith('/node_modules/') || !/\.(c?js)$/.test(path)) return undefined;
      const body = typeof context.body === 'string' ? context.body : '';
      if (ESM_SYNTAX.test(body) || !CJS_SYNTAX.test(body)) return undefined;
      const file = join(rootDir, decodeURIComponent(path));
      let code = cache.get(file);
      if (code === undefined) {
        const result = await build({
          entryPoints: [file],
          bundle: true,
          format: 'esm',
          platform: 'browser',
          write: false,
          logLevel: 'silent',
          define: { 'process.env.NODE_ENV': '"test"' },
        });
        code = result.outputFiles[0].text;
        cache.set(file, code);
      }
      return { body: code, transformCache: true };
    },
  };
}
