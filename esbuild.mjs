// Builds dist/meeting-room.js (one self-contained minified ESM file defining every element, what a
// page loads from a CDN) and dist/server.js (the meeting server for Node; npm packages external).
import { build } from 'esbuild';

const common = { bundle: true, sourcemap: true, logLevel: 'warning', tsconfig: 'tsconfig.json' };

await Promise.all([
  build({
    ...common,
    entryPoints: { 'meeting-room': 'src/components/index.ts' },
    outdir: 'dist',
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome110', 'firefox115', 'safari16'],
    minify: true,
    legalComments: 'none',
  }),
  build({
    ...common,
    entryPoints: { server: 'src/server/main.ts' },
    outdir: 'dist',
    format: 'esm',
    platform: 'node',
    target: 'node22',
    packages: 'external',
  }),
]);
console.log('built dist/meeting-room.js and dist/server.js');
