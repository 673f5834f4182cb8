import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { serverSecret } from '../../src/server/services/secrets.js';

const withDir = async (run: (dir: string) => Promise<void>) => {
  const dir = await mkdtemp(join(tmpdir(), 'meeting-secrets-'));
  try {
    await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

test('a generated secret is made once, in a 0600 file, and read back the same', () =>
  withDir(async (dir) => {
    const first = await serverSecret(dir, 'host-link');
    assert.ok(first.length >= 32);
    assert.equal((await stat(join(dir, 'host-link.key'))).mode & 0o777, 0o600);
    assert.equal(await serverSecret(dir, 'host-link'), first);
  }));

test('a configured secret wins and nothing is written', () =>
  withDir(async (dir) => {
    assert.equal(await serverSecret(dir, 'host-link', 'c'.repeat(40)), 'c'.repeat(40));
    assert.deepEqual(await readdir(dir), []);
  }));

test('a file without a usable secret is refused, not used', () =>
  withDir(async (dir) => {
    await writeFile(join(dir, 'host-link.key'), 'short\n');
    await assert.rejects(serverSecret(dir, 'host-link'), /no usable secret/);
  }));
