import { join } from 'node:path';
import { build } from 'esbuild';
import { projectRoot } from '../test/support/test-server.js';

/** A bench page's script (a file, or source text), bundled with the product's own esbuild settings. */
export async function bundle(entry: { contents: string } | string): Promise<Uint8Array> {
  const result = await build({
    ...(typeof entry === 'string' ? { entryPoints: [entry] } : { stdin: { ...entry, resolveDir: projectRoot, loader: 'ts' } }),
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome110', 'firefox115', 'safari16'],
    legalComments: 'none',
    write: false,
    tsconfig: join(projectRoot, 'tsconfig.json'),
  });
  return result.outputFiles[0]!.contents;
}
