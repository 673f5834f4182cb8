import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { callApi } from '../support/signed.js';
import { addTenant, startTestServer, type TestServer } from '../support/test-server.js';

// SPEC E3: a tenant's logo and accent colour, set by its server or console admin, reach the
// pages joining its meetings, and no other tenant's.
type TenantKeys = { appKey: string; appSecret: string };
let server: TestServer;
let a: TenantKeys;
let b: TenantKeys;

before(async () => {
  server = await startTestServer();
  a = await addTenant(server, 'brand-a');
  b = await addTenant(server, 'brand-b');
});
after(() => server.stop());

const api = (tenant: TenantKeys, path: string, body: unknown) => callApi(server.url, tenant, path, body);
const settings = async (tenant: TenantKeys) => (await api(tenant, '/v1/tenant/getSettings', {})).body.ret as { logoUrl: string; accentColor: string };

async function joinInfo(params: Record<string, string>) {
  const res = await fetch(new URL('/api/join', server.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'Visitor', ...params }) });
  const body = (await res.json()) as { code: number; msg: string; ret?: { meeting: { branding?: { logoUrl?: string; accentColor?: string } } } };
  assert.equal(body.code, 200, body.msg);
  return body.ret!.meeting;
}

async function meetingOf(tenant: TenantKeys) {
  const made = await api(tenant, '/v2/meeting/create', { type: 1, subject: 'Branded' });
  assert.equal(made.body.code, 200, made.body.msg);
  return made.body.ret as { meetingId: string };
}

describe('/v1/tenant/setBranding', () => {
  test('sets, reads back, keeps what is left out, and "" clears', async () => {
    assert.deepEqual(await settings(a), { callbackUrl: '', embedOrigins: [], logoUrl: '', accentColor: '' });
    const set = await api(a, '/v1/tenant/setBranding', { logoUrl: 'https://brand-a.example/logo.svg', accentColor: '#AA3300' });
    assert.equal(set.body.code, 200, set.body.msg);
    assert.deepEqual(await settings(a), { callbackUrl: '', embedOrigins: [], logoUrl: 'https://brand-a.example/logo.svg', accentColor: '#aa3300' });
    await api(a, '/v1/tenant/setBranding', { accentColor: '' });
    assert.deepEqual(await settings(a), { callbackUrl: '', embedOrigins: [], logoUrl: 'https://brand-a.example/logo.svg', accentColor: '' });
    await api(a, '/v1/tenant/setBranding', { logoUrl: 'http://localhost:8080/logo.png' });
    assert.equal((await settings(a)).logoUrl, 'http://localhost:8080/logo.png', 'plain http on a developer machine');
    await api(a, '/v1/tenant/setBranding', { logoUrl: '' });
    assert.equal((await settings(a)).logoUrl, '');
    assert.equal((await settings(b)).logoUrl, '', 'another tenant keeps its own');
  });

  test('bad values are refused with 300 and change nothing', async () => {
    await api(b, '/v1/tenant/setBranding', { logoUrl: 'https://brand-b.example/l.png', accentColor: '#00ff00' });
    const bad = [
      { logoUrl: 'http://brand-b.example/l.png' },
      { logoUrl: 'javascript:alert(1)' },
      { logoUrl: 'data:image/png;base64,AAAA' },
      { logoUrl: `https://brand-b.example/${'x'.repeat(2048)}` },
      { logoUrl: 'not a url' },
      { accentColor: 'red' },
      { accentColor: '#abc' },
      { accentColor: '#12345g' },
      { accentColor: '#123456; background: url(x)' },
      { logoUrl: '', extra: 1 },
    ];
    for (const body of bad) {
      const res = await api(b, '/v1/tenant/setBranding', body);
      assert.equal(res.body.code, 300, JSON.stringify(body));
    }
    assert.equal((await api(b, '/v1/tenant/setBranding', {})).body.code, 301, 'nothing to set');
    assert.deepEqual(await settings(b), { callbackUrl: '', embedOrigins: [], logoUrl: 'https://brand-b.example/l.png', accentColor: '#00ff00' });
  });
});

describe("the join's meeting info carries the meeting's tenant branding", () => {
  test("each tenant's meeting shows its own, never the other's; none set, none sent", async () => {
    await api(a, '/v1/tenant/setBranding', { logoUrl: 'https://brand-a.example/a.png', accentColor: '#aa0000' });
    await api(b, '/v1/tenant/setBranding', { logoUrl: 'https://brand-b.example/b.png', accentColor: '#0000bb' });
    assert.deepEqual((await joinInfo({ code: (await meetingOf(a)).meetingId })).branding, { logoUrl: 'https://brand-a.example/a.png', accentColor: '#aa0000' });
    assert.deepEqual((await joinInfo({ code: (await meetingOf(b)).meetingId })).branding, { logoUrl: 'https://brand-b.example/b.png', accentColor: '#0000bb' });
    const plain = await api(server.services.devTenant, '/v2/meeting/create', { type: 1, subject: 'Plain' });
    assert.deepEqual((await joinInfo({ code: plain.body.ret.meetingId })).branding, {});
  });

  test("a persistent room's own logo wins over the tenant's; without one, the tenant's shows", async () => {
    await api(a, '/v1/tenant/setBranding', { logoUrl: 'https://brand-a.example/a.png', accentColor: '#aa0000' });
    const withLogo = (await api(a, '/v1/room/create', { roomType: 2, name: 'Logo room', pictureuri: 'https://rooms.example/room.png' })).body.ret;
    const room = await joinInfo({ rd: withLogo.roomId });
    assert.deepEqual(room.branding, { logoUrl: 'https://rooms.example/room.png', accentColor: '#aa0000' });
    const plain = (await api(a, '/v1/room/create', { roomType: 2, name: 'Plain room' })).body.ret;
    assert.deepEqual((await joinInfo({ rd: plain.roomId })).branding, { logoUrl: 'https://brand-a.example/a.png', accentColor: '#aa0000' });
  });
});
