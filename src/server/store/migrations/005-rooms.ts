import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rooms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id'))
    .addColumn('owner_id', 'text')
    .addColumn('room_type', 'smallint', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('descr', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('picture_uri', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('definition', 'text', (c) => c.notNull().defaultTo('480p'))
    .addColumn('number_limit', 'integer', (c) => c.notNull().defaultTo(200))
    .addColumn('is_public', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('password', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('deleted_at', 'timestamptz')
    .execute();
  await db.schema
    .createTable('room_members')
    .addColumn('room_id', 'text', (c) => c.notNull().references('rooms.id'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('room_members_pk', ['room_id', 'user_id'])
    .execute();
  await db.schema.alterTable('meetings').addColumn('room_id', 'text').execute();
  // One live meeting per room.
  await sql`create unique index meetings_live_room on meetings (room_id) where status in (1, 2) and room_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('meetings_live_room').execute();
  await db.schema.alterTable('meetings').dropColumn('room_id').execute();
  await db.schema.dropTable('room_members').execute();
  await db.schema.dropTable('rooms').execute();
}
