import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import pg from 'pg';
import * as init from './migrations/001-init.js';
import * as accounts from './migrations/002-accounts.js';
import * as meetingFields from './migrations/003-meeting-fields.js';
import * as webhookOutbox from './migrations/004-webhook-outbox.js';
import * as rooms from './migrations/005-rooms.js';
import * as users from './migrations/006-users.js';
import * as recordings from './migrations/007-recordings.js';
import * as liveControl from './migrations/008-live-control.js';
import * as screenShare from './migrations/009-screen-share.js';
import * as bansHostKeys from './migrations/010-bans-host-keys.js';
import * as tenantScoping from './migrations/011-tenant-scoping.js';
import * as limits from './migrations/012-limits.js';
import * as joinCodes from './migrations/013-join-codes.js';
import * as secretsOutOfDb from './migrations/014-secrets-out-of-db.js';
import * as embedding from './migrations/015-embedding.js';
import * as chat from './migrations/016-chat.js';
import * as listenOnly from './migrations/017-listen-only.js';
import * as ssoLogin from './migrations/018-sso-login.js';
import * as chatFiles from './migrations/019-chat-files.js';
import * as localRecording from './migrations/020-local-recording.js';
import * as branding from './migrations/021-branding.js';
import { PGliteDialect } from './pglite-dialect.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

const embedded = new WeakSet<Db>();

/**
 * Whether this is the embedded database: one connection, handed to one user at a time, so that
 * whoever holds it is alone (no other statement can run in between: holding it is the lock).
 */
export const isEmbedded = (db: Db): boolean => embedded.has(db);

/** Checked-in migrations, in order. Add new ones at the end; never edit one that has shipped. */
const migrations: Record<string, Migration> = {
  '001-init': init,
  '002-accounts': accounts,
  '003-meeting-fields': meetingFields,
  '004-webhook-outbox': webhookOutbox,
  '005-rooms': rooms,
  '006-users': users,
  '007-recordings': recordings,
  '008-live-control': liveControl,
  '009-screen-share': screenShare,
  '010-bans-host-keys': bansHostKeys,
  '011-tenant-scoping': tenantScoping,
  '012-limits': limits,
  '013-join-codes': joinCodes,
  '014-secrets-out-of-db': secretsOutOfDb,
  '015-embedding': embedding,
  '016-chat': chat,
  '017-listen-only': listenOnly,
  '018-sso-login': ssoLogin,
  '019-chat-files': chatFiles,
  '020-local-recording': localRecording,
  '021-branding': branding,
};

class StaticMigrations implements MigrationProvider {
  async getMigrations() {
    return migrations;
  }
}

/**
 * Opens the database: a PostgreSQL server when `databaseUrl` is given, else embedded PGlite in
 * `dataDir` (`memory://` keeps it in memory, for tests), then brings the schema up to date.
 */
export async function openDatabase(opts: { dataDir: string; databaseUrl?: string; onIdleError?: (err: Error) => void }): Promise<Db> {
  let dialect;
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    // An idle connection the server drops (restart, failover) is replaced on the next query; without
    // a listener its error would crash the process.
    pool.on('error', (err) => opts.onIdleError?.(err));
    dialect = new PostgresDialect({ pool });
  } else {
    if (!opts.dataDir.startsWith('memory://')) await mkdir(opts.dataDir, { recursive: true });
    dialect = new PGliteDialect(await PGlite.create(opts.dataDir));
  }
  const db = new Kysely<Database>({ dialect });
  const { error, results } = await new Migrator({ db, provider: new StaticMigrations() }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    await db.destroy();
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
  if (!opts.databaseUrl) embedded.add(db);
  return db;
}
