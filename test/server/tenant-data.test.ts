import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { callApi } from '../support/signed.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let source: TestServer;
let target: TestServer;
before(async () => {
  source = await startTestServer();
  target = await startTestServer();
});
after(async () => {
  await source.stop();
  await target.stop();
});

test('export from one deployment, import into another: the same data, nothing lost', async () => {
  const s = source.services.devTenant;
  const account = (await callApi(source.url, s, '/v1/account/create', { imAccid: 'mover', shortId: '60601' })).body.ret;
  const room = (await callApi(source.url, s, '/v1/room/create', { roomType: 3, name: 'Moving room', isPublic: false, ownerId: account.accountId, password: 'pw' })).body.ret;
  await callApi(source.url, s, '/v1/room/addMember', { roomId: room.roomId, userId: 'member-9' });
  const start = Date.now() + 3600_000;
  const scheduled = (await callApi(source.url, s, '/v2/meeting/create', { type: 3, subject: 'Later', startTime: start, endTime: start + 60_000, topics: [{ title: 'a' }] })).body.ret;
  const ended = (await callApi(source.url, s, '/v2/meeting/create', { type: 2, subject: 'Done', host: account.accountId })).body.ret;
  await callApi(source.url, s, '/v2/meeting/deleteByMeetingUniqueId', { meetingUniqueId: ended.meetingUniqueId });

  const exported = await callApi(source.url, s, '/v1/tenant/export', {});
  assert.equal(exported.body.code, 200, exported.body.msg);
  const doc = exported.body.ret;
  assert.equal(doc.accounts.length, 1);
  assert.equal(doc.rooms.length, 1);
  assert.equal(doc.meetings.length, 2);

  const t = target.services.devTenant;
  const imported = await callApi(target.url, t, '/v1/tenant/import', { document: doc });
  assert.equal(imported.body.code, 200, imported.body.msg);
  assert.deepEqual([imported.body.ret.accounts, imported.body.ret.rooms, imported.body.ret.meetings], [1, 1, 2]);

  assert.deepEqual((await callApi(target.url, t, '/v1/account/getByImAccid', { imAccid: 'mover' })).body.ret, account);
  const movedRoom = (await callApi(target.url, t, '/v1/room/get', { roomId: room.roomId })).body.ret;
  assert.deepEqual([movedRoom.name, movedRoom.isPublic, movedRoom.isHasPwd, movedRoom.ownerId], ['Moving room', false, true, account.accountId]);
  assert.deepEqual((await callApi(target.url, t, '/v1/room/members', { roomId: room.roomId })).body.ret.members, ['member-9']);
  const newId = imported.body.ret.meetingUniqueIds[String(scheduled.meetingUniqueId)];
  const moved = (await callApi(target.url, t, '/v2/meeting/get', { meetingUniqueId: newId })).body.ret;
  for (const key of ['meetingId', 'subject', 'startTime', 'endTime', 'status', 'type', 'topics', 'password'] as const) assert.deepEqual(moved[key], scheduled[key], key);

  // A second import clashes with what is now stored: refused whole, nothing changes.
  const before = await callApi(target.url, t, '/v1/tenant/export', {});
  const again = await callApi(target.url, t, '/v1/tenant/import', { document: doc });
  assert.equal(again.body.code, 2024);
  const afterExport = await callApi(target.url, t, '/v1/tenant/export', {});
  assert.deepEqual({ ...afterExport.body.ret, exportedAt: 0 }, { ...before.body.ret, exportedAt: 0 });
});

test('a malformed document is refused with 300 and stores nothing', async () => {
  const t = target.services.devTenant;
  const res = await callApi(target.url, t, '/v1/tenant/import', { document: { format: 'something-else', version: 1 } });
  assert.equal(res.body.code, 300);
  assert.equal((await callApi(target.url, t, '/v1/tenant/import', {})).body.code, 301);
});
