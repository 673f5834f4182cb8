import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { callApi } from '../support/signed.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
before(async () => {
  server = await startTestServer({ env: { CLOCK_INTERVAL_MS: '100', MAX_MEETING_MINUTES: '60', OVERRUN_GRACE_MINUTES: '10' } });
});
after(() => server.stop());

const MIN = 60_000;

async function meeting(body: Record<string, unknown> = { type: 1 }) {
  const res = await callApi(server.url, server.services.devTenant, '/v2/meeting/create', { subject: 'Clock', ...body });
  assert.equal(res.body.code, 200, res.body.msg);
  return res.body.ret.meetingUniqueId as number;
}

async function row(id: number) {
  return server.db.selectFrom('meetings').select(['status', 'end_reason', 'room_name']).where('unique_id', '=', id).executeTakeFirstOrThrow();
}

async function until(what: string, check: () => Promise<boolean>) {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('the clock ends overdue meetings with reason 3, and leaves the others', async () => {
  const longRunning = await meeting();
  const overrun = await meeting({ type: 3, startTime: Date.now() + MIN, endTime: Date.now() + 2 * MIN });
  const neverJoined = await meeting({ type: 3, startTime: Date.now() + MIN, endTime: Date.now() + 2 * MIN });
  const fine = await meeting();
  const fineScheduled = await meeting({ type: 3, startTime: Date.now() + MIN, endTime: Date.now() + 2 * MIN });
  const now = Date.now();
  await server.db.updateTable('meetings').set({ status: 2, room_started_at: new Date(now - 61 * MIN) }).where('unique_id', '=', longRunning).execute();
  await server.db.updateTable('meetings').set({ status: 2, room_started_at: new Date(now - 20 * MIN), end_time: new Date(now - 11 * MIN) }).where('unique_id', '=', overrun).execute();
  await server.db.updateTable('meetings').set({ start_time: new Date(now - 3 * MIN), end_time: new Date(now - MIN) }).where('unique_id', '=', neverJoined).execute();
  await server.db.updateTable('meetings').set({ status: 2, room_started_at: new Date(now - 59 * MIN) }).where('unique_id', '=', fine).execute();
  await until('overdue meetings ended', async () => (await row(longRunning)).status === 3 && (await row(overrun)).status === 3 && (await row(neverJoined)).status === 3);
  for (const id of [longRunning, overrun, neverJoined]) assert.equal((await row(id)).end_reason, 3);
  await new Promise((r) => setTimeout(r, 300));
  assert.equal((await row(fine)).status, 2);
  assert.equal((await row(fineScheduled)).status, 1);
});

test("reconciling with LiveKit's room list: a vanished room ends its meeting, an open one starts it", async () => {
  const vanished = await meeting();
  const opened = await meeting();
  const untouched = await meeting();
  await server.db.updateTable('meetings').set({ status: 2, room_started_at: new Date() }).where('unique_id', '=', vanished).execute();
  const openRoom = (await row(opened)).room_name;
  const result = await server.services.meetings.reconcile([openRoom]);
  assert.ok(result.ended >= 1 && result.started >= 1);
  const ended = await row(vanished);
  assert.deepEqual([ended.status, ended.end_reason], [3, 2]);
  assert.equal((await row(opened)).status, 2);
  assert.equal((await row(untouched)).status, 1);
});
