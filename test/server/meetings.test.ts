import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { callApi, hmacHeaders, signedHeaders } from '../support/signed.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
let tenant: { appKey: string; appSecret: string };

before(async () => {
  server = await startTestServer();
  tenant = server.services.devTenant;
});
after(() => server.stop());

async function rawPost(path: string, body: string, headers: Record<string, string>) {
  const res = await fetch(new URL(path, server.url), { method: 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as { code: number; msg: string; requestId: string } };
}

describe('POST /v2/meeting/create', () => {
  test('creates an instant meeting with a 9-digit code and absolute links', async () => {
    const { status, body } = await callApi(server.url, tenant, '/v2/meeting/create', { type: 1, subject: 'Weekly sync 周会' });
    assert.equal(status, 200);
    assert.equal(body.code, 200);
    assert.match(body.requestId, /^[0-9a-f-]{36}$/);
    assert.match(body.costTime, /^\d+ms$/);
    const m = body.ret;
    assert.match(m.meetingId, /^[1-9]\d{8}$/);
    assert.equal(typeof m.meetingUniqueId, 'number');
    assert.equal(m.status, 1);
    assert.equal(m.type, 1);
    assert.equal(m.subject, 'Weekly sync 周会');
    assert.equal(m.endTime, -1);
    assert.equal(m.password, '');
    const host = new URL(m.hostLink);
    assert.equal(host.origin, server.url);
    assert.equal(host.searchParams.get('code'), m.meetingId);
    assert.equal(host.searchParams.get('role'), 'host');
    assert.ok(host.searchParams.get('hk'));
    const guest = new URL(m.guestLink);
    assert.equal(guest.searchParams.get('code'), m.meetingId);
    assert.equal(guest.searchParams.get('hk'), null);
  });

  test('codes are not sequential', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push(Number((await callApi(server.url, tenant, '/v2/meeting/create', { type: 1, subject: 's' })).body.ret.meetingId));
    const steps = new Set(codes.slice(1).map((c, i) => c - codes[i]!));
    assert.ok(steps.size > 1, `codes ${codes.join(',')} advance in a fixed step`);
  });

  test('get answers the stored meeting, and another id is 2000', async () => {
    const created = (await callApi(server.url, tenant, '/v2/meeting/create', { type: 1, subject: 'get me' })).body.ret;
    const got = await callApi(server.url, tenant, '/v2/meeting/get', { meetingUniqueId: created.meetingUniqueId });
    assert.equal(got.body.code, 200);
    assert.equal(got.body.ret.meetingId, created.meetingId);
    assert.equal(got.body.ret.valid, true);
    const missing = await callApi(server.url, tenant, '/v2/meeting/get', { meetingUniqueId: 999999 });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.code, 2000);
  });

  const refusals: Array<[string, unknown, number, number]> = [
    ['missing subject', { type: 1 }, 301, 400],
    ['missing type', { subject: 'x' }, 301, 400],
    ['subject over 30 characters', { type: 1, subject: 'x'.repeat(31) }, 2017, 400],
    ['empty subject', { type: 1, subject: '   ' }, 2017, 400],
    ['subject of the wrong type', { type: 1, subject: 42 }, 2017, 400],
    ['an unknown meeting type', { type: 4, subject: 'x' }, 2023, 400],
    ['a scheduled meeting without times', { type: 3, subject: 'x' }, 301, 400],
    ['a scheduled meeting ending before it starts', { type: 3, subject: 'x', startTime: Date.now() + 7200_000, endTime: Date.now() + 3600_000 }, 300, 400],
    ['a scheduled meeting already over', { type: 3, subject: 'x', startTime: Date.now() - 7200_000, endTime: Date.now() - 3600_000 }, 300, 400],
    ['a personal meeting without host', { type: 2, subject: 'x' }, 301, 400],
    ['an unknown host', { type: 1, subject: 'x', host: 'ffffffffffffffff' }, 1014, 404],
    ['a bad definition', { type: 1, subject: 'x', definition: '4k' }, 300, 400],
    ['capacity 0', { type: 1, subject: 'x', numberLimit: 0 }, 300, 400],
    ['attendeeOff 3', { type: 1, subject: 'x', settings: { controls: [{ type: 'audio', attendeeOff: 3 }] } }, 300, 400],
    ['unknown field', { type: 1, subject: 'x', colour: 'red' }, 300, 400],
    ['body is an array', [1, 2], 300, 400],
  ];
  for (const [what, body, code, status] of refusals) {
    test(`refuses ${what} with ${code}`, async () => {
      const before = await server.db.selectFrom('meetings').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      const res = await callApi(server.url, tenant, '/v2/meeting/create', body);
      assert.equal(res.body.code, code, res.body.msg);
      assert.equal(res.status, status);
      assert.ok(res.body.msg.length > 0);
      const afterCount = await server.db.selectFrom('meetings').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      assert.equal(afterCount.n, before.n, 'a refused request changed the stored meetings');
    });
  }

  test('malformed JSON is 300 in the envelope, not a stack trace', async () => {
    const res = await rawPost('/v2/meeting/create', '{"type":1,', signedHeaders(tenant.appKey, tenant.appSecret));
    assert.equal(res.status, 400);
    assert.equal(res.body.code, 300);
    assert.doesNotMatch(res.text, /at .*\.(ts|js):\d+/);
  });

  test('a body that is not JSON is 302, a charset that is not UTF-8 is 303', async () => {
    const headers = signedHeaders(tenant.appKey, tenant.appSecret);
    const asText = await rawPost('/v2/meeting/create', 'type=1', { ...headers, 'Content-Type': 'text/plain' });
    assert.equal(asText.body.code, 302);
    const latin1 = await rawPost('/v2/meeting/create', '{}', { ...signedHeaders(tenant.appKey, tenant.appSecret), 'Content-Type': 'application/json; charset=iso-8859-1' });
    assert.equal(latin1.body.code, 303);
  });
});

describe('request signatures (SPEC M8)', () => {
  const body = JSON.stringify({ type: 1, subject: 'signed' });

  test('no headers: 302', async () => {
    const res = await rawPost('/v2/meeting/create', body, { 'Content-Type': 'application/json' });
    assert.equal(res.body.code, 302);
    assert.equal(res.status, 401);
  });

  test('wrong secret: 401', async () => {
    const res = await rawPost('/v2/meeting/create', body, signedHeaders(tenant.appKey, 'not-the-secret'));
    assert.equal(res.body.code, 401);
    assert.equal(res.status, 401);
  });

  test('unknown AppKey: 401', async () => {
    const res = await rawPost('/v2/meeting/create', body, signedHeaders('nobody', tenant.appSecret));
    assert.equal(res.body.code, 401);
  });

  test('CurTime more than 60 s off: 2110, in ms and in seconds', async () => {
    const stale = await rawPost('/v2/meeting/create', body, signedHeaders(tenant.appKey, tenant.appSecret, { curTime: String(Date.now() - 61_000) }));
    assert.equal(stale.body.code, 2110);
    const future = await rawPost('/v2/meeting/create', body, signedHeaders(tenant.appKey, tenant.appSecret, { curTime: String(Math.floor(Date.now() / 1000) + 90) }));
    assert.equal(future.body.code, 2110);
    const seconds = await rawPost('/v2/meeting/create', body, signedHeaders(tenant.appKey, tenant.appSecret, { curTime: String(Math.floor(Date.now() / 1000)) }));
    assert.equal(seconds.body.code, 200);
  });

  test('a reused nonce: 2109', async () => {
    const nonce = `n-${Math.random()}`;
    const first = await rawPost('/v2/meeting/create', body, signedHeaders(tenant.appKey, tenant.appSecret, { nonce }));
    assert.equal(first.body.code, 200);
    const again = await rawPost('/v2/meeting/create', body, signedHeaders(tenant.appKey, tenant.appSecret, { nonce }));
    assert.equal(again.body.code, 2109);
  });
});

describe('HMAC-SHA256 signatures (SPEC M8, recommended)', () => {
  const path = '/v2/meeting/create';
  const body = JSON.stringify({ type: 1, subject: 'hmac' });

  test('a good signature is accepted', async () => {
    const res = await rawPost(path, body, hmacHeaders(tenant.appKey, tenant.appSecret, path, body));
    assert.equal(res.body.code, 200, res.body.msg);
  });

  test('the signature binds body, path, time and nonce', async () => {
    const headers = hmacHeaders(tenant.appKey, tenant.appSecret, path, body);
    const otherBody = await rawPost(path, JSON.stringify({ type: 1, subject: 'changed' }), headers);
    assert.equal(otherBody.body.code, 401);
    const otherPath = await rawPost('/v2/meeting/list', body, hmacHeaders(tenant.appKey, tenant.appSecret, path, body));
    assert.equal(otherPath.body.code, 401);
    const swappedNonce = await rawPost(path, body, { ...hmacHeaders(tenant.appKey, tenant.appSecret, path, body), Nonce: 'another' });
    assert.equal(swappedNonce.body.code, 401);
    const wrongKey = await rawPost(path, body, hmacHeaders(tenant.appKey, 'wrong-secret', path, body));
    assert.equal(wrongKey.body.code, 401);
  });

  test('stale time and reused nonces are refused as with CheckSum', async () => {
    const stale = await rawPost(path, body, hmacHeaders(tenant.appKey, tenant.appSecret, path, body, { curTime: String(Date.now() - 120_000) }));
    assert.equal(stale.body.code, 2110);
    const nonce = `h-${Math.random()}`;
    assert.equal((await rawPost(path, body, hmacHeaders(tenant.appKey, tenant.appSecret, path, body, { nonce }))).body.code, 200);
    assert.equal((await rawPost(path, body, hmacHeaders(tenant.appKey, tenant.appSecret, path, body, { nonce }))).body.code, 2109);
  });
});

describe('operations (M12)', () => {
  test('an unreachable media server is a typed 512 (HTTP 429), not a 500', async () => {
    const res = await callApi(server.url, tenant, '/v1/ops/status', {});
    assert.equal(res.body.code, 512);
    assert.equal(res.status, 429);
  });
});

describe('plumbing', () => {
  test('GET /healthz', async () => {
    const res = await fetch(new URL('/healthz', server.url));
    const body = (await res.json()) as { code: number; ret: { status: string } };
    assert.equal(body.code, 200);
    assert.equal(body.ret.status, 'ok');
  });

  test('an unknown route is a typed 404 in the envelope', async () => {
    for (const method of ['GET', 'POST']) {
      const res = await fetch(new URL('/v9/nothing', server.url), { method, headers: { 'Content-Type': 'application/json' }, body: method === 'POST' ? '{}' : undefined });
      assert.equal(res.status, 404);
      assert.equal(((await res.json()) as { code: number }).code, 3003);
    }
    const signedUnknown = await callApi(server.url, tenant, '/v2/meeting/nothing', {});
    assert.equal(signedUnknown.status, 404);
    assert.equal(signedUnknown.body.code, 3003);
    const res = await fetch(new URL('/no/such/page', server.url));
    assert.equal(res.status, 404);
    assert.equal(((await res.json()) as { code: number }).code, 3003);
  });

  test('the demo page creates a meeting for the dev tenant without a signature, and refuses bad input', async () => {
    const post = (body: string) => fetch(new URL('/demo/api/meetings', server.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    const ok = (await (await post('{"subject":"Demo 演示"}')).json()) as { code: number; ret: { meetingId: string; hostLink: string; subject: string } };
    assert.equal(ok.code, 200);
    assert.equal(ok.ret.subject, 'Demo 演示');
    assert.match(ok.ret.hostLink, /[?&]hk=/);
    assert.equal(((await (await post(`{"subject":"${'x'.repeat(31)}"}`)).json()) as { code: number }).code, 300);
    assert.equal(((await (await post('{"subject":"a","type":3}')).json()) as { code: number }).code, 300);
    const page = await fetch(new URL('/demo/', server.url));
    assert.equal(page.status, 200);
  });

  test('the join page and the bundle are served', async () => {
    const page = await fetch(new URL('/join?code=123456789', server.url));
    assert.equal(page.status, 200);
    const text = await page.text();
    assert.match(text, /<meeting-room use-page-url>/);
    assert.match(text, /<html lang="en">/);
    // The page says the language the element will speak: the link's, else the browser's.
    const langOf = async (path: string, headers: Record<string, string> = {}) => /<html lang="([^"]+)">/.exec(await (await fetch(new URL(path, server.url), { headers })).text())?.[1];
    assert.equal(await langOf('/join?code=123456789&lang=zh-CN'), 'zh-CN');
    assert.equal(await langOf('/join?code=123456789', { 'Accept-Language': 'zh-CN,zh;q=0.9,en;q=0.8' }), 'zh-CN');
    assert.equal(await langOf('/join?code=123456789&lang=en', { 'Accept-Language': 'zh-CN' }), 'en');
    assert.equal(await langOf('/join?code=123456789', { 'Accept-Language': 'fr,zh;q=0.8' }), 'en', 'the first language, as the element takes it');
    assert.equal(await langOf('/join?code=123456789&lang=%22%3E%3Cscript%3E'), 'en', 'nothing of the link is written into the page');
    const bundle = await fetch(new URL('/assets/meeting-room.js', server.url));
    assert.equal(bundle.status, 200);
    assert.match(bundle.headers.get('content-type') ?? '', /javascript/);
  });
});
