/**
 * Finds, builds and runs the livekit-server this project pins (v1.13.5), loopback only.
 *
 * Order: `LIVEKIT_URL` (+ `LIVEKIT_API_KEY`/`LIVEKIT_API_SECRET`) naming a running server, else
 * `livekit-server` on PATH at the pinned version, else the project's own build in the user's cache
 * (`$LIVEKIT_TOOLS_DIR`, default `~/.cache/meeting-room/livekit-v1.13.5`, shared by every checkout),
 * else it builds one there with `go install` (about 3.5 minutes on 2 cores), else it stops with how
 * to get one.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const LIVEKIT_VERSION = '1.13.5';
const cacheHome = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
export const LIVEKIT_TOOLS_DIR = process.env.LIVEKIT_TOOLS_DIR || join(cacheHome, 'meeting-room', `livekit-v${LIVEKIT_VERSION}`);
const run = promisify(execFile);

export type LivekitSource = { kind: 'external'; url: string; apiKey: string; apiSecret: string } | { kind: 'binary'; path: string };

async function versionOf(binary: string): Promise<string | undefined> {
  try {
    const { stdout } = await run(binary, ['--version'], { timeout: 10_000 });
    return /(\d+\.\d+\.\d+)/.exec(stdout)?.[1];
  } catch {
    return undefined;
  }
}

async function onPath(name: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/** Builds the pinned livekit-server into the user cache (`LIVEKIT_TOOLS_DIR`) with the Go toolchain. */
export async function buildLivekit(log: (line: string) => void = console.log): Promise<string> {
  const target = join(LIVEKIT_TOOLS_DIR, 'livekit-server');
  const go = (await onPath('go')) ?? (existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);
  if (!go) {
    throw new Error(
      `livekit-server v${LIVEKIT_VERSION} was not found and Go is not installed to build it.\n` +
        `Either install Go (https://go.dev/doc/install) and run again, put livekit-server v${LIVEKIT_VERSION} on PATH,\n` +
        `or set LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET to a running livekit-server.`,
    );
  }
  await mkdir(LIVEKIT_TOOLS_DIR, { recursive: true });
  log(`Building livekit-server v${LIVEKIT_VERSION} with Go into ${LIVEKIT_TOOLS_DIR} (about 3.5 minutes on 2 cores; only once)…`);
  const child = spawn(go, ['install', `github.com/livekit/livekit-server/cmd/server@v${LIVEKIT_VERSION}`], {
    env: { ...process.env, GOBIN: LIVEKIT_TOOLS_DIR, CGO_ENABLED: '0' },
    cwd: tmpdir(),
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`go install of livekit-server v${LIVEKIT_VERSION} failed (exit ${code})`);
  await rename(join(LIVEKIT_TOOLS_DIR, 'server'), target);
  log('livekit-server built.');
  return target;
}

/** Finds a usable livekit-server, building it when nothing else is there. */
export async function findLivekit(opts: { build?: boolean; log?: (line: string) => void } = {}): Promise<LivekitSource> {
  const { LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET } = process.env;
  if (LIVEKIT_URL) {
    if (!LIVEKIT_API_KEY || !LIVEKIT_API_SECRET) throw new Error('LIVEKIT_URL is set: set LIVEKIT_API_KEY and LIVEKIT_API_SECRET too');
    return { kind: 'external', url: LIVEKIT_URL, apiKey: LIVEKIT_API_KEY, apiSecret: LIVEKIT_API_SECRET };
  }
  const fromPath = await onPath('livekit-server');
  if (fromPath && (await versionOf(fromPath)) === LIVEKIT_VERSION) return { kind: 'binary', path: fromPath };
  const own = join(LIVEKIT_TOOLS_DIR, 'livekit-server');
  if (existsSync(own) && (await versionOf(own)) === LIVEKIT_VERSION) return { kind: 'binary', path: own };
  if (opts.build === false) throw new Error(`livekit-server v${LIVEKIT_VERSION} is not built: run \`npm run livekit -- build\``);
  return { kind: 'binary', path: await buildLivekit(opts.log) };
}

export interface LivekitOptions {
  binary: string;
  /** HTTP/WebSocket port; 0 picks a free one. */
  port?: number;
  /** UDP port range for media, so that several servers can run side by side. */
  udpPorts?: [number, number];
  webhookUrl?: string;
  apiKey?: string;
  apiSecret?: string;
  /** Seconds a room stays open after the last person left (LiveKit `room.departure_timeout`). */
  departureTimeout?: number;
  /** Network interfaces to gather candidates on: `lo`, plus the namespace's veth for rtc-node clients. */
  interfaces?: string[];
  /**
   * The one address LiveKit advertises for media (`rtc.node_ip`; every candidate is rewritten to it).
   * 127.0.0.1 serves Chromium only: Firefox and rtc-node never use a loopback candidate.
   */
  nodeIp?: string;
  /** Where the signalling port listens (default loopback only). */
  bindAddress?: string;
  logFile?: string;
}

export interface RunningLivekit {
  url: string;
  httpUrl: string;
  apiKey: string;
  apiSecret: string;
  stop(): Promise<void>;
}

/** The test network namespace's own host (scripts/in-netns.ts), for clients that skip loopback. */
export const VETH = 'mrv0';
export const TEST_HOST_ADDRESS = '10.203.0.1';

/** The local config (DESIGN "LiveKit facts"): no TCP fallback, no external IP (so no STUN), the given interfaces only. */
export function livekitConfig(o: Required<Omit<LivekitOptions, 'binary' | 'logFile' | 'webhookUrl'>> & { webhookUrl?: string }): string {
  const lines = [
    `port: ${o.port}`,
    `bind_addresses: [${JSON.stringify(o.bindAddress)}]`,
    'rtc:',
    `  port_range_start: ${o.udpPorts[0]}`,
    `  port_range_end: ${o.udpPorts[1]}`,
    '  tcp_port: 0',
    '  use_external_ip: false',
    `  node_ip: ${o.nodeIp}`,
    '  enable_loopback_candidate: true',
    '  interfaces:',
    `    includes: ${JSON.stringify(o.interfaces)}`,
    'room:',
    `  departure_timeout: ${o.departureTimeout}`,
    '  empty_timeout: 300',
    'keys:',
    `  ${JSON.stringify(o.apiKey)}: ${JSON.stringify(o.apiSecret)}`,
    'logging:',
    '  level: info',
  ];
  if (o.webhookUrl) lines.push('webhook:', `  api_key: ${JSON.stringify(o.apiKey)}`, '  urls:', `    - ${JSON.stringify(o.webhookUrl)}`);
  return lines.join('\n') + '\n';
}

/** A free TCP port on loopback (for servers started side by side). */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  server.close();
  return port;
}

async function portTaken(port: number): Promise<boolean> {
  const { connect } = await import('node:net');
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** Starts livekit-server, waits until `GET /` answers OK, and stops it with two signals. */
export async function startLivekit(opts: LivekitOptions): Promise<RunningLivekit> {
  const port = opts.port || (await freePort());
  // Another server on the port would answer the readiness check below in place of ours.
  if (await portTaken(port)) throw new Error(`port ${port} is in use (another livekit-server?): set LIVEKIT_PORT to a free one`);
  const apiKey = opts.apiKey ?? `API${randomBytes(6).toString('hex')}`;
  const apiSecret = opts.apiSecret ?? randomBytes(32).toString('base64url');
  const dir = await mkdtemp(join(tmpdir(), 'livekit-'));
  const configFile = join(dir, 'livekit.yaml');
  await writeFile(
    configFile,
    livekitConfig({
      port,
      udpPorts: opts.udpPorts ?? [50000, 50199],
      apiKey,
      apiSecret,
      departureTimeout: opts.departureTimeout ?? 20,
      interfaces: opts.interfaces ?? ['lo'],
      nodeIp: opts.nodeIp ?? '127.0.0.1',
      bindAddress: opts.bindAddress ?? '127.0.0.1',
      webhookUrl: opts.webhookUrl,
    }),
    { mode: 0o600 },
  );
  const child: ChildProcess = spawn(opts.binary, ['--config', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  const logStream = createWriteStream(opts.logFile ?? join(dir, 'livekit.log'));
  child.stdout?.pipe(logStream);
  child.stderr?.pipe(logStream);
  const exited = once(child, 'exit');
  const httpUrl = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      // The first signal makes livekit-server wait for rooms to drain; the second stops it.
      child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 200));
      child.kill('SIGINT');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    }
    logStream.end();
    await rm(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`livekit-server exited with ${child.exitCode} at start; see its log`);
    }
    try {
      const res = await fetch(httpUrl, { signal: AbortSignal.timeout(1_000) });
      if (res.ok && (await res.text()).trim() === 'OK') break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error('livekit-server did not answer OK within 30 s');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url: `ws://127.0.0.1:${port}`, httpUrl, apiKey, apiSecret, stop };
}

/**
 * The machine's address other browsers can use for media: MEDIA_ADDRESS, else the first
 * non-internal IPv4 one (Firefox never pairs over loopback), else 127.0.0.1 (Chromium only).
 * Answers it with the interfaces LiveKit should gather on.
 */
export async function mediaAddress(wanted = process.env.MEDIA_ADDRESS): Promise<{ address: string; interfaces: string[] }> {
  const { networkInterfaces } = await import('node:os');
  const all = Object.entries(networkInterfaces()).flatMap(([name, infos]) => (infos ?? []).map((info) => ({ name, ...info })));
  const found = wanted ? all.find((i) => i.address === wanted) : all.find((i) => i.family === 'IPv4' && !i.internal);
  if (wanted && !found) throw new Error(`MEDIA_ADDRESS ${wanted} is not an address of this machine`);
  if (!found || found.internal) return { address: '127.0.0.1', interfaces: ['lo'] };
  return { address: found.address, interfaces: [...new Set(['lo', found.name])] };
}
