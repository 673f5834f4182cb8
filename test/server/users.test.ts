import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { callApi } from '../support/signed.js';
import { addTenant, startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
let other: { appKey: string; appSecret: string };
before(async () => {
  server = await startTestServer();
  other = await addTenant(server, 'other');
});
after(() => server.stop());

/** A console call: no signature, the session in the SID header. */
async function consoleCall(path: string, body: unknown, sid?: string) {
  const res = await fetch(new URL(path, server.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(sid ? { SID: sid } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { code: number; msg: string; ret?: any } };
}

async function join(params: Record<string, unknown>) {
  return consoleCall('/api/join', params);
}

/** What the console puts in a join link in place of its session: a one-time join code. */
async function joinCode(sid: string): Promise<string> {
  const res = await consoleCall('/v1/user/joinCode', {}, sid);
  assert.equal(res.body.code, 200, res.body.msg);
  return res.body.ret.joinCode;
}

const unique = () => Math.random().toString(36).slice(2, 8);

describe('sign-in and sessions (SPEC M7)', () => {
  let adminSid: string;
  let adminId: string;

  test('the tenant makes its first admin with a signed call; the admin signs in', async () => {
    const name = `admin.${unique()}@example.test`;
    const added = await callApi(server.url, server.services.devTenant, '/v1/user/add', { name, password: 'correct horse', displayName: 'Ada Admin', isAdmin: true });
    assert.equal(added.body.code, 200, added.body.msg);
    adminId = added.body.ret.userId;
    const stored = await server.db.selectFrom('accounts').select('password_hash').where('id', '=', adminId).executeTakeFirstOrThrow();
    assert.match(stored.password_hash!, /^scrypt\$131072\$/);
    assert.ok(!stored.password_hash!.includes('correct horse'));
    const login = await consoleCall('/v1/user/login', { name: name.toUpperCase(), password: 'correct horse' });
    assert.equal(login.body.code, 200, login.body.msg);
    assert.equal(login.body.ret.user.displayName, 'Ada Admin');
    assert.equal(login.body.ret.company, 'dev');
    adminSid = login.body.ret.SID;
    assert.ok(adminSid.length >= 32);
  });

  test('a wrong password and an unknown name answer alike (401)', async () => {
    const wrong = await consoleCall('/v1/user/login', { name: 'nobody-here', password: 'whatever1' });
    assert.equal(wrong.body.code, 401);
    assert.equal(wrong.status, 401);
    const users = await consoleCall('/v1/user/search', {}, adminSid);
    const adminName = users.body.ret.users.find((u: { userId: string }) => u.userId === adminId).name;
    const bad = await consoleCall('/v1/user/login', { name: adminName, password: 'wrong horse' });
    assert.equal(bad.body.code, 401);
    assert.equal(bad.body.msg, wrong.body.msg);
  });

  test('an admin adds, finds, modifies, resets and removes users; others may not', async () => {
    const name = `bob-${unique()}`;
    const bob = await consoleCall('/v1/user/add', { name, password: 'bobs password' }, adminSid);
    assert.equal(bob.body.code, 200, bob.body.msg);
    assert.equal((await consoleCall('/v1/user/add', { name, password: 'another one' }, adminSid)).body.code, 1019, 'name taken');
    const found = await consoleCall('/v1/user/search', { keyword: name, pageNo: 0, pageSize: 10 }, adminSid);
    assert.equal(found.body.ret.totalCount, 1);
    assert.equal(found.body.ret.users[0].userId, bob.body.ret.userId);
    assert.equal((await consoleCall('/v1/user/modify', { userId: bob.body.ret.userId, displayName: 'Bob B' }, adminSid)).body.code, 200);

    const bobSid = (await consoleCall('/v1/user/login', { name, password: 'bobs password' })).body.ret.SID;
    assert.equal((await consoleCall('/v1/user/search', {}, bobSid)).body.code, 2105, 'not an admin');
    assert.equal((await consoleCall('/v1/user/add', { name: `x${unique()}`, password: 'password1' })).body.code, 401, 'no session');
    assert.equal((await consoleCall('/v1/user/search', {}, 'made-up-session')).body.code, 401);

    const reset = await consoleCall('/v1/user/resetPassword', { userId: bob.body.ret.userId }, adminSid);
    assert.equal(reset.body.code, 200);
    assert.equal((await consoleCall('/v1/user/search', {}, bobSid)).body.code, 401, "a reset ends the user's sessions");
    assert.equal((await consoleCall('/v1/user/login', { name, password: reset.body.ret.password })).body.code, 200);

    assert.equal((await consoleCall('/v1/user/delete', { userId: bob.body.ret.userId }, adminSid)).body.code, 200);
    assert.equal((await consoleCall('/v1/user/login', { name, password: reset.body.ret.password })).body.code, 401);
    const otherTenantUser = await callApi(server.url, other, '/v1/user/add', { name: `o-${unique()}`, password: 'password1' });
    assert.equal((await consoleCall('/v1/user/delete', { userId: otherTenantUser.body.ret.userId }, adminSid)).body.code, 1014, "another tenant's user");
  });

  test('changing one\'s password needs the old one and ends the sessions', async () => {
    const name = `carol-${unique()}`;
    const carol = (await consoleCall('/v1/user/add', { name, password: 'first password' }, adminSid)).body.ret;
    const sid = (await consoleCall('/v1/user/login', { name, password: 'first password' })).body.ret.SID;
    assert.equal((await consoleCall('/v1/user/modifyPassword', { userId: carol.userId, oldpassword: 'nope', password: 'second password' }, sid)).body.code, 401);
    assert.equal((await consoleCall('/v1/user/modifyPassword', { userId: adminId, oldpassword: 'x', password: 'second password' }, sid)).body.code, 2105);
    assert.equal((await consoleCall('/v1/user/modifyPassword', { userId: carol.userId, oldpassword: 'first password', password: 'short' }, sid)).body.code, 300);
    assert.equal((await consoleCall('/v1/user/modifyPassword', { userId: carol.userId, oldpassword: 'first password', password: 'second password' }, sid)).body.code, 200);
    assert.equal((await consoleCall('/v1/user/logout', {}, sid)).body.code, 200);
    assert.equal((await consoleCall('/v1/user/login', { name, password: 'first password' })).body.code, 401);
    const again = await consoleCall('/v1/user/login', { name, password: 'second password' });
    assert.equal(again.body.code, 200);
    assert.equal((await consoleCall('/v1/user/logout', {}, again.body.ret.SID)).body.code, 200);
    assert.equal((await consoleCall('/v1/user/modifyPassword', { userId: carol.userId, oldpassword: 'second password', password: 'third password' }, again.body.ret.SID)).body.code, 401, 'logged out');
  });
});

describe('join links with a session, through a one-time join code (SPEC J1)', () => {
  async function signedInUser(tenant: { appKey: string; appSecret: string } = server.services.devTenant) {
    const name = `u-${unique()}`;
    const user = (await callApi(server.url, tenant, '/v1/user/add', { name, password: 'password123', displayName: 'Dana' })).body.ret;
    const sid = (await consoleCall('/v1/user/login', { name, password: 'password123' })).body.ret.SID as string;
    return { ...user, sid };
  }

  test('an invitee signed in joins in the role the meeting invited them with (SPEC M1); nobody else gains it', async () => {
    const [owner, cohost, listener, stranger] = [await signedInUser(), await signedInUser(), await signedInUser(), await signedInUser()];
    const m = (
      await callApi(server.url, server.services.devTenant, '/v2/meeting/create', {
        type: 1,
        subject: 'Invited',
        host: owner.userId,
        invitees: [{ accountId: cohost.userId, role: 'host' }, { accountId: listener.userId, role: 'audience' }],
      })
    ).body.ret;
    const invitedHost = await join({ code: m.meetingId, role: 'host', jc: await joinCode(cohost.sid) });
    assert.equal(invitedHost.body.ret.role, 'host', invitedHost.body.msg);
    assert.equal(invitedHost.body.ret.roleDowngraded, false);
    assert.equal((await join({ code: m.meetingId, jc: await joinCode(listener.sid) })).body.ret.role, 'audience');
    assert.equal((await join({ code: m.meetingId, role: 'attendee', jc: await joinCode(listener.sid) })).body.ret.role, 'audience', 'a link does not lift the invited role');
    const notInvited = await join({ code: m.meetingId, role: 'host', jc: await joinCode(stranger.sid) });
    assert.equal(notInvited.body.ret.role, 'attendee');
    assert.equal(notInvited.body.ret.roleDowngraded, true);
  });

  test("the meeting's owner joins as host with a session alone, under a stable identity and their name", async () => {
    const dana = await signedInUser();
    const m = (await callApi(server.url, server.services.devTenant, '/v2/meeting/create', { type: 2, subject: 'Mine', host: dana.userId })).body.ret;
    const first = await join({ code: m.meetingId, role: 'host', jc: await joinCode(dana.sid) });
    assert.equal(first.body.code, 200, first.body.msg);
    assert.equal(first.body.ret.role, 'host');
    assert.equal(first.body.ret.roleDowngraded, false);
    assert.equal(first.body.ret.name, 'Dana');
    assert.equal(first.body.ret.identity, `a_${dana.userId}`);
    const second = await join({ code: m.meetingId, role: 'host', jc: await joinCode(dana.sid) });
    assert.equal(second.body.ret.identity, first.body.ret.identity, 'a second device gets the same identity');
    const stranger = await signedInUser();
    const notOwner = await join({ code: m.meetingId, role: 'host', jc: await joinCode(stranger.sid) });
    assert.equal(notOwner.body.ret.role, 'attendee');
    assert.equal(notOwner.body.ret.roleDowngraded, true);
  });

  test('a bad join code is refused with 401, not silently ignored', async () => {
    const m = (await callApi(server.url, server.services.devTenant, '/v2/meeting/create', { type: 1, subject: 'x' })).body.ret;
    assert.equal((await join({ code: m.meetingId, jc: 'expired-or-made-up' })).body.code, 401);
  });

  test('private rooms admit their members; a session from another tenant counts for nothing', async () => {
    const member = await signedInUser();
    const outsider = await signedInUser();
    const foreign = await signedInUser(other);
    const room = (await callApi(server.url, server.services.devTenant, '/v1/room/create', { roomType: 2, name: 'Private', isPublic: false })).body.ret;
    await callApi(server.url, server.services.devTenant, '/v1/room/addMember', { roomId: room.roomId, userId: member.userId });
    assert.equal((await join({ rd: room.roomId, jc: await joinCode(member.sid) })).body.code, 200);
    assert.equal((await join({ rd: room.roomId, jc: await joinCode(outsider.sid) })).body.code, 2105);
    assert.equal((await join({ rd: room.roomId, jc: await joinCode(foreign.sid) })).body.code, 2105);
  });
});
