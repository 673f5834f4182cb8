import { sql, type Kysely } from 'kysely';

/**
 * Embedding (issue 11): the origins a tenant lets embed its meetings (CORS and frame-ancestors),
 * and portal sign-on's one-time signs (SPEC M9), of which only the hash is stored.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tenants').addColumn('embed_origins', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`)).execute();
  await db.schema
    .createTable('sso_signs')
    .addColumn('sign_hash', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.unique_id').onDelete('cascade'))
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('user_name', 'text')
    .addColumn('avatar', 'text')
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    // Kept once spent until it expires, so that a replay is told apart from a made-up sign.
    .addColumn('spent_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('sso_signs_expires').on('sso_signs').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sso_signs').execute();
  await db.schema.alterTable('tenants').dropColumn('embed_origins').execute();
}
