import assert from 'node:assert/strict';
import { Attr } from '../../src/protocol/control.js';
import { after, before, describe, test } from 'node:test';
import { TokenVerifier } from 'livekit-server-sdk';
import { callApi } from '../support/signed.js';
import { signedWebhook } from '../support/livekit-webhook.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;

before(async () => {
  server = await startTestServer();
});
after(() => server.stop());

async function createMeeting(extra: Record<string, unknown> = {}) {
  const res = await callApi(server.url, server.services.devTenant, '/v2/meeting/create', { type: 1, subject: 'Join test', ...extra });
  assert.equal(res.body.code, 200, res.body.msg);
  return res.body.ret as { meetingUniqueId: number; meetingId: string; hostLink: string; guestLink: string };
}

async function join(params: Record<string, unknown>) {
  const res = await fetch(new URL('/api/join', server.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(params),
  });
  return { status: res.status, body: (await res.json()) as { code: number; msg: string; ret?: any } };
}

function linkParams(link: string): Record<string, string> {
  return Object.fromEntries(new URL(link).searchParams);
}

async function claims(token: string) {
  const { apiKey, apiSecret } = server.config.livekit;
  return new TokenVerifier(apiKey, apiSecret).verify(token);
}

describe('POST /api/join', () => {
  test('a guest link joins as attendee with a least-privilege 10-minute token', async () => {
    const m = await createMeeting();
    const res = await join({ ...linkParams(m.guestLink), name: 'Alice 张' });
    assert.equal(res.body.code, 200, res.body.msg);
    const grant = res.body.ret;
    assert.equal(grant.role, 'attendee');
    assert.equal(grant.roleDowngraded, false);
    assert.equal(grant.name, 'Alice 张');
    assert.equal(grant.serverUrl, server.config.livekit.url);
    assert.equal(grant.meeting.meetingId, m.meetingId);
    const c = await claims(grant.token);
    assert.equal(c.sub, grant.identity);
    assert.equal(c.name, 'Alice 张');
    assert.equal((c.exp ?? 0) - (c.nbf ?? c.iat ?? 0), 600);
    assert.equal(c.attributes?.[Attr.ROLE], 'attendee');
    const v = c.video!;
    assert.equal(v.roomJoin, true);
    assert.equal(v.canPublish, true);
    assert.deepEqual([...(v.canPublishSources ?? [])].sort(), ['camera', 'microphone', 'screen_share', 'screen_share_audio']);
    for (const forbidden of ['roomAdmin', 'hidden', 'agent', 'canUpdateOwnMetadata', 'roomCreate', 'roomRecord', 'roomList'] as const) {
      assert.ok(!v[forbidden], `${forbidden} must not be granted`);
    }
  });

  test('every join gets its own server-chosen identity', async () => {
    const m = await createMeeting();
    const a = await join({ ...linkParams(m.guestLink), name: 'Same' });
    const b = await join({ ...linkParams(m.guestLink), name: 'Same' });
    assert.notEqual(a.body.ret.identity, b.body.ret.identity);
  });

  test('the signed host link joins as host', async () => {
    const m = await createMeeting();
    const res = await join({ ...linkParams(m.hostLink), name: 'Hana' });
    assert.equal(res.body.code, 200);
    assert.equal(res.body.ret.role, 'host');
    assert.equal(res.body.ret.roleDowngraded, false);
    assert.equal((await claims(res.body.ret.token)).attributes?.[Attr.ROLE], 'host');
  });

  test('role=host without proof, with a forged or another meeting\'s signature, or expired, joins as attendee', async () => {
    const m = await createMeeting();
    const other = await createMeeting();
    const host = linkParams(m.hostLink);
    const cases = [
      { code: m.meetingId, role: 'host' },
      { code: m.meetingId, role: '1' },
      { ...host, hk: host.hk!.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) },
      { ...linkParams(other.hostLink), code: m.meetingId },
      { ...host, exp: String(Number(host.exp) + 1) },
      { ...host, exp: String(Date.now() - 1000) },
    ];
    for (const params of cases) {
      const res = await join({ ...params, name: 'Mallory' });
      assert.equal(res.body.code, 200, res.body.msg);
      assert.equal(res.body.ret.role, 'attendee', JSON.stringify(params));
      assert.equal(res.body.ret.roleDowngraded, true);
    }
  });

  test('role=audience publishes nothing', async () => {
    const m = await createMeeting();
    const res = await join({ code: m.meetingId, role: 'audience', name: 'Viewer' });
    const v = (await claims(res.body.ret.token)).video!;
    assert.equal(v.canPublish, false);
    assert.deepEqual(v.canPublishSources ?? [], []);
    assert.equal(v.canSubscribe, true);
  });

  test('an unknown code is 2000, a malformed one 300, none at all 301; a bad name 2003, a bad v 2004, a bad a 2005', async () => {
    assert.equal((await join({ code: '000000001', name: 'x' })).body.code, 2000);
    assert.equal((await join({ code: 'abc', name: 'x' })).body.code, 300);
    assert.equal((await join({ name: 'x' })).body.code, 301);
    assert.equal((await join({ code: '123456789', name: '<script>' })).body.code, 2003);
    assert.equal((await join({ code: '123456789', name: 'a\u202eb' })).body.code, 2003, 'a bidi override');
    assert.equal((await join({ code: '123456789', v: 'yes' })).body.code, 2004);
    assert.equal((await join({ code: '123456789', a: 2 })).body.code, 2005);
  });

  test('a password: 2018 without it, 2014 when wrong, joins when right', async () => {
    const m = await createMeeting({ password: '8642' });
    assert.equal((await join({ code: m.meetingId, name: 'p' })).body.code, 2018);
    assert.equal((await join({ code: m.meetingId, name: 'p', password: '1111' })).body.code, 2014);
    assert.equal((await join({ code: m.meetingId, name: 'p', password: '8642' })).body.code, 200);
  });
});

describe('LiveKit webhooks', () => {
  const { apiKey, apiSecret } = { apiKey: 'APItestkey', apiSecret: 'test-secret-that-is-at-least-32-characters-long' };

  async function post(event: Record<string, unknown>, secret = apiSecret) {
    const { body, authorization } = await signedWebhook(apiKey, secret, event);
    const res = await fetch(new URL('/livekit/webhook', server.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/webhook+json', Authorization: authorization },
      body,
    });
    return { status: res.status, body: (await res.json()) as { code: number } };
  }

  async function status(uniqueId: number) {
    const res = await callApi(server.url, server.services.devTenant, '/v2/meeting/get', { meetingUniqueId: uniqueId });
    return res.body.ret.status as number;
  }

  test('room started → in progress; finished → ended; then joins are refused with 2021', async () => {
    const m = await createMeeting();
    const row = await server.db.selectFrom('meetings').select('room_name').where('unique_id', '=', m.meetingUniqueId).executeTakeFirstOrThrow();
    const room = { name: row.room_name, sid: 'RM_test' };
    const now = String(Math.floor(Date.now() / 1000));
    assert.equal((await post({ event: 'room_started', id: `EV_${m.meetingId}_1`, room, createdAt: now })).body.code, 200);
    assert.equal(await status(m.meetingUniqueId), 2);
    await post({ event: 'room_finished', id: `EV_${m.meetingId}_2`, room, createdAt: now });
    assert.equal(await status(m.meetingUniqueId), 3);
    const ended = await server.db.selectFrom('meetings').select(['end_reason', 'ended_at']).where('unique_id', '=', m.meetingUniqueId).executeTakeFirstOrThrow();
    assert.equal(ended.end_reason, 2);
    assert.ok(ended.ended_at);
    assert.equal((await join({ code: m.meetingId, name: 'late' })).body.code, 2021);
  });

  test('a repeated event id is applied once', async () => {
    const m = await createMeeting();
    const row = await server.db.selectFrom('meetings').select('room_name').where('unique_id', '=', m.meetingUniqueId).executeTakeFirstOrThrow();
    const room = { name: row.room_name };
    const id = `EV_${m.meetingId}_dup`;
    await post({ event: 'room_started', id, room });
    await post({ event: 'room_finished', id: `EV_${m.meetingId}_fin`, room });
    // A late retry of room_started must not reopen the meeting.
    await post({ event: 'room_started', id, room });
    assert.equal(await status(m.meetingUniqueId), 3);
  });

  test('participant joined and left are recorded on the admission', async () => {
    const m = await createMeeting();
    const grant = (await join({ code: m.meetingId, name: 'Rec' })).body.ret;
    const row = await server.db.selectFrom('meetings').select('room_name').where('unique_id', '=', m.meetingUniqueId).executeTakeFirstOrThrow();
    await post({ event: 'participant_joined', id: `EV_${grant.identity}_j`, room: { name: row.room_name }, participant: { identity: grant.identity } });
    let a = await server.db.selectFrom('admissions').selectAll().where('identity', '=', grant.identity).executeTakeFirstOrThrow();
    assert.ok(a.joined_at);
    assert.equal(a.left_at, null);
    assert.equal(await status(m.meetingUniqueId), 2);
    await post({ event: 'participant_left', id: `EV_${grant.identity}_l`, room: { name: row.room_name }, participant: { identity: grant.identity } });
    a = await server.db.selectFrom('admissions').selectAll().where('identity', '=', grant.identity).executeTakeFirstOrThrow();
    assert.ok(a.left_at);
  });

  test('a webhook with a bad signature is refused and changes nothing', async () => {
    const m = await createMeeting();
    const row = await server.db.selectFrom('meetings').select('room_name').where('unique_id', '=', m.meetingUniqueId).executeTakeFirstOrThrow();
    const res = await post({ event: 'room_started', id: `EV_${m.meetingId}_bad`, room: { name: row.room_name } }, 'another-secret-that-is-at-least-32-characters');
    assert.equal(res.status, 401);
    assert.equal(res.body.code, 401);
    assert.equal(await status(m.meetingUniqueId), 1);
    const unsigned = await fetch(new URL('/livekit/webhook', server.url), { method: 'POST', body: '{"event":"room_started"}' });
    assert.equal(unsigned.status, 401);
  });
});
