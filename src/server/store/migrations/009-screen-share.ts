import type { Kysely } from 'kysely';

/** Who shares a screen now, in the database rather than one node's memory (issue 9). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('admissions').addColumn('screen_track', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('admissions').dropColumn('screen_track').execute();
}
