import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadConfig } from '../../src/server/config.js';
import { projectRoot } from '../support/test-server.js';

/** Issue 10, item 12: the unsigned demo is on by itself only where nobody else can reach it. */
const required = { LIVEKIT_URL: 'ws://127.0.0.1:9', LIVEKIT_API_KEY: 'key', LIVEKIT_API_SECRET: 'x'.repeat(32) };

test('the demo is on by default on a loopback HOST only; elsewhere only with DEMO=1', () => {
  for (const HOST of ['127.0.0.1', '127.1.2.3', 'localhost', '::1']) assert.equal(loadConfig({ ...required, HOST }).demo, true, HOST);
  for (const HOST of ['0.0.0.0', '::', '192.168.1.20', 'meet.example.com']) {
    assert.equal(loadConfig({ ...required, HOST }).demo, false, HOST);
    assert.equal(loadConfig({ ...required, HOST, DEMO: '1' }).demo, true, `${HOST} with DEMO=1`);
  }
  assert.equal(loadConfig({ ...required, HOST: '127.0.0.1', DEMO: '0' }).demo, false);
});

/** Runs the real entry point (src/server/main.ts) on loopback until it says where it listens. */
async function runMain(env: Record<string, string>) {
  const dataDir = await mkdtemp(join(tmpdir(), 'meeting-demo-'));
  const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'src/server/main.ts')], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH, ...required, HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.setEncoding('utf8');
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      if (/Meeting server: \S+/.test(out) && out.endsWith('\n\n')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`main.ts exited (${code}): ${out}`)));
  });
  const url = /Meeting server: (\S+)/.exec(out)![1]!;
  return {
    out,
    createDemoMeeting: () => fetch(`${url}/demo/api/meetings`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }),
    async stop() {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

test('with DEMO=0 the server neither serves the demo nor prints the AppSecret; on loopback by default it does both', async () => {
  const secret = randomBytes(16).toString('hex');
  const off = await runMain({ DEMO: '0', MEETING_APP_SECRET: secret });
  try {
    assert.ok(!off.out.includes(secret), 'the secret was printed');
    assert.equal((await off.createDemoMeeting()).status, 404);
  } finally {
    await off.stop();
  }
  const on = await runMain({ MEETING_APP_SECRET: secret });
  try {
    assert.ok(on.out.includes(`AppSecret ${secret}`), on.out);
    const created = (await (await on.createDemoMeeting()).json()) as { code: number };
    assert.equal(created.code, 200);
  } finally {
    await on.stop();
  }
});
