import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build } from 'esbuild';

// Zod is for the server's edge; once it leaked into the browser bundle unnoticed (+85 KiB gzip).
test('the browser bundle does not include zod or any server module', async () => {
  const result = await build({ entryPoints: ['src/components/cdn.ts'], bundle: true, write: false, metafile: true, format: 'esm', platform: 'browser', logLevel: 'silent', outdir: 'out' });
  const inputs = Object.keys(result.metafile.inputs);
  assert.deepEqual(inputs.filter((f) => f.includes('node_modules/zod/')), []);
  assert.deepEqual(inputs.filter((f) => f.startsWith('src/server/')), []);
});

// The iframe API's two ends: small, on zod/mini only, and the bridge without a second copy of the elements.
for (const entry of ['src/embed/frame-bridge.ts', 'src/embed/meeting-frame-global.ts']) {
  test(`${entry} has no full zod, no element code and no server module`, async () => {
    const result = await build({ entryPoints: [entry], bundle: true, write: false, metafile: true, format: 'esm', platform: 'browser', logLevel: 'silent', outdir: 'out' });
    const inputs = Object.keys(result.metafile.inputs);
    assert.deepEqual(inputs.filter((f) => f.includes('node_modules/zod/') && !/node_modules\/zod\/(v4\/)?(mini|core|locales)\//.test(f)), []);
    assert.deepEqual(inputs.filter((f) => f.startsWith('src/server/') || f.startsWith('src/components/') || f.includes('node_modules/lit') || f.includes('livekit-client')), []);
  });
}

// Issue 11 part 2: the package's `.` registers no tag; only defineElements (elements.ts), which define.ts runs, may.
test("no module the package's main entry imports registers a tag, but defineElements", async () => {
  const { readFile } = await import('node:fs/promises');
  const result = await build({ entryPoints: ['src/components/index.ts'], bundle: true, write: false, metafile: true, format: 'esm', platform: 'browser', logLevel: 'silent', outdir: 'out', packages: 'external' });
  const defining: string[] = [];
  for (const file of Object.keys(result.metafile.inputs)) {
    if (/customElements\.define\(|registry\.define\(|@customElement\(/.test(await readFile(file, 'utf8'))) defining.push(file);
  }
  assert.deepEqual(defining, ['src/components/elements.ts']);
});
