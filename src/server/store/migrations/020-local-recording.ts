import type { Kysely } from 'kysely';

/** Who records the meeting in their browser now (SPEC R9): the meeting's "Recording" mark follows it. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('admissions').addColumn('recording', 'boolean', (c) => c.notNull().defaultTo(false)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('admissions').dropColumn('recording').execute();
}
