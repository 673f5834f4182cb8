import type { Kysely } from 'kysely';

/** Files in the chat (SPEC R5): what a message announced; the bytes are never stored. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('chat_messages')
    .addColumn('file_name', 'text')
    .addColumn('file_size', 'integer')
    .addColumn('file_type', 'text')
    .addColumn('file_stream', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('chat_messages').dropColumn('file_name').dropColumn('file_size').dropColumn('file_type').dropColumn('file_stream').execute();
}
