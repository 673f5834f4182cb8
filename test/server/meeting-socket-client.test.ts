import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MeetingClientError } from '../../src/client/join-api.js';
import { httpMeetingApi, type MeetingApi, type Seat } from '../../src/client/meeting-api.js';
import { socketMeetingApi } from '../../src/client/meeting-socket.js';
import { ErrorCode } from '../../src/protocol/errors.js';
import { eventually } from '../support/eventually.js';
import { FakeLivekit } from '../support/fake-livekit.js';
import { createMeeting, enterRoom, linkParams, type Grant } from '../support/meeting-api.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

// The page's side of the meeting socket (src/client/meeting-socket.ts), with Node's own WebSocket.
let server: TestServer;
const livekit = new FakeLivekit();

before(async () => {
  server = await startTestServer({ livekitAdmin: livekit });
});
after(() => server.stop());

/** httpMeetingApi, counting the calls that went over HTTP. */
function countingHttp(): MeetingApi & { overHttp: string[] } {
  const overHttp: string[] = [];
  const api = { ...httpMeetingApi, overHttp } as MeetingApi & { overHttp: string[] };
  for (const name of ['control', 'hand', 'self', 'waiting', 'chat', 'chatHistory', 'reaction'] as const) {
    const original = httpMeetingApi[name] as (...args: unknown[]) => Promise<unknown>;
    (api as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
      overHttp.push(name);
      return original(...args);
    };
  }
  return api;
}

async function seats(): Promise<{ host: Seat; guest: Seat; guestIdentity: string }> {
  const m = await createMeeting(server, { subject: 'Client socket' });
  const host = await enterRoom(server, m, { ...linkParams(m.hostLink), name: 'Hana' });
  const guest = await enterRoom(server, m, { name: 'Gus' });
  const seat = (g: Grant): Seat => ({ server: server.url, meetingId: m.meetingUniqueId, token: g.token });
  return { host: seat(host), guest: seat(guest), guestIdentity: guest.identity };
}

test('held, calls go over the socket once it is ready, with the same answers and refusals as HTTP', async () => {
  const http = countingHttp();
  const api = socketMeetingApi(http);
  const { host, guest, guestIdentity } = await seats();
  const release = api.hold!(() => host);
  await eventually('the socket is ready', async () => {
    const before = http.overHttp.length;
    assert.deepEqual(await api.waiting(host), []);
    return http.overHttp.length === before;
  });
  const sent = http.overHttp.length;
  livekit.take();
  await api.control(host, { action: 'mute', target: guestIdentity });
  assert.ok(livekit.calls.some((c) => c.op === 'mute'));
  const refusal = await api.control(host, { action: 'nope' } as never).catch((e: unknown) => e);
  assert.ok(refusal instanceof MeetingClientError);
  assert.equal(refusal.code, ErrorCode.INVALID_PARAMETER);
  const message = await api.chat(host, { text: 'over the socket' });
  assert.equal(message.text, 'over the socket');
  assert.equal(http.overHttp.length, sent, 'nothing more over HTTP');

  // Each call carries its own seat's token: another person's call over the same socket is theirs.
  const notHost = await api.control(guest, { action: 'lock', locked: true }).catch((e: unknown) => e);
  assert.ok(notHost instanceof MeetingClientError);
  assert.equal(notHost.code, ErrorCode.NOT_HOST);
  assert.equal(http.overHttp.length, sent);
  release();
});

test('when the socket goes, calls fall back to HTTP; released, it is closed', async () => {
  const http = countingHttp();
  const api = socketMeetingApi(http);
  const { host } = await seats();
  const release = api.hold!(() => host);
  const overSocket = async () => {
    const before = http.overHttp.length;
    await api.waiting(host);
    return http.overHttp.length === before;
  };
  await eventually('the socket is ready', overSocket);
  // The server ends every socket (as a restart would): the calls go on over HTTP, then a new socket takes them.
  server.sockets.drop();
  await eventually('calls over HTTP', async () => !(await overSocket()));
  assert.deepEqual(await api.waiting(host), []);
  await eventually('a new socket', overSocket, { timeoutMs: 20_000, intervalMs: 200 });
  release();
  await eventually('released: over HTTP', async () => !(await overSocket()));
});

test('what the server pushes reaches the held seat: a host muting me', async () => {
  const http = countingHttp();
  const api = socketMeetingApi(http);
  const { host, guest, guestIdentity } = await seats();
  const heard: unknown[] = [];
  const release = api.hold!(() => guest, (push) => heard.push(push));
  // Ready once a call no longer goes over HTTP (the guest's waiting list is refused either way).
  await eventually('the socket is ready', async () => {
    const before = http.overHttp.length;
    await api.waiting(guest).catch(() => undefined);
    return http.overHttp.length === before;
  });
  await httpMeetingApi.control(host, { action: 'mute', target: guestIdentity });
  await eventually('the push heard', () => heard.length > 0);
  assert.deepEqual(heard, [{ push: 'mute', source: 'microphone' }]);
  release();
});
