import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { ControlAction } from '../../src/protocol/control-actions.js';
import { FakeLivekit } from '../support/fake-livekit.js';
import { signedWebhook } from '../support/livekit-webhook.js';
import { callApi } from '../support/signed.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
const livekit = new FakeLivekit();

before(async () => {
  server = await startTestServer({ livekitAdmin: livekit });
});
after(() => server.stop());
beforeEach(() => {
  livekit.take();
  livekit.participants.clear();
});

interface Grant {
  token: string;
  identity: string;
  role: string;
  waitingTicket?: string;
}
type Answer = { status: number; body: { code: number; msg: string; ret?: any } };

const key = () => randomBytes(16).toString('base64url');

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(new URL(path, server.url), { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}

async function webhook(event: Record<string, unknown>) {
  const { apiKey, apiSecret } = server.config.livekit;
  const signed = await signedWebhook(apiKey, apiSecret, { createdAt: Math.floor(Date.now() / 1000), ...event });
  const res = await fetch(new URL('/livekit/webhook', server.url), { method: 'POST', headers: { 'Content-Type': 'application/webhook+json', Authorization: signed.authorization }, body: signed.body });
  assert.equal(res.status, 200);
}

let n = 0;
async function meeting(extra: Record<string, unknown> = {}) {
  const created = await callApi(server.url, server.services.devTenant, '/v2/meeting/create', { type: 1, subject: 'Hardening', ...extra });
  assert.equal(created.body.code, 200, created.body.msg);
  const m = created.body.ret as { meetingUniqueId: number; meetingId: string; hostLink: string };
  const row = (await server.services.meetings.findById(m.meetingUniqueId))!;
  const join = (params: Record<string, unknown>, headers?: Record<string, string>) => post('/api/join', { code: m.meetingId, ...params }, headers);
  const connect = async (g: Grant) => {
    const sid = `PA_${g.identity}_${n++}`;
    await webhook({ event: 'participant_joined', id: `EV_${sid}`, room: { name: row.room_name }, participant: { identity: g.identity, sid } });
    return sid;
  };
  const grant = async (params: Record<string, unknown>) => {
    const res = await join(params);
    assert.equal(res.body.code, 200, res.body.msg);
    return res.body.ret as Grant;
  };
  const hostParams = Object.fromEntries(new URL(m.hostLink).searchParams);
  const host = await grant({ ...hostParams, name: 'Hana', gk: key() });
  await connect(host);
  const control = (by: Grant, action: ControlAction | Record<string, unknown>) => post(`/api/meetings/${m.meetingUniqueId}/control`, action, { Authorization: `Bearer ${by.token}` });
  livekit.take();
  return { m, row, host, hostParams, join, grant, connect, control };
}

const removed = (identity: string) => livekit.calls.some((c) => c.op === 'remove' && c.identity === identity);

describe('item 6: a connect must hold an admission valid under the policy at connect time', () => {
  test('a token collected before the lock is removed when it connects after', async () => {
    const { host, grant, connect, control } = await meeting();
    const early = await grant({ name: 'Early', gk: key() });
    assert.equal((await control(host, { action: 'lock', locked: true })).body.code, 200);
    livekit.take();
    await connect(early);
    assert.ok(removed(early.identity), 'the early token was let in past the lock');
  });

  test('a token collected before the waiting room was turned on is removed; one the host admitted stays', async () => {
    const { host, grant, connect, control } = await meeting();
    const early = await grant({ name: 'Early', gk: key() });
    assert.equal((await control(host, { action: 'waitingRoom', on: true })).body.code, 200);
    const queued = await grant({ name: 'Queued', gk: key() });
    assert.ok(queued.waitingTicket);
    assert.equal((await control(host, { action: 'admit', target: queued.identity })).body.code, 200);
    const admitted = await post('/api/join/ticket', { ticket: queued.waitingTicket });
    assert.equal(admitted.body.code, 200, admitted.body.msg);
    livekit.take();
    await connect(early);
    await connect(admitted.body.ret as Grant);
    assert.ok(removed(early.identity), 'the early token skipped the waiting room');
    assert.ok(!removed(queued.identity), 'the admitted guest was removed');
  });

  test('with numberLimit 3 and the host in, of 6 guest tokens collected at once only 2 stay connected', async () => {
    const { grant, connect } = await meeting({ numberLimit: 3 });
    const tokens = [];
    for (let i = 0; i < 6; i++) tokens.push(await grant({ name: `G${i}`, gk: key() }));
    livekit.take();
    await Promise.all(tokens.map((t) => connect(t)));
    const stayed = tokens.filter((t) => !removed(t.identity));
    assert.equal(stayed.length, 2, `stayed: ${stayed.length}`);
  });
});

describe('item 9: the watchdog does not fail open when a webhook is lost', () => {
  test('an expel awaits only the removal: LiveKit answers an update of someone it already removed ~5 s late, and holds its next webhook until we answer', async () => {
    const { host, grant, connect, control } = await meeting();
    const early = await grant({ name: 'Early', gk: key() });
    assert.equal((await control(host, { action: 'lock', locked: true })).body.code, 200);
    const update = livekit.updateParticipant;
    livekit.updateParticipant = (...args) => {
      void update.apply(livekit, args);
      return new Promise((resolve) => setTimeout(() => resolve(false), 5_000));
    };
    try {
      const started = Date.now();
      await connect(early);
      assert.ok(removed(early.identity));
      assert.ok(Date.now() - started < 2_000, `the webhook was answered after ${Date.now() - started} ms`);
    } finally {
      livekit.updateParticipant = update;
    }
  });

  test('a reconcile pass removes whom LiveKit holds without a valid admission, and takes in an admitted one whose webhook was lost', async () => {
    const { row, host, grant } = await meeting();
    const lost = await grant({ name: 'Lost webhook', gk: key() });
    // LiveKit holds three connections; the server saw only the host's join (its session kept).
    const hostSid = (await server.services.control.admissionOf(row, host.identity))!.sid!;
    const at = Date.now();
    livekit.participants.set(row.room_name, [
      { identity: host.identity, sid: hostSid, joinedAt: at },
      { identity: lost.identity, sid: `PA_lost_${n++}`, joinedAt: at },
      { identity: 'p_stranger', sid: `PA_stranger_${n++}`, joinedAt: at },
    ]);
    const expelled = await server.services.reconcile.run();
    assert.ok(removed('p_stranger'), 'a participant the server never admitted stayed');
    assert.ok(!removed(lost.identity) && !removed(host.identity), 'an admitted participant was removed');
    assert.equal(expelled, 1);
    const person = await server.services.control.admissionOf(row, lost.identity);
    assert.equal(person?.present, true, 'the lost join is taken in');
    livekit.participants.set(row.room_name, [{ identity: host.identity, sid: hostSid, joinedAt: at }]);
    await server.services.reconcile.run();
    assert.equal((await server.services.control.admissionOf(row, lost.identity))?.present, false, 'a lost leave is taken as gone');
  });
});

describe('item 8: private is enforced', () => {
  test('a stranger with the code of a private meeting waits for a host; admitted, they get in', async () => {
    const { host, join, control } = await meeting({ isPublic: false, invitees: [{ accountId: 'someone-invited' }] });
    const res = await join({ name: 'Stranger', gk: key() });
    assert.equal(res.body.code, 200, res.body.msg);
    const stranger = res.body.ret as Grant;
    assert.equal(stranger.token, '', 'a stranger got a token for a private meeting');
    assert.ok(stranger.waitingTicket);
    assert.equal((await control(host, { action: 'admit', target: stranger.identity })).body.code, 200);
    const admitted = await post('/api/join/ticket', { ticket: stranger.waitingTicket });
    assert.equal(admitted.body.code, 200, admitted.body.msg);
  });

  test("a private room's live meeting refuses its code to a non-member (2105)", async () => {
    const created = await callApi(server.url, server.services.devTenant, '/v1/room/create', { roomType: 2, name: 'Private room', isPublic: false });
    assert.equal(created.body.code, 200, created.body.msg);
    const r = created.body.ret as { roomId: string; hostLink: string };
    const opened = await post('/api/join', { ...Object.fromEntries(new URL(r.hostLink).searchParams), name: 'Owner' });
    assert.equal(opened.body.code, 200, opened.body.msg);
    const live = (await server.services.meetings.findById(opened.body.ret.meeting.meetingUniqueId))!;
    assert.equal((await post('/api/join', { code: live.code, name: 'Stranger' })).body.code, 2105);
  });
});

describe('item 7: kicks stick, host links can be revoked', () => {
  test('a kicked guest without a guest key cannot come back keyless (2106); others with a key still can', async () => {
    const { host, grant, connect, control, join } = await meeting();
    const eve = await grant({ name: 'Eve' });
    await connect(eve);
    assert.equal((await control(host, { action: 'remove', target: eve.identity })).body.code, 200);
    assert.equal((await join({ name: 'Eve again' })).body.code, 2106);
    assert.equal((await join({ name: 'Someone', gk: key() })).body.code, 200);
  });

  test('"block this device" keeps everyone from that address out; with the option, newcomers wait', async () => {
    const { host, grant, connect, control, join, row } = await meeting();
    const eve = await grant({ name: 'Eve', gk: key() });
    await connect(eve);
    assert.equal((await control(host, { action: 'block', target: eve.identity, waitingRoom: true })).body.code, 200);
    assert.equal((await join({ name: 'Eve', gk: key() })).body.code, 2106);
    assert.equal((await server.services.control.policy(row)).waitingRoom, true);
  });

  test('rotating the host key (REST or in the meeting) revokes host links; a kicked link holder does not come back as co-host', async () => {
    const { m, host, hostParams, grant, connect, control, join } = await meeting();
    const rotated = await callApi(server.url, server.services.devTenant, '/v2/meeting/rotateHostKey', { meetingUniqueId: m.meetingUniqueId });
    assert.equal(rotated.body.code, 200, rotated.body.msg);
    const newLink = Object.fromEntries(new URL(rotated.body.ret.hostLink).searchParams);
    assert.notEqual(newLink.hk, hostParams.hk);
    assert.equal(((await join({ ...hostParams, name: 'Old link', gk: key() })).body.ret as { roleDowngraded: boolean }).roleDowngraded, true, 'a rotated host link still proved host');
    const holder = await grant({ ...newLink, name: 'Link holder', gk: key() });
    await connect(holder);
    assert.equal(holder.role, 'cohost');
    assert.equal((await control(host, { action: 'remove', target: holder.identity })).body.code, 200);
    const back = (await join({ ...newLink, name: 'Back', gk: key() })).body.ret as Grant & { roleDowngraded: boolean };
    assert.equal(back.roleDowngraded, true, 'the kicked holder came back as co-host');
    assert.equal((await control(host, { action: 'rotateHostKey' })).body.code, 200);
  });
});
