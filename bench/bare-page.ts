import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';

export interface BarePage {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves a baseline page (livekit-client alone) bundled from `entry`. From a loopback server of its
 * own: Chromium's local-network checks refuse loopback requests from a page Playwright fulfils itself.
 */
export async function serveBarePage(entry: string): Promise<BarePage> {
  const js = (await build({ entryPoints: [entry], bundle: true, minify: true, format: 'esm', platform: 'browser', write: false })).outputFiles[0]!.contents;
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/bare.js')) res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(js);
    else res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><meta charset="utf-8"><script type="module" src="/bare.js"></script>');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** The grant `POST /api/join` gives a guest: the same token kind `<meeting-room>` joins with. */
export async function guestGrant(serverUrl: string, code: string, name: string): Promise<{ serverUrl: string; token: string }> {
  const res = await fetch(new URL('/api/join', serverUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code, name }),
  });
  return ((await res.json()) as { ret: { serverUrl: string; token: string } }).ret;
}
