import assert from 'node:assert/strict';
import { test } from 'node:test';
import { build } from 'esbuild';
import * as lk from 'livekit-client';
import * as ours from '../../src/client/livekit-values.js';

// The constants stand in for livekit-client's enums so that the join bundle need not load it at once.
test('each livekit-client enum value the parts name is the library’s own', () => {
  const theirs: Record<keyof typeof ours, Record<string, unknown>> = {
    TrackSource: lk.Track.Source,
    TrackKind: lk.Track.Kind,
    ConnectionState: lk.ConnectionState,
    ConnectionQuality: lk.ConnectionQuality,
    EngineEvent: lk.EngineEvent,
    RoomEvent: lk.RoomEvent,
    DataStreamErrorReason: lk.DataStreamErrorReason,
    VideoQuality: lk.VideoQuality,
    DisconnectReason: lk.DisconnectReason,
  };
  for (const [name, values] of Object.entries(ours) as Array<[keyof typeof ours, Record<string, unknown>]>) {
    for (const [key, value] of Object.entries(values)) assert.equal(value, theirs[name][key], `${name}.${key}`);
  }
});

// Issue 11 part 9: what /join loads first carries none of livekit-client; it comes when a person joins.
test('the join bundle imports livekit-client only dynamically', async () => {
  const kinds: string[] = [];
  const result = await build({
    entryPoints: ['src/components/cdn.ts'],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'browser',
    logLevel: 'silent',
    outdir: 'out',
    plugins: [{ name: 'watch-livekit', setup: (b) => b.onResolve({ filter: /^livekit-client$/ }, (args) => (kinds.push(args.kind), { path: 'livekit-client', external: true })) }],
  });
  assert.deepEqual(Object.keys(result.metafile.inputs).filter((f) => f.includes('node_modules/livekit-client')), []);
  assert.ok(kinds.length > 0);
  assert.deepEqual([...new Set(kinds)], ['dynamic-import']);
});
