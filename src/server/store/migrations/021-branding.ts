import type { Kysely } from 'kysely';

/** Tenant branding (SPEC E3): the logo and accent colour its meetings show ("" = none, the default). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('tenants')
    .addColumn('logo_url', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('accent_color', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tenants').dropColumn('logo_url').dropColumn('accent_color').execute();
}
