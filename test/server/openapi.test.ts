import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { z } from 'zod';
import { accountObjectSchema, userObjectSchema, emptyRet, envelopeSchema, joinGrantSchema, meetingListSchema, meetingObjectSchema } from '../../src/protocol/responses.js';
import { createApp } from '../../src/server/app.js';
import { openApiPath } from '../../src/server/openapi.js';
import { callApi } from '../support/signed.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.stop());

/** Every POST route path that the Express app serves, walked from its router. */
function postRoutes(): string[] {
  const app = createApp({ config: { ...server.config, publicUrl: server.url }, services: server.services, log: server.log, pages: { assetsDir: '.' } });
  const found: string[] = [];
  const walk = (stack: Array<{ route?: { path: string | string[]; methods: Record<string, boolean> }; handle?: { stack?: unknown[] } }>) => {
    for (const layer of stack) {
      if (layer.route?.methods.post) found.push(...[layer.route.path].flat());
      else if (layer.handle?.stack) walk(layer.handle.stack as typeof stack);
    }
  };
  walk((app as unknown as { router: { stack: Parameters<typeof walk>[0] } }).router.stack);
  return found.filter((p) => p.startsWith('/v1/') || p.startsWith('/v2/') || p.startsWith('/api/')).map(openApiPath).sort();
}

test('/openapi.json is OpenAPI 3.1 and documents exactly the routes the server has', async () => {
  const doc = (await (await fetch(new URL('/openapi.json', server.url))).json()) as { openapi: string; paths: Record<string, { post: { requestBody: unknown } }> };
  assert.equal(doc.openapi, '3.1.0');
  assert.deepEqual(Object.keys(doc.paths).sort(), postRoutes());
  const create = doc.paths['/v2/meeting/create']!.post.requestBody as { content: { 'application/json': { schema: { properties: Record<string, unknown>; required: string[] } } } };
  const schema = create.content['application/json'].schema;
  assert.deepEqual(schema.required.sort(), ['subject', 'type']);
  assert.ok(schema.properties.settings && schema.properties.waitingRoom && schema.properties.numberLimit);
});

test('the readable reference page lists every operation', async () => {
  const page = await (await fetch(new URL('/docs', server.url))).text();
  for (const path of postRoutes()) assert.ok(page.includes(`POST ${path}`), path);
});

test('real answers match the documented answer schemas', async () => {
  const tenant = server.services.devTenant;
  const check = (schema: z.ZodType, body: unknown, what: string) => {
    const result = envelopeSchema(schema).safeParse(body);
    assert.ok(result.success, `${what}: ${result.success ? '' : JSON.stringify(result.error.issues)}`);
  };
  const account = await callApi(server.url, tenant, '/v1/account/create', { shortId: '55501' });
  check(accountObjectSchema, account.body, 'account/create');
  check(accountObjectSchema, (await callApi(server.url, tenant, '/v1/account/getByAccountId', { accountId: account.body.ret.accountId })).body, 'getByAccountId');
  check(emptyRet, (await callApi(server.url, tenant, '/v1/account/updateToken', { accountId: account.body.ret.accountId, accountToken: 'token-abcdef' })).body, 'updateToken');
  const start = Date.now() + 3600_000;
  const meeting = await callApi(server.url, tenant, '/v2/meeting/create', { type: 2, host: account.body.ret.accountId, subject: 'Doc', topics: [{ title: 't' }] });
  check(meetingObjectSchema, meeting.body, 'meeting/create personal');
  check(meetingObjectSchema, (await callApi(server.url, tenant, '/v2/meeting/create', { type: 3, subject: 'Doc', startTime: start, endTime: start + 1 })).body, 'meeting/create scheduled');
  check(meetingObjectSchema, (await callApi(server.url, tenant, '/v2/meeting/get', { meetingUniqueId: meeting.body.ret.meetingUniqueId })).body, 'meeting/get');
  check(meetingListSchema, (await callApi(server.url, tenant, '/v2/meeting/list', {})).body, 'meeting/list');
  check(emptyRet, (await callApi(server.url, tenant, '/v2/meeting/get', { meetingUniqueId: 424242 })).body, 'a refusal');
  const name = `doc-${Date.now()}`;
  check(userObjectSchema, (await callApi(server.url, tenant, '/v1/user/add', { name, password: 'password123' })).body, 'user/add');
  const login = await fetch(new URL('/v1/user/login', server.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name, password: 'password123' }) });
  check(z.strictObject({ SID: z.string(), user: userObjectSchema, company: z.string() }), await login.json(), 'user/login');
  const join = await fetch(new URL('/api/join', server.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: meeting.body.ret.meetingId, name: 'Doc' }) });
  check(joinGrantSchema, await join.json(), 'api/join');
});
