import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('meetings')
    .addColumn('short_id', 'text')
    .addColumn('extras', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema.createIndex('meetings_tenant_start').on('meetings').columns(['tenant_id', 'start_time']).execute();
  await db.schema.createIndex('meetings_live_short_id').on('meetings').column('short_id').where(sql.ref('status'), 'in', [1, 2]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('meetings_live_short_id').execute();
  await db.schema.dropIndex('meetings_tenant_start').execute();
  await db.schema.alterTable('meetings').dropColumn('extras').dropColumn('short_id').execute();
}
