import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { callApi } from '../support/signed.js';
import { addTenant, startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
let other: { appKey: string; appSecret: string };

before(async () => {
  server = await startTestServer();
  other = await addTenant(server, 'other');
});
after(() => server.stop());

const api = (path: string, body: unknown, tenant: { appKey: string; appSecret: string } = server.services.devTenant) => callApi(server.url, tenant, path, body);
const shortId = () => String(10_000 + Math.floor(Math.random() * 89_999_999)).slice(0, 7);

describe('/v1/account', () => {
  test('create answers an id, a token and a 10-digit personal meeting id', async () => {
    const res = await api('/v1/account/create', { imAccid: 'ext-1' });
    assert.equal(res.body.code, 200, res.body.msg);
    assert.match(res.body.ret.accountId, /^[0-9a-f]{16}$/);
    assert.match(res.body.ret.personalMeetingId, /^[1-9]\d{9}$/);
    assert.ok(res.body.ret.accountToken.length >= 16);
    assert.equal(res.body.ret.shortId, undefined);
  });

  test('get by account id and by external id; 1014 when unknown or another tenant\'s', async () => {
    const created = (await api('/v1/account/create', { imAccid: 'ext-get', shortId: shortId() })).body.ret;
    const byId = await api('/v1/account/getByAccountId', { accountId: created.accountId });
    assert.deepEqual(byId.body.ret, created);
    const byExt = await api('/v1/account/getByImAccid', { imAccid: 'ext-get' });
    assert.deepEqual(byExt.body.ret, created);
    assert.equal((await api('/v1/account/getByAccountId', { accountId: '0000000000000000' })).body.code, 1014);
    assert.equal((await api('/v1/account/getByAccountId', { accountId: created.accountId }, other)).body.code, 1014);
    assert.equal((await api('/v1/account/getByImAccid', { imAccid: 'ext-get' }, other)).body.code, 1014);
  });

  test('the same external id twice in a tenant is 1019; in another tenant it is fine', async () => {
    assert.equal((await api('/v1/account/create', { imAccid: 'ext-dup' })).body.code, 200);
    const again = await api('/v1/account/create', { imAccid: 'ext-dup' });
    assert.equal(again.body.code, 1019);
    assert.equal(again.status, 409);
    assert.equal((await api('/v1/account/create', { imAccid: 'ext-dup' }, other)).body.code, 200);
  });

  test('short ids: 4–8 digits, unique, settable and clearable', async () => {
    const id = shortId();
    const a = (await api('/v1/account/create', { shortId: id })).body.ret;
    assert.equal(a.shortId, id);
    assert.equal((await api('/v1/account/create', { shortId: id })).body.code, 2011);
    const b = (await api('/v1/account/create', {})).body.ret;
    assert.equal((await api('/v1/account/updateShortId', { accountId: b.accountId, shortId: id })).body.code, 2011);
    assert.equal((await api('/v1/account/updateShortId', { accountId: a.accountId })).body.code, 200);
    assert.equal((await api('/v1/account/getByAccountId', { accountId: a.accountId })).body.ret.shortId, undefined);
    assert.equal((await api('/v1/account/updateShortId', { accountId: b.accountId, shortId: id })).body.code, 200);
    for (const bad of ['123', '123456789', '12a4', 1234]) {
      assert.equal((await api('/v1/account/create', { shortId: bad })).body.code, 300, String(bad));
    }
  });

  test('updateToken rotates the token', async () => {
    const a = (await api('/v1/account/create', {})).body.ret;
    assert.equal((await api('/v1/account/updateToken', { accountId: a.accountId, accountToken: 'fresh-token-123' })).body.code, 200);
    assert.equal((await api('/v1/account/getByAccountId', { accountId: a.accountId })).body.ret.accountToken, 'fresh-token-123');
    assert.equal((await api('/v1/account/updateToken', { accountId: 'ffffffffffffffff', accountToken: 'fresh-token-123' })).body.code, 1014);
    assert.equal((await api('/v1/account/updateToken', { accountId: a.accountId })).body.code, 301);
  });
});
