/**
 * Runs a command with a throwaway PostgreSQL server on loopback, named by TEST_DATABASE_URL, so
 * that the server tests run against real PostgreSQL as well as PGlite. Uses Debian's postgresql
 * binaries; where there are none the command is skipped with a one-line reason (under CI=true,
 * a failure). As root, the cluster runs as the `postgres` user (PostgreSQL refuses root).
 *
 *   node --import tsx scripts/with-postgres.ts <command> [args…]
 */
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const command = process.argv.slice(2);
const base = '/usr/lib/postgresql';
const version = existsSync(base) ? readdirSync(base).sort((a, b) => Number(b) - Number(a))[0] : undefined;
const bin = version ? join(base, version, 'bin') : undefined;
if (!bin || !existsSync(join(bin, 'initdb'))) {
  const reason = 'PostgreSQL server binaries not found (apt-get install postgresql)';
  if (process.env.CI === 'true') {
    console.error(`postgres tests: ${reason}; under CI this is a failure`);
    process.exit(1);
  }
  console.log(`postgres tests skipped: ${reason}`);
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'pg-test-'));
const asRoot = process.getuid?.() === 0;
const run = (tool: string, args: string[]) => {
  const full = join(bin, tool);
  const result = asRoot ? spawnSync('runuser', ['-u', 'postgres', '--', full, ...args], { stdio: 'inherit' }) : spawnSync(full, args, { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${tool} failed`);
};
if (asRoot) {
  const { uid, gid } = passwdEntry('postgres');
  chownSync(dir, uid, gid);
}
const port = 20000 + Math.floor(Math.random() * 20000);
const data = join(dir, 'data');
let started = false;
const cleanup = () => {
  if (started) spawnSync(asRoot ? 'runuser' : join(bin, 'pg_ctl'), asRoot ? ['-u', 'postgres', '--', join(bin, 'pg_ctl'), '-D', data, '-m', 'fast', 'stop'] : ['-D', data, '-m', 'fast', 'stop'], { stdio: 'ignore' });
  rmSync(dir, { recursive: true, force: true });
};
try {
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-o', `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off`, 'start']);
  started = true;
} catch (err) {
  cleanup();
  console.error(String(err));
  process.exit(1);
}
const child = spawn(command[0]!, command.slice(1), {
  stdio: 'inherit',
  env: { ...process.env, TEST_DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/postgres` },
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => {
  cleanup();
  process.exit(code ?? 1);
});

function passwdEntry(user: string): { uid: number; gid: number } {
  const line = spawnSync('getent', ['passwd', user], { encoding: 'utf8' }).stdout.trim();
  const [, , uid, gid] = line.split(':');
  if (!uid || !gid) throw new Error(`no user ${user}`);
  return { uid: Number(uid), gid: Number(gid) };
}
