import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClock } from '../support/clock.js';
import { FakeLivekit } from '../support/fake-livekit.js';
import { callApi } from '../support/signed.js';
import { addTenant, startTestServer, type TestServer } from '../support/test-server.js';

/** Issue 10, item 5: a console session never travels in a URL; a one-time join code stands in for it. */
let server: TestServer;
let other: { appKey: string; appSecret: string };
/** Signing in is slow on purpose (scrypt): one user serves every test that does not end its session. */
let dana: { userId: string; sid: string };
const clock = new TestClock();

before(async () => {
  server = await startTestServer({ clock, livekitAdmin: new FakeLivekit() });
  other = await addTenant(server, 'other-urls');
  dana = await signedIn();
});
after(() => server.stop());

const unique = () => Math.random().toString(36).slice(2, 8);
type Tenant = { appKey: string; appSecret: string };
const signed = (tenant: Tenant, path: string, body: unknown) => callApi(server.url, tenant, path, body, { curTime: String(clock.now()) });

async function post(path: string, body: unknown, sid?: string): Promise<{ code: number; msg: string; ret?: any }> {
  const res = await fetch(new URL(path, server.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(sid ? { SID: sid } : {}) },
    body: JSON.stringify(body),
  });
  return (await res.json()) as { code: number; msg: string; ret?: any };
}

async function signedIn(tenant: Tenant = server.services.devTenant) {
  const name = `urls-${unique()}`;
  const user = (await signed(tenant, '/v1/user/add', { name, password: 'password123', displayName: 'Dana' })).body.ret as { userId: string };
  const sid = (await post('/v1/user/login', { name, password: 'password123' })).ret.SID as string;
  return { userId: user.userId, sid };
}

async function joinCode(sid: string): Promise<string> {
  const res = await post('/v1/user/joinCode', {}, sid);
  assert.equal(res.code, 200, res.msg);
  assert.equal(res.ret.expiresIn, 60);
  return res.ret.joinCode;
}

async function ownMeeting(host: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await signed(server.services.devTenant, '/v2/meeting/create', { type: 1, subject: 'Mine', host, ...extra });
  assert.equal(res.body.code, 200, res.body.msg);
  return res.body.ret.meetingId;
}

describe('one-time join codes', () => {
  test('a code joins its owner as host once; the same code again is refused with 401', async () => {
    const code = await ownMeeting(dana.userId);
    const jc = await joinCode(dana.sid);
    const first = await post('/api/join', { code, role: 'host', jc });
    assert.equal(first.code, 200, first.msg);
    assert.equal(first.ret.identity, `a_${dana.userId}`);
    assert.equal(first.ret.role, 'host');
    const again = await post('/api/join', { code, role: 'host', jc });
    assert.equal(again.code, 401);
    assert.match(again.msg, /join code/);
  });

  test('of two joins racing with one code, exactly one gets in', async () => {
    const code = await ownMeeting(dana.userId);
    const jc = await joinCode(dana.sid);
    const answers = await Promise.all(Array.from({ length: 6 }, () => post('/api/join', { code, role: 'host', jc })));
    assert.deepEqual(answers.map((a) => a.code).sort(), [200, 401, 401, 401, 401, 401]);
  });

  test('a code expires after 60 seconds', async () => {
    const code = await ownMeeting(dana.userId);
    const fresh = await joinCode(dana.sid);
    const stale = await joinCode(dana.sid);
    clock.advance(59_000);
    assert.equal((await post('/api/join', { code, role: 'host', jc: fresh })).code, 200);
    clock.advance(2_000);
    assert.equal((await post('/api/join', { code, role: 'host', jc: stale })).code, 401);
  });

  test('a join refused for its password does not spend the code', async () => {
    const code = await ownMeeting(dana.userId, { password: '8642' });
    const jc = await joinCode(dana.sid);
    assert.equal((await post('/api/join', { code, role: 'host', jc })).code, 2018);
    const joined = await post('/api/join', { code, role: 'host', jc, password: '8642' });
    assert.equal(joined.code, 200, joined.msg);
    assert.equal(joined.ret.identity, `a_${dana.userId}`);
  });

  test("the grant brings a fresh code for the page's next join, also single use and outliving the link's minute", async () => {
    const code = await ownMeeting(dana.userId);
    const first = await post('/api/join', { code, role: 'host', jc: await joinCode(dana.sid) });
    const next = first.ret.joinCode as string;
    assert.ok(next);
    clock.advance(10 * 60_000);
    const renewed = await post('/api/join', { code, role: 'host', jc: next, name: 'Dana D' });
    assert.equal(renewed.code, 200, renewed.msg);
    assert.equal(renewed.ret.identity, first.ret.identity);
    assert.equal(renewed.ret.role, 'host');
    assert.notEqual(renewed.ret.joinCode, next);
    assert.equal((await post('/api/join', { code, role: 'host', jc: next })).code, 401);
  });

  test("another tenant's code counts for nothing: a guest, not the host", async () => {
    const foreign = await signedIn(other);
    const code = await ownMeeting(dana.userId);
    const joined = await post('/api/join', { code, role: 'host', jc: await joinCode(foreign.sid), name: 'F' });
    assert.equal(joined.code, 200, joined.msg);
    assert.equal(joined.ret.role, 'attendee');
    assert.equal(joined.ret.roleDowngraded, true);
    assert.notEqual(joined.ret.identity, `a_${foreign.userId}`);
  });

  test('a code ends with the sign-in it came from', async () => {
    const dana = await signedIn();
    const code = await ownMeeting(dana.userId);
    const jc = await joinCode(dana.sid);
    assert.equal((await post('/v1/user/logout', {}, dana.sid)).code, 200);
    assert.equal((await post('/api/join', { code, role: 'host', jc })).code, 401);
  });

  test('a code needs a session: none, or a made-up one, is 401', async () => {
    assert.equal((await post('/v1/user/joinCode', {})).code, 401);
    assert.equal((await post('/v1/user/joinCode', {}, 'made-up-session')).code, 401);
  });
});

describe('sessions out of join requests', () => {
  test('a SID in the join body is refused with a typed 300, and nobody is let in with it', async () => {
    const code = await ownMeeting(dana.userId);
    const res = await post('/api/join', { code, role: 'host', SID: dana.sid });
    assert.equal(res.code, 300);
    assert.match(res.msg, /SID/);
    assert.equal(res.ret, undefined);
  });
});
