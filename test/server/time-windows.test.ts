import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { TestClock } from '../support/clock.js';
import { FakeLivekit } from '../support/fake-livekit.js';
import { callApi } from '../support/signed.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/** Windows and timeouts that pass with time, on a server whose clock the test moves on. */
let server: TestServer;
const clock = new TestClock();
const MIN = 60_000;

before(async () => {
  server = await startTestServer({ clock, livekitAdmin: new FakeLivekit(), env: { WAITING_TIMEOUT_MINUTES: '15', PASSWORD_ATTEMPTS: '5' } });
});
after(() => server.stop());

async function meeting(body: Record<string, unknown>): Promise<string> {
  const res = await callApi(server.url, server.services.devTenant, '/v2/meeting/create', { type: 1, subject: 'Time', ...body }, { curTime: String(clock.now()) });
  assert.equal(res.body.code, 200, res.body.msg);
  return res.body.ret.meetingId;
}

async function post(path: string, body: unknown): Promise<{ code: number; msg: string; ret?: any }> {
  const res = await fetch(new URL(path, server.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return (await res.json()) as { code: number; msg: string; ret?: any };
}

test('a waiting ticket nobody decides on expires after WAITING_TIMEOUT_MINUTES, and is gone then', async () => {
  const code = await meeting({ waitingRoom: true });
  const { waitingTicket: ticket } = (await post('/api/join', { code, name: 'Wendy' })).ret as { waitingTicket: string };
  assert.ok(ticket);
  clock.advance(14 * MIN);
  const still = await post('/api/join/ticket', { ticket });
  assert.equal(still.code, 2107);
  assert.match(still.msg, /number 1/);
  clock.advance(2 * MIN);
  const expired = await post('/api/join/ticket', { ticket });
  assert.equal(expired.code, 2107);
  assert.match(expired.msg, /in time/);
  assert.match((await post('/api/join/ticket', { ticket })).msg, /not valid any more/);
});

test('after PASSWORD_ATTEMPTS wrong passwords, 510 for 15 minutes; then the right one gets in', async () => {
  const code = await meeting({ password: 'secret1' });
  for (let i = 0; i < 5; i++) assert.equal((await post('/api/join', { code, name: 'X', password: 'nope' })).code, 2014);
  assert.equal((await post('/api/join', { code, name: 'X', password: 'secret1' })).code, 510);
  clock.advance(14 * MIN);
  assert.equal((await post('/api/join', { code, name: 'X', password: 'secret1' })).code, 510);
  clock.advance(2 * MIN);
  assert.equal((await post('/api/join', { code, name: 'X', password: 'secret1' })).code, 200);
});
