import type { Kysely } from 'kysely';

/** Who joined listen-only (SPEC J4): their permissions allow nothing until they ask to join with audio. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('admissions').addColumn('listen_only', 'boolean', (c) => c.notNull().defaultTo(false)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('admissions').dropColumn('listen_only').execute();
}
