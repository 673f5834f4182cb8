import { randomBytes } from 'node:crypto';
import type { Db } from '../store/db.js';

/**
 * A server-side secret: the configured value if there is one, else one generated once and kept in
 * the database so that links signed before a restart stay valid.
 */
export async function serverSecret(db: Db, name: string, configured?: string): Promise<string> {
  if (configured) return configured;
  const fresh = randomBytes(32).toString('base64url');
  await db.insertInto('server_secrets').values({ name, value: fresh }).onConflict((oc) => oc.column('name').doNothing()).execute();
  const row = await db.selectFrom('server_secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow();
  return row.value;
}
