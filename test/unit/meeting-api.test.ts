import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { MeetingClientError } from '../../src/client/join-api.js';
import { ErrorCode } from '../../src/protocol/errors.js';
import { httpMeetingApi } from '../../src/client/meeting-api.js';

/** What the page sent; the server answers each path as the test set it. */
const requests: Array<{ method: string; path: string; auth?: string; body: unknown }> = [];
const answers = new Map<string, { status: number; text: string }>();
const envelope = (code: number, msg: string, ret?: unknown) => ({ status: code === 200 ? 200 : 400, text: JSON.stringify({ code, msg, requestId: 'r', costTime: '1ms', ret }) });

const server = createServer(async (req: IncomingMessage, res) => {
  let raw = '';
  for await (const chunk of req) raw += chunk;
  requests.push({ method: req.method!, path: req.url!, auth: req.headers.authorization, body: raw ? JSON.parse(raw) : undefined });
  const answer = answers.get(req.url!) ?? envelope(404, 'no');
  res.writeHead(answer.status, { 'Content-Type': 'application/json' }).end(answer.text);
});
let base = '';
before(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

async function refused(call: Promise<unknown>): Promise<MeetingClientError> {
  const err = await call.then(
    () => assert.fail('not refused'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof MeetingClientError);
  return err;
}

test('join posts the link parameters and answers the grant, or the refusal with its start time', async () => {
  const grant = { serverUrl: 'ws://lk', token: 't', identity: 'p', name: 'P', role: 'attendee', roleDowngraded: false, meeting: { meetingUniqueId: 1, meetingId: '1', subject: '', status: 1, startTime: 0 } };
  answers.set('/api/join', envelope(200, 'success', grant));
  assert.deepEqual(await httpMeetingApi.join(base, { code: '123456789' }), grant);
  assert.deepEqual(requests.at(-1), { method: 'POST', path: '/api/join', auth: undefined, body: { code: '123456789' } });

  answers.set('/api/join', envelope(2030, 'not started', { startTime: 1234 }));
  const err = await refused(httpMeetingApi.join(base, { code: '123456789' }));
  assert.deepEqual([err.code, err.msg, err.startTime], [2030, 'not started', 1234]);

  answers.set('/api/join', { status: 502, text: '<html>bad gateway</html>' });
  assert.equal((await refused(httpMeetingApi.join(base, {}))).code, ErrorCode.CONNECTION_FAILED);
});

test('calls as a member carry the token as bearer: POST with a body, GET without', async () => {
  const seat = { server: base, meetingId: 7, token: 'tok' };
  answers.set('/api/meetings/7/control', envelope(200, 'success'));
  answers.set('/api/meetings/7/hand', envelope(200, 'success'));
  answers.set('/api/meetings/7/waiting', envelope(200, 'success', [{ identity: 'g', name: 'G', since: 1 }]));
  await httpMeetingApi.control(seat, { action: 'mute', target: 'p' });
  await httpMeetingApi.hand(seat, true);
  assert.deepEqual(await httpMeetingApi.waiting(seat), [{ identity: 'g', name: 'G', since: 1 }]);
  assert.deepEqual(requests.slice(-3), [
    { method: 'POST', path: '/api/meetings/7/control', auth: 'Bearer tok', body: { action: 'mute', target: 'p' } },
    { method: 'POST', path: '/api/meetings/7/hand', auth: 'Bearer tok', body: { raised: true } },
    { method: 'GET', path: '/api/meetings/7/waiting', auth: 'Bearer tok', body: undefined },
  ]);

  answers.set('/api/meetings/7/self', envelope(2100, 'hosts only'));
  const err = await refused(httpMeetingApi.self(seat, { action: 'rename', name: 'x' }));
  assert.deepEqual([err.code, err.msg], [2100, 'hosts only']);
});

test('an unreachable server is CONNECTION_FAILED', async () => {
  const err = await refused(httpMeetingApi.waiting({ server: 'http://127.0.0.1:9', meetingId: 1, token: 't' }));
  assert.equal(err.code, ErrorCode.CONNECTION_FAILED);
});
