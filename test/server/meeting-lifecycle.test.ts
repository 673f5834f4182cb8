import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { callApi } from '../support/signed.js';
import { addTenant, startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
let other: { appKey: string; appSecret: string };
const HOUR = 3600_000;

before(async () => {
  server = await startTestServer();
  other = await addTenant(server, 'other');
});
after(() => server.stop());

const api = (path: string, body: unknown, tenant: { appKey: string; appSecret: string } = server.services.devTenant) => callApi(server.url, tenant, path, body);

async function create(body: Record<string, unknown>) {
  const res = await api('/v2/meeting/create', { subject: 'Lifecycle', ...body });
  assert.equal(res.body.code, 200, res.body.msg);
  return res.body.ret;
}

async function join(code: string, extra: Record<string, unknown> = {}) {
  const res = await fetch(new URL('/api/join', server.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code, name: 'Joiner', ...extra }),
  });
  return ((await res.json()) as { code: number; msg: string }).code;
}

describe('meeting kinds and fields (M1)', () => {
  test('a scheduled meeting keeps its times and every M1 field', async () => {
    const start = Date.now() + HOUR;
    const m = await create({
      type: 3,
      startTime: start,
      endTime: start + HOUR,
      password: 'abc123',
      definition: '720p',
      numberLimit: 50,
      isPublic: false,
      waitingRoom: true,
      meetingType: 3,
      settings: { controls: [{ type: 'audio', attendeeOff: 2, allowSelfOn: false }], scene: { roleTypes: [{ roleType: 2, maxCount: 1 }] } },
      invitees: [{ accountId: 'someone', role: 'host' }],
      topics: [{ title: 'Budget', content: 'Q3' }],
    });
    assert.equal(m.type, 3);
    assert.equal(m.startTime, start);
    assert.equal(m.endTime, start + HOUR);
    assert.equal(m.password, 'abc123');
    assert.equal(m.definition, '720p');
    assert.equal(m.numberLimit, 50);
    assert.equal(m.isPublic, false);
    assert.equal(m.waitingRoom, true);
    assert.equal(m.meetingType, 3);
    assert.deepEqual(m.settings.controls, [{ type: 'audio', state: 0, attendeeOff: 2, allowSelfOn: false }]);
    assert.deepEqual(m.settings.scene, { roleTypes: [{ roleType: 2, maxCount: 1 }] });
    assert.deepEqual(m.invitees, [{ accountId: 'someone', role: 'host' }]);
    assert.deepEqual(m.topics, [{ title: 'Budget', content: 'Q3' }]);
    const got = (await api('/v2/meeting/get', { meetingUniqueId: m.meetingUniqueId })).body.ret;
    assert.deepEqual({ ...got, valid: undefined }, { ...m, valid: undefined });
  });

  test('defaults: 480p, 200 people, public, no waiting room, video meeting', async () => {
    const m = await create({ type: 1 });
    assert.deepEqual([m.definition, m.numberLimit, m.isPublic, m.waitingRoom, m.meetingType], ['480p', 200, true, false, 2]);
  });

  test('a server-generated password is 10 letters and digits, fit for the password field, and new each time', async () => {
    const m = await create({ type: 1, generatePassword: true });
    assert.match(m.password, /^[0-9A-Za-z]{10}$/);
    assert.notEqual((await create({ type: 1, generatePassword: true })).password, m.password);
  });

  test("a personal meeting uses the host's 10-digit id and short id; one open at a time (2024)", async () => {
    const shortId = String(4000 + Math.floor(Math.random() * 5000));
    const account = (await api('/v1/account/create', { shortId })).body.ret;
    const m = await create({ type: 2, host: account.accountId });
    assert.equal(m.meetingId, account.personalMeetingId);
    assert.equal(m.shortId, shortId);
    assert.equal((await api('/v2/meeting/create', { type: 2, subject: 'again', host: account.accountId })).body.code, 2024);
    assert.equal((await api('/v2/meeting/get', { shortId })).body.ret.meetingUniqueId, m.meetingUniqueId);
    assert.equal((await api('/v2/meeting/get', { meetingId: account.personalMeetingId })).body.ret.meetingUniqueId, m.meetingUniqueId);
    assert.equal(await join(shortId), 200, 'the short id joins too');
    // Ended, the personal id can open a new meeting.
    assert.equal((await api('/v2/meeting/deleteByMeetingShortId', { shortId })).body.code, 200);
    assert.equal((await api('/v2/meeting/create', { type: 2, subject: 'again', host: account.accountId })).body.code, 200);
  });

  test("another tenant's account cannot host", async () => {
    const account = (await api('/v1/account/create', {}, other)).body.ret;
    assert.equal((await api('/v2/meeting/create', { type: 2, subject: 'x', host: account.accountId })).body.code, 1014);
  });
});

describe('joining by time (M5)', () => {
  test('before its start a scheduled meeting answers 2030 to attendees, but lets the host in', async () => {
    const start = Date.now() + HOUR;
    const m = await create({ type: 3, startTime: start, endTime: start + HOUR });
    assert.equal(await join(m.meetingId), 2030);
    const host = Object.fromEntries(new URL(m.hostLink).searchParams);
    assert.equal(await join(m.meetingId, host), 200);
  });
});

describe('list (M2)', () => {
  test('filters by time, status and type, and pages with totals', async () => {
    const base = Date.now() + 100 * HOUR + Math.floor(Math.random() * 1000) * HOUR;
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await create({ type: 3, startTime: base + i * 1000, endTime: base + HOUR }));
    const window = { minStartTime: base, maxStartTime: base + 10_000 };
    const page0 = (await api('/v2/meeting/list', { ...window, pageSize: 2 })).body.ret;
    assert.equal(page0.totalNum, 5);
    assert.equal(page0.totalPages, 3);
    assert.equal(page0.pageIndex, 0);
    assert.equal(page0.meetings.length, 2);
    const page2 = (await api('/v2/meeting/list', { ...window, pageSize: 2, pageIndex: 2 })).body.ret;
    assert.equal(page2.meetings.length, 1);
    const all = [...page0.meetings, ...(await api('/v2/meeting/list', { ...window, pageSize: 2, pageIndex: 1 })).body.ret.meetings, ...page2.meetings];
    assert.deepEqual(new Set(all.map((m: { meetingUniqueId: number }) => m.meetingUniqueId)), new Set(made.map((m) => m.meetingUniqueId)));
    await api('/v2/meeting/cancel', { meetingUniqueId: made[0].meetingUniqueId });
    assert.equal((await api('/v2/meeting/list', { ...window, statusList: [4] })).body.ret.totalNum, 1);
    assert.equal((await api('/v2/meeting/list', { ...window, statusList: [1, 2] })).body.ret.totalNum, 4);
    assert.equal((await api('/v2/meeting/list', { ...window, type: 1 })).body.ret.totalNum, 0);
    assert.equal((await api('/v2/meeting/list', { ...window }, other)).body.ret.totalNum, 0, 'tenants do not see each other');
  });

  test('page size 0 or 101 and a negative page are refused with 300', async () => {
    for (const body of [{ pageSize: 0 }, { pageSize: 101 }, { pageIndex: -1 }, { statusList: 'x' }]) {
      assert.equal((await api('/v2/meeting/list', body)).body.code, 300, JSON.stringify(body));
    }
  });
});

describe('edit, cancel, end (M3, M4)', () => {
  test('edit changes subject, times, password, settings and our fields', async () => {
    const start = Date.now() + HOUR;
    const m = await create({ type: 3, startTime: start, endTime: start + HOUR, password: '1111' });
    const res = await api('/v2/meeting/edit', {
      meetingUniqueId: m.meetingUniqueId,
      subject: 'Renamed',
      endTime: start + 2 * HOUR,
      password: '',
      waitingRoom: true,
      settings: { controls: [{ type: 'video', attendeeOff: 1 }] },
    });
    assert.equal(res.body.code, 200, res.body.msg);
    const got = (await api('/v2/meeting/get', { meetingUniqueId: m.meetingUniqueId })).body.ret;
    assert.equal(got.subject, 'Renamed');
    assert.equal(got.endTime, start + 2 * HOUR);
    assert.equal(got.startTime, start);
    assert.equal(got.password, '');
    assert.equal(got.waitingRoom, true);
    assert.equal(got.settings.controls[0].attendeeOff, 1);
  });

  test('an edit that names only the subject keeps every other field as stored (waiting room, capacity, invitees, topics …)', async () => {
    const start = Date.now() + HOUR;
    const m = await create({ type: 3, startTime: start, endTime: start + HOUR, waitingRoom: true, numberLimit: 12, definition: '720p', isPublic: false, topics: [{ title: 'Budget' }] });
    const before = (await api('/v2/meeting/get', { meetingUniqueId: m.meetingUniqueId })).body.ret;
    assert.equal((await api('/v2/meeting/edit', { meetingUniqueId: m.meetingUniqueId, subject: 'Only the subject' })).body.code, 200);
    const after = (await api('/v2/meeting/get', { meetingUniqueId: m.meetingUniqueId })).body.ret;
    assert.deepEqual({ ...after, subject: before.subject }, before);
  });

  test('an end time already past is refused at create (any type) and at edit (300), and nothing is stored', async () => {
    assert.equal((await api('/v2/meeting/create', { type: 1, subject: 'Over', endTime: Date.now() - 1000 })).body.code, 300);
    const m = await create({ type: 1 });
    assert.equal((await api('/v2/meeting/edit', { meetingUniqueId: m.meetingUniqueId, subject: 'x', endTime: Date.now() - 1000 })).body.code, 300);
    assert.equal((await api('/v2/meeting/get', { meetingUniqueId: m.meetingUniqueId })).body.ret.endTime, -1);
  });

  test('edit refusals: unknown 2000, bad subject 2017, end before start 300, after the end 2025', async () => {
    const m = await create({ type: 1 });
    assert.equal((await api('/v2/meeting/edit', { meetingUniqueId: 999_999, subject: 'x' })).body.code, 2000);
    assert.equal((await api('/v2/meeting/edit', { meetingUniqueId: m.meetingUniqueId, subject: 'y'.repeat(31) })).body.code, 2017);
    assert.equal((await api('/v2/meeting/edit', { meetingUniqueId: m.meetingUniqueId, subject: 'x', endTime: m.startTime - 1 })).body.code, 300);
    assert.equal((await api('/v2/meeting/deleteByMeetingUniqueId', { meetingUniqueId: m.meetingUniqueId })).body.code, 200);
    const before = (await api('/v2/meeting/get', { meetingUniqueId: m.meetingUniqueId })).body.ret;
    assert.equal((await api('/v2/meeting/edit', { meetingUniqueId: m.meetingUniqueId, subject: 'too late' })).body.code, 2025);
    assert.deepEqual((await api('/v2/meeting/get', { meetingUniqueId: m.meetingUniqueId })).body.ret, before, 'nothing changed');
  });

  test('cancel: not started → cancelled (4); twice → 2025; joins answer 2021', async () => {
    const m = await create({ type: 3, startTime: Date.now() + HOUR, endTime: Date.now() + 2 * HOUR });
    assert.equal((await api('/v2/meeting/cancel', { meetingUniqueId: m.meetingUniqueId })).body.code, 200);
    assert.equal((await api('/v2/meeting/get', { meetingUniqueId: m.meetingUniqueId })).body.ret.status, 4);
    assert.equal((await api('/v2/meeting/cancel', { meetingUniqueId: m.meetingUniqueId })).body.code, 2025);
    assert.equal(await join(m.meetingId), 2021);
  });

  test('end by unique id, code and short id; recycle; ending twice is 2021', async () => {
    const a = await create({ type: 1 });
    assert.equal((await api('/v2/meeting/deleteByMeetingUniqueId', { meetingUniqueId: a.meetingUniqueId })).body.code, 200);
    const endedA = await server.db.selectFrom('meetings').select(['status', 'end_reason']).where('unique_id', '=', a.meetingUniqueId).executeTakeFirstOrThrow();
    assert.deepEqual(endedA, { status: 3, end_reason: 4 });
    assert.equal((await api('/v2/meeting/deleteByMeetingUniqueId', { meetingUniqueId: a.meetingUniqueId })).body.code, 2021);
    assert.equal((await api('/v2/meeting/deleteByMeetingUniqueId', { meetingUniqueId: a.meetingUniqueId, recycle: true })).body.code, 200);
    assert.equal((await api('/v2/meeting/get', { meetingUniqueId: a.meetingUniqueId })).body.ret.status, 5);
    assert.equal((await api('/v2/meeting/deleteByMeetingUniqueId', { meetingUniqueId: a.meetingUniqueId, recycle: true })).body.code, 2021);

    const b = await create({ type: 1 });
    assert.equal((await api('/v2/meeting/deleteByMeetingId', { meetingId: b.meetingId, recycle: true })).body.code, 200);
    assert.equal((await api('/v2/meeting/get', { meetingUniqueId: b.meetingUniqueId })).body.ret.status, 5);
    assert.equal((await api('/v2/meeting/deleteByMeetingId', { meetingId: '000000002' })).body.code, 2000);
    assert.equal((await api('/v2/meeting/deleteByMeetingShortId', { shortId: '0000' })).body.code, 2000);
    assert.equal((await api('/v2/meeting/deleteByMeetingId', { meetingId: b.meetingId }, other)).body.code, 2000, "another tenant's meeting");
  });
});
