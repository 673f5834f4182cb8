import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TokenVerifier } from 'livekit-server-sdk';
import { Attr } from '../../src/protocol/control.js';
import { TestClock } from '../support/clock.js';
import { callApi } from '../support/signed.js';
import { addTenant, startTestServer, type TestServer } from '../support/test-server.js';

// Portal sign-on (SPEC M9, issue 11 part 6): /v1/sso/sign, redeemed by the join link's `sign`.
const clock = new TestClock();
let server: TestServer;
let portalB: { id: number; appKey: string; appSecret: string };

before(async () => {
  server = await startTestServer({ clock });
  portalB = await addTenant(server, 'portal-b');
});
after(() => server.stop());

const dev = () => server.services.devTenant;
const signed = (tenant: { appKey: string; appSecret: string }, path: string, body: unknown) => callApi(server.url, tenant, path, body, { curTime: String(clock.now()) });

async function createMeeting(tenant: { appKey: string; appSecret: string } = dev(), extra: Record<string, unknown> = {}) {
  const res = await signed(tenant, '/v2/meeting/create', { type: 1, subject: 'Portal meeting', ...extra });
  assert.equal(res.body.code, 200, res.body.msg);
  return res.body.ret as { meetingUniqueId: number; meetingId: string };
}

async function sign(body: Record<string, unknown>, tenant: { appKey: string; appSecret: string } = dev()) {
  return signed(tenant, '/v1/sso/sign', body);
}

async function join(params: Record<string, unknown>) {
  const res = await fetch(new URL('/api/join', server.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(params) });
  return { status: res.status, body: (await res.json()) as { code: number; msg: string; ret?: any } };
}

async function attributes(token: string) {
  const { apiKey, apiSecret } = server.config.livekit;
  return (await new TokenVerifier(apiKey, apiSecret).verify(token)).attributes ?? {};
}

describe('/v1/sso/sign', () => {
  test("signs one user into one of the tenant's meetings; the link works once and carries no other secret", async () => {
    const m = await createMeeting();
    const res = await sign({ account: 'emp-1001', userName: 'Li Lei', avatar: 'https://portal.example/li.png', meetingUniqueId: m.meetingUniqueId });
    assert.equal(res.body.code, 200, res.body.msg);
    const { sign: value, expireTime, meetingId, joinUrl } = res.body.ret;
    assert.match(value, /^[A-Za-z0-9_-]{32}$/);
    assert.equal(meetingId, m.meetingId);
    assert.ok(expireTime > clock.now() && expireTime <= clock.now() + 5 * 60_000);
    const link = new URL(joinUrl);
    assert.equal(link.pathname, '/join');
    assert.deepEqual(Object.fromEntries(link.searchParams), { code: m.meetingId, sign: value });
    const stored = await server.db.selectFrom('sso_signs').select('sign_hash').execute();
    assert.ok(stored.every((r) => r.sign_hash !== value), 'only the hash is stored');
  });

  test('needs the signature, a meeting of the calling tenant that is not over, and a sane body', async () => {
    const res = await fetch(new URL('/v1/sso/sign', server.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"account":"x","meetingId":"123456789"}' });
    assert.equal(res.status, 401);
    const m = await createMeeting();
    // Another tenant's meeting is not found, as everywhere in the API: tenant mismatch at the source.
    assert.equal((await sign({ account: 'b-1', meetingUniqueId: m.meetingUniqueId }, portalB)).body.code, 2000);
    assert.equal((await sign({ account: 'x', meetingId: '000000001' })).body.code, 2000);
    // Without a meeting it is a sign-in sign (/v1/sso/login), with no join link.
    const signIn = await sign({ account: 'x' });
    assert.equal(signIn.body.code, 200, signIn.body.msg);
    assert.equal(signIn.body.ret.joinUrl, undefined);
    assert.equal(signIn.body.ret.meetingId, undefined);
    assert.equal((await sign({ account: 'x', meetingId: m.meetingId, meetingUniqueId: m.meetingUniqueId })).body.code, 300);
    assert.equal((await sign({ meetingId: m.meetingId })).body.code, 301);
    assert.equal((await sign({ account: 'x', meetingId: m.meetingId, roleType: 3 })).body.code, 300);
    assert.equal((await sign({ account: 'x', meetingId: m.meetingId, avatar: 'javascript:alert(1)' })).body.code, 300);
    assert.equal((await sign({ account: 'x', meetingId: m.meetingId, userName: '<b>' })).body.code, 300);
    await signed(dev(), '/v2/meeting/deleteByMeetingUniqueId', { meetingUniqueId: m.meetingUniqueId });
    assert.equal((await sign({ account: 'x', meetingUniqueId: m.meetingUniqueId })).body.code, 2021);
  });
});

describe('joining with a sign', () => {
  test('a member lands with the portal\'s name as attendee, with one identity per portal user', async () => {
    const m = await createMeeting();
    const first = await join({ code: m.meetingId, sign: (await sign({ account: 'emp-7', userName: 'Han Meimei', meetingId: m.meetingId })).body.ret.sign });
    assert.equal(first.body.code, 200, first.body.msg);
    assert.equal(first.body.ret.name, 'Han Meimei');
    assert.equal(first.body.ret.role, 'attendee');
    assert.match(first.body.ret.identity, /^p_/);
    assert.equal((await attributes(first.body.ret.token))[Attr.ROLE], 'attendee');
    assert.equal((await attributes(first.body.ret.token))[Attr.AVATAR], undefined);
    const again = await join({ code: m.meetingId, sign: (await sign({ account: 'emp-7', meetingId: m.meetingId })).body.ret.sign });
    assert.equal(again.body.ret.identity, first.body.ret.identity);
    const colleague = await join({ code: m.meetingId, sign: (await sign({ account: 'emp-8', meetingId: m.meetingId })).body.ret.sign });
    assert.notEqual(colleague.body.ret.identity, first.body.ret.identity);
  });

  test('host only when the portal says so: roleType 2 hosts; a member asking role=host is downgraded', async () => {
    const m = await createMeeting();
    const host = await join({ code: m.meetingId, sign: (await sign({ account: 'boss', roleType: 2, avatar: 'https://portal.example/boss.png', meetingId: m.meetingId })).body.ret.sign });
    assert.equal(host.body.code, 200, host.body.msg);
    assert.equal(host.body.ret.role, 'host');
    assert.equal((await attributes(host.body.ret.token))[Attr.ROLE], 'host');
    assert.equal((await attributes(host.body.ret.token))[Attr.AVATAR], 'https://portal.example/boss.png');
    const member = await join({ code: m.meetingId, role: 'host', sign: (await sign({ account: 'clerk', meetingId: m.meetingId })).body.ret.sign });
    assert.equal(member.body.ret.role, 'attendee');
    assert.equal(member.body.ret.roleDowngraded, true);
  });

  test('replay: a sign works once (2121), also when two joins race with it', async () => {
    const m = await createMeeting();
    const value = (await sign({ account: 'emp-9', meetingId: m.meetingId })).body.ret.sign;
    assert.equal((await join({ code: m.meetingId, sign: value })).body.code, 200);
    const replay = await join({ code: m.meetingId, sign: value });
    assert.equal(replay.body.code, 2121);
    assert.equal(replay.status, 401);
    const racing = (await sign({ account: 'emp-10', meetingId: m.meetingId })).body.ret.sign;
    const codes = (await Promise.all([join({ code: m.meetingId, sign: racing }), join({ code: m.meetingId, sign: racing })])).map((r) => r.body.code).sort();
    assert.deepEqual(codes, [200, 2121]);
    assert.equal((await join({ code: m.meetingId, sign: 'A'.repeat(32) })).body.code, 401);
  });

  test('expiry: a sign not used within five minutes answers 2122', async () => {
    const m = await createMeeting();
    const value = (await sign({ account: 'emp-11', meetingId: m.meetingId })).body.ret.sign;
    clock.advance(5 * 60_000 + 1_000);
    const late = await join({ code: m.meetingId, sign: value });
    assert.equal(late.body.code, 2122);
    assert.equal(late.status, 401);
  });

  test('mismatch: a sign for one meeting opens no other, of its tenant or another (2123)', async () => {
    const a = await createMeeting();
    const b = await createMeeting();
    const theirs = await createMeeting(portalB);
    const forA = (await sign({ account: 'emp-12', roleType: 2, meetingId: a.meetingId })).body.ret.sign;
    assert.equal((await join({ code: b.meetingId, sign: forA })).body.code, 2123);
    assert.equal((await join({ code: theirs.meetingId, sign: forA })).body.code, 2123);
    const ofB = (await sign({ account: 'b-7', roleType: 2, meetingId: theirs.meetingId }, portalB)).body.ret.sign;
    const wrongTenant = await join({ code: a.meetingId, sign: ofB });
    assert.equal(wrongTenant.body.code, 2123);
    assert.equal(wrongTenant.status, 403);
    // A refused sign is not spent: it still opens its own meeting.
    assert.equal((await join({ code: a.meetingId, sign: forA })).body.ret.role, 'host');
  });

  test('a sign needs no meeting password and passes a private meeting', async () => {
    const m = await createMeeting(dev(), { password: '4321', isPublic: false });
    assert.equal((await join({ code: m.meetingId, name: 'Stranger' })).body.code, 2018);
    const portalUser = await join({ code: m.meetingId, sign: (await sign({ account: 'emp-13', userName: 'Invited', meetingId: m.meetingId })).body.ret.sign });
    assert.equal(portalUser.body.code, 200, portalUser.body.msg);
    assert.ok(portalUser.body.ret.token, 'no waiting room for the tenant\'s own user');
    assert.equal(portalUser.body.ret.waitingTicket, undefined);
  });

  test("the waiting room still holds for the portal's members, not for its hosts", async () => {
    const m = await createMeeting(dev(), { waitingRoom: true });
    const member = await join({ code: m.meetingId, sign: (await sign({ account: 'emp-16', userName: 'Waits', meetingId: m.meetingId })).body.ret.sign });
    assert.equal(member.body.code, 200, member.body.msg);
    assert.equal(member.body.ret.token, '');
    assert.ok(member.body.ret.waitingTicket);
    const host = await join({ code: m.meetingId, sign: (await sign({ account: 'emp-17', roleType: 2, meetingId: m.meetingId })).body.ret.sign });
    assert.ok(host.body.ret.token);
  });

  test('the grant hands the page a fresh one-time sign for its next join, not the spent one', async () => {
    const m = await createMeeting();
    const value = (await sign({ account: 'emp-14', userName: 'Renewed', meetingId: m.meetingId })).body.ret.sign;
    const first = await join({ code: m.meetingId, sign: value });
    const renewal = first.body.ret.sign;
    assert.ok(renewal && renewal !== value);
    const second = await join({ code: m.meetingId, sign: renewal });
    assert.equal(second.body.code, 200, second.body.msg);
    assert.equal(second.body.ret.identity, first.body.ret.identity);
    assert.equal((await join({ code: m.meetingId, sign: renewal })).body.code, 2121);
  });

  test('a sign goes with a meeting code only, not with jc or a room id', async () => {
    const m = await createMeeting();
    const value = (await sign({ account: 'emp-15', meetingId: m.meetingId })).body.ret.sign;
    assert.equal((await join({ rd: 'abcdefabcdef', sign: value })).body.code, 300);
    assert.equal((await join({ code: m.meetingId, sign: value, jc: 'B'.repeat(24) })).body.code, 300);
    assert.equal((await join({ code: m.meetingId, sign: value })).body.code, 200);
  });
});

async function login(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await fetch(new URL('/v1/sso/login', server.url), { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { code: number; msg: string; ret?: any } };
}

const signIn = async (account: string, extra: Record<string, unknown> = {}, tenant: { appKey: string; appSecret: string } = dev()) => {
  const res = await sign({ account, ...extra }, tenant);
  assert.equal(res.body.code, 200, res.body.msg);
  return res.body.ret.sign as string;
};

describe('/v1/sso/login', () => {
  test("signs a portal user in to the console: a session of the sign's tenant, one account per portal id", async () => {
    const first = await login({ sign: await signIn('emp-21', { userName: 'Zhang Wei' }), account: 'emp-21', job: 'Engineer', level: 'P6', avatar: 'https://portal.example/zw.png' });
    assert.equal(first.body.code, 200, first.body.msg);
    const { SID, user, organisation } = first.body.ret;
    assert.match(SID, /^[A-Za-z0-9_-]{32}$/);
    assert.equal(organisation, (await server.db.selectFrom('tenants').select('name').where('id', '=', dev().id).executeTakeFirstOrThrow()).name);
    assert.equal(user.displayName, 'Zhang Wei');
    assert.equal(user.job, 'Engineer');
    assert.equal(user.level, 'P6');
    assert.equal(user.avatar, 'https://portal.example/zw.png');
    assert.equal(user.isAdmin, false);
    // The session works on the management API, as the console uses it.
    const mine = await fetch(new URL('/v1/room/mine', server.url), { method: 'POST', headers: { 'Content-Type': 'application/json', SID }, body: '{}' });
    assert.equal(((await mine.json()) as { code: number }).code, 200);
    const byPortalId = await signed(dev(), '/v1/account/getByImAccid', { imAccid: 'emp-21' });
    assert.equal(byPortalId.body.ret.accountId, user.userId);
    // The next sign-in lands on the same account and updates what the portal sent; the rest stays.
    const again = await login({ sign: await signIn('emp-21'), account: 'emp-21', userName: 'Zhang Wei (HR)', level: 'P7' });
    assert.equal(again.body.ret.user.userId, user.userId);
    assert.equal(again.body.ret.user.displayName, 'Zhang Wei (HR)');
    assert.equal(again.body.ret.user.level, 'P7');
    assert.equal(again.body.ret.user.job, 'Engineer');
    assert.notEqual(again.body.ret.SID, SID);
  });

  test('replay (2121) and expiry (2122)', async () => {
    const value = await signIn('emp-22');
    assert.equal((await login({ sign: value, account: 'emp-22' })).body.code, 200);
    const replay = await login({ sign: value, account: 'emp-22' });
    assert.equal(replay.body.code, 2121);
    assert.equal(replay.status, 401);
    const late = await signIn('emp-22');
    clock.advance(5 * 60_000 + 1_000);
    assert.equal((await login({ sign: late, account: 'emp-22' })).body.code, 2122);
    assert.equal((await login({ sign: 'A'.repeat(32), account: 'emp-22' })).status, 401);
  });

  test("mismatch (2123): another account, a meeting's sign, another tenant's signed call; a refused sign is not spent", async () => {
    const value = await signIn('emp-23');
    const other = await login({ sign: value, account: 'emp-24' });
    assert.equal(other.body.code, 2123);
    assert.equal(other.status, 403);
    const m = await createMeeting();
    const forMeeting = (await sign({ account: 'emp-23', meetingId: m.meetingId })).body.ret.sign;
    assert.equal((await login({ sign: forMeeting, account: 'emp-23' })).body.code, 2123);
    // ...and a sign-in sign opens no meeting.
    assert.equal((await join({ code: m.meetingId, sign: value })).body.code, 2123);
    const body = { sign: value, account: 'emp-23' };
    const wrongTenant = await callApi(server.url, portalB, '/v1/sso/login', body, { curTime: String(clock.now()) });
    assert.equal(wrongTenant.body.code, 2123);
    const ownTenant = await callApi(server.url, dev(), '/v1/sso/login', body, { curTime: String(clock.now()) });
    assert.equal(ownTenant.body.code, 200, ownTenant.body.msg);
    assert.equal(ownTenant.body.ret.user.displayName, 'emp-23');
  });

  test("tenants stay apart: the same portal id in two tenants is two accounts", async () => {
    const a = await login({ sign: await signIn('shared-1'), account: 'shared-1' });
    const b = await login({ sign: await signIn('shared-1', {}, portalB), account: 'shared-1' });
    assert.equal(b.body.code, 200, b.body.msg);
    assert.notEqual(a.body.ret.user.userId, b.body.ret.user.userId);
    assert.equal(b.body.ret.organisation, 'portal-b');
  });

  test('bad bodies are typed refusals', async () => {
    const value = await signIn('emp-25');
    assert.equal((await login({ account: 'emp-25' })).body.code, 301);
    assert.equal((await login({ sign: value, account: 'emp-25', job: '<script>' })).body.code, 300);
    assert.equal((await login({ sign: value, account: 'emp-25', avatar: 'javascript:alert(1)' })).body.code, 300);
    assert.equal((await login({ sign: value, account: 'emp-25', extra: 1 })).body.code, 300);
    assert.equal((await login({ sign: value, account: 'emp-25' })).body.code, 200);
  });
});
