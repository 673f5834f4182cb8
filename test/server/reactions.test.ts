import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { ControlAction } from '../../src/protocol/control-actions.js';
import { REACTION_BURST, REACTION_TOPIC } from '../../src/protocol/reactions.js';
import { FakeLivekit } from '../support/fake-livekit.js';
import { signedWebhook } from '../support/livekit-webhook.js';
import { callApi } from '../support/signed.js';
import { addTenant, startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
const livekit = new FakeLivekit();

before(async () => {
  server = await startTestServer({ livekitAdmin: livekit });
});
after(() => server.stop());
beforeEach(() => livekit.take());

interface Grant {
  token: string;
  identity: string;
  waitingTicket?: string;
}
type Answer = { status: number; body: { code: number; msg: string; ret?: any } };

const key = () => randomBytes(16).toString('base64url');

async function post(path: string, body: unknown, token?: string): Promise<Answer> {
  const res = await fetch(new URL(path, server.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}

async function webhook(event: Record<string, unknown>) {
  const { apiKey, apiSecret } = server.config.livekit;
  const signed = await signedWebhook(apiKey, apiSecret, { createdAt: Math.floor(Date.now() / 1000), ...event });
  const res = await fetch(new URL('/livekit/webhook', server.url), { method: 'POST', headers: { 'Content-Type': 'application/webhook+json', Authorization: signed.authorization }, body: signed.body });
  assert.equal(res.status, 200);
}

/** A meeting of `tenant` with a host and Alice in it (each joined, and seen by the LiveKit webhook). */
async function meeting(tenant: { appKey: string; appSecret: string } = server.services.devTenant) {
  const created = await callApi(server.url, tenant, '/v2/meeting/create', { type: 1, subject: 'Reactions' });
  assert.equal(created.body.code, 200, created.body.msg);
  const m = created.body.ret as { meetingUniqueId: number; meetingId: string; hostLink: string };
  const row = (await server.services.meetings.findById(m.meetingUniqueId))!;
  let n = 0;
  const join = (params: Record<string, unknown>) => post('/api/join', { code: m.meetingId, ...params });
  const enter = async (params: Record<string, unknown>) => {
    const res = await join(params);
    assert.equal(res.body.code, 200, res.body.msg);
    const g = res.body.ret as Grant;
    const sid = `PA_${g.identity}_${n++}`;
    await webhook({ event: 'participant_joined', id: `EV_${sid}`, room: { name: row.room_name }, participant: { identity: g.identity, sid } });
    return g;
  };
  const host = await enter({ ...Object.fromEntries(new URL(m.hostLink).searchParams), name: 'Hana', gk: key() });
  const alice = await enter({ name: 'Alice', gk: key() });
  const react = (by: Grant, emoji: unknown, meetingId = m.meetingUniqueId) => post(`/api/meetings/${meetingId}/reaction`, { emoji }, by.token);
  const control = (by: Grant, action: Record<string, unknown>) => post(`/api/meetings/${m.meetingUniqueId}/control`, action as ControlAction, by.token);
  livekit.take();
  return { m, row, host, alice, join, react, control };
}

const relayed = () => livekit.take().filter((c) => c.op === 'data' && c.topic === REACTION_TOPIC) as Array<{ payload: any; to?: string[]; room?: string }>;

describe('reactions relayed by the server (SPEC R6)', () => {
  test('a reaction goes to the whole room, with the sender as the server knows them', async () => {
    const { alice, react } = await meeting();
    const res = await react(alice, '👍');
    assert.equal(res.body.code, 200, res.body.msg);
    assert.deepEqual({ ...res.body.ret, id: 'x', at: 0 }, { id: 'x', at: 0, from: alice.identity, fromName: 'Alice', emoji: '👍' });
    const [relay, ...more] = relayed();
    assert.deepEqual(more, []);
    assert.equal(relay!.to, undefined, 'to everyone');
    assert.deepEqual(relay!.payload, res.body.ret);
  });

  test('anything but one emoji of the set is refused (300) and nothing is relayed; no token is 401', async () => {
    const { alice, react, m } = await meeting();
    for (const bad of ['💩', '👍👍', '<img src=x onerror=alert(1)>', '', 42, null]) assert.equal((await react(alice, bad)).body.code, 300, String(bad));
    assert.equal((await post(`/api/meetings/${m.meetingUniqueId}/reaction`, { emoji: '👍' })).body.code, 401);
    assert.deepEqual(relayed(), []);
  });

  test('the chat turned off for attendees turns reactions off too (2103); hosts still react; "to hosts only" keeps reactions', async () => {
    const { host, alice, react, control } = await meeting();
    assert.equal((await control(host, { action: 'chatPolicy', policy: 'off' })).body.code, 200);
    livekit.take();
    const refused = await react(alice, '🎉');
    assert.equal(refused.body.code, 2103);
    assert.equal(refused.status, 403);
    assert.deepEqual(relayed(), []);
    assert.equal((await react(host, '🎉')).body.code, 200);
    assert.equal((await control(host, { action: 'chatPolicy', policy: 'hosts' })).body.code, 200);
    assert.equal((await react(alice, '👏')).body.code, 200);
  });

  test(`a burst is rate-limited per person: ${REACTION_BURST} go through, the next is 510 and not relayed; others still react`, async () => {
    const { host, alice, react } = await meeting();
    const codes = [];
    for (let i = 0; i <= REACTION_BURST; i++) codes.push((await react(alice, '😂')).body.code);
    assert.deepEqual(codes, [...Array(REACTION_BURST).fill(200), 510]);
    assert.equal(relayed().length, REACTION_BURST);
    const last = await react(alice, '😂');
    assert.equal(last.status, 429);
    assert.equal((await react(host, '😂')).body.code, 200);
  });

  test('someone waiting has no token; someone removed cannot react (2101)', async () => {
    const { host, alice, react, control, join } = await meeting();
    assert.equal((await control(host, { action: 'waitingRoom', on: true })).body.code, 200);
    const waiting = (await join({ name: 'Wendy', gk: key() })).body.ret as Grant;
    assert.ok(waiting.waitingTicket);
    assert.equal(waiting.token ?? '', '');
    assert.equal((await post(`/api/meetings/${(await meeting()).m.meetingUniqueId}/reaction`, { emoji: '👍' }, waiting.token)).body.code, 401);
    assert.equal((await control(host, { action: 'remove', target: alice.identity })).body.code, 200);
    livekit.take();
    assert.equal((await react(alice, '👍')).body.code, 2101);
    assert.deepEqual(relayed(), []);
  });

  test("a token is good for its own meeting only: not another meeting, nor another tenant's", async () => {
    const mine = await meeting();
    const other = await meeting();
    const theirs = await meeting(await addTenant(server, `reactions-${key().slice(0, 6)}`));
    assert.equal((await mine.react(mine.alice, '👍', other.m.meetingUniqueId)).body.code, 2105);
    assert.equal((await mine.react(mine.alice, '👍', theirs.m.meetingUniqueId)).body.code, 2105);
    assert.equal((await theirs.react(theirs.alice, '👍', mine.m.meetingUniqueId)).body.code, 2105);
    assert.deepEqual(relayed(), []);
  });
});
