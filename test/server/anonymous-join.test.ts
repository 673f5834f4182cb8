import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TokenVerifier } from 'livekit-server-sdk';
import { callApi } from '../support/signed.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

// API.md `/v1/meeting/anonymousJoinInfo` (issue 11 part 7), and meetingUniqueId as a Long.
let server: TestServer;

before(async () => {
  server = await startTestServer();
});
after(() => server.stop());

const api = (path: string, body: unknown) => callApi(server.url, server.services.devTenant, path, body);

async function createMeeting(extra: Record<string, unknown> = {}) {
  const res = await api('/v2/meeting/create', { type: 1, subject: 'Anonymous', ...extra });
  assert.equal(res.body.code, 200, res.body.msg);
  return res.body.ret as { meetingUniqueId: number; meetingId: string; shortId?: string };
}

async function anonymous(body: unknown, headers: Record<string, string> = { clientType: '6', deviceId: 'browser-device-0001' }) {
  const res = await fetch(new URL('/v1/meeting/anonymousJoinInfo', server.url), { method: 'POST', headers: { 'Content-Type': 'application/json;charset=utf-8', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { code: number; msg: string; ret?: any } };
}

describe('/v1/meeting/anonymousJoinInfo', () => {
  test("API.md's example body answers API.md's fields, with a token for the meeting's room", async () => {
    const account = (await api('/v1/account/create', { shortId: '4321' })).body.ret;
    const m = await createMeeting({ type: 2, host: account.accountId, settings: { controls: [{ type: 'audio', state: 1 }] } });
    const res = await anonymous({ meetingId: m.meetingId, nickName: '小明Ming1', video: 1, audio: 2 });
    assert.equal(res.body.code, 200, res.body.msg);
    const ret = res.body.ret;
    assert.deepEqual(Object.keys(ret).sort(), ['accountId', 'audioAllMute', 'createTime', 'duration', 'identity', 'meetingId', 'meetingUniqueId', 'roomName', 'serverUrl', 'shortId', 'token'].sort());
    assert.equal(ret.meetingId, m.meetingId);
    assert.equal(ret.meetingUniqueId, m.meetingUniqueId);
    assert.equal(ret.shortId, '4321');
    assert.equal(ret.serverUrl, server.config.livekit.url);
    assert.equal(ret.accountId, ret.identity);
    assert.ok(Math.abs(ret.createTime - Date.now() / 1000) < 60, 'createTime is in seconds');
    assert.equal(ret.duration, 0);
    assert.equal(ret.audioAllMute, 1);
    const { apiKey, apiSecret } = server.config.livekit;
    const claims = await new TokenVerifier(apiKey, apiSecret).verify(ret.token);
    assert.equal(claims.video?.room, ret.roomName);
    assert.equal(claims.sub, ret.identity);
    assert.equal(claims.name, '小明Ming1');
  });

  test('one device keeps one identity; another device is another person', async () => {
    const m = await createMeeting();
    const body = { meetingId: m.meetingId, nickName: 'Dev', video: 2, audio: 2 };
    const a = await anonymous(body, { clientType: '4', deviceId: 'pc-device-42' });
    const b = await anonymous(body, { clientType: '4', deviceId: 'pc-device-42' });
    const c = await anonymous(body, { clientType: '4', deviceId: 'pc-device-43' });
    assert.equal(a.body.ret.identity, b.body.ret.identity);
    assert.notEqual(a.body.ret.identity, c.body.ret.identity);
  });

  test('the vendor codes: 2003 nickname, 2004 video, 2005 audio, 302 header, 3001 client type, 3003 observer', async () => {
    const m = await createMeeting();
    const base = { meetingId: m.meetingId, nickName: 'Ok', video: 1, audio: 1 };
    assert.equal((await anonymous({ ...base, nickName: 'eleven-chars' })).body.code, 2003);
    assert.equal((await anonymous({ ...base, nickName: 'a b' })).body.code, 2003);
    assert.equal((await anonymous({ ...base, video: 0 })).body.code, 2004);
    assert.equal((await anonymous({ ...base, audio: '1' })).body.code, 2005);
    assert.equal((await anonymous(base, { deviceId: 'd-1' })).body.code, 302);
    assert.equal((await anonymous(base, { clientType: '6' })).body.code, 302);
    assert.equal((await anonymous(base, { clientType: '9', deviceId: 'd-1' })).body.code, 3001);
    assert.equal((await anonymous(base, { clientType: 'web', deviceId: 'd-1' })).body.code, 3001);
    assert.equal((await anonymous({ ...base, roleType: 4 })).body.code, 3003);
    assert.equal((await anonymous({ ...base, roleType: 1 })).body.code, 200);
  });

  test("the admission of /api/join: unknown code, password, private and waiting room apply", async () => {
    assert.equal((await anonymous({ meetingId: '000000001', nickName: 'X', video: 1, audio: 1 })).body.code, 2000);
    const locked = await createMeeting({ password: '2468' });
    assert.equal((await anonymous({ meetingId: locked.meetingId, nickName: 'X', video: 1, audio: 1 })).body.code, 2018);
    assert.equal((await anonymous({ meetingId: locked.meetingId, nickName: 'X', video: 1, audio: 1, password: '1111' })).body.code, 2014);
    assert.equal((await anonymous({ meetingId: Number(locked.meetingId), nickName: 'X', video: 1, audio: 1, password: '2468' })).body.code, 200);
    for (const extra of [{ waitingRoom: true }, { isPublic: false }]) {
      const m = await createMeeting(extra);
      const res = await anonymous({ meetingId: m.meetingId, nickName: 'Waits', video: 1, audio: 1 });
      assert.equal(res.body.code, 200, res.body.msg);
      assert.equal(res.body.ret.token, '');
      assert.ok(res.body.ret.waitingTicket);
    }
  });
});

describe('meetingUniqueId is a Long', () => {
  const LARGEST = Number.MAX_SAFE_INTEGER;

  test('an unknown large id answers 2000 (not 300) on every route that takes one', async () => {
    for (const id of [2 ** 31, 2 ** 40, LARGEST]) {
      for (const [path, body] of [
        ['/v2/meeting/get', { meetingUniqueId: id }],
        ['/v2/meeting/edit', { meetingUniqueId: id, subject: 'x' }],
        ['/v2/meeting/cancel', { meetingUniqueId: id }],
        ['/v2/meeting/rotateHostKey', { meetingUniqueId: id }],
        ['/v2/meeting/deleteByMeetingUniqueId', { meetingUniqueId: id }],
        ['/v2/meeting/record/list', { meetingUniqueId: id }],
        ['/v2/meeting/record/delete', { meetingUniqueId: id, filename: 'a.mp4' }],
        ['/v1/ops/stopMeeting', { meetingUniqueId: id }],
        ['/v1/sso/sign', { account: 'x', meetingUniqueId: id }],
      ] as const) {
        const res = await api(path, body);
        assert.equal(res.body.code, 2000, `${path} ${id}: ${res.body.msg}`);
        assert.equal(res.status, 404);
      }
      const list = await api('/v2/meeting/list', { meetingUniqueId: id });
      assert.equal(list.body.code, 200);
      assert.equal(list.body.ret.totalNum, 0);
    }
  });

  test('beyond 2^53 − 1, or not a positive integer, is a bad parameter (300)', async () => {
    for (const id of [2 ** 53, 0, -1, 1.5]) assert.equal((await api('/v2/meeting/get', { meetingUniqueId: id })).body.code, 300, String(id));
  });

  test('the path of the in-meeting routes takes a large id too: the token is then not for that meeting', async () => {
    const m = await createMeeting();
    const token = (await anonymous({ meetingId: m.meetingId, nickName: 'Path', video: 1, audio: 1 })).body.ret.token;
    for (const id of [2 ** 31, LARGEST]) {
      const res = await fetch(new URL(`/api/meetings/${id}/hand`, server.url), { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: '{"raised":true}' });
      assert.equal(((await res.json()) as { code: number }).code, 2105);
    }
    const tooBig = await fetch(new URL(`/api/meetings/${2 ** 53}/hand`, server.url), { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: '{"raised":true}' });
    assert.equal(((await tooBig.json()) as { code: number }).code, 300);
  });
});
