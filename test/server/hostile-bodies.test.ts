import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { operations } from '../../src/server/routes/table.js';
import { callApi, signedHeaders } from '../support/signed.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/**
 * Random and hostile bodies at every POST operation of the route table (the test below checks none is missing): never a 5xx, never a stack trace, always
 * the envelope with a numeric code, and a refused request changes no stored row.
 */
let server: TestServer;
let valid: Record<string, Record<string, unknown>>;
let meetingToken: string;
let meetingUniqueId: number;

before(async () => {
  server = await startTestServer();
  const tenant = server.services.devTenant;
  const account = (await callApi(server.url, tenant, '/v1/account/create', { imAccid: 'prop-base', shortId: '77771' })).body.ret;
  const meeting = (await callApi(server.url, tenant, '/v2/meeting/create', { type: 1, subject: 'base' })).body.ret;
  const start = Date.now() + 3600_000;
  const room = (await callApi(server.url, tenant, '/v1/room/create', { roomType: 2, name: 'prop room' })).body.ret;
  const user = (await callApi(server.url, tenant, '/v1/user/add', { name: 'prop-user', password: 'password123' })).body.ret;
  meetingUniqueId = meeting.meetingUniqueId;
  const hostJoin = await fetch(new URL('/api/join', server.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(Object.fromEntries(new URL(meeting.hostLink).searchParams)),
  });
  meetingToken = ((await hostJoin.json()) as { ret: { token: string } }).ret.token;
  valid = {
    '/api/meetings/:id/control': { action: 'lock', locked: true },
    '/api/meetings/:id/hand': { raised: true },
    '/api/meetings/:id/self': { action: 'rename', name: 'Prop host' },
    '/api/meetings/:id/chat': { text: 'Prop chat' },
    '/api/meetings/:id/reaction': { emoji: '👍' },
    '/api/join/ticket': { ticket: 'x'.repeat(32) },
    '/v1/user/login': { name: 'prop-user', password: 'password123' },
    '/v1/user/add': { name: 'prop-user-2', password: 'password123', isAdmin: false },
    '/v1/user/modify': { userId: user.userId, displayName: 'P' },
    '/v1/user/search': { keyword: 'prop', pageNo: 0, pageSize: 5 },
    '/v1/user/resetPassword': { userId: user.userId, password: 'password456' },
    '/v1/room/create': { roomType: 2, name: 'r', desc: 'd', definition: '720p', numberLimit: 5, isPublic: false, password: 'pw1' },
    '/v1/room/update': { roomId: room.roomId, name: 'renamed', isPublic: true },
    '/v1/room/modifyPwd': { roomId: room.roomId, password: 'abc' },
    '/v1/room/checkPwd': { roomId: room.roomId, password: 'abc' },
    '/v1/room/addMember': { roomId: room.roomId, userId: 'u1' },
    '/v1/room/deleteMember': { roomId: room.roomId, userId: 'u1' },
    '/v1/room/mine': { userId: 'u1' },
    '/v1/room/meetings': { roomId: room.roomId, pageNo: 0, pageSize: 5 },
    '/v1/room/get': { roomId: room.roomId },
    '/v1/room/rotateHostKey': { roomId: room.roomId },
    '/v1/room/isActive': { roomId: room.roomId },
    '/v1/room/hasPwd': { roomId: room.roomId },
    '/v1/room/members': { roomId: room.roomId },
    '/v1/tenant/export': {},
    '/v1/tenant/setEmbedOrigins': { embedOrigins: ['https://portal.example', 'http://127.0.0.1:4000'] },
    '/v1/tenant/getSettings': {},
    '/v1/sso/sign': { account: 'portal-7', userName: 'Prop', avatar: 'https://portal.example/a.png', roleType: 2, meetingId: meeting.meetingId },
    '/v1/sso/login': { sign: 'x'.repeat(32), account: 'portal-7', userName: 'Prop', avatar: 'https://portal.example/a.png', job: 'Clerk', level: 'P3' },
    '/v1/meeting/anonymousJoinInfo': { meetingId: meeting.meetingId, nickName: 'Prop', video: 1, audio: 2 },
    '/v1/tenant/import': { document: { format: 'meeting-room-tenant-export', version: 1, exportedAt: 0, accounts: [], rooms: [], meetings: [], recordings: [] } },
    '/v1/user/logout': {},
    '/v1/user/joinCode': {},
    '/v1/user/modifyPassword': { userId: user.userId, oldpassword: 'password123', password: 'password789' },
    '/v1/user/delete': { userId: user.userId },
    '/v1/room/delete': { roomId: room.roomId },
    '/v1/account/create': { imAccid: 'x', shortId: '12345' },
    '/v1/account/getByAccountId': { accountId: account.accountId },
    '/v1/account/getByImAccid': { imAccid: 'prop-base' },
    '/v1/account/updateToken': { accountId: account.accountId, accountToken: 'token-123456' },
    '/v1/account/updateShortId': { accountId: account.accountId, shortId: '77772' },
    '/v2/meeting/create': { type: 3, subject: 'p', startTime: start, endTime: start + 1000, password: '12', settings: { controls: [{ type: 'audio', attendeeOff: 1 }] } },
    '/v2/meeting/get': { meetingUniqueId: meeting.meetingUniqueId },
    '/v2/meeting/record/list': { meetingUniqueId: meeting.meetingUniqueId },
    '/v2/meeting/record/delete': { meetingUniqueId: meeting.meetingUniqueId, filename: 'x.mp4' },
    '/v1/tenant/setCallback': { callbackUrl: '' },
    '/v1/tenant/setBranding': { logoUrl: 'https://portal.example/logo.png', accentColor: '#1a2b3c' },
    '/v1/ops/status': {},
    '/v1/ops/stopMeeting': { meetingUniqueId: meeting.meetingUniqueId },
    '/v2/meeting/list': { pageIndex: 0, pageSize: 10, statusList: [1] },
    '/v2/meeting/edit': { meetingUniqueId: meeting.meetingUniqueId, subject: 'edited' },
    '/v2/meeting/cancel': { meetingUniqueId: meeting.meetingUniqueId },
    '/v2/meeting/rotateHostKey': { meetingUniqueId: meeting.meetingUniqueId },
    '/v2/meeting/deleteByMeetingUniqueId': { meetingUniqueId: meeting.meetingUniqueId },
    '/v2/meeting/deleteByMeetingId': { meetingId: meeting.meetingId },
    '/v2/meeting/deleteByMeetingShortId': { shortId: '77771' },
    '/api/join': { code: meeting.meetingId, name: 'Prop', v: '1', a: '0', role: 'host', hk: 'x', exp: '1' },
  };
});
after(() => server.stop());

const hostileValue = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.constantFrom('', ' ', '\u0000', '<script>alert(1)</script>', "' or 1=1 --", '../../etc/passwd', '𝕏'.repeat(40), 'x'.repeat(5000)),
  fc.constantFrom(-1, 0, 2 ** 31, 2 ** 53, -(2 ** 53), 1e308, Number.MIN_VALUE, 1.5),
  fc.constantFrom(null, true, [], {}, [1, 2, 3], { __proto__: { admin: true } }),
);

/** A valid body with one field replaced, dropped, or a stranger field added; or anything at all. */
function bodyFor(base: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(base);
  const perField = keys.length
    ? [
        fc.record({ key: fc.constantFrom(...keys), value: hostileValue }).map(({ key, value }) => ({ ...base, [key]: value })),
        fc.constantFrom(...keys).map((key) => Object.fromEntries(Object.entries(base).filter(([k]) => k !== key))),
      ]
    : [];
  return fc.oneof(
    ...perField,
    fc.record({ key: fc.string({ maxLength: 12 }), value: hostileValue }).map(({ key, value }) => ({ ...base, [key]: value })),
    fc.anything({ maxDepth: 4 }),
  );
}

async function storedState(): Promise<string> {
  const tables = await Promise.all([
    server.db.selectFrom('meetings').selectAll().orderBy('unique_id').execute(),
    server.db.selectFrom('accounts').selectAll().orderBy('id').execute(),
    server.db.selectFrom('tenants').selectAll().orderBy('id').execute(),
    server.db.selectFrom('admissions').selectAll().orderBy('id').execute(),
    server.db.selectFrom('rooms').selectAll().orderBy('id').execute(),
    server.db.selectFrom('sessions').select(['sid_hash', 'account_id']).orderBy('sid_hash').execute(),
    server.db.selectFrom('room_members').selectAll().orderBy('room_id').orderBy('user_id').execute(),
  ]);
  return JSON.stringify(tables);
}

const posts = operations.filter((op) => op.method === 'post');

test('every POST operation of the route table is exercised here', () => {
  assert.deepEqual(posts.map((op) => op.path).sort(), Object.keys(valid).sort());
});

test('no hostile body gets a 5xx, a stack trace, or changes a row when refused', async () => {
  const tenant = server.services.devTenant;
  for (const [path, base] of Object.entries(valid)) {
    const op = posts.find((o) => o.path === path)!;
    await fc.assert(
      fc.asyncProperty(bodyFor(base), async (body) => {
        const before = await storedState();
        const res = await fetch(new URL(path.replace(':id', String(meetingUniqueId)), server.url), {
          method: 'POST',
          headers: op.auth === 'bearer'
            ? { 'Content-Type': 'application/json', Authorization: `Bearer ${meetingToken}` }
            : signedHeaders(tenant.appKey, tenant.appSecret),
          body: JSON.stringify(body) ?? 'undefined',
        });
        const text = await res.text();
        assert.ok(res.status < 500, `${path} answered ${res.status}: ${text}`);
        assert.doesNotMatch(text, /\bat [\w.<>]+ \(|node_modules|\.ts:\d+/, `${path} leaked a stack: ${text}`);
        const envelope = JSON.parse(text) as { code: unknown; msg: unknown; requestId: unknown };
        assert.equal(typeof envelope.code, 'number');
        assert.equal(typeof envelope.msg, 'string');
        assert.equal(typeof envelope.requestId, 'string');
        if (envelope.code !== 200) assert.equal(await storedState(), before, `${path} refused with ${envelope.code} but changed a row`);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 40) },
    );
  }
});
