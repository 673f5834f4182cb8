import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { z } from 'zod';
import { emptyRet, envelopeSchema } from '../../src/protocol/responses.js';
import { jsonSchema, openApiPath } from '../../src/server/openapi.js';
import { isStream, type JsonOperation, type Operation } from '../../src/server/routes/operation.js';
import { operations } from '../../src/server/routes/table.js';
import { signedWebhook } from '../support/livekit-webhook.js';
import { callApi } from '../support/signed.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.stop());

type Doc = { openapi: string; paths: Record<string, Record<string, Record<string, any>>> };
const documentOf = async () => (await (await fetch(new URL('/openapi.json', server.url))).json()) as Doc;
const urlOf = (op: Operation) => new URL(op.path.replace(':id', '1'), server.url);

/** The answer schema the route table documents for a JSON operation. */
function documented(method: Operation['method'], path: string): z.ZodType {
  const op = operations.find((o) => o.method === method && o.path === path);
  assert.ok(op && !isStream(op), `${method} ${path} is a JSON operation of the table`);
  return (op as JsonOperation).ret;
}

test('/openapi.json is OpenAPI 3.1, generated from the route table: every operation, its schemas and its auth', async () => {
  const doc = await documentOf();
  assert.equal(doc.openapi, '3.1.0');
  const inDoc = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method} ${path}`));
  assert.deepEqual(inDoc.sort(), operations.map((op) => `${op.method} ${openApiPath(op.path)}`).sort());
  for (const op of operations) {
    const entry = doc.paths[openApiPath(op.path)]![op.method]!;
    assert.equal(entry.summary, op.summary);
    assert.deepEqual(entry.tags, [op.tag]);
    assert.equal(entry.security === undefined, op.auth === 'none', `${op.path}: security`);
    if (op.method === 'post' && op.request) assert.deepEqual(entry.requestBody.content['application/json'].schema, jsonSchema(op.request, 'input'), op.path);
    const answer = entry.responses['200'].content;
    if (isStream(op)) assert.deepEqual(Object.keys(answer), ['text/event-stream'], op.path);
    else assert.deepEqual(answer['application/json'].schema, jsonSchema(envelopeSchema(op.ret), 'output'), op.path);
  }
  const schema = doc.paths['/v2/meeting/create']!.post!.requestBody.content['application/json'].schema as { properties: Record<string, unknown>; required: string[] };
  assert.deepEqual(schema.required.sort(), ['subject', 'type']);
  assert.ok(schema.properties.settings && schema.properties.waitingRoom && schema.properties.numberLimit);
  const wait = doc.paths['/api/join/wait']!.get!;
  assert.deepEqual(wait.parameters.map((p: { name: string; in: string }) => `${p.in} ${p.name}`), ['query ticket']);
  const events = wait.responses['200'].content['text/event-stream'].schema.oneOf.map((e: { properties: { event: { const: string } } }) => e.properties.event.const);
  assert.deepEqual(events, ['waiting', 'admitted', 'refused']);
});

test('the route table drives the routes: every operation is served, with its auth', async () => {
  for (const op of operations) {
    const res = await fetch(urlOf(op), op.method === 'post' ? { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' } : {});
    const type = res.headers.get('content-type') ?? '';
    if (isStream(op)) {
      assert.match(type, /^text\/event-stream/, op.path);
      assert.match(await res.text(), /^event: refused\n/, op.path);
      continue;
    }
    const body = (await res.json()) as { code: number };
    assert.notEqual(body.code, 3003, `${op.method} ${op.path} is served`);
    // Without credentials, an operation that needs some is refused as unauthenticated (or, with a body check first, as malformed).
    if (op.auth === 'signature' || op.auth === 'bearer') assert.ok(res.status === 401 || res.status === 400, `${op.path} answered ${res.status} without credentials`);
  }
});

test('the readable reference page lists every operation', async () => {
  const page = await (await fetch(new URL('/docs', server.url))).text();
  for (const op of operations) assert.ok(page.includes(`${op.method.toUpperCase()} ${openApiPath(op.path)}`), op.path);
});

test('real answers match the documented answer schemas', async () => {
  const tenant = server.services.devTenant;
  const check = (schema: z.ZodType, body: unknown, what: string) => {
    const result = envelopeSchema(schema).safeParse(body);
    assert.ok(result.success, `${what}: ${result.success ? '' : JSON.stringify(result.error.issues)}`);
  };
  const post = (path: string) => documented('post', path);
  check(documented('get', '/healthz'), await (await fetch(new URL('/healthz', server.url))).json(), 'healthz');
  const account = await callApi(server.url, tenant, '/v1/account/create', { shortId: '55501' });
  check(post('/v1/account/create'), account.body, 'account/create');
  check(post('/v1/account/getByAccountId'), (await callApi(server.url, tenant, '/v1/account/getByAccountId', { accountId: account.body.ret.accountId })).body, 'getByAccountId');
  check(post('/v1/account/updateToken'), (await callApi(server.url, tenant, '/v1/account/updateToken', { accountId: account.body.ret.accountId, accountToken: 'token-abcdef' })).body, 'updateToken');
  const start = Date.now() + 3600_000;
  const meeting = await callApi(server.url, tenant, '/v2/meeting/create', { type: 2, host: account.body.ret.accountId, subject: 'Doc', topics: [{ title: 't' }] });
  check(post('/v2/meeting/create'), meeting.body, 'meeting/create personal');
  check(post('/v2/meeting/create'), (await callApi(server.url, tenant, '/v2/meeting/create', { type: 3, subject: 'Doc', startTime: start, endTime: start + 1 })).body, 'meeting/create scheduled');
  check(post('/v2/meeting/get'), (await callApi(server.url, tenant, '/v2/meeting/get', { meetingUniqueId: meeting.body.ret.meetingUniqueId })).body, 'meeting/get');
  check(post('/v2/meeting/list'), (await callApi(server.url, tenant, '/v2/meeting/list', {})).body, 'meeting/list');
  check(emptyRet, (await callApi(server.url, tenant, '/v2/meeting/get', { meetingUniqueId: 424242 })).body, 'a refusal');
  const name = `doc-${Date.now()}`;
  check(post('/v1/user/add'), (await callApi(server.url, tenant, '/v1/user/add', { name, password: 'password123' })).body, 'user/add');
  const login = await fetch(new URL('/v1/user/login', server.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name, password: 'password123' }) });
  check(post('/v1/user/login'), await login.json(), 'user/login');
  const join = await fetch(new URL('/api/join', server.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: meeting.body.ret.meetingId, name: 'Doc' }) });
  check(post('/api/join'), await join.json(), 'api/join');
  const host = await fetch(new URL('/api/join', server.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(Object.fromEntries(new URL(meeting.body.ret.hostLink).searchParams)) });
  const { token, identity } = ((await host.json()) as { ret: { token: string; identity: string } }).ret;
  // Only a host in the room reads the waiting room: LiveKit tells the server they connected.
  const { room_name } = (await server.services.meetings.findById(meeting.body.ret.meetingUniqueId))!;
  const { apiKey, apiSecret } = server.config.livekit;
  const arrived = await signedWebhook(apiKey, apiSecret, { event: 'participant_joined', id: 'EV_doc_host', createdAt: Math.floor(Date.now() / 1000), room: { name: room_name }, participant: { identity, sid: 'PA_doc_host' } });
  await fetch(new URL('/livekit/webhook', server.url), { method: 'POST', headers: { 'Content-Type': 'application/webhook+json', Authorization: arrived.authorization }, body: arrived.body });
  const waiting = (await (await fetch(new URL(`/api/meetings/${meeting.body.ret.meetingUniqueId}/waiting`, server.url), { headers: { Authorization: `Bearer ${token}` } })).json()) as { code: number };
  assert.equal(waiting.code, 200);
  check(documented('get', '/api/meetings/:id/waiting'), waiting, 'waiting room');
});
