import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('accounts')
    .addColumn('login_name', 'text')
    .addColumn('password_hash', 'text')
    .addColumn('display_name', 'text')
    .addColumn('is_admin', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  // Sign-in names identify the tenant too, so they are unique across tenants (case-insensitive).
  await sql`create unique index accounts_login_name on accounts (lower(login_name)) where login_name is not null`.execute(db);
  await db.schema
    .createTable('sessions')
    .addColumn('sid_hash', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sessions').execute();
  await db.schema.dropIndex('accounts_login_name').execute();
  await db.schema.alterTable('accounts').dropColumn('login_name').dropColumn('password_hash').dropColumn('display_name').dropColumn('is_admin').execute();
}
