import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { loadConfig, type ServerConfig } from '../../src/server/config.js';
import type { LivekitAdmin } from '../../src/server/livekit/admin.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import type { TestClock } from './clock.js';

export const projectRoot = join(import.meta.dirname, '..', '..');

export interface TestServer extends RunningServer {
  config: ServerConfig;
  stop(): Promise<void>;
}

/** A fresh database on the PostgreSQL server that `adminUrl` names (scripts/with-postgres.ts). */
async function createTestDatabase(adminUrl: string, stableFor?: string): Promise<{ url: string; drop(): Promise<void> }> {
  // A restart test passes its dataDir: the same database then serves both runs and is kept.
  const name = `meeting_test_${stableFor ? createHash('sha1').update(stableFor).digest('hex').slice(0, 12) : randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
  if (exists.rowCount === 0) await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      if (stableFor) return;
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      // pg's Pool.end() resolves before its sockets are closed; a forced drop meanwhile would kill one
      // mid-close, and that error escapes as an uncaught exception after the test has ended.
      for (let i = 0; i < 50; i++) {
        const open = await c.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
        if (open.rows[0]!.n === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/**
 * The meeting server in-process on a free loopback port, with PGlite in a temp folder (or a fresh
 * PostgreSQL database when TEST_DATABASE_URL is set). Without a
 * `livekit` it gets made-up LiveKit credentials (fine for everything that does not carry media).
 * With a `clock`, the services read the time from it.
 */
export async function startTestServer(
  opts: { livekit?: { url: string; apiKey: string; apiSecret: string }; env?: Record<string, string>; dataDir?: string; livekitAdmin?: LivekitAdmin; clock?: TestClock } = {},
): Promise<TestServer> {
  // A given dataDir is the caller's (to restart on it); a temp one is removed at stop.
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'meeting-test-')));
  const database = process.env.TEST_DATABASE_URL ? await createTestDatabase(process.env.TEST_DATABASE_URL, opts.dataDir) : undefined;
  const livekit = opts.livekit ?? { url: 'ws://127.0.0.1:7880', apiKey: 'APItestkey', apiSecret: 'test-secret-that-is-at-least-32-characters-long' };
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LIVEKIT_URL: livekit.url,
    LIVEKIT_API_KEY: livekit.apiKey,
    LIVEKIT_API_SECRET: livekit.apiSecret,
    LOG_LEVEL: 'silent',
    ...(database ? { DATABASE_URL: database.url } : {}),
    ...opts.env,
  });
  const server = await startServer(
    config,
    { assetsDir: join(projectRoot, 'dist', 'assets'), assetsManifest: join(projectRoot, 'dist', 'assets-manifest.json'), demoDir: join(projectRoot, 'demo') },
    { log: pino({ level: process.env.TEST_LOG ?? 'silent' }), livekitAdmin: opts.livekitAdmin, now: opts.clock?.now },
  );
  return {
    ...server,
    config,
    async stop() {
      await server.close();
      await database?.drop();
      if (!opts.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A second tenant, to check that tenants never see each other's data. */
export async function addTenant(server: TestServer, name: string): Promise<{ id: number; appKey: string; appSecret: string }> {
  const row = await server.db
    .insertInto('tenants')
    .values({ name, app_key: `key-${name}-${randomBytes(4).toString('hex')}`, app_secret: randomBytes(16).toString('hex') })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { id: row.id, appKey: row.app_key, appSecret: row.app_secret };
}
