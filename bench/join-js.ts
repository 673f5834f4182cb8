import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../test/support/test-server.js';

export interface Sizes {
  bytes: number;
  gzip: number;
  brotli: number;
}

const assets = join(projectRoot, 'dist', 'assets');
const sizes = (file: string): Sizes => ({ bytes: statSync(join(assets, file)).size, gzip: statSync(join(assets, `${file}.gz`)).size, brotli: statSync(join(assets, `${file}.br`)).size });
const sum = (all: Sizes[]): Sizes => all.reduce((a, s) => ({ bytes: a.bytes + s.bytes, gzip: a.gzip + s.gzip, brotli: a.brotli + s.brotli }), { bytes: 0, gzip: 0, brotli: 0 });

/**
 * The JS of a join as the build wrote it (after `npm run build`): the bundle /join loads with the
 * chunks it imports statically (initial), and the chunks it imports when the person joins (lazy:
 * livekit-client), in the encodings the server sends.
 */
export function joinScripts(): { initial: Sizes; lazy: Array<{ file: string } & Sizes> } {
  const entry = readFileSync(join(assets, 'meeting-room.js'), 'utf8');
  const chunksOf = (pattern: RegExp) => [...entry.matchAll(pattern)].map((m) => m[1]!);
  const initial = sum([sizes('meeting-room.js'), ...chunksOf(/from"\.\/(chunks\/[^"]+\.js)"/g).map(sizes)]);
  const lazy = chunksOf(/import\("\.\/(chunks\/[^"]+\.js)"\)/g).map((file) => ({ file, ...sizes(file) }));
  return { initial, lazy };
}
