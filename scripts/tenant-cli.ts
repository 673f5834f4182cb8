/**
 * Tenants (organisations) for the operator of a deployment:
 *   npm run tenant -- create NAME [CALLBACK_URL]   makes a tenant and prints its AppKey and AppSecret
 *   npm run tenant -- list                          lists tenants (no secrets)
 * Uses the same database as the server: DATABASE_URL, else PGlite in DATA_DIR (default .data).
 * Stop the server first when it runs on PGlite: the embedded database has one user at a time.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { openDatabase } from '../src/server/store/db.js';

const [command, name, callbackUrl] = process.argv.slice(2);
const db = await openDatabase({ dataDir: process.env.DATA_DIR ?? '.data', databaseUrl: process.env.DATABASE_URL });
try {
  if (command === 'create') {
    const tenantName = z.string().trim().min(1).max(64).parse(name);
    const url = callbackUrl === undefined ? null : z.url({ protocol: /^https?$/ }).parse(callbackUrl);
    const row = await db
      .insertInto('tenants')
      .values({ name: tenantName, app_key: randomBytes(12).toString('hex'), app_secret: randomBytes(24).toString('hex'), callback_url: url })
      .returningAll()
      .executeTakeFirstOrThrow();
    console.log(`Tenant ${row.name} (id ${row.id})\n  AppKey    ${row.app_key}\n  AppSecret ${row.app_secret}`);
  } else if (command === 'list') {
    for (const row of await db.selectFrom('tenants').select(['id', 'name', 'app_key', 'callback_url']).orderBy('id').execute()) {
      console.log(`${row.id}\t${row.name}\t${row.app_key}\t${row.callback_url ?? '-'}`);
    }
  } else {
    console.error('usage: npm run tenant -- create NAME [CALLBACK_URL] | list');
    process.exitCode = 2;
  }
} catch (err) {
  console.error(err instanceof z.ZodError ? err.issues.map((i) => i.message).join('; ') : String(err));
  process.exitCode = 1;
} finally {
  await db.destroy();
}
