import type { Kysely } from 'kysely';

/**
 * Kicks that stick and host links that can be revoked (issue 10): the client address each
 * admission came from and whether a ban blocks that device, and a per-subject key mixed into
 * every host link's signature (rotating it revokes the links signed before).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('admissions')
    .addColumn('client', 'text')
    .addColumn('block_device', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema
    .createTable('host_keys')
    .addColumn('subject', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('host_keys').execute();
  await db.schema.alterTable('admissions').dropColumn('block_device').dropColumn('client').execute();
}
