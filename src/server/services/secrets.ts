import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const SECRET_BYTES = 32;

/**
 * A server-side secret that never enters the database, so that a dump or a backup of it cannot
 * forge what the secret signs: the configured value if there is one, else `DATA_DIR/<name>.key`,
 * created (mode 0600) at first start so that what was signed before a restart stays valid.
 * An in-memory database (`memory://`) gets a secret that lives as long as the process, like its data.
 */
export async function serverSecret(dataDir: string, name: string, configured?: string): Promise<string> {
  if (configured) return configured;
  const fresh = randomBytes(SECRET_BYTES).toString('base64url');
  if (dataDir.startsWith('memory://')) return fresh;
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, `${name}.key`);
  try {
    await writeFile(file, `${fresh}\n`, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const secret = (await readFile(file, 'utf8')).trim();
  if (secret.length < 32) throw new Error(`${file} holds no usable secret (at least 32 characters): remove it to have a new one made`);
  return secret;
}
