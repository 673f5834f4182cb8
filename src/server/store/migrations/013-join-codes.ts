import { sql, type Kysely } from 'kysely';

/** One-time join codes: how a console session reaches the join page without travelling in a URL (issue 10). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('join_codes')
    .addColumn('code_hash', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('join_codes').execute();
}
