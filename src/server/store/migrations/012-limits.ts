import { sql, type Kysely } from 'kysely';

/** Abuse limits and housekeeping (issue 10): the purges and the pending-admission count use indexes. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('livekit_events_received').on('livekit_events').column('received_at').execute();
  await db.schema.createIndex('control_audit_at').on('control_audit').column('at').execute();
  await db.schema.createIndex('password_failures_window').on('password_failures').column('window_start').execute();
  await sql`create index admissions_pending on admissions (meeting_id, admitted_at) where joined_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of ['admissions_pending', 'password_failures_window', 'control_audit_at', 'livekit_events_received']) await db.schema.dropIndex(index).execute();
}
