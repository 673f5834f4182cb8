import assert from 'node:assert/strict';
import { once } from 'node:events';
import { request } from 'node:http';
import { after, before, beforeEach, describe, test } from 'node:test';
import { WebSocket } from 'ws';
import { ErrorCode } from '../../src/protocol/errors.js';
import type { SocketAnswer } from '../../src/protocol/meeting-socket.js';
import { eventually } from '../support/eventually.js';
import { FakeLivekit } from '../support/fake-livekit.js';
import { createMeeting, enterRoom, linkParams, post, type Answer } from '../support/meeting-api.js';
import { addTenant, startTestServer, type TestServer } from '../support/test-server.js';
import { callApi } from '../support/signed.js';

// Issue 9 part 8: the meeting socket carries the members' calls; it must refuse exactly what HTTP refuses.
let server: TestServer;
const livekit = new FakeLivekit();
const PORTAL = 'https://portal.example';

before(async () => {
  // Sockets say whom they come from with X-Forwarded-For here (as behind a proxy on this machine).
  server = await startTestServer({ livekitAdmin: livekit, env: { TRUST_PROXY: 'loopback', MEETING_SOCKETS_PER_CLIENT: '4' } });
  await callApi(server.url, server.services.devTenant, '/v1/tenant/setEmbedOrigins', { embedOrigins: [PORTAL] });
});
after(() => server.stop());
beforeEach(() => livekit.take());

const socketUrl = (meetingId: number | string) => `${server.url.replace(/^http/, 'ws')}/api/meetings/${meetingId}/socket`;

const opened: WebSocket[] = [];

/** An open socket, and its calls: each answer matched by id. */
async function openSocket(meetingId: number, headers: Record<string, string> = {}) {
  const ws = new WebSocket(socketUrl(meetingId), { headers });
  opened.push(ws);
  const answers: SocketAnswer[] = [];
  const pushed: unknown[] = [];
  const waiters: Array<() => void> = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as SocketAnswer | { push: string };
    if ('push' in frame) pushed.push(frame);
    else answers.push(frame);
    for (const w of waiters.splice(0)) w();
  });
  await once(ws, 'open');
  let next = 1;
  const answerTo = async (id: number | null): Promise<SocketAnswer> => {
    for (;;) {
      const a = answers.find((x) => x.id === id);
      if (a) return a;
      await new Promise<void>((r) => waiters.push(r));
    }
  };
  return {
    ws,
    answerTo,
    pushes: () => [...pushed],
    send(frame: unknown) {
      ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
    },
    async call(method: 'GET' | 'POST', path: string, token: string, body?: unknown): Promise<SocketAnswer> {
      const id = next++;
      ws.send(JSON.stringify({ id, method, path, token, ...(body === undefined ? {} : { body }) }));
      return answerTo(id);
    },
  };
}

/** A meeting with a host and a guest in the room (joined, and seen by LiveKit's webhook). */
async function meetingWithPeople() {
  const m = await createMeeting(server, { subject: 'Socket' });
  const host = await enterRoom(server, m, { ...linkParams(m.hostLink), name: 'Hana' });
  const guest = await enterRoom(server, m, { name: 'Gus' });
  livekit.take();
  return { m, host, guest };
}

/** The upgrade's plain HTTP answer when it is refused. */
function refusedUpgrade(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: Answer }> {
  const url = new URL(path, server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: url.pathname, headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==', ...headers } });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      // ws's own refusals (a bad handshake) are plain text; ours are the envelope.
      res.on('end', () => resolve({ status: res.statusCode!, body: (text.startsWith('{') ? JSON.parse(text) : { code: 0, msg: text }) as Answer }));
    });
    req.on('upgrade', () => reject(new Error('the upgrade was accepted')));
    req.on('error', reject);
    req.end();
  });
}

describe('the meeting socket', () => {
  test('a host mutes over it as over HTTP: LiveKit is told, the answer is the envelope with the call id', async () => {
    const { m, host, guest } = await meetingWithPeople();
    const s = await openSocket(m.meetingUniqueId);
    assert.equal((await s.call('GET', 'hello', host.token)).code, 200);
    const answer = await s.call('POST', 'control', host.token, { action: 'mute', target: guest.identity });
    assert.equal(answer.code, 200, answer.msg);
    assert.equal(answer.msg, 'success');
    assert.equal(typeof answer.ret, 'object');
    assert.equal(typeof (answer.ret as { rev: number }).rev, 'number');
    assert.match(answer.requestId, /^[0-9a-f-]{36}$/);
    assert.match(answer.costTime, /^\d+ms$/);
    const mutes = livekit.calls.filter((c) => c.op === 'mute');
    assert.equal(mutes.length, 1);
    assert.equal((mutes[0] as { identity?: string }).identity, guest.identity);
    const waiting = await s.call('GET', 'waiting', host.token);
    assert.equal(waiting.code, 200, waiting.msg);
    assert.deepEqual(waiting.ret, []);
    s.ws.close();
  });

  test('the person a host mutes hears it on their own socket at once; nobody else does', async () => {
    const { m, host, guest } = await meetingWithPeople();
    const other = await enterRoom(server, m, { name: 'Olga' });
    const theirs = await openSocket(m.meetingUniqueId);
    const bystander = await openSocket(m.meetingUniqueId);
    const pushes = (s: Awaited<ReturnType<typeof openSocket>>) => s.pushes();
    assert.equal((await theirs.call('GET', 'hello', guest.token)).code, 200);
    assert.equal((await bystander.call('GET', 'hello', other.token)).code, 200);
    // Over HTTP as well as over the socket: the push is the server's, whichever way the host asked.
    const res = await post(server.url, `/api/meetings/${m.meetingUniqueId}/control`, { action: 'mute', target: guest.identity }, { token: host.token });
    assert.equal(res.code, 200, res.msg);
    const hostSocket = await openSocket(m.meetingUniqueId);
    assert.equal((await hostSocket.call('POST', 'control', host.token, { action: 'cameraOff', target: guest.identity })).code, 200);
    await eventually('both pushes', () => pushes(theirs).length >= 2);
    assert.deepEqual(pushes(theirs), [
      { push: 'mute', source: 'microphone' },
      { push: 'mute', source: 'camera' },
    ]);
    assert.deepEqual(pushes(bystander), []);
    assert.deepEqual(pushes(hostSocket), []);
    for (const s of [theirs, bystander, hostSocket]) s.ws.close();
  });

  test('refusals are the ones HTTP gives, call by call', async () => {
    const { m, host, guest } = await meetingWithPeople();
    const other = await meetingWithPeople();
    const s = await openSocket(m.meetingUniqueId);
    const http = (path: string, body: unknown, token: string) => post(server.url, `/api/meetings/${m.meetingUniqueId}/${path}`, body, { token });
    const cases: Array<[string, unknown, string]> = [
      ['control', { action: 'lock', locked: true }, guest.token], // not a host: 2100
      ['control', { action: 'mute', target: host.identity }, guest.token],
      ['control', { action: 'nope' }, host.token], // unknown action: 300
      ['control', { action: 'mute' }, host.token], // a field missing: 301
      ['self', { action: 'rename', name: '' }, guest.token], // a bad name: 2003
      ['hand', { raised: 'yes' }, guest.token],
      ['control', { action: 'lock', locked: true }, other.host.token], // another meeting's token: 2105
      ['control', { action: 'lock', locked: true }, 'not-a-token'], // 401
      ['chat', { text: 'a\u0000b' }, guest.token], // NUL: 300
    ];
    for (const [path, body, token] of cases) {
      const viaHttp = await http(path, body, token);
      const viaSocket = await s.call('POST', path, token, body);
      assert.notEqual(viaHttp.code, 200, `${path} ${JSON.stringify(body)} should be refused`);
      assert.equal(viaSocket.code, viaHttp.code, `${path} ${JSON.stringify(body)}: socket ${viaSocket.msg} / HTTP ${viaHttp.msg}`);
    }
    s.ws.close();
  });

  test('a frame it cannot read is refused with a typed error, and the socket stays usable', async () => {
    const { m, host } = await meetingWithPeople();
    const s = await openSocket(m.meetingUniqueId);
    s.send('not json');
    assert.equal((await s.answerTo(null)).code, ErrorCode.INVALID_PARAMETER);
    s.send({ id: 7, method: 'DELETE', path: 'control', token: host.token });
    assert.equal((await s.answerTo(7)).code, ErrorCode.INVALID_PARAMETER);
    s.send({ id: 8, method: 'POST', path: 'control' });
    assert.equal((await s.answerTo(8)).code, ErrorCode.AUTH_FAILED);
    assert.equal((await s.call('POST', 'nowhere', host.token, {})).code, ErrorCode.NOT_SUPPORTED);
    // Nested deeper than JSON.stringify goes: refused like any body too large, not a 500.
    s.send(`{"id":99,"method":"POST","path":"chat","token":${JSON.stringify(host.token)},"body":${'['.repeat(50_000)}${']'.repeat(50_000)}}`);
    const deep = await s.answerTo(99);
    assert.equal(deep.code, ErrorCode.INVALID_PARAMETER, deep.msg);
    assert.equal((await s.call('POST', 'waiting', host.token, {})).code, ErrorCode.NOT_SUPPORTED); // GET only
    // Over the route's 8 KB (HTTP: 413), well under a frame's limit.
    const big = await s.call('POST', 'control', host.token, { action: 'rename', target: host.identity, name: 'x'.repeat(9_000) });
    assert.equal(big.code, ErrorCode.INVALID_PARAMETER);
    assert.match(big.msg, /too large/);
    const bigChat = await s.call('POST', 'chat', host.token, { text: 'x'.repeat(70_000) });
    assert.equal(bigChat.code, ErrorCode.INVALID_PARAMETER);
    assert.equal((await s.call('POST', 'control', host.token, { action: 'lock', locked: false })).code, 200);
    assert.equal((await s.call('POST', 'control', host.token, { action: 'lock', locked: true })).code, 200);
    s.ws.close();
  });

  test('calls sent faster than they are answered are refused past a bound, and every one is answered', async () => {
    const { m, host } = await meetingWithPeople();
    const s = await openSocket(m.meetingUniqueId);
    const ids = Array.from({ length: 300 }, (_, i) => 1000 + i);
    for (const id of ids) s.send({ id, method: 'GET', path: 'chat', token: host.token });
    const codes = await Promise.all(ids.map(async (id) => (await s.answerTo(id)).code));
    assert.ok(codes.every((c) => c === 200 || c === ErrorCode.TOO_MANY_REQUESTS), String(new Set(codes)));
    assert.ok(codes.includes(ErrorCode.TOO_MANY_REQUESTS), 'some were refused');
    assert.ok(codes.filter((c) => c === 200).length >= 32);
    assert.equal((await s.call('GET', 'chat', host.token)).code, 200);
    s.ws.close();
  });

  test('binary or oversized frames close it', async () => {
    const { m } = await meetingWithPeople();
    const binary = await openSocket(m.meetingUniqueId);
    binary.ws.send(Buffer.from([1, 2, 3]));
    const [code] = (await once(binary.ws, 'close')) as [number];
    assert.equal(code, 1003);
    const huge = await openSocket(m.meetingUniqueId);
    huge.ws.send('x'.repeat(200 * 1024));
    const [code2] = (await once(huge.ws, 'close')) as [number];
    assert.equal(code2, 1009);
  });

  test('another site opens it only when the meeting tenant allows that origin', async () => {
    const { m, host } = await meetingWithPeople();
    const allowed = await openSocket(m.meetingUniqueId, { Origin: PORTAL });
    assert.equal((await allowed.call('GET', 'hello', host.token)).code, 200);
    assert.equal((await allowed.call('GET', 'waiting', host.token)).code, 200);
    // The tenant takes the origin back: an open socket's next call is refused too.
    await callApi(server.url, server.services.devTenant, '/v1/tenant/setEmbedOrigins', { embedOrigins: [] });
    try {
      assert.equal((await allowed.call('GET', 'waiting', host.token)).code, ErrorCode.ORIGIN_NOT_ALLOWED);
    } finally {
      await callApi(server.url, server.services.devTenant, '/v1/tenant/setEmbedOrigins', { embedOrigins: [PORTAL] });
    }
    allowed.ws.close();
    const refused = await refusedUpgrade(`/api/meetings/${m.meetingUniqueId}/socket`, { Origin: 'https://stranger.example' });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.code, ErrorCode.ORIGIN_NOT_ALLOWED);
    const other = await addTenant(server, 'socket-other');
    const theirs = (await callApi(server.url, other, '/v2/meeting/create', { type: 1, subject: 'Theirs' })).body.ret as { meetingUniqueId: number };
    assert.equal((await refusedUpgrade(`/api/meetings/${theirs.meetingUniqueId}/socket`, { Origin: PORTAL })).body.code, ErrorCode.ORIGIN_NOT_ALLOWED);
    assert.equal((await refusedUpgrade(`/api/meetings/${m.meetingUniqueId}/socket`, { Origin: 'null' })).status, 403);
  });

  test('only the socket path upgrades, with a valid meeting id', async () => {
    const wrongPath = await refusedUpgrade('/api/meetings/1/control');
    assert.equal(wrongPath.status, 404);
    assert.equal(wrongPath.body.code, ErrorCode.NOT_SUPPORTED);
    assert.equal((await refusedUpgrade('/api/meetings/abc/socket')).body.code, ErrorCode.INVALID_PARAMETER);
    assert.equal((await refusedUpgrade('/elsewhere')).status, 404);
  });

  test('one client holds a bounded number of sockets: an address, or an IPv6 /64, as the trusted proxy names it', async () => {
    for (const ws of opened) ws.close();
    await Promise.all(opened.map((ws) => (ws.readyState === ws.CLOSED ? undefined : once(ws, 'close'))));
    await new Promise((r) => setTimeout(r, 50));
    const { m } = await meetingWithPeople();
    const path = `/api/meetings/${m.meetingUniqueId}/socket`;
    const from = (address: string) => ({ 'X-Forwarded-For': address });
    const held: WebSocket[] = [];
    for (let i = 0; i < 4; i++) held.push((await openSocket(m.meetingUniqueId, from('203.0.113.5'))).ws);
    const refused = await refusedUpgrade(path, from('203.0.113.5'));
    assert.equal(refused.status, 429);
    assert.equal(refused.body.code, ErrorCode.TOO_MANY_REQUESTS);
    held.push((await openSocket(m.meetingUniqueId, from('203.0.113.6'))).ws);
    // Upgrades that fail after the place was taken (a bad key) give it back.
    for (let i = 0; i < 6; i++) {
      const bad = await refusedUpgrade(path, { ...from('198.51.100.7'), 'Sec-WebSocket-Key': 'not a key' });
      assert.equal(bad.status, 400);
    }
    await new Promise((r) => setTimeout(r, 50));
    for (let i = 0; i < 4; i++) held.push((await openSocket(m.meetingUniqueId, from('198.51.100.7'))).ws);
    for (let i = 1; i <= 4; i++) held.push((await openSocket(m.meetingUniqueId, from(`2001:db8:1:2::${i}`))).ws);
    assert.equal((await refusedUpgrade(path, from('2001:db8:1:2:ffff::9'))).status, 429);
    for (const ws of held) ws.close();
    await Promise.all(held.map((ws) => (ws.readyState === ws.CLOSED ? undefined : once(ws, 'close'))));
    await new Promise((r) => setTimeout(r, 50));
    (await openSocket(m.meetingUniqueId, from('203.0.113.5'))).ws.close();
  });

  test('any other upgrade is answered as a plain request', async () => {
    const res = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const url = new URL('/healthz', server.url);
      const req = request({ host: url.hostname, port: url.port, path: url.pathname, headers: { Connection: 'Upgrade', Upgrade: 'h2c' } });
      req.on('response', (r) => {
        let text = '';
        r.on('data', (c) => (text += c));
        r.on('end', () => resolve({ status: r.statusCode!, text }));
      });
      req.on('upgrade', () => reject(new Error('upgraded')));
      req.on('error', reject);
      req.end();
    });
    assert.equal(res.status, 200);
    assert.match(res.text, /"ok"/);
  });
});
