import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerConfig } from './config.js';
import type { PageOptions } from './routes/pages.js';

/** The folder of this package's package.json: the repository, or node_modules/meeting-room once installed. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** The browser build and the demo pages that ship with the package. */
export function defaultPages(config: Pick<ServerConfig, 'demo'>, root = packageRoot()): PageOptions {
  return {
    assetsDir: join(root, 'dist', 'assets'),
    assetsManifest: join(root, 'dist', 'assets-manifest.json'),
    demoDir: config.demo ? join(root, 'demo') : undefined,
  };
}
