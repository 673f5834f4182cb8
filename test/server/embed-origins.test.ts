import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { callApi } from '../support/signed.js';
import { addTenant, startTestServer, type TestServer } from '../support/test-server.js';

// Issue 11 part 1: per-tenant embed origins drive CORS and /embed's frame-ancestors.
const PORTAL = 'http://portal.test:8080';
const SHOP = 'https://shop.example';
const STRANGER = 'https://evil.example';

let server: TestServer;
let other: { id: number; appKey: string; appSecret: string };
let meeting: { meetingUniqueId: number; meetingId: string; hostLink: string };
let hostToken: string;

before(async () => {
  server = await startTestServer({ env: { EMBED_ORIGINS: `${PORTAL}, ${SHOP}` } });
  other = await addTenant(server, 'embed-other');
  meeting = (await callApi(server.url, server.services.devTenant, '/v2/meeting/create', { type: 1, subject: 'Embedded' })).body.ret;
  const host = await post('/api/join', Object.fromEntries(new URL(meeting.hostLink).searchParams));
  hostToken = host.body.ret.token;
});
after(() => server.stop());

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(new URL(path, server.url), { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { res, body: (await res.json()) as { code: number; msg: string; ret?: any } };
}

function preflight(path: string, origin: string, headers = 'content-type') {
  return fetch(new URL(path, server.url), { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': headers } });
}

/** What a browser needs to let the page read the answer; never credentials. */
function assertGranted(res: Response, origin: string) {
  assert.equal(res.headers.get('access-control-allow-origin'), origin);
  assert.equal(res.headers.get('access-control-allow-credentials'), null);
  assert.match(res.headers.get('vary') ?? '', /Origin/);
}

function assertNotGranted(res: Response) {
  assert.equal(res.headers.get('access-control-allow-origin'), null);
  assert.equal(res.headers.get('access-control-allow-credentials'), null);
}

describe('tenant embed origins (REST)', () => {
  test('EMBED_ORIGINS sets the dev tenant\'s list; getSettings reads it with the callback URL', async () => {
    const res = await callApi(server.url, server.services.devTenant, '/v1/tenant/getSettings', {});
    assert.equal(res.body.code, 200, res.body.msg);
    assert.deepEqual(res.body.ret, { callbackUrl: '', embedOrigins: [PORTAL, SHOP], logoUrl: '', accentColor: '' });
  });

  test('set replaces the list (duplicates folded), [] clears it, and each tenant has its own', async () => {
    const get = async () => (await callApi(server.url, other, '/v1/tenant/getSettings', {})).body.ret.embedOrigins;
    assert.deepEqual(await get(), []);
    const set = await callApi(server.url, other, '/v1/tenant/setEmbedOrigins', { embedOrigins: ['https://a.example', 'http://127.0.0.1:4000', 'https://a.example'] });
    assert.equal(set.body.code, 200, set.body.msg);
    assert.deepEqual(await get(), ['https://a.example', 'http://127.0.0.1:4000']);
    await callApi(server.url, other, '/v1/tenant/setEmbedOrigins', { embedOrigins: ['https://b.example'] });
    assert.deepEqual(await get(), ['https://b.example']);
    await callApi(server.url, other, '/v1/tenant/setEmbedOrigins', { embedOrigins: [] });
    assert.deepEqual(await get(), []);
    assert.deepEqual((await callApi(server.url, server.services.devTenant, '/v1/tenant/getSettings', {})).body.ret.embedOrigins, [PORTAL, SHOP]);
  });

  test('only exact origins are taken: no path, slash, other scheme, upper case or wildcard', async () => {
    for (const bad of ['https://a.example/', 'https://a.example/page', 'ftp://a.example', 'https://A.example', '*', 'https://*.example', 'null', '']) {
      const res = await callApi(server.url, other, '/v1/tenant/setEmbedOrigins', { embedOrigins: [bad] });
      assert.equal(res.body.code, 300, bad);
    }
    const tooMany = Array.from({ length: 101 }, (_, i) => `https://s${i}.example`);
    assert.equal((await callApi(server.url, other, '/v1/tenant/setEmbedOrigins', { embedOrigins: tooMany })).body.code, 300);
    assert.equal((await callApi(server.url, other, '/v1/tenant/setEmbedOrigins', {})).body.code, 301);
  });

  test('the settings calls need the tenant signature', async () => {
    const { res, body } = await post('/v1/tenant/setEmbedOrigins', { embedOrigins: [STRANGER] });
    assert.equal(res.status, 401);
    assert.equal(body.code, 302);
  });
});

describe('CORS for embedding pages', () => {
  test('the bundle: granted to an origin some tenant allows, not to others, nothing for same-origin', async () => {
    const allowed = await fetch(new URL('/assets/meeting-room.js', server.url), { headers: { Origin: SHOP } });
    assert.equal(allowed.status, 200);
    assertGranted(allowed, SHOP);
    assertNotGranted(await fetch(new URL('/assets/meeting-room.js', server.url), { headers: { Origin: STRANGER } }));
    assertNotGranted(await fetch(new URL('/assets/meeting-room.js', server.url), { headers: { Origin: server.url } }));
  });

  test('/api/join: the preflight is answered for any page, so that a refusal is readable', async () => {
    for (const origin of [PORTAL, STRANGER]) {
      const res = await preflight('/api/join', origin);
      assert.equal(res.status, 204);
      assertGranted(res, origin);
      assert.match(res.headers.get('access-control-allow-methods') ?? '', /POST/);
      assert.match(res.headers.get('access-control-allow-headers') ?? '', /Content-Type/i);
    }
  });

  test('/api/join: an allowed origin gets the grant; another gets 2120 and no token; the server\'s own pages are unaffected', async () => {
    const allowed = await post('/api/join', { code: meeting.meetingId, name: 'Portal guest' }, { Origin: PORTAL });
    assert.equal(allowed.body.code, 200, allowed.body.msg);
    assert.ok(allowed.body.ret.token);
    assertGranted(allowed.res, PORTAL);
    assert.equal(allowed.res.headers.get('access-control-expose-headers'), 'X-Request-Id');

    const refused = await post('/api/join', { code: meeting.meetingId, name: 'Evil guest' }, { Origin: STRANGER });
    assert.equal(refused.body.code, 2120);
    assert.equal(refused.res.status, 403);
    assert.equal(refused.body.ret, undefined);
    assertGranted(refused.res, STRANGER);

    const own = await post('/api/join', { code: meeting.meetingId, name: 'Own page' }, { Origin: server.url });
    assert.equal(own.body.code, 200, own.body.msg);
    assertNotGranted(own.res);
  });

  test('/api/join: a tenant allows its own origins only, and an opaque origin never', async () => {
    const theirs = (await callApi(server.url, other, '/v2/meeting/create', { type: 1, subject: 'Other tenant' })).body.ret;
    await callApi(server.url, other, '/v1/tenant/setEmbedOrigins', { embedOrigins: ['https://other.example'] });
    assert.equal((await post('/api/join', { code: theirs.meetingId, name: 'X' }, { Origin: PORTAL })).body.code, 2120);
    assert.equal((await post('/api/join', { code: theirs.meetingId, name: 'X' }, { Origin: 'https://other.example' })).body.code, 200);
    assert.equal((await post('/api/join', { code: meeting.meetingId, name: 'X' }, { Origin: 'https://other.example' })).body.code, 2120);
    assert.equal((await post('/api/join', { code: meeting.meetingId, name: 'X' }, { Origin: 'null' })).body.code, 2120);
    await callApi(server.url, other, '/v1/tenant/setEmbedOrigins', { embedOrigins: [] });
    assert.equal((await post('/api/join', { code: theirs.meetingId, name: 'X' }, { Origin: 'https://other.example' })).body.code, 2120);
  });

  test('in-meeting routes: granted (preflight too) to the meeting tenant\'s origins only', async () => {
    const path = `/api/meetings/${meeting.meetingUniqueId}/control`;
    const ok = await preflight(path, PORTAL, 'authorization,content-type');
    assert.equal(ok.status, 204);
    assertGranted(ok, PORTAL);
    assert.match(ok.headers.get('access-control-allow-headers') ?? '', /Authorization/);
    assertNotGranted(await preflight(path, STRANGER));
    assertNotGranted(await preflight(path, 'https://other.example'));
    for (const sub of ['hand', 'self']) assertGranted(await preflight(`/api/meetings/${meeting.meetingUniqueId}/${sub}`, SHOP), SHOP);

    const waiting = `/api/meetings/${meeting.meetingUniqueId}/waiting`;
    assertGranted(await fetch(new URL(waiting, server.url), { headers: { Origin: SHOP, Authorization: `Bearer ${hostToken}` } }), SHOP);
    assertNotGranted(await fetch(new URL(waiting, server.url), { headers: { Origin: STRANGER, Authorization: `Bearer ${hostToken}` } }));
  });

  test('the waiting ticket and its stream: granted to origins some tenant allows', async () => {
    const ticket = await post('/api/join/ticket', { ticket: 'x'.repeat(32) }, { Origin: PORTAL });
    assert.equal(ticket.body.code, 2107);
    assertGranted(ticket.res, PORTAL);
    assertNotGranted((await post('/api/join/ticket', { ticket: 'x'.repeat(32) }, { Origin: STRANGER })).res);
    const stream = await fetch(new URL('/api/join/wait?ticket=unknown', server.url), { headers: { Origin: PORTAL } });
    assertGranted(stream, PORTAL);
    await stream.body?.cancel();
  });

  test('routes not meant for pages elsewhere grant nothing', async () => {
    assertNotGranted(await preflight('/v2/meeting/create', PORTAL));
    const res = await fetch(new URL('/v1/tenant/getSettings', server.url), { method: 'POST', headers: { Origin: PORTAL, 'Content-Type': 'application/json' }, body: '{}' });
    assertNotGranted(res);
  });
});

describe('/embed frame-ancestors', () => {
  const ancestors = async (code: string) => {
    const csp = (await fetch(new URL(`/embed?code=${code}`, server.url))).headers.get('content-security-policy') ?? '';
    return /frame-ancestors ([^;]*)/.exec(csp)?.[1]?.split(' ');
  };

  test("/embed is framed by this origin and the meeting tenant's embed origins, and follows changes", async () => {
    assert.deepEqual(await ancestors(meeting.meetingId), ["'self'", PORTAL, SHOP]);
    const theirs = (await callApi(server.url, other, '/v2/meeting/create', { type: 1, subject: 'Framed' })).body.ret;
    assert.deepEqual(await ancestors(theirs.meetingId), ["'self'"]);
    await callApi(server.url, other, '/v1/tenant/setEmbedOrigins', { embedOrigins: ['https://frame.example'] });
    assert.deepEqual(await ancestors(theirs.meetingId), ["'self'", 'https://frame.example']);
    await callApi(server.url, other, '/v1/tenant/setEmbedOrigins', { embedOrigins: [] });
  });
});
