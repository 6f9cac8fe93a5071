// The library path of hersys-sdk/pdf must run in the browser: no Node-only global or module outside the
// Node entry (src/pdf/node.ts). ESLint forbids `node:` imports; this also catches globals such as Buffer.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../../src/pdf/', import.meta.url));
const NODE_ONLY =
  /\b(Buffer|setImmediate|process\.|__dirname|__filename|require\()|from ['"](node:|fs|path|os|events)['"]/;

describe('src/pdf library path', () => {
  it('uses no Node-only API outside node.ts', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'node.ts');
    assert.ok(files.length >= 6, files.join());
    for (const file of files) {
      const code = readFileSync(dir + file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, '');
      const hit = NODE_ONLY.exec(code);
      assert.equal(hit, null, `${file} uses ${hit?.[0]}`);
    }
  });
});
