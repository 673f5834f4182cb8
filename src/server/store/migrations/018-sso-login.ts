import type { Kysely } from 'kysely';

/**
 * Portal sign-in to the console (SPEC M9, API.md `/v1/sso/login`): a sign without a meeting signs
 * its user in, and the portal's profile fields are kept on the account it lands on.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sso_signs').alterColumn('meeting_id', (c) => c.dropNotNull()).execute();
  await db.schema
    .alterTable('accounts')
    .addColumn('avatar', 'text')
    .addColumn('job', 'text')
    .addColumn('level', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('accounts').dropColumn('avatar').dropColumn('job').dropColumn('level').execute();
  await db.deleteFrom('sso_signs').where('meeting_id', 'is', null).execute();
  await db.schema.alterTable('sso_signs').alterColumn('meeting_id', (c) => c.setNotNull()).execute();
}
