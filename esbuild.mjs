// Builds dist/assets/meeting-room.js (one self-contained minified ESM file defining every element,
// what a page loads from a CDN or from /assets), then its content-hashed copy and their brotli and
// gzip files with dist/assets-manifest.json (URL, SRI hash, sizes); and dist/server.js (the meeting
// server for Node, the package's `bin`; npm packages external). The host console is its own bundle
// (dist/assets/meeting-console.js), so that the join bundle does not carry it.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';

// The element files still import their children (`import '../meeting-chat/meeting-chat.js'`), which
// registered them before the tags moved to one table (src/components/elements.ts); package.json's
// `sideEffects` now says those imports do nothing, which is true, and esbuild need not warn of it.
const common = { bundle: true, sourcemap: true, logLevel: 'warning', logOverride: { 'ignored-bare-import': 'silent' }, tsconfig: 'tsconfig.json' };
const assetsDir = join('dist', 'assets');

/**
 * livekit-client on its own (`chunks/livekit-client.<hash>.js`, with `.br` and `.gz`): the join
 * bundle imports it when a person joins (src/client/livekit-loader.ts), not before. Answers its path
 * relative to the bundle.
 */
async function buildLivekitChunk() {
  const out = await build({ ...common, sourcemap: false, stdin: { contents: "export * from 'livekit-client';", resolveDir: '.', loader: 'js' }, format: 'esm', platform: 'browser', target: ['es2022', 'chrome110', 'firefox115', 'safari16'], minify: true, legalComments: 'none', write: false });
  const body = out.outputFiles[0].contents;
  const file = `chunks/livekit-client.${createHash('sha256').update(body).digest('hex').slice(0, 16)}.js`;
  await mkdir(join(assetsDir, 'chunks'), { recursive: true });
  await writeFile(join(assetsDir, file), body);
  await writeFile(join(assetsDir, `${file}.br`), brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
  const gz = gzipSync(body, { level: 9 });
  await writeFile(join(assetsDir, `${file}.gz`), gz);
  const brotli = (await readFile(join(assetsDir, `${file}.br`))).length;
  // In the manifest too: the join page preloads it (`<link rel="modulepreload">`), so that the join does not wait for its download.
  const url = `/assets/${file}`;
  const entry = { url, alias: url, integrity: `sha384-${createHash('sha384').update(body).digest('base64')}`, bytes: body.length, gzip: gz.length, brotli };
  return { path: `./${file}`, entry };
}

/** `import('livekit-client')` becomes an import of the chunk; a static import of its code fails the build. */
function livekitAtJoin(chunk) {
  return {
    name: 'livekit-at-join',
    setup(b) {
      b.onResolve({ filter: /^livekit-client$/ }, (args) => {
        if (args.kind !== 'dynamic-import') return { errors: [{ text: `${args.importer} imports livekit-client statically: the join bundle loads it at join (src/client/livekit-loader.ts)` }] };
        return { path: chunk, external: true };
      });
    },
  };
}

/** Writes `name.<hash>.js` beside `name.js`, `.br` and `.gz` of both; returns the manifest entry. */
async function deliver(file) {
  const body = await readFile(file);
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
  const name = basename(file, '.js');
  const hashed = `${name}.${hash}.js`;
  const br = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
  const gz = gzipSync(body, { level: 9 });
  for (const target of [file, join(assetsDir, hashed)]) {
    if (target !== file) await writeFile(target, body);
    await writeFile(`${target}.br`, br);
    await writeFile(`${target}.gz`, gz);
  }
  const integrity = `sha384-${createHash('sha384').update(body).digest('base64')}`;
  return [`${name}.js`, { url: `/assets/${hashed}`, alias: `/assets/${name}.js`, integrity, bytes: body.length, gzip: gz.length, brotli: br.length }];
}

await rm(assetsDir, { recursive: true, force: true });
await mkdir(assetsDir, { recursive: true });
const browserOptions = { ...common, outdir: assetsDir, format: 'esm', platform: 'browser', target: ['es2022', 'chrome110', 'firefox115', 'safari16'], minify: true, legalComments: 'none', metafile: true };
const { path: livekitChunk, entry: livekitEntry } = await buildLivekitChunk();
const [browser, consoleBundle] = await Promise.all([
  build({ ...browserOptions, entryPoints: { 'meeting-room': 'src/components/cdn.ts' }, plugins: [livekitAtJoin(livekitChunk)] }),
  build({ ...browserOptions, entryPoints: { 'meeting-console': 'src/components/console.ts' } }),
  build({
    ...common,
    entryPoints: { server: 'src/server/main.ts' },
    outdir: 'dist',
    format: 'esm',
    platform: 'node',
    target: 'node22',
    packages: 'external',
    banner: { js: '#!/usr/bin/env node' },
  }),
]);

// The iframe API's two ends (src/embed), small and apart from the elements: the bridge `/embed`
// loads after meeting-room.js, and the portal's helper, a classic script defining `MeetingFrame`.
const frameApi = { ...common, outdir: assetsDir, platform: 'browser', target: ['es2022', 'chrome110', 'firefox115', 'safari16'], minify: true, legalComments: 'none', metafile: true };
const frames = await Promise.all([
  build({ ...frameApi, entryPoints: { 'frame-bridge': 'src/embed/frame-bridge.ts' }, format: 'esm' }),
  build({ ...frameApi, entryPoints: { 'meeting-frame': 'src/embed/meeting-frame-global.ts' }, format: 'iife', globalName: 'MeetingFrame' }),
]);

const bundles = [browser, consoleBundle, ...frames];
const entries = bundles.flatMap((b) => Object.entries(b.metafile.outputs).filter(([, out]) => out.entryPoint).map(([file]) => file));
const manifest = { ...Object.fromEntries(await Promise.all(entries.map(deliver))), 'livekit-client.js': livekitEntry };

await writeFile(join('dist', 'assets-manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
for (const [name, entry] of Object.entries(manifest)) {
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
  console.log(`built ${entry.url} (alias ${entry.alias}): ${kib(entry.bytes)}, gzip ${kib(entry.gzip)}, brotli ${kib(entry.brotli)}\n  ${name} integrity ${entry.integrity}`);
}
console.log(`built /assets/${livekitChunk.slice(2)} (livekit-client, imported at join)`);
console.log('built dist/server.js');
