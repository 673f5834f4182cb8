import { sql, type Kysely } from 'kysely';

/** Host controls (issue 5): the live policy, per-person live state, the waiting room, the audit. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('meeting_live')
    .addColumn('meeting_id', 'integer', (c) => c.primaryKey().references('meetings.unique_id'))
    .addColumn('policy', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .alterTable('admissions')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('admitted'))
    .addColumn('banned', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('may_host', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('hand_at', 'bigint')
    .addColumn('share', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('mic_allowed', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('cam_allowed', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('ticket_hash', 'text')
    .addColumn('waiting_since', 'timestamptz')
    .addColumn('sid', 'text')
    .execute();
  await db.schema.createIndex('admissions_ticket').on('admissions').column('ticket_hash').execute();
  await db.schema
    .createTable('control_audit')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.unique_id'))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text')
    .addColumn('code', 'integer', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('control_audit_meeting').on('control_audit').column('meeting_id').execute();
  // Wrong join passwords per place and client, for the attempt limit (SPEC J2).
  await db.schema
    .createTable('password_failures')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('client', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('password_failures_pk', ['subject', 'client'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('password_failures').execute();
  await db.schema.dropTable('control_audit').execute();
  await db.schema.dropTable('meeting_live').execute();
  for (const column of ['status', 'banned', 'may_host', 'hand_at', 'share', 'mic_allowed', 'cam_allowed', 'ticket_hash', 'waiting_since', 'sid']) {
    await db.schema.alterTable('admissions').dropColumn(column).execute();
  }
}
