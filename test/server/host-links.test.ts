import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { TestClock } from '../support/clock.js';
import { FakeLivekit } from '../support/fake-livekit.js';
import { callApi } from '../support/signed.js';
import { addTenant, startTestServer, type TestServer } from '../support/test-server.js';

/** Issue 10 items 7 and 17: host links with a bounded, stable lifetime, revocable, signed by a secret the database does not hold. */
const DAY = 24 * 3600_000;
const clock = new TestClock();
let server: TestServer;

before(async () => {
  server = await startTestServer({ clock, livekitAdmin: new FakeLivekit() });
});
after(() => server.stop());

type Joined = { code: number; msg: string; ret?: { role: string; roleDowngraded?: boolean } };

const api = (s: TestServer, path: string, body: unknown) => callApi(s.url, s.services.devTenant, path, body, { curTime: String(clock.now()) });

async function ok(s: TestServer, path: string, body: unknown) {
  const res = await api(s, path, body);
  assert.equal(res.body.code, 200, `${path}: ${res.body.msg}`);
  return res.body.ret;
}

/** Joins with a link's parameters, as its holder's page would. */
async function joinWith(s: TestServer, link: string, extra: Record<string, unknown> = {}): Promise<Joined> {
  const params = Object.fromEntries(new URL(link).searchParams);
  const res = await fetch(new URL('/api/join', s.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ...params, name: 'Holder', gk: randomBytes(16).toString('base64url'), ...extra }),
  });
  return (await res.json()) as Joined;
}

const isHost = (j: Joined) => j.code === 200 && j.ret?.role === 'host' && !j.ret.roleDowngraded;
const expOf = (link: string) => Number(new URL(link).searchParams.get('exp'));

describe('room host links', () => {
  test('reading a room twice gives the same host link, valid 30 to 60 days, not a fresh expiry per read', async () => {
    const { roomId } = await ok(server, '/v1/room/create', { roomType: 2, name: 'Stable' });
    const first = (await ok(server, '/v1/room/get', { roomId })).hostLink as string;
    clock.advance(1000);
    const second = (await ok(server, '/v1/room/get', { roomId })).hostLink as string;
    assert.equal(second, first);
    const left = expOf(first) - clock.now();
    assert.ok(left > 30 * DAY - 1000 && left <= 60 * DAY, `the room link lives ${left / DAY} days`);
    assert.ok(isHost(await joinWith(server, first)));
  });

  test('rotating the room host key revokes the links handed out before; the answer carries the new one', async () => {
    const { roomId, hostLink: old } = await ok(server, '/v1/room/create', { roomType: 2, name: 'Leaked' });
    const rotated = (await ok(server, '/v1/room/rotateHostKey', { roomId })).hostLink as string;
    assert.notEqual(rotated, old);
    assert.equal((await ok(server, '/v1/room/get', { roomId })).hostLink, rotated);
    const stale = await joinWith(server, old);
    assert.equal(stale.code, 200, stale.msg);
    assert.equal(stale.ret!.roleDowngraded, true, 'a rotated room link still proved host');
    assert.ok(isHost(await joinWith(server, rotated)));
  });

  test("rotating a room's key revokes its open meeting's host links too", async () => {
    const { roomId, hostLink } = await ok(server, '/v1/room/create', { roomType: 2, name: 'Open' });
    const opened = await joinWith(server, hostLink);
    assert.ok(isHost(opened));
    const { appointmentId } = await ok(server, '/v1/room/get', { roomId });
    const meetingLink = (await ok(server, '/v2/meeting/get', { meetingUniqueId: appointmentId })).hostLink as string;
    await ok(server, '/v1/room/rotateHostKey', { roomId });
    assert.equal((await joinWith(server, meetingLink)).ret?.roleDowngraded, true, "the open meeting's old link still proved host");
  });

  test('another tenant can neither rotate a room it does not own nor learn its link', async () => {
    const { roomId, hostLink } = await ok(server, '/v1/room/create', { roomType: 2, name: 'Mine' });
    const other = await addTenant(server, `links-${randomBytes(4).toString('hex')}`);
    const { body } = await callApi(server.url, other, '/v1/room/rotateHostKey', { roomId }, { curTime: String(clock.now()) });
    assert.equal(body.code, 2000, body.msg);
    assert.equal(body.ret, undefined);
    assert.equal((await ok(server, '/v1/room/get', { roomId })).hostLink, hostLink, 'the room was rotated');
  });
});

describe('meeting host links', () => {
  test("a scheduled meeting's host link ends with the meeting (its end plus the overrun grace), not 30 days later", async () => {
    const start = clock.now() + 60_000;
    const end = start + 3600_000;
    const m = await ok(server, '/v2/meeting/create', { type: 3, subject: 'Scheduled', startTime: start, endTime: end });
    assert.equal(expOf(m.hostLink), end + server.config.clock.overrunGraceMs);
    assert.equal((await ok(server, '/v2/meeting/get', { meetingUniqueId: m.meetingUniqueId })).hostLink, m.hostLink, 'the same link on every read');
    clock.advance(end - clock.now() + server.config.clock.overrunGraceMs + 1000);
    assert.ok(!isHost(await joinWith(server, m.hostLink)), 'the host link outlived the meeting');
  });

  test("a meeting's host link is dead once the meeting ended", async () => {
    const m = await ok(server, '/v2/meeting/create', { type: 1, subject: 'Over' });
    assert.ok(isHost(await joinWith(server, m.hostLink)));
    await ok(server, '/v2/meeting/deleteByMeetingUniqueId', { meetingUniqueId: m.meetingUniqueId });
    const after = await joinWith(server, m.hostLink);
    assert.equal(after.code, 2021);
  });

  test("a personal meeting's host link does not prove host in the next meeting on the same personal id", async () => {
    const account = await ok(server, '/v1/account/create', {});
    const first = await ok(server, '/v2/meeting/create', { type: 2, subject: 'First', host: account.accountId });
    await ok(server, '/v2/meeting/deleteByMeetingUniqueId', { meetingUniqueId: first.meetingUniqueId });
    const next = await ok(server, '/v2/meeting/create', { type: 2, subject: 'Next', host: account.accountId });
    assert.equal(next.meetingId, first.meetingId);
    assert.equal((await joinWith(server, first.hostLink)).ret?.roleDowngraded, true, "the ended meeting's link proved host in the next one");
    assert.ok(isHost(await joinWith(server, next.hostLink)));
  });
});

/** Every row of every table, as a test that reads the database alone (a dump, a backup, an injection) sees it. */
async function dumpDatabase(s: TestServer): Promise<string[]> {
  const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(s.db);
  const values: string[] = [];
  const collect = (v: unknown): void => {
    if (v === null || v === undefined) return;
    if (typeof v === 'string') values.push(v);
    else if (v instanceof Date) values.push(String(v.getTime()));
    else if (typeof v === 'object') Object.values(v).forEach(collect);
    else values.push(String(v));
  };
  for (const { name } of tables.rows) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(s.db);
    rows.rows.forEach(collect);
  }
  return values;
}

describe('the secret that signs host links is not in the database', () => {
  test('a dump of every table holds neither the secret nor any value that signs a link the server accepts', async () => {
    const m = await ok(server, '/v2/meeting/create', { type: 1, subject: 'Dumped' });
    const rotated = await api(server, '/v2/meeting/rotateHostKey', { meetingUniqueId: m.meetingUniqueId });
    const link = new URL(rotated.body.ret.hostLink as string);
    const { exp, hk } = Object.fromEntries(link.searchParams);
    const secret = (await readFile(join(server.config.dataDir, 'host-link.key'), 'utf8')).trim();
    const values = await dumpDatabase(server);
    assert.ok(values.length > 50, 'the dump reads the data');
    assert.ok(!values.some((v) => v.includes(secret)), 'the signing secret is in the database');
    // What an attacker holding the dump would sign: the link's input with the meeting's key id from the dump.
    const { key_id: keyId } = await server.db.selectFrom('host_keys').select('key_id').where('subject', '=', String(m.meetingUniqueId)).executeTakeFirstOrThrow();
    assert.ok(values.includes(keyId), 'the key id is in the dump');
    const input = `${m.meetingUniqueId}.host.${exp}.${keyId}`;
    const signs = (candidate: string) => createHmac('sha256', candidate).update(input).digest('base64url') === hk;
    assert.ok(signs(secret), 'the test signs as the server does');
    assert.deepEqual(values.filter(signs), [], 'a value in the database signs host links');
    // And over HTTP: links forged with the values that look most like keys are refused.
    const forged = values.filter((v) => v.length >= 16 && /^[\w-]+$/.test(v)).slice(0, 20);
    assert.ok(forged.length > 0);
    for (const candidate of forged) {
      link.searchParams.set('hk', createHmac('sha256', candidate).update(input).digest('base64url'));
      const j = await joinWith(server, link.toString());
      assert.equal(j.ret?.roleDowngraded, true, `a link signed with a database value (${candidate.slice(0, 6)}…) proved host`);
    }
  });

  test('the generated secret is a file in DATA_DIR only its owner reads (0600)', async () => {
    assert.equal((await stat(join(server.config.dataDir, 'host-link.key'))).mode & 0o777, 0o600);
  });

  test('host links, rotated or not, keep working across a restart on the same DATA_DIR', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'meeting-links-restart-'));
    let s = await startTestServer({ dataDir, clock });
    try {
      const m = await ok(s, '/v2/meeting/create', { type: 1, subject: 'Restart' });
      const { roomId } = await ok(s, '/v1/room/create', { roomType: 2, name: 'Restart' });
      const roomLink = (await ok(s, '/v1/room/rotateHostKey', { roomId })).hostLink as string;
      await s.stop();
      s = await startTestServer({ dataDir, clock });
      // The same links but for the port this run listens on.
      const query = (link: string) => new URL(link).search;
      assert.equal(query((await ok(s, '/v2/meeting/get', { meetingUniqueId: m.meetingUniqueId })).hostLink), query(m.hostLink));
      assert.equal(query((await ok(s, '/v1/room/get', { roomId })).hostLink), query(roomLink));
      assert.ok(isHost(await joinWith(s, m.hostLink)));
      assert.ok(isHost(await joinWith(s, roomLink)));
    } finally {
      await s.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
