import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { TestClock } from '../support/clock.js';
import { eventually } from '../support/eventually.js';
import { callApi } from '../support/signed.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
const clock = new TestClock();
before(async () => {
  server = await startTestServer({ clock, env: { CLOCK_INTERVAL_MS: '100', MAX_MEETING_MINUTES: '60', OVERRUN_GRACE_MINUTES: '10' } });
});
after(() => server.stop());

const MIN = 60_000;

async function meeting(body: Record<string, unknown> = { type: 1 }) {
  const res = await callApi(server.url, server.services.devTenant, '/v2/meeting/create', { subject: 'Clock', ...body }, { curTime: String(clock.now()) });
  assert.equal(res.body.code, 200, res.body.msg);
  return res.body.ret.meetingUniqueId as number;
}

async function row(id: number) {
  return server.db.selectFrom('meetings').select(['status', 'end_reason', 'room_name']).where('unique_id', '=', id).executeTakeFirstOrThrow();
}

/** The meeting in progress since the server's present time. */
async function started(id: number) {
  await server.db.updateTable('meetings').set({ status: 2, room_started_at: new Date(clock.now()) }).where('unique_id', '=', id).execute();
}

test('the clock ends overdue meetings with reason 3, and leaves the others', async () => {
  const t0 = clock.now();
  const longRunning = await meeting();
  const overrun = await meeting({ type: 3, startTime: t0 + MIN, endTime: t0 + 50 * MIN });
  const neverJoined = await meeting({ type: 3, startTime: t0 + 58 * MIN, endTime: t0 + 60 * MIN });
  const fine = await meeting();
  const fineScheduled = await meeting({ type: 3, startTime: t0 + 62 * MIN, endTime: t0 + 63 * MIN });
  await started(longRunning);
  clock.advance(2 * MIN);
  await started(fine);
  await started(overrun);
  // At t0 + 61 min: 61 min in progress (over 60), 11 min past its end (over 10 of grace), never
  // joined and over 1 min ago; 59 min in progress, and not begun yet.
  clock.advance(59 * MIN);
  await eventually('overdue meetings ended', async () => (await row(longRunning)).status === 3 && (await row(overrun)).status === 3 && (await row(neverJoined)).status === 3);
  for (const id of [longRunning, overrun, neverJoined]) assert.equal((await row(id)).end_reason, 3);
  assert.equal(await server.services.meetings.endOverdue(server.config.clock), 0, 'a further tick at the same time ends nothing more');
  assert.equal((await row(fine)).status, 2);
  assert.equal((await row(fineScheduled)).status, 1);
});

test("reconciling with LiveKit's room list: a vanished room ends its meeting, an open one starts it", async () => {
  const vanished = await meeting();
  const opened = await meeting();
  const untouched = await meeting();
  await started(vanished);
  const openRoom = (await row(opened)).room_name;
  const result = await server.services.meetings.reconcile([openRoom]);
  assert.ok(result.ended >= 1 && result.started >= 1);
  const ended = await row(vanished);
  assert.deepEqual([ended.status, ended.end_reason], [3, 2]);
  assert.equal((await row(opened)).status, 2);
  assert.equal((await row(untouched)).status, 1);
});
