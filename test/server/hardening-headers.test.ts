import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createApp } from '../../src/server/app.js';
import { callApi } from '../support/signed.js';
import { addTenant, projectRoot, startTestServer, type TestServer } from '../support/test-server.js';

/** Issue 10, item 16: a Content-Security-Policy the join page works under, frame-ancestors, helmet's headers. */
let server: TestServer;
let meetingCode: string;
let otherCode: string;

before(async () => {
  server = await startTestServer();
  meetingCode = (await callApi(server.url, server.services.devTenant, '/v2/meeting/create', { type: 1, subject: 'Framed' })).body.ret.meetingId;
  const other = await addTenant(server, 'other-headers');
  otherCode = (await callApi(server.url, other, '/v2/meeting/create', { type: 1, subject: 'Elsewhere' })).body.ret.meetingId;
});
after(() => server.stop());

/** The CSP's directives by name. */
function csp(res: Response): Map<string, string[]> {
  const header = res.headers.get('content-security-policy');
  assert.ok(header, 'no Content-Security-Policy');
  return new Map(header.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name!, sources]));
}

describe('security headers', () => {
  test('/join: a CSP with no inline script, media and LiveKit allowed, framed by this origin only', async () => {
    const res = await fetch(new URL(`/join?code=${meetingCode}`, server.url));
    assert.equal(res.status, 200);
    const policy = csp(res);
    assert.deepEqual(policy.get('script-src'), ["'self'"]);
    assert.deepEqual(policy.get('frame-ancestors'), ["'self'"]);
    assert.deepEqual(policy.get('object-src'), ["'none'"]);
    const lk = new URL(server.config.livekit.url);
    assert.ok(policy.get('connect-src')!.includes(lk.origin), 'the LiveKit websocket');
    assert.ok(policy.get('connect-src')!.includes(`http://${lk.host}`), "LiveKit's HTTP side");
    assert.ok(policy.get('media-src')!.includes('blob:') && policy.get('media-src')!.includes('mediastream:'));
    assert.equal(res.headers.get('x-frame-options'), 'SAMEORIGIN');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
  });

  test('/embed is framed by this origin by default, without a contradicting X-Frame-Options', async () => {
    for (const link of [`code=${meetingCode}`, 'code=000000001', 'rd=no-such-room', '']) {
      const res = await fetch(new URL(`/embed?${link}`, server.url));
      assert.equal(res.status, 200, link);
      assert.deepEqual(csp(res).get('frame-ancestors'), ["'self'"], link);
      assert.equal(res.headers.get('x-frame-options'), null, link);
    }
  });

  test('/favicon.ico is an image, not a 404 (every page asks for it)', async () => {
    const res = await fetch(`${server.url}/favicon.ico`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'image/png');
    const bytes = new Uint8Array(await res.arrayBuffer());
    assert.deepEqual([...bytes.subarray(1, 4)].map((b) => String.fromCharCode(b)).join(''), 'PNG');
  });

  test('the API keeps its JSON envelope, with the same headers', async () => {
    const res = await fetch(new URL('/api/join', server.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"code":"000000001"}' });
    assert.equal(((await res.json()) as { code: number }).code, 2000);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.ok(csp(res).get('default-src'));
    // The bundle stays loadable by an embedding page's <script src>.
    assert.equal(res.headers.get('cross-origin-resource-policy'), 'cross-origin');
  });
});

describe("the tenant's frame-ancestors seam", () => {
  let app: Server;
  let url: string;
  before(async () => {
    const devTenant = server.services.devTenant.id;
    const frameAncestors = async (tenantId: number) => (tenantId === devTenant ? ['https://portal.example'] : ["'self'"]);
    app = createServer(createApp({ config: server.config, services: server.services, log: server.log, pages: { assetsDir: join(projectRoot, 'dist', 'assets'), frameAncestors } }));
    app.listen(0, '127.0.0.1');
    await once(app, 'listening');
    url = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => app.close(() => resolve())));

  test("/embed of a tenant's meeting is framed by the tenant's allow-list; other tenants and /join keep 'self'", async () => {
    assert.deepEqual(csp(await fetch(`${url}/embed?code=${meetingCode}`)).get('frame-ancestors'), ['https://portal.example']);
    assert.deepEqual(csp(await fetch(`${url}/embed?code=${otherCode}`)).get('frame-ancestors'), ["'self'"]);
    assert.deepEqual(csp(await fetch(`${url}/join?code=${meetingCode}`)).get('frame-ancestors'), ["'self'"]);
  });
});
