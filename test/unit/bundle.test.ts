import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build } from 'esbuild';

// Zod is for the server's edge; once it leaked into the browser bundle unnoticed (+85 KiB gzip).
test('the browser bundle does not include zod or any server module', async () => {
  const result = await build({ entryPoints: ['src/components/index.ts'], bundle: true, write: false, metafile: true, format: 'esm', platform: 'browser', logLevel: 'silent', outdir: 'out' });
  const inputs = Object.keys(result.metafile.inputs);
  assert.deepEqual(inputs.filter((f) => f.includes('node_modules/zod/')), []);
  assert.deepEqual(inputs.filter((f) => f.startsWith('src/server/')), []);
});
