import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { callApi } from '../support/signed.js';
import { addTenant, startTestServer, type TestServer } from '../support/test-server.js';

// The host console's use of the management API (issue 11 part 8): a session (SID) acts for its
// tenant; a person manages what they host or own, an admin everything of the tenant.
let server: TestServer;
let other: { appKey: string; appSecret: string };
let admin: { sid: string; id: string };
let alice: { sid: string; id: string };
let bob: { sid: string; id: string };

async function call(path: string, body: unknown, sid?: string) {
  const res = await fetch(new URL(path, server.url), { method: 'POST', headers: { 'Content-Type': 'application/json', ...(sid ? { SID: sid } : {}) }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { code: number; msg: string; ret?: any } };
}

const unique = () => Math.random().toString(36).slice(2, 8);

async function person(isAdmin: boolean, tenant: { appKey: string; appSecret: string } = server.services.devTenant) {
  const name = `p.${unique()}`;
  const added = await callApi(server.url, tenant, '/v1/user/add', { name, password: 'correct horse', isAdmin });
  assert.equal(added.body.code, 200, added.body.msg);
  const login = await call('/v1/user/login', { name, password: 'correct horse' });
  assert.equal(login.body.code, 200, login.body.msg);
  return { sid: login.body.ret.SID as string, id: added.body.ret.userId as string };
}

before(async () => {
  server = await startTestServer();
  other = await addTenant(server, 'other');
  admin = await person(true);
  alice = await person(false);
  bob = await person(false);
});
after(() => server.stop());

describe('meetings with a session', () => {
  test('no session, a made-up one: 401; a person creates meetings they host, and lists only theirs', async () => {
    assert.equal((await call('/v2/meeting/list', {})).status, 401);
    assert.equal((await call('/v2/meeting/list', {}, 'x'.repeat(32))).body.code, 401);
    const made = await call('/v2/meeting/create', { type: 3, subject: 'Planning', startTime: Date.now() + 3_600_000, endTime: Date.now() + 7_200_000, waitingRoom: true, definition: '720p' }, alice.sid);
    assert.equal(made.body.code, 200, made.body.msg);
    assert.ok(made.body.ret.hostLink, 'the host gets their host link');
    const personal = await call('/v2/meeting/create', { type: 2, subject: 'My room' }, alice.sid);
    assert.equal(personal.body.code, 200, personal.body.msg);
    assert.match(personal.body.ret.meetingId, /^\d{10}$/);
    await call('/v2/meeting/create', { type: 1, subject: 'Bob only' }, bob.sid);
    const mine = await call('/v2/meeting/list', { pageSize: 100 }, alice.sid);
    assert.equal(mine.body.code, 200, mine.body.msg);
    const subjects = mine.body.ret.meetings.map((m: { subject: string }) => m.subject).sort();
    assert.deepEqual(subjects, ['My room', 'Planning']);
    const all = await call('/v2/meeting/list', { pageSize: 100 }, admin.sid);
    assert.ok(all.body.ret.meetings.some((m: { subject: string }) => m.subject === 'Bob only'));
    // Naming another host is for admins.
    assert.equal((await call('/v2/meeting/create', { type: 1, subject: 'For Bob', host: bob.id }, alice.sid)).body.code, 2105);
    assert.equal((await call('/v2/meeting/create', { type: 1, subject: 'For Bob', host: bob.id }, admin.sid)).body.code, 200);
  });

  test("a person edits, cancels and ends only their own meetings; an admin any of the tenant's", async () => {
    const theirs = (await call('/v2/meeting/create', { type: 3, subject: 'Bob plans', startTime: Date.now() + 3_600_000, endTime: Date.now() + 7_200_000 }, bob.sid)).body.ret;
    const ref = { meetingUniqueId: theirs.meetingUniqueId };
    assert.equal((await call('/v2/meeting/get', ref, alice.sid)).body.code, 2105);
    assert.equal((await call('/v2/meeting/edit', { ...ref, subject: 'Hijacked' }, alice.sid)).body.code, 2105);
    assert.equal((await call('/v2/meeting/cancel', ref, alice.sid)).body.code, 2105);
    assert.equal((await call('/v2/meeting/deleteByMeetingUniqueId', ref, alice.sid)).body.code, 2105);
    assert.equal((await call('/v1/ops/stopMeeting', ref, alice.sid)).body.code, 2105);
    assert.equal((await call('/v2/meeting/edit', { ...ref, subject: 'Bob plans more' }, bob.sid)).body.code, 200);
    assert.equal((await call('/v2/meeting/get', ref, bob.sid)).body.ret.subject, 'Bob plans more');
    assert.equal((await call('/v2/meeting/cancel', ref, admin.sid)).body.code, 200);
    assert.equal((await call('/v2/meeting/get', ref, bob.sid)).body.ret.status, 4);
  });

  test("another tenant's session sees none of this tenant's meetings", async () => {
    const outsider = await person(true, other);
    const ours = (await call('/v2/meeting/create', { type: 1, subject: 'Ours' }, alice.sid)).body.ret;
    assert.equal((await call('/v2/meeting/get', { meetingUniqueId: ours.meetingUniqueId }, outsider.sid)).body.code, 2000);
    const list = await call('/v2/meeting/list', { pageSize: 100 }, outsider.sid);
    assert.equal(list.body.ret.totalNum, 0);
  });
});

describe('rooms with a session', () => {
  test('a person owns the rooms they create, manages their members, and may not touch others\'', async () => {
    const made = await call('/v1/room/create', { roomType: 2, name: 'Alice room', isPublic: false }, alice.sid);
    assert.equal(made.body.code, 200, made.body.msg);
    assert.equal(made.body.ret.ownerId, alice.id);
    const roomId = made.body.ret.roomId;
    assert.equal((await call('/v1/room/addMember', { roomId, userId: bob.id }, alice.sid)).body.code, 200);
    assert.deepEqual((await call('/v1/room/members', { roomId }, alice.sid)).body.ret.members, [bob.id]);
    const bobs = await call('/v1/room/mine', {}, bob.sid);
    assert.ok(bobs.body.ret.rooms.some((r: { id: string }) => r.id === roomId), 'a member sees the room among those they may enter');
    assert.equal((await call('/v1/room/update', { roomId, name: 'Bob was here' }, bob.sid)).body.code, 2105);
    assert.equal((await call('/v1/room/delete', { roomId }, bob.sid)).body.code, 2105);
    assert.equal((await call('/v1/room/mine', { userId: alice.id }, bob.sid)).body.code, 2105);
    assert.equal((await call('/v1/room/update', { roomId, name: 'Renamed' }, alice.sid)).body.code, 200);
    assert.equal((await call('/v1/room/delete', { roomId }, admin.sid)).body.code, 200);
  });
});

describe('tenant settings and live meetings with a session', () => {
  test('only an admin reads and sets the callback URL, the embed origins and the branding', async () => {
    assert.equal((await call('/v1/tenant/getSettings', {}, alice.sid)).body.code, 2105);
    assert.equal((await call('/v1/tenant/setBranding', { accentColor: '#123456' }, alice.sid)).body.code, 2105);
    assert.equal((await call('/v1/tenant/setBranding', { accentColor: '#123456' }, admin.sid)).body.code, 200);
    assert.equal((await call('/v1/tenant/setEmbedOrigins', { embedOrigins: ['https://portal.example'] }, alice.sid)).body.code, 2105);
    assert.equal((await call('/v1/tenant/setCallback', { callbackUrl: 'https://portal.example/hook' }, alice.sid)).body.code, 2105);
    assert.equal((await call('/v1/tenant/setEmbedOrigins', { embedOrigins: ['https://portal.example'] }, admin.sid)).body.code, 200);
    // (A callback URL must resolve to a public address: "" is the one this test machine can set.)
    assert.equal((await call('/v1/tenant/setCallback', { callbackUrl: '' }, admin.sid)).body.code, 200);
    const settings = await call('/v1/tenant/getSettings', {}, admin.sid);
    assert.deepEqual(settings.body.ret, { callbackUrl: '', embedOrigins: ['https://portal.example'], logoUrl: '', accentColor: '#123456' });
    // Export and import stay the tenant server's.
    assert.equal((await call('/v1/tenant/export', {}, admin.sid)).status, 401);
  });
});
