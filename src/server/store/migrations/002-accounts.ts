import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('im_accid', 'text')
    .addColumn('token', 'text', (c) => c.notNull())
    .addColumn('personal_meeting_id', 'text', (c) => c.notNull().unique())
    .addColumn('short_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('accounts_tenant_im_accid', ['tenant_id', 'im_accid'])
    .execute();
  // Short ids are dialled like meeting codes, so they are unique across tenants.
  await db.schema.createIndex('accounts_short_id').unique().on('accounts').column('short_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('accounts').execute();
}
