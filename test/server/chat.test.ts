import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { ControlAction } from '../../src/protocol/control-actions.js';
import { CHAT_TOPIC } from '../../src/protocol/control.js';
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
beforeEach(() => livekit.take());

interface Grant {
  token: string;
  identity: string;
  role: string;
  waitingTicket?: string;
  meeting: { meetingUniqueId: number };
}
type Answer = { status: number; body: { code: number; msg: string; ret?: any } };

async function post(path: string, body: unknown, token?: string): Promise<Answer> {
  const res = await fetch(new URL(path, server.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}

/** A meeting with a host and two guests in it (each joined, and seen by the LiveKit webhook). */
async function meetingWithPeople(extra: Record<string, unknown> = {}) {
  const created = await callApi(server.url, server.services.devTenant, '/v2/meeting/create', { type: 1, subject: 'Chat', ...extra });
  assert.equal(created.body.code, 200, created.body.msg);
  const m = created.body.ret as { meetingUniqueId: number; meetingId: string; hostLink: string };
  const row = (await server.services.meetings.findById(m.meetingUniqueId))!;
  let n = 0;
  const join = async (params: Record<string, unknown>) => post('/api/join', { code: m.meetingId, ...params });
  const arrive = async (g: Grant) => {
    const sid = `PA_${g.identity}_${n++}`;
    await webhook({ event: 'participant_joined', id: `EV_${sid}`, room: { name: row.room_name }, participant: { identity: g.identity, sid } });
    return sid;
  };
  const enter = async (params: Record<string, unknown>) => {
    const res = await join(params);
    assert.equal(res.body.code, 200, res.body.msg);
    const g = res.body.ret as Grant;
    if (!g.waitingTicket) await arrive(g);
    return g;
  };
  const host = await enter({ ...Object.fromEntries(new URL(m.hostLink).searchParams), name: 'Hana', gk: key() });
  const alice = await enter({ name: 'Alice', gk: key() });
  const bob = await enter({ name: 'Bob', gk: key() });
  const control = (by: Grant, action: ControlAction | Record<string, unknown>) => post(`/api/meetings/${m.meetingUniqueId}/control`, action, by.token);
  livekit.take();
  return { m, row, host, alice, bob, join, enter, arrive, control };
}

const key = () => randomBytes(16).toString('base64url');

async function webhook(event: Record<string, unknown>) {
  const { apiKey, apiSecret } = server.config.livekit;
  const signed = await signedWebhook(apiKey, apiSecret, { createdAt: Math.floor(Date.now() / 1000), ...event });
  const res = await fetch(new URL('/livekit/webhook', server.url), { method: 'POST', headers: { 'Content-Type': 'application/webhook+json', Authorization: signed.authorization }, body: signed.body });
  assert.equal(res.status, 200);
}

async function get(path: string, token: string): Promise<Answer> {
  const res = await fetch(new URL(path, server.url), { headers: { Authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}

async function chatRoom() {
  const m = await meetingWithPeople();
  const say = (by: Grant, text: unknown, to?: string | null) => post(`/api/meetings/${m.m.meetingUniqueId}/chat`, to === undefined ? { text } : { text, to }, by.token);
  const history = (by: Grant) => get(`/api/meetings/${m.m.meetingUniqueId}/chat`, by.token);
  return { ...m, say, history };
}

const chatSent = () => livekit.take().filter((c) => c.op === 'data' && c.topic === CHAT_TOPIC) as Array<{ payload: any; to?: string[] }>;

describe('chat relayed and stored by the server (SPEC R5)', () => {
  test('a message to everyone goes to the whole room with the sender\'s name from the server; a private one to the two people only', async () => {
    const { host, alice, bob, say } = await chatRoom();
    const all = await say(alice, '  Hello everyone  ');
    assert.equal(all.body.code, 200, all.body.msg);
    assert.deepEqual({ ...all.body.ret, id: 0, at: 0 }, { id: 0, at: 0, from: alice.identity, fromName: 'Alice', to: null, text: 'Hello everyone' });
    const [relay] = chatSent();
    assert.equal(relay!.to, undefined);
    assert.deepEqual(relay!.payload, all.body.ret);

    const priv = await say(bob, 'just for you', host.identity);
    assert.equal(priv.body.code, 200, priv.body.msg);
    assert.deepEqual(chatSent()[0]!.to?.sort(), [host.identity, bob.identity].sort());
  });

  test('the history: late joiners get the messages to everyone, and each person only their own private ones', async () => {
    const { host, alice, bob, say, history, enter } = await chatRoom();
    await say(alice, 'one');
    await say(bob, 'secret', host.identity);
    await say(host, 'two');
    const late = await enter({ name: 'Late', gk: key() });
    const seen = async (g: Grant) => ((await history(g)).body.ret as Array<{ text: string }>).map((x) => x.text);
    assert.deepEqual(await seen(late), ['one', 'two']);
    assert.deepEqual(await seen(alice), ['one', 'two']);
    assert.deepEqual(await seen(host), ['one', 'secret', 'two']);
    assert.deepEqual(await seen(bob), ['one', 'secret', 'two']);
  });

  test('hosts can turn the chat off for attendees or allow messages to hosts only; the server refuses the rest', async () => {
    const { host, alice, bob, say, control } = await chatRoom();
    assert.equal((await control(host, { action: 'chatPolicy', policy: 'off' } as ControlAction)).body.code, 200);
    assert.equal((await say(alice, 'anyone?')).body.code, 2103);
    assert.equal((await say(alice, 'to the host?', host.identity)).body.code, 2103);
    assert.equal((await say(host, 'hosts still can')).body.code, 200);
    assert.equal((await control(alice, { action: 'chatPolicy', policy: 'everyone' } as ControlAction)).body.code, 2100, 'an attendee cannot reopen it');

    assert.equal((await control(host, { action: 'chatPolicy', policy: 'hosts' } as ControlAction)).body.code, 200);
    assert.equal((await say(alice, 'everyone?')).body.code, 2103);
    assert.equal((await say(alice, 'bob?', bob.identity)).body.code, 2103);
    assert.equal((await say(alice, 'host!', host.identity)).body.code, 200);
    livekit.take();
    assert.equal((await control(host, { action: 'chatPolicy', policy: 'everyone' } as ControlAction)).body.code, 200);
    assert.equal((await say(alice, 'open again')).body.code, 200);
  });

  test('bad messages get typed refusals and nothing is relayed', async () => {
    const { alice, say } = await chatRoom();
    livekit.take();
    assert.equal((await say(alice, '   ')).body.code, 300);
    assert.equal((await say(alice, 'x'.repeat(10_001))).body.code, 300);
    assert.equal((await say(alice, 42)).body.code, 300);
    assert.equal((await say(alice, 'me?', alice.identity)).body.code, 300);
    assert.equal((await say(alice, 'ghost?', 'p_nobody')).body.code, 2101);
    assert.equal((await post('/api/meetings/1/chat', { text: 'no token' })).body.code, 401);
    assert.deepEqual(chatSent(), []);
    assert.equal((await say(alice, 'x'.repeat(10_000))).body.code, 200, 'exactly the limit is fine');
  });

  test('a message is text: markup is stored and relayed as the characters it is', async () => {
    const { alice, say } = await chatRoom();
    const hostile = '<img src=x onerror=alert(1)> [click](javascript:alert(1))';
    assert.equal((await say(alice, hostile)).body.ret.text, hostile);
  });

  test('someone waiting, removed or gone cannot write or read', async () => {
    const { host, alice, bob, say, history, control, join } = await chatRoom();
    assert.equal((await control(host, { action: 'waitingRoom', on: true } as ControlAction)).body.code, 200);
    const waiting = (await join({ name: 'Wendy', gk: key() })).body.ret as Grant;
    assert.ok(waiting.waitingTicket);
    assert.equal(waiting.token ?? '', '', 'a waiting person has no token to write with');
    assert.equal((await control(host, { action: 'remove', target: bob.identity } as ControlAction)).body.code, 200);
    assert.equal((await say(bob, 'still here?')).body.code, 2101);
    assert.equal((await history(bob)).body.code, 2101);
    assert.equal((await say(alice, 'to bob', bob.identity)).body.code, 2101);
  });

  test('just let in (LiveKit has not told of the arrival yet), one reads the history; after leaving, not', async () => {
    const { alice, say, history, join, row, arrive } = await chatRoom();
    await say(alice, 'before you came');
    const fresh = (await join({ name: 'Fresh', gk: key() })).body.ret as Grant;
    assert.deepEqual(((await history(fresh)).body.ret as Array<{ text: string }>).map((m) => m.text), ['before you came']);
    const sid = await arrive(fresh);
    assert.equal((await say(fresh, 'here now')).body.code, 200);
    await webhook({ event: 'participant_left', id: `EV_left_${fresh.identity}`, room: { name: row.room_name }, participant: { identity: fresh.identity, sid } });
    assert.equal((await history(fresh)).body.code, 2101);
    assert.equal((await say(fresh, 'still here?')).body.code, 2101);
  });

  test('a burst of messages is rate-limited (510), the others are stored', async () => {
    const { alice, say } = await chatRoom();
    const codes = [];
    for (let i = 0; i < 12; i++) codes.push((await say(alice, `m${i}`)).body.code);
    assert.deepEqual(codes.slice(0, 10), Array(10).fill(200));
    assert.equal(codes.at(-1), 510);
  });
});

describe('files in the chat: announced to the server, streamed over LiveKit (SPEC R5)', () => {
  const file = (over: Record<string, unknown> = {}) => ({ name: 'notes.pdf', size: 5 * 1024 * 1024, type: 'application/pdf', stream: 'stream-0001', ...over });
  const announce = (m: Awaited<ReturnType<typeof chatRoom>>, by: Grant, body: Record<string, unknown>) => post(`/api/meetings/${m.m.meetingUniqueId}/chat`, body, by.token);

  test('a file to everyone or to one person is stored and relayed like a message, and is in the history', async () => {
    const room = await chatRoom();
    const { host, alice, bob, history } = room;
    const all = await announce(room, alice, { file: file({ type: 'Application/PDF' }) });
    assert.equal(all.body.code, 200, all.body.msg);
    assert.deepEqual(all.body.ret.file, file());
    assert.equal(all.body.ret.text, '');
    const [relay] = chatSent();
    assert.deepEqual(relay!.payload, all.body.ret);
    assert.equal(relay!.to, undefined);

    const priv = await announce(room, bob, { text: 'the photo', to: host.identity, file: file({ name: 'photo.png', type: 'image/png', stream: 'stream-0002' }) });
    assert.equal(priv.body.code, 200, priv.body.msg);
    assert.deepEqual(chatSent()[0]!.to?.sort(), [host.identity, bob.identity].sort());

    const seen = async (g: Grant) => ((await history(g)).body.ret as Array<{ text: string; file?: { name: string } }>).map((x) => x.file?.name);
    assert.deepEqual(await seen(alice), ['notes.pdf']);
    assert.deepEqual(await seen(host), ['notes.pdf', 'photo.png']);
    await room.say(alice, 'just text');
    assert.equal('file' in ((await history(host)).body.ret as object[]).at(-1)!, false, 'a text message has no file field');
  });

  test('a file over the limit (25 MB by default) is refused with a clear message, and nothing is relayed', async () => {
    const room = await chatRoom();
    const over = await announce(room, room.alice, { file: file({ size: 25 * 1024 * 1024 + 1 }) });
    assert.equal(over.body.code, 300);
    assert.equal(over.body.msg, 'Files are at most 25 MB');
    assert.deepEqual(over.body.ret, { maxMb: 25 }, 'the limit, for the page to say in its language');
    assert.equal((await announce(room, room.alice, { file: file({ size: 25 * 1024 * 1024 }) })).body.code, 200, 'exactly the limit is fine');
    assert.equal(chatSent().length, 1);
  });

  test('bad names, sizes, types and stream ids are refused', async () => {
    const room = await chatRoom();
    for (const bad of [
      { name: '../etc/passwd' },
      { name: 'C:\\temp\\x.exe' },
      { name: '' },
      { name: '..' },
      { name: 'bell\u0007.txt' },
      { name: 'x'.repeat(256) },
      { size: 0 },
      { size: -1 },
      { size: 1.5 },
      { type: 'text/html; charset=utf-8' },
      { type: '<script>' },
      { stream: 'short' },
      { stream: 'has space in it' },
    ]) {
      const res = await announce(room, room.alice, { file: file(bad) });
      assert.equal(res.body.code, 300, `${JSON.stringify(bad)}: ${res.body.msg}`);
    }
    assert.equal((await announce(room, room.alice, { file: { ...file(), extra: 1 } })).body.code, 300);
    assert.equal((await announce(room, room.alice, { text: '' })).body.code, 300, 'no text and no file');
    assert.deepEqual(chatSent(), []);
  });

  test('the chat policy, the recipient and the rate limit apply to files as to text', async () => {
    const room = await chatRoom();
    const { host, alice, control } = room;
    assert.equal((await control(host, { action: 'chatPolicy', policy: 'off' } as ControlAction)).body.code, 200);
    livekit.take();
    const off = await announce(room, alice, { file: file() });
    assert.equal(off.body.code, 2103);
    assert.equal((await announce(room, host, { file: file() })).body.code, 200, 'a host still can');
    assert.equal((await control(host, { action: 'chatPolicy', policy: 'everyone' } as ControlAction)).body.code, 200);
    assert.equal((await announce(room, alice, { file: file(), to: 'p_nobody' })).body.code, 2101);
    const codes = [];
    for (let i = 0; i < 11; i++) codes.push((await announce(room, alice, { file: file({ stream: `stream-${1000 + i}` }) })).body.code);
    assert.equal(codes.at(-1), 510);
  });
});
