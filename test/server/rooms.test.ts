import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { envelopeSchema, roomObjectSchema } from '../../src/protocol/responses.js';
import { callApi } from '../support/signed.js';
import { addTenant, startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
let other: { appKey: string; appSecret: string };
before(async () => {
  server = await startTestServer();
  other = await addTenant(server, 'other');
});
after(() => server.stop());

const api = (path: string, body: unknown, tenant: { appKey: string; appSecret: string } = server.services.devTenant) => callApi(server.url, tenant, path, body);

async function join(params: Record<string, unknown>) {
  const res = await fetch(new URL('/api/join', server.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'Visitor', ...params }) });
  return (await res.json()) as { code: number; msg: string; ret?: { role: string; meeting: { meetingUniqueId: number; subject: string } } };
}

async function room(extra: Record<string, unknown> = {}) {
  const res = await api('/v1/room/create', { roomType: 2, name: 'Team room', ...extra });
  assert.equal(res.body.code, 200, res.body.msg);
  assert.ok(envelopeSchema(roomObjectSchema).safeParse(res.body).success);
  return res.body.ret as { roomId: string; hostLink: string; guestLink: string };
}

describe('/v1/room (SPEC M6)', () => {
  test('create, get, update, delete', async () => {
    const r = await room({ desc: 'Where we meet', definition: '720p', numberLimit: 12, isPublic: true, pictureuri: 'https://example.test/logo.png' });
    assert.match(r.roomId, /^[a-z0-9]{12}$/);
    const got = (await api('/v1/room/get', { roomId: r.roomId })).body.ret;
    assert.deepEqual(
      [got.name, got.comment, got.definition, got.numberLimit, got.isPublic, got.isHasPwd, got.logo, got.roomType],
      ['Team room', 'Where we meet', '720p', 12, true, false, 'https://example.test/logo.png', 2],
    );
    assert.equal((await api('/v1/room/update', { roomId: r.roomId, name: 'Renamed', isPublic: false })).body.code, 200);
    const updated = (await api('/v1/room/get', { roomId: r.roomId })).body.ret;
    assert.equal(updated.name, 'Renamed');
    assert.equal(updated.isPublic, false);
    assert.equal(updated.definition, '720p', 'untouched fields stay');
    assert.equal((await api('/v1/room/get', { roomId: r.roomId }, other)).body.code, 2000, "another tenant's room");
    assert.equal((await api('/v1/room/delete', { roomId: r.roomId })).body.code, 200);
    assert.equal((await api('/v1/room/get', { roomId: r.roomId })).body.code, 2000);
    assert.equal((await join({ rd: r.roomId })).code, 2000);
  });

  test('refusals: bad room type, long name, bad id, unknown owner', async () => {
    assert.equal((await api('/v1/room/create', { roomType: 4, name: 'x' })).body.code, 300);
    assert.equal((await api('/v1/room/create', { roomType: 1, name: 'x'.repeat(31) })).body.code, 300);
    assert.equal((await api('/v1/room/create', { roomType: 1 })).body.code, 301);
    assert.equal((await api('/v1/room/get', { roomId: 'NOT-AN-ID' })).body.code, 300);
    assert.equal((await api('/v1/room/create', { roomType: 1, name: 'x', ownerId: 'ffffffffffffffff' })).body.code, 1014);
  });

  test('password: set, check, has, clear', async () => {
    const r = await room();
    assert.equal((await api('/v1/room/hasPwd', { roomId: r.roomId })).body.ret.isHasPwd, false);
    assert.equal((await api('/v1/room/checkPwd', { roomId: r.roomId, password: '' })).body.ret.ok, false);
    await api('/v1/room/modifyPwd', { roomId: r.roomId, password: 'abc123' });
    assert.equal((await api('/v1/room/hasPwd', { roomId: r.roomId })).body.ret.isHasPwd, true);
    assert.equal((await api('/v1/room/checkPwd', { roomId: r.roomId, password: 'abc123' })).body.ret.ok, true);
    assert.equal((await api('/v1/room/checkPwd', { roomId: r.roomId, password: 'abc124' })).body.ret.ok, false);
    assert.equal((await join({ rd: r.roomId })).code, 2018);
    assert.equal((await join({ rd: r.roomId, password: 'abc123' })).code, 200);
    await api('/v1/room/modifyPwd', { roomId: r.roomId, password: '' });
    assert.equal((await api('/v1/room/hasPwd', { roomId: r.roomId })).body.ret.isHasPwd, false);
  });

  test('members and the rooms a user may enter', async () => {
    const owner = (await api('/v1/account/create', {})).body.ret.accountId as string;
    const pub = await room({ name: 'Public' });
    const priv = await room({ name: 'Private', isPublic: false, ownerId: owner });
    const privOther = await room({ name: 'Other private', isPublic: false });
    await api('/v1/room/addMember', { roomId: privOther.roomId, userId: 'member-1' });
    await api('/v1/room/addMember', { roomId: privOther.roomId, userId: 'member-1' });
    assert.deepEqual((await api('/v1/room/members', { roomId: privOther.roomId })).body.ret.members, ['member-1']);
    const ids = async (userId: string) => new Set(((await api('/v1/room/mine', { userId })).body.ret.rooms as Array<{ id: string }>).map((r) => r.id));
    const forMember = await ids('member-1');
    assert.ok(forMember.has(pub.roomId) && forMember.has(privOther.roomId) && !forMember.has(priv.roomId));
    const forOwner = await ids(owner);
    assert.ok(forOwner.has(priv.roomId) && !forOwner.has(privOther.roomId));
    assert.equal((await api('/v1/room/deleteMember', { roomId: privOther.roomId, userId: 'member-1' })).body.code, 200);
    assert.equal((await api('/v1/room/deleteMember', { roomId: privOther.roomId, userId: 'member-1' })).body.code, 2101);
    assert.ok(!(await ids('member-1')).has(privOther.roomId));
  });
});

describe('/join?rd= (SPEC J1, M6)', () => {
  test('the first join opens a meeting in the room; later joins enter the same one; history lists it', async () => {
    const r = await room({ name: 'Standup room' });
    const first = await join({ rd: r.roomId });
    assert.equal(first.code, 200, first.msg);
    assert.equal(first.ret!.role, 'attendee');
    assert.equal(first.ret!.meeting.subject, 'Standup room');
    const second = await join({ rd: r.roomId });
    assert.equal(second.ret!.meeting.meetingUniqueId, first.ret!.meeting.meetingUniqueId);
    const dto = (await api('/v1/room/get', { roomId: r.roomId })).body.ret;
    assert.equal(dto.appointmentId, first.ret!.meeting.meetingUniqueId);
    assert.equal((await api('/v1/room/isActive', { roomId: r.roomId })).body.ret.active, false, 'nobody is in LiveKit yet');
    await api('/v2/meeting/deleteByMeetingUniqueId', { meetingUniqueId: first.ret!.meeting.meetingUniqueId });
    const third = await join({ rd: r.roomId });
    assert.notEqual(third.ret!.meeting.meetingUniqueId, first.ret!.meeting.meetingUniqueId, 'a new meeting after the last ended');
    const history = (await api('/v1/room/meetings', { roomId: r.roomId, pageNo: 0, pageSize: 1 })).body.ret;
    assert.equal(history.totalCount, 2);
    assert.equal(history.totalPage, 2);
    assert.equal(history.resultList[0].meetingUniqueId, third.ret!.meeting.meetingUniqueId);
  });

  test("the room's signed host link makes a host; role=host alone does not", async () => {
    const r = await room();
    const host = await join(Object.fromEntries(new URL(r.hostLink).searchParams));
    assert.equal(host.ret!.role, 'host');
    assert.equal((await join({ rd: r.roomId, role: 'host' })).ret!.role, 'attendee');
  });

  test('a refused room join opens no meeting in the room', async () => {
    const priv = await room({ isPublic: false });
    const locked = await room();
    await api('/v1/room/modifyPwd', { roomId: locked.roomId, password: 'pw9' });
    const count = async () => (await server.db.selectFrom('meetings').select((eb) => eb.fn.countAll<string>().as('n')).where('room_id', 'in', [priv.roomId, locked.roomId]).executeTakeFirstOrThrow()).n;
    assert.equal((await join({ rd: priv.roomId })).code, 2105);
    assert.equal((await join({ rd: locked.roomId })).code, 2018);
    assert.equal((await join({ rd: locked.roomId, password: 'nope' })).code, 2014);
    assert.equal(Number(await count()), 0);
    assert.equal((await join({ rd: locked.roomId, password: 'pw9' })).code, 200);
    assert.equal(Number(await count()), 1);
  });

  test('a private room admits only its host until members can sign in', async () => {
    const r = await room({ isPublic: false });
    assert.equal((await join({ rd: r.roomId })).code, 2105);
    assert.equal((await join(Object.fromEntries(new URL(r.hostLink).searchParams))).code, 200);
  });
});
