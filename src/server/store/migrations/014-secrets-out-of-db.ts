import type { Kysely } from 'kysely';

/**
 * The host-link secret leaves the database (issue 10 item 17): it now lives in `HOST_LINK_SECRET`
 * or a 0600 file in DATA_DIR, so a dump cannot forge host links. The secret stored here until now
 * must count as leaked with every dump and backup taken, so it is dropped, not moved: links signed
 * with it stop proving host (reading the meeting or room hands out new ones). What `host_keys` holds
 * is only the id of each subject's key generation, mixed into what the secret signs.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('server_secrets').execute();
  await db.schema.alterTable('host_keys').renameColumn('key', 'key_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('host_keys').renameColumn('key_id', 'key').execute();
  await db.schema
    .createTable('server_secrets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}
