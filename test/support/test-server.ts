import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig, type ServerConfig } from '../../src/server/config.js';
import { startServer, type RunningServer } from '../../src/server/server.js';

export const projectRoot = join(import.meta.dirname, '..', '..');

export interface TestServer extends RunningServer {
  config: ServerConfig;
  stop(): Promise<void>;
}

/**
 * The meeting server in-process on a free loopback port, with PGlite in a temp folder. Without a
 * `livekit` it gets made-up LiveKit credentials (fine for everything that does not carry media).
 */
export async function startTestServer(opts: { livekit?: { url: string; apiKey: string; apiSecret: string }; env?: Record<string, string> } = {}): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'meeting-test-'));
  const livekit = opts.livekit ?? { url: 'ws://127.0.0.1:7880', apiKey: 'APItestkey', apiSecret: 'test-secret-that-is-at-least-32-characters-long' };
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LIVEKIT_URL: livekit.url,
    LIVEKIT_API_KEY: livekit.apiKey,
    LIVEKIT_API_SECRET: livekit.apiSecret,
    LOG_LEVEL: 'silent',
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
    ...opts.env,
  });
  const server = await startServer(config, { assetsDir: join(projectRoot, 'dist'), demoDir: join(projectRoot, 'demo') }, pino({ level: process.env.TEST_LOG ?? 'silent' }));
  return {
    ...server,
    config,
    async stop() {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
