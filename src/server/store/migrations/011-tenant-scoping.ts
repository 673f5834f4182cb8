import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // A short id is dialled like a code: at most one meeting that is not over answers to it.
  await db.schema.dropIndex('meetings_live_short_id').execute();
  await sql`create unique index meetings_live_short_id on meetings (short_id) where status in (1, 2) and short_id is not null`.execute(db);
  // Sign-in names are unique within a tenant only: a name another tenant uses is nobody else's business.
  await db.schema.dropIndex('accounts_login_name').execute();
  await sql`create unique index accounts_tenant_login_name on accounts (tenant_id, lower(login_name)) where login_name is not null`.execute(db);
  // Sign-in attempts per account name and per client, in a window (issue 10 item 11).
  await db.schema
    .createTable('login_attempts')
    .addColumn('bucket', 'text', (c) => c.primaryKey())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('login_attempts').execute();
  await db.schema.dropIndex('accounts_tenant_login_name').execute();
  await sql`create unique index accounts_login_name on accounts (lower(login_name)) where login_name is not null`.execute(db);
  await db.schema.dropIndex('meetings_live_short_id').execute();
  await sql`create index meetings_live_short_id on meetings (short_id) where status in (1, 2)`.execute(db);
}
