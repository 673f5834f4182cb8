import assert from 'node:assert/strict';
import { createHash, createHmac, randomBytes, scryptSync } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { checkSum } from '../../src/server/auth/checksum.js';
import { CallbackGuard } from '../../src/server/services/callback-guard.js';
import * as passwords from '../../src/server/auth/passwords.js';
import { callApi } from '../support/signed.js';
import { addTenant, startTestServer, type TestServer } from '../support/test-server.js';
import { startWebhookReceiver } from '../support/webhook-receiver.js';

let server: TestServer;
let a: { id: number; appKey: string; appSecret: string };
let b: { id: number; appKey: string; appSecret: string };
before(async () => {
  server = await startTestServer();
  a = await addTenant(server, 'tenant-a');
  b = await addTenant(server, 'tenant-b');
});
after(() => server.stop());

const api = (tenant: { appKey: string; appSecret: string }, path: string, body: unknown) => callApi(server.url, tenant, path, body);
const unique = () => randomBytes(4).toString('hex');

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(new URL(path, server.url), { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { code: number; msg: string; ret?: any } };
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function importDoc(parts: { accounts?: unknown[]; rooms?: unknown[]; meetings?: unknown[]; recordings?: unknown[] }) {
  return { document: { format: 'meeting-room-tenant-export', version: 1, exportedAt: Date.now(), accounts: [], rooms: [], meetings: [], recordings: [], ...parts } };
}

let nextUniqueId = 1;
function meeting(fields: Record<string, unknown>) {
  const now = Date.now();
  return {
    meetingUniqueId: nextUniqueId++,
    meetingId: String(100_000_000 + Math.floor(Math.random() * 899_999_999)),
    shortId: null,
    type: 1,
    subject: 'Imported',
    password: '',
    status: 1,
    settings: {},
    extras: {},
    host: null,
    roomId: null,
    startTime: now,
    endTime: null,
    roomStartedAt: null,
    endedAt: null,
    endReason: null,
    createdAt: now,
    ...fields,
  };
}

describe('issue 10 item 1: an import cannot take over another tenant', () => {
  test("another tenant's personal meeting id, short id, room or account is refused, and nothing is stored", async () => {
    const victim = (await api(b, '/v1/account/create', { shortId: `7${Math.floor(Math.random() * 9000 + 1000)}` })).body.ret;
    const room = (await api(b, '/v1/room/create', { roomType: 2, name: 'B private', isPublic: false, password: 'secret1' })).body.ret;
    const attempts = {
      'personal meeting id': [meeting({ type: 2, meetingId: victim.personalMeetingId })],
      'short id': [meeting({ shortId: victim.shortId })],
      room: [meeting({ roomId: room.roomId })],
      host: [meeting({ host: victim.accountId })],
    };
    for (const [what, meetings] of Object.entries(attempts)) {
      const res = await api(a, '/v1/tenant/import', importDoc({ meetings }));
      assert.notEqual(res.body.code, 200, `${what}: ${res.body.msg}`);
    }
    const roomOwned = await api(a, '/v1/tenant/import', importDoc({ rooms: [{ id: `r${unique()}abc`.slice(0, 12), ownerId: victim.accountId, roomType: 2, name: 'x', desc: '', pictureuri: '', definition: '480p', numberLimit: 10, isPublic: true, password: '', members: [victim.accountId], createdAt: Date.now() }] }));
    assert.notEqual(roomOwned.body.code, 200, "a room owned by another tenant's account");
    assert.equal((await api(a, '/v1/tenant/export', {})).body.ret.meetings.length, 0, 'nothing was stored');

    // B keeps its personal meeting, its short id and its room's password.
    const pmi = await api(b, '/v2/meeting/create', { type: 2, subject: 'Mine', host: victim.accountId });
    assert.equal(pmi.body.code, 200, pmi.body.msg);
    const byShort = await post('/api/join', { code: victim.shortId });
    assert.equal(byShort.body.ret?.meeting.meetingUniqueId, pmi.body.ret.meetingUniqueId);
    assert.equal((await post('/api/join', { rd: room.roomId })).body.code, 2105, 'still private');
  });

  test("a room's meeting, its history and its password are the room tenant's", async () => {
    const room = (await api(b, '/v1/room/create', { roomType: 2, name: 'B room', password: 'secret1' })).body.ret;
    const res = await api(a, '/v1/tenant/import', importDoc({ meetings: [meeting({ roomId: room.roomId })] }));
    assert.notEqual(res.body.code, 200);
    assert.equal((await post('/api/join', { rd: room.roomId })).body.code, 2018, 'the password is still asked for');
    const joined = await post('/api/join', { rd: room.roomId, password: 'secret1' });
    assert.equal(joined.body.code, 200);
    assert.equal((await api(b, '/v1/room/meetings', { roomId: room.roomId, pageNo: 0, pageSize: 10 })).body.ret.totalCount, 1);
    // A new password applies to the meeting already open in the room.
    await api(b, '/v1/room/modifyPwd', { roomId: room.roomId, password: 'secret2' });
    assert.equal((await post('/api/join', { rd: room.roomId, password: 'secret1' })).body.code, 2014);
    assert.equal((await post('/api/join', { rd: room.roomId, password: 'secret2' })).body.code, 200);
  });

  test('an import may not bring a meeting that is live elsewhere or a code that is taken', async () => {
    const live = (await api(b, '/v2/meeting/create', { type: 1, subject: 'B live' })).body.ret;
    const res = await api(a, '/v1/tenant/import', importDoc({ meetings: [meeting({ meetingId: live.meetingId })] }));
    assert.notEqual(res.body.code, 200);
    const joined = await post('/api/join', { code: live.meetingId });
    assert.equal(joined.body.ret.meeting.meetingUniqueId, live.meetingUniqueId);
  });
});

describe('issue 10 item 17: tenants do not see each other through users and members', () => {
  test("a room member must not be another tenant's account", async () => {
    const foreign = (await api(b, '/v1/account/create', {})).body.ret;
    const room = (await api(a, '/v1/room/create', { roomType: 2, name: 'A private', isPublic: false })).body.ret;
    assert.equal((await api(a, '/v1/room/addMember', { roomId: room.roomId, userId: foreign.accountId })).body.code, 1014);
    assert.deepEqual((await api(a, '/v1/room/members', { roomId: room.roomId })).body.ret.members, []);
  });

  test('a login name used in another tenant is not reported taken; each signs in to its own tenant', async () => {
    const name = `same.${unique()}@example.test`;
    assert.equal((await api(b, '/v1/user/add', { name, password: 'password-b' })).body.code, 200);
    const added = await api(a, '/v1/user/add', { name, password: 'password-a' });
    assert.equal(added.body.code, 200, added.body.msg);
    assert.equal((await post('/v1/user/login', { name, password: 'password-a' })).body.ret?.company, 'tenant-a');
    assert.equal((await post('/v1/user/login', { name, password: 'password-b' })).body.ret?.company, 'tenant-b');
    assert.equal((await api(a, '/v1/user/add', { name, password: 'again-a1' })).body.code, 1019, 'taken in the same tenant');
  });

  test('the outgoing Signature is in its own domain: it never verifies as a REST call', async () => {
    const hooks = await startWebhookReceiver();
    const hooked = await startTestServer({ env: { MEETING_CALLBACK_URL: hooks.url } });
    try {
      const t = hooked.services.devTenant;
      const m = (await callApi(hooked.url, t, '/v2/meeting/create', { type: 1, subject: 'Signed' })).body.ret;
      await callApi(hooked.url, t, '/v2/meeting/deleteByMeetingUniqueId', { meetingUniqueId: m.meetingUniqueId });
      await until('a delivery', () => hooks.deliveries.length > 0);
      const d = hooks.deliveries[0]!;
      const { nonce, curtime, signature } = d.headers as Record<string, string>;
      const bodyHash = createHash('sha256').update(d.body).digest('hex');
      const lines = ['POST', '/hooks/meeting', bodyHash, curtime, nonce];
      assert.equal(signature, createHmac('sha256', t.appSecret).update(['meeting-room-webhook', ...lines].join('\n')).digest('hex'));
      assert.notEqual(signature, createHmac('sha256', t.appSecret).update(lines.join('\n')).digest('hex'));
    } finally {
      await hooked.stop();
      await hooks.close();
    }
  });
});

describe('issue 10 item 14: CheckSum replay through CurTime', () => {
  test("the nonce's trailing zero moved into a zero-padded CurTime is refused", async () => {
    const nonce = `${unique()}0`;
    const curTime = String(Date.now());
    const headers = (n: string, c: string) => ({ AppKey: a.appKey, Nonce: n, CurTime: c, CheckSum: checkSum(a.appSecret, n, c) });
    assert.equal((await post('/v1/account/create', {}, headers(nonce, curTime))).body.code, 200);
    const replay = headers(nonce.slice(0, -1), `0${curTime}`);
    assert.equal(replay.CheckSum, headers(nonce, curTime).CheckSum, 'the same SHA-1 input');
    const res = await post('/v1/account/create', {}, replay);
    assert.equal(res.body.code, 302, res.body.msg);
  });
});

describe('issue 10 item 10: callback URLs cannot reach the server side', () => {
  test('loopback, link-local, private, unspecified and mapped addresses are refused at set time', async () => {
    for (const url of [
      'http://127.0.0.1:8080/hooks',
      'http://localhost/hooks',
      'http://[::1]/hooks',
      'http://169.254.169.254/latest/meta-data',
      'http://10.1.2.3/',
      'http://172.16.0.1/',
      'http://192.168.1.1/',
      'http://0.0.0.0/',
      'http://[::]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[fe80::1]/',
      'http://[fd00::1]/',
      'http://2130706433/',
    ]) {
      const res = await api(a, '/v1/tenant/setCallback', { callbackUrl: url });
      assert.equal(res.body.code, 300, `${url}: ${res.body.msg}`);
    }
    const stored = await server.db.selectFrom('tenants').select('callback_url').where('id', '=', a.id).executeTakeFirstOrThrow();
    assert.equal(stored.callback_url, null);
  });

  test('an allow-listed host (host or host:port) is accepted; nothing else inside is', async () => {
    const guard = new CallbackGuard(['127.0.0.1:8080', 'hooks.internal']);
    assert.equal((await guard.check('http://127.0.0.1:8080/x')).port, '8080');
    assert.equal((await guard.check('http://hooks.internal/x')).hostname, 'hooks.internal');
    await assert.rejects(guard.check('http://127.0.0.1:9/x'), { code: 300 });
    await assert.rejects(guard.check('file:///etc/passwd'), { code: 300 });
  });

  test('at delivery time too: a callback that points inside now is not called', async () => {
    const hooks = await startWebhookReceiver();
    try {
      // As if the name had resolved to a public address when it was set, and to loopback now.
      await server.db.updateTable('tenants').set({ callback_url: hooks.url }).where('id', '=', b.id).execute();
      const m = (await api(b, '/v2/meeting/create', { type: 1, subject: 'Rebound' })).body.ret;
      await api(b, '/v2/meeting/deleteByMeetingUniqueId', { meetingUniqueId: m.meetingUniqueId });
      await until('an attempt', async () => !!(await server.db.selectFrom('webhook_outbox').select('id').where('tenant_id', '=', b.id).where('attempts', '>', 0).executeTakeFirst()));
      assert.equal(hooks.deliveries.length, 0);
    } finally {
      await server.db.updateTable('tenants').set({ callback_url: null }).where('id', '=', b.id).execute();
      await hooks.close();
    }
  });
});

describe('issue 10 item 11: sign-in is throttled and its CPU bounded', () => {
  test('guessing one name is refused with 510 after a few tries, even with the right password', async () => {
    const name = `guess.${unique()}@example.test`;
    await api(a, '/v1/user/add', { name, password: 'the-right-one' });
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) codes.push((await post('/v1/user/login', { name, password: `wrong-${i}` })).body.code);
    assert.equal(codes[0], 401);
    assert.equal(codes.at(-1), 510);
    assert.equal((await post('/v1/user/login', { name, password: 'the-right-one' })).body.code, 510);
  });

  test('the lock is the guesser\'s: another client still signs in to that name', async () => {
    const name = `locked.${unique()}@example.test`;
    await api(a, '/v1/user/add', { name, password: 'the-right-one' });
    const guesser = `203.0.113.${Math.floor(Math.random() * 250)}`;
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) codes.push(await server.services.users.login(name, `wrong-${i}`, guesser).then(() => 200, (err: { code: number }) => err.code));
    assert.equal(codes.at(-1), 510);
    const owner = await server.services.users.login(name, 'the-right-one', '192.0.2.77');
    assert.equal(owner.company, 'tenant-a');
  });

  test('one client guessing many names is refused with 510', async () => {
    const client = `198.51.100.${Math.floor(Math.random() * 250)}`;
    const codes: number[] = [];
    for (let i = 0; i < 35; i++) {
      codes.push(await server.services.users.login(`nobody-${unique()}`, 'x', client).then(() => 200, (err: { code: number }) => err.code));
    }
    assert.equal(codes[0], 401);
    assert.equal(codes.at(-1), 510);
  });

  test('hashes use scrypt N = 2^17; older hashes still verify', async () => {
    const name = `cost.${unique()}@example.test`;
    const added = (await api(a, '/v1/user/add', { name, password: 'correct horse' })).body.ret;
    const row = await server.db.selectFrom('accounts').select('password_hash').where('id', '=', added.userId).executeTakeFirstOrThrow();
    assert.match(row.password_hash!, /^scrypt\$131072\$/);
    const salt = randomBytes(16);
    const old = `scrypt$32768$${salt.toString('base64url')}$${scryptSync('old horse', salt, 32, { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }).toString('base64url')}`;
    assert.equal(await passwords.verifyPassword('old horse', old), true);
    assert.equal(await passwords.verifyPassword('new horse', old), false);
  });

  test('concurrent sign-ins run a bounded number of hashes at a time', async () => {
    const { passwordWork } = passwords;
    passwordWork.resetPeak();
    await Promise.all(Array.from({ length: 24 }, (_, i) => post('/v1/user/login', { name: `flood-${unique()}-${i}`, password: 'x' })));
    assert.ok(passwordWork.peak <= passwordWork.limit, `peak ${passwordWork.peak} > ${passwordWork.limit}`);
    assert.ok(passwordWork.limit <= 4);
  });
});

describe('issue 10 item 13: imports are bounded', () => {
  test('a document with more meetings than the limit is refused with 300 before any work', async () => {
    const meetings = Array.from({ length: 20_001 }, (_, i) => meeting({ meetingUniqueId: i + 1, status: 3, meetingId: String(200_000_000 + i) }));
    const res = await api(a, '/v1/tenant/import', importDoc({ meetings }));
    assert.equal(res.body.code, 300, res.body.msg);
  });

  // How long the other tenant waits is a benchmark's business; a test asserts no timing.
  test('a large import goes in whole while another tenant keeps working', async () => {
    const meetings = Array.from({ length: 4000 }, (_, i) => meeting({ meetingUniqueId: i + 1, status: 3, meetingId: String(300_000_000 + i) }));
    const importing = api(a, '/v1/tenant/import', importDoc({ meetings }));
    const other = await api(b, '/v2/meeting/create', { type: 1, subject: 'Meanwhile' });
    const res = await importing;
    assert.equal(res.body.code, 200, res.body.msg);
    assert.equal(res.body.ret.meetings, 4000);
    assert.equal(other.body.code, 200);
  });
});
