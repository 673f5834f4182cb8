import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, beforeEach, describe, test } from 'node:test';
import { CONTROL_ACTIONS, type ControlAction } from '../../src/protocol/control-actions.js';
import { Attr } from '../../src/protocol/control.js';
import { sql } from 'kysely';
import { pino } from 'pino';
import { createServices } from '../../src/server/services/index.js';
import { exampleAction } from '../support/control-examples.js';
import { FakeLivekit } from '../support/fake-livekit.js';
import { signedWebhook } from '../support/livekit-webhook.js';
import { callApi } from '../support/signed.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
const livekit = new FakeLivekit();

before(async () => {
  server = await startTestServer({ livekitAdmin: livekit });
});
after(() => server.stop());
beforeEach(() => livekit.take());

interface Grant {
  token: string;
  identity: string;
  role: string;
  waitingTicket?: string;
  meeting: { meetingUniqueId: number };
}
type Answer = { status: number; body: { code: number; msg: string; ret?: any } };

async function post(path: string, body: unknown, token?: string): Promise<Answer> {
  const res = await fetch(new URL(path, server.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}

/** A meeting with a host and two guests in it (each joined, and seen by the LiveKit webhook). */
async function meetingWithPeople(extra: Record<string, unknown> = {}) {
  const created = await callApi(server.url, server.services.devTenant, '/v2/meeting/create', { type: 1, subject: 'Control', ...extra });
  assert.equal(created.body.code, 200, created.body.msg);
  const m = created.body.ret as { meetingUniqueId: number; meetingId: string; hostLink: string };
  const row = (await server.services.meetings.findById(m.meetingUniqueId))!;
  let n = 0;
  const join = async (params: Record<string, unknown>) => post('/api/join', { code: m.meetingId, ...params });
  const arrive = async (g: Grant) => {
    const sid = `PA_${g.identity}_${n++}`;
    await webhook({ event: 'participant_joined', id: `EV_${sid}`, room: { name: row.room_name }, participant: { identity: g.identity, sid } });
    return sid;
  };
  const enter = async (params: Record<string, unknown>) => {
    const res = await join(params);
    assert.equal(res.body.code, 200, res.body.msg);
    const g = res.body.ret as Grant;
    if (!g.waitingTicket) await arrive(g);
    return g;
  };
  const host = await enter({ ...Object.fromEntries(new URL(m.hostLink).searchParams), name: 'Hana', gk: key() });
  const alice = await enter({ name: 'Alice', gk: key() });
  const bob = await enter({ name: 'Bob', gk: key() });
  const control = (by: Grant, action: ControlAction | Record<string, unknown>) => post(`/api/meetings/${m.meetingUniqueId}/control`, action, by.token);
  livekit.take();
  return { m, row, host, alice, bob, join, enter, arrive, control };
}

const key = () => randomBytes(16).toString('base64url');

async function webhook(event: Record<string, unknown>) {
  const { apiKey, apiSecret } = server.config.livekit;
  const signed = await signedWebhook(apiKey, apiSecret, { createdAt: Math.floor(Date.now() / 1000), ...event });
  const res = await fetch(new URL('/livekit/webhook', server.url), { method: 'POST', headers: { 'Content-Type': 'application/webhook+json', Authorization: signed.authorization }, body: signed.body });
  assert.equal(res.status, 200);
}

const updatesFor = (identity: string) =>
  livekit.calls.filter((c) => c.op === 'update' && c.identity === identity).map((c) => (c as unknown as { update: { sources: string[]; attributes: Record<string, string> } }).update);

describe('POST /api/meetings/:id/control (SPEC H1–H11)', () => {
  test('an attendee gets 2100 for every host action, and nothing reaches LiveKit', async () => {
    const { alice, bob, control } = await meetingWithPeople();
    for (const action of CONTROL_ACTIONS) {
      const res = await control(alice, exampleAction(action, bob.identity));
      assert.equal(res.body.code, 2100, `${action}: ${res.body.msg}`);
      assert.equal(res.status, 403);
    }
    assert.deepEqual(livekit.take(), []);
    const audit = await server.db.selectFrom('control_audit').selectAll().where('actor', '=', alice.identity).execute();
    assert.equal(audit.length, CONTROL_ACTIONS.length);
    assert.ok(audit.every((a) => a.code === 2100));
  });

  test('no token is 401; a token for another meeting is 2105; a forged role in the body is refused', async () => {
    const one = await meetingWithPeople();
    const two = await meetingWithPeople();
    const none = await post(`/api/meetings/${one.m.meetingUniqueId}/control`, { action: 'lock', locked: true });
    assert.equal(none.body.code, 401);
    const forged = await post(`/api/meetings/${one.m.meetingUniqueId}/control`, { action: 'lock', locked: true }, `${one.host.token.slice(0, -4)}AAAA`);
    assert.equal(forged.body.code, 401);
    const other = await two.control(two.host, { action: 'lock', locked: true });
    assert.equal(other.body.code, 200);
    const cross = await post(`/api/meetings/${one.m.meetingUniqueId}/control`, { action: 'lock', locked: true }, two.host.token);
    assert.equal(cross.body.code, 2105);
    const withRole = await one.control(one.alice, { action: 'lock', locked: true, role: 'host' } as Record<string, unknown>);
    assert.equal(withRole.body.code, 300);
  });

  test('mute, mute all without self-unmute (also for later joiners), ask to unmute', async () => {
    const { host, alice, bob, control, enter } = await meetingWithPeople();
    assert.equal((await control(host, { action: 'mute', target: alice.identity })).body.code, 200);
    const calls = livekit.take();
    assert.ok(calls.some((c) => c.op === 'mute' && c.identity === alice.identity && c.source === 'microphone'));
    assert.ok(calls.some((c) => c.op === 'data' && c.payload.type === 'muted' && c.to?.[0] === alice.identity));

    assert.equal((await control(host, { action: 'muteAll', allowSelfOn: false })).body.code, 200);
    assert.ok(!updatesFor(bob.identity).at(-1)!.sources.includes('microphone'), 'bob may not unmute');
    assert.ok(updatesFor(alice.identity).length > 0);
    assert.ok(livekit.calls.some((c) => c.op === 'metadata' && JSON.parse(c.metadata).audio.off === true));
    assert.ok(livekit.calls.some((c) => c.op === 'mute' && c.identity === bob.identity));
    assert.ok(!livekit.calls.some((c) => c.op === 'mute' && c.identity === host.identity), 'hosts are not muted');
    livekit.take();

    const carol = await enter({ name: 'Carol', gk: key() });
    const { TokenVerifier } = await import('livekit-server-sdk');
    const claims = await new TokenVerifier(server.config.livekit.apiKey, server.config.livekit.apiSecret).verify(carol.token);
    assert.ok(!claims.video!.canPublishSources!.includes('microphone' as never), 'a later joiner gets no microphone either');
    assert.ok(!updatesFor(carol.identity).at(-1)!.sources.includes('microphone'));

    assert.equal((await control(host, { action: 'askUnmute', target: bob.identity })).body.code, 200);
    assert.ok(updatesFor(bob.identity).at(-1)!.sources.includes('microphone'), 'asked: bob may unmute');
    assert.ok(livekit.calls.some((c) => c.op === 'data' && c.payload.type === 'ask-unmute'));
  });

  test('ask everyone to unmute: under mute-all, every attendee present may unmute again and is asked; hosts and co-hosts only', async () => {
    const { host, alice, bob, control } = await meetingWithPeople();
    assert.equal((await control(host, { action: 'muteAll', allowSelfOn: false })).body.code, 200);
    assert.ok(!updatesFor(bob.identity).at(-1)!.sources.includes('microphone'));
    livekit.take();
    assert.equal((await control(alice, { action: 'askUnmuteAll' })).body.code, 2100);
    assert.equal((await control(host, { action: 'askUnmuteAll' })).body.code, 200);
    for (const who of [alice, bob]) assert.ok(updatesFor(who.identity).at(-1)!.sources.includes('microphone'), `${who.identity} may unmute`);
    const asked = livekit.calls.find((c) => c.op === 'data' && c.payload.type === 'ask-unmute');
    assert.deepEqual([...(asked as { to?: string[] }).to!].sort(), [alice.identity, bob.identity].sort());
    assert.ok(!livekit.calls.some((c) => c.op === 'mute'), 'nobody is muted or unmuted by the server');
  });

  test('remove: permissions go first, then the person; the same guest cannot rejoin (2106); the watchdog expels their old token', async () => {
    const { host, alice, control, join, arrive } = await meetingWithPeople();
    const aliceKey = key();
    const res = await join({ name: 'Alice2', gk: aliceKey });
    const alice2 = res.body.ret as Grant;
    await arrive(alice2);
    livekit.take();
    assert.equal((await control(host, { action: 'remove', target: alice2.identity })).body.code, 200);
    const calls = livekit.take();
    const strip = calls.findIndex((c) => c.op === 'update' && c.identity === alice2.identity && !c.update.canSubscribe);
    const remove = calls.findIndex((c) => c.op === 'remove' && c.identity === alice2.identity);
    assert.ok(strip >= 0 && remove > strip, JSON.stringify(calls.map((c) => c.op)));
    const again = await join({ name: 'Alice2', gk: aliceKey });
    assert.equal(again.body.code, 2106);
    await arrive(alice2);
    assert.ok(livekit.calls.some((c) => c.op === 'remove' && c.identity === alice2.identity), 'watchdog removed the banned identity');
    assert.equal((await control(host, { action: 'remove', target: alice2.identity })).body.code, 2101);
    assert.equal((await control(host, { action: 'mute', target: 'p_nobody' })).body.code, 2101);
    assert.equal((await control(alice, { action: 'remove', target: host.identity })).body.code, 2100);
  });

  test('lock: a new join gets 2010, a host still joins', async () => {
    const { m, host, control, join } = await meetingWithPeople();
    assert.equal((await control(host, { action: 'lock', locked: true })).body.code, 200);
    assert.equal((await join({ name: 'Late', gk: key() })).body.code, 2010);
    assert.equal((await join({ ...Object.fromEntries(new URL(m.hostLink).searchParams), name: 'Host 2' })).body.code, 200);
    assert.equal((await control(host, { action: 'lock', locked: false })).body.code, 200);
    assert.equal((await join({ name: 'Late', gk: key() })).body.code, 200);
  });

  test('lock with a waiting room (SPEC H4): whoever waits keeps their place and a host may admit them; their connection is not expelled', async () => {
    const { host, control, join, arrive } = await meetingWithPeople();
    assert.equal((await control(host, { action: 'waitingRoom', on: true })).body.code, 200);
    const wKey = key();
    const w = (await join({ name: 'Wendy', gk: wKey })).body.ret as Grant;
    assert.ok(w.waitingTicket);
    assert.equal((await control(host, { action: 'lock', locked: true })).body.code, 200);
    assert.equal((await join({ name: 'Newcomer', gk: key() })).body.code, 2010, 'a newcomer is refused');
    const reloaded = await join({ name: 'Wendy', gk: wKey });
    assert.equal(reloaded.body.code, 200, `a reload while locked keeps the place: ${reloaded.body.msg}`);
    const ticket = (reloaded.body.ret as Grant).waitingTicket!;
    assert.equal((await control(host, { action: 'admit', target: w.identity })).body.code, 200);
    const admitted = await post('/api/join/ticket', { ticket });
    assert.equal(admitted.body.code, 200, admitted.body.msg);
    livekit.take();
    await arrive(admitted.body.ret as Grant);
    assert.ok(!livekit.take().some((c) => c.op === 'remove' && (c as { identity?: string }).identity === w.identity), 'the admitted person was expelled at connect');
  });

  test('/v2/meeting/edit of a meeting in progress reaches the live policy: subject, waiting room, media controls (SPEC M3)', async () => {
    const { m, control, host, alice, join } = await meetingWithPeople();
    const edit = (body: Record<string, unknown>) => callApi(server.url, server.services.devTenant, '/v2/meeting/edit', { meetingUniqueId: m.meetingUniqueId, ...body });
    assert.equal((await edit({ subject: 'Renamed', waitingRoom: true, settings: { controls: [{ type: 'audio', state: 1, attendeeOff: 2, allowSelfOn: false }] } })).body.code, 200);
    const calls = livekit.take();
    assert.ok(calls.some((c) => c.op === 'mute' && c.identity === alice.identity && c.source === 'microphone'), 'everyone off now mutes those present, as "mute all" does');
    assert.ok(!calls.some((c) => c.op === 'mute' && c.identity === host.identity), 'not the host');
    const pushed = calls.filter((c) => c.op === 'metadata').map((c) => JSON.parse((c as { metadata: string }).metadata));
    assert.equal(pushed.at(-1)?.subject, 'Renamed');
    assert.equal(pushed.at(-1)?.waitingRoom, true);
    assert.deepEqual(pushed.at(-1)?.audio, { off: true, allowSelfOn: false });
    const late = (await join({ name: 'Late', gk: key() })).body.ret as Grant;
    assert.ok(late.waitingTicket, 'a later joiner waits');
    // Turning it off through an edit lets in whoever waits; a subject-only edit keeps the waiting room as the host set it.
    assert.equal((await edit({ subject: 'Renamed', waitingRoom: false })).body.code, 200);
    assert.equal((await post('/api/join/ticket', { ticket: late.waitingTicket })).body.code, 200);
    assert.equal((await control(host, { action: 'waitingRoom', on: true })).body.code, 200);
    // A portal that sends its whole form again changes nothing it did not change.
    livekit.take();
    assert.equal((await edit({ subject: 'Renamed', waitingRoom: false, settings: { controls: [{ type: 'audio', state: 1, attendeeOff: 2, allowSelfOn: false }] } })).body.code, 200);
    assert.deepEqual(livekit.take().filter((c) => c.op === 'metadata' || c.op === 'mute'), [], 'nothing pushed');
    assert.ok((await join({ name: 'Later', gk: key() })).body.ret.waitingTicket, 'the host’s waiting room stays on');
  });

  test('waiting room: a ticket, no token; admit, reject (2108, sticks), admit all', async () => {
    const { host, alice, control, join } = await meetingWithPeople();
    assert.equal((await control(host, { action: 'waitingRoom', on: true })).body.code, 200);
    const wKey = key();
    const w = (await join({ name: 'Wendy', gk: wKey })).body.ret as Grant;
    assert.equal(w.token, '');
    assert.ok(w.waitingTicket);
    assert.ok(livekit.calls.some((c) => c.op === 'data' && c.payload.type === 'waiting' && c.to?.includes(host.identity)));
    const pending = await post('/api/join/ticket', { ticket: w.waitingTicket });
    assert.equal(pending.body.code, 2107);
    assert.match(pending.body.msg, /number 1/);
    const list = await fetch(new URL(`/api/meetings/${w.meeting.meetingUniqueId}/waiting`, server.url), { headers: { Authorization: `Bearer ${host.token}` } });
    assert.deepEqual(((await list.json()) as { ret: Array<{ name: string }> }).ret.map((p) => p.name), ['Wendy']);
    const notHost = await fetch(new URL(`/api/meetings/${w.meeting.meetingUniqueId}/waiting`, server.url), { headers: { Authorization: `Bearer ${alice.token}` } });
    assert.equal(((await notHost.json()) as { code: number }).code, 2100);

    assert.equal((await control(host, { action: 'admit', target: w.identity })).body.code, 200);
    const admitted = await post('/api/join/ticket', { ticket: w.waitingTicket });
    assert.equal(admitted.body.code, 200);
    assert.ok(admitted.body.ret.token);

    const r = (await join({ name: 'Rex', gk: key() })).body.ret as Grant;
    assert.equal((await control(host, { action: 'reject', target: r.identity })).body.code, 200);
    assert.equal((await post('/api/join/ticket', { ticket: r.waitingTicket })).body.code, 2108);
    const rKey = key();
    const r2 = (await join({ name: 'Rex', gk: rKey })).body.ret as Grant;
    await control(host, { action: 'reject', target: r2.identity });
    assert.equal((await join({ name: 'Rex', gk: rKey })).body.code, 2108, 'a rejected guest stays out');

    const a = (await join({ name: 'A', gk: key() })).body.ret as Grant;
    const b = (await join({ name: 'B', gk: key() })).body.ret as Grant;
    assert.equal((await control(host, { action: 'admitAll' })).body.code, 200);
    for (const t of [a, b]) assert.equal((await post('/api/join/ticket', { ticket: t.waitingTicket })).body.code, 200);
    assert.equal((await control(host, { action: 'admit', target: a.identity })).body.code, 2101, 'no longer waiting');
  });

  test('roles: co-host, transfer host, the host leaving hands host to the co-host, claim host', async () => {
    const { host, alice, bob, control, row, arrive } = await meetingWithPeople();
    assert.equal((await control(host, { action: 'setRole', target: alice.identity, role: 'cohost' })).body.code, 200);
    assert.equal(updatesFor(alice.identity).at(-1)!.attributes[Attr.ROLE], 'cohost');
    assert.equal((await control(alice, { action: 'setRole', target: bob.identity, role: 'cohost' })).body.code, 2105, 'only the host makes co-hosts');
    assert.equal((await control(alice, { action: 'end' })).body.code, 2105);
    assert.equal((await control(alice, { action: 'lock', locked: true })).body.code, 200, 'a co-host moderates');
    assert.equal((await control(bob, { action: 'claimHost' })).body.code, 2100, 'a host is present');

    assert.equal((await control(host, { action: 'transferHost', target: bob.identity })).body.code, 200);
    assert.equal((await control(host, { action: 'transferHost', target: alice.identity })).body.code, 2105, 'no longer the host');
    const roles = async () => Object.fromEntries((await server.db.selectFrom('admissions').select(['identity', 'role']).where('meeting_id', '=', row.unique_id).execute()).map((r) => [r.identity, r.role]));
    assert.deepEqual([(await roles())[host.identity], (await roles())[bob.identity]], ['cohost', 'host']);

    // Bob (host) leaves: host passes to the co-host who joined first (Hana, now co-host).
    await webhook({ event: 'participant_left', id: `EV_left_${bob.identity}`, room: { name: row.room_name }, participant: { identity: bob.identity, sid: 'PA_whatever' } });
    let r = await roles();
    assert.equal(r[bob.identity], 'host', 'a stale session id changes nothing');
    const sid = (await server.db.selectFrom('admissions').select('sid').where('identity', '=', bob.identity).executeTakeFirstOrThrow()).sid!;
    await webhook({ event: 'participant_left', id: `EV_left2_${bob.identity}`, room: { name: row.room_name }, participant: { identity: bob.identity, sid } });
    r = await roles();
    assert.equal(r[bob.identity], 'cohost');
    assert.equal(r[host.identity], 'host');
    assert.ok(livekit.calls.some((c) => c.op === 'data' && c.payload.type === 'role'));

    await arrive(bob);
    assert.equal((await control(bob, { action: 'claimHost' })).body.code, 2100, 'Hana is the host');
  });

  test('hands: raised in order, lowered by a host; share policy and approvals; spotlight; rename', async () => {
    const { m, host, alice, bob, control } = await meetingWithPeople();
    const hand = (g: Grant, raised: boolean) => post(`/api/meetings/${m.meetingUniqueId}/hand`, { raised }, g.token);
    assert.equal((await hand(alice, true)).body.code, 200);
    assert.ok(livekit.calls.some((c) => c.op === 'data' && c.payload.type === 'hand' && c.to?.includes(host.identity)));
    await hand(bob, true);
    const at = (g: Grant) => Number(updatesFor(g.identity).at(-1)!.attributes['meeting.hand']);
    assert.ok(at(alice) > 0 && at(bob) >= at(alice));
    assert.equal((await control(host, { action: 'lowerAllHands' })).body.code, 200);
    assert.equal(updatesFor(alice.identity).at(-1)!.attributes['meeting.hand'], '');

    assert.equal((await control(host, { action: 'sharePolicy', policy: 'hosts' })).body.code, 200);
    assert.ok(!updatesFor(alice.identity).at(-1)!.sources.includes('screen_share'));
    assert.ok(!updatesFor(host.identity).length || updatesFor(host.identity).at(-1)!.sources.includes('screen_share'));
    assert.equal((await control(host, { action: 'sharePolicy', policy: 'ask' })).body.code, 200);
    const ask = await post(`/api/meetings/${m.meetingUniqueId}/self`, { action: 'requestShare', on: true }, alice.token);
    assert.equal(ask.body.code, 200);
    assert.equal((await control(host, { action: 'approveShare', target: alice.identity, approve: true })).body.code, 200);
    assert.ok(updatesFor(alice.identity).at(-1)!.sources.includes('screen_share'));
    assert.equal((await control(host, { action: 'stopShare', target: alice.identity })).body.code, 200);

    assert.equal((await control(host, { action: 'spotlight', target: bob.identity })).body.code, 200);
    const meta = livekit.calls.filter((c) => c.op === 'metadata').at(-1) as { metadata: string };
    assert.equal(JSON.parse(meta.metadata).spotlight, bob.identity);
    assert.equal((await control(host, { action: 'renameMeeting', subject: 'Renamed meeting' })).body.code, 200);
    assert.equal((await server.services.meetings.findById(m.meetingUniqueId))!.subject, 'Renamed meeting');
    assert.equal((await control(host, { action: 'renamePerson', target: bob.identity, name: 'Robert' })).body.code, 200);
    assert.equal((livekit.calls.filter((c) => c.op === 'update' && c.identity === bob.identity).at(-1) as { update: { name: string } }).update.name, 'Robert');
    assert.equal((await post(`/api/meetings/${m.meetingUniqueId}/self`, { action: 'rename', name: '<b>' }, bob.token)).body.code, 2003, 'a bad nickname');
    const badRename = await control(host, { action: 'renamePerson', target: bob.identity, name: 'x\u202ey' });
    assert.equal(badRename.body.code, 2003, badRename.body.msg);
  });

  test('a new screen share replaces the current one (SPEC H8)', async () => {
    const { row, alice, bob } = await meetingWithPeople();
    const share = (g: Grant, sid: string) =>
      webhook({ event: 'track_published', id: `EV_${key()}`, room: { name: row.room_name }, participant: { identity: g.identity, sid: 'PA' }, track: { sid, type: 'VIDEO', source: 'SCREEN_SHARE' } });
    await share(alice, 'TR_sa');
    assert.ok(!livekit.calls.some((c) => c.op === 'update' && !c.update.sources.includes('screen_share')));
    await share(bob, 'TR_sb');
    const stops = livekit.calls.filter((c) => c.op === 'update' && !c.update.sources.includes('screen_share')).map((c) => (c as { identity: string }).identity);
    assert.deepEqual(stops, [alice.identity]);
    assert.ok(livekit.calls.some((c) => c.op === 'data' && c.payload.type === 'share-stopped' && c.to?.[0] === alice.identity));
    assert.equal(updatesFor(alice.identity).at(-1)!.sources.includes('screen_share'), true, 'and may share again later');
  });

  test('who shares a screen is in the database: another replica takes it over, an ended share is not stopped again', async () => {
    const { row, alice, bob } = await meetingWithPeople();
    const other = new FakeLivekit();
    const replica = await createServices({ ...server.config, publicUrl: server.url }, server.db, pino({ level: 'silent' }), Date.now, other);
    const track = (g: Grant, event: string, sid: string) => ({ event, id: `EV_${key()}`, room: { name: row.room_name }, participant: { identity: g.identity, sid: 'PA' }, track: { sid, type: 'VIDEO', source: 'SCREEN_SHARE' } });
    const onReplica = async (event: Record<string, unknown>) => {
      const signed = await signedWebhook(server.config.livekit.apiKey, server.config.livekit.apiSecret, { createdAt: Math.floor(Date.now() / 1000), ...event });
      await replica.livekitWebhooks.process(await replica.livekitWebhooks.verify(signed.body, signed.authorization));
    };
    const stopped = (fake: FakeLivekit) => fake.calls.filter((c) => c.op === 'update' && !c.update.sources.includes('screen_share')).map((c) => (c as { identity: string }).identity);
    await webhook(track(alice, 'track_published', 'TR_sa'));
    await onReplica(track(bob, 'track_published', 'TR_sb'));
    assert.deepEqual(stopped(other), [alice.identity], 'the replica knew alice was sharing');
    await webhook(track(alice, 'track_unpublished', 'TR_sa'));
    await onReplica(track(bob, 'track_unpublished', 'TR_sb'));
    livekit.take();
    other.take();
    await webhook(track(alice, 'track_published', 'TR_sa2'));
    assert.deepEqual(stopped(livekit), [], 'nobody shares any more: nothing to stop');
  });

  test('stage: audience promoted up to the cap (4001 beyond), demoted back', async () => {
    const { host, control, enter } = await meetingWithPeople();
    const a1 = await enter({ name: 'Aud1', role: 'audience', gk: key() });
    const a2 = await enter({ name: 'Aud2', role: 'audience', gk: key() });
    assert.equal((await control(host, { action: 'stageCap', cap: 1 })).body.code, 200);
    assert.equal((await control(host, { action: 'setRole', target: a1.identity, role: 'speaker' })).body.code, 200);
    assert.ok(updatesFor(a1.identity).at(-1)!.sources.includes('microphone'));
    assert.equal((await control(host, { action: 'setRole', target: a2.identity, role: 'speaker' })).body.code, 4001);
    assert.equal((await control(host, { action: 'setRole', target: a1.identity, role: 'audience' })).body.code, 200);
    assert.deepEqual(updatesFor(a1.identity).at(-1)!.sources, []);
  });

  test('extend the scheduled end (SPEC H11): the meeting row and everyone\'s policy move; no end to extend is 300; attendees 2100', async () => {
    const end = Date.now() + 10 * 60_000;
    const { m, host, alice, control } = await meetingWithPeople({ type: 1, endTime: end });
    assert.equal((await control(alice, { action: 'extendEnd', minutes: 15 })).body.code, 2100);
    assert.equal((await control(host, { action: 'extendEnd', minutes: 0 })).body.code, 300);
    assert.equal((await control(host, { action: 'extendEnd', minutes: 721 })).body.code, 300);
    assert.equal((await control(host, { action: 'extendEnd', minutes: 15 })).body.code, 200);
    const row = (await server.services.meetings.findById(m.meetingUniqueId))!;
    assert.equal(row.end_time!.getTime(), end + 15 * 60_000);
    const meta = livekit.calls.filter((c) => c.op === 'metadata').at(-1) as { metadata: string };
    assert.equal(JSON.parse(meta.metadata).endsAt, end + 15 * 60_000);
    assert.equal((await callApi(server.url, server.services.devTenant, '/v2/meeting/get', { meetingUniqueId: m.meetingUniqueId })).body.ret.endTime, end + 15 * 60_000);
    const open = await meetingWithPeople();
    const refused = await open.control(open.host, { action: 'extendEnd', minutes: 15 });
    assert.equal(refused.body.code, 300, refused.body.msg);
    // A live state stored before the policy had endsAt takes the meeting's own end.
    const old = await meetingWithPeople({ type: 1, endTime: end });
    await old.control(old.host, { action: 'lock', locked: false });
    await server.db.updateTable('meeting_live').set({ policy: sql`policy - 'endsAt'` }).where('meeting_id', '=', old.m.meetingUniqueId).execute();
    assert.equal((await old.control(old.host, { action: 'extendEnd', minutes: 30 })).body.code, 200);
    assert.equal((await server.services.meetings.findById(old.m.meetingUniqueId))!.end_time!.getTime(), end + 30 * 60_000);
  });

  test('end for all: the host ends it (reason 1); later calls get 2021', async () => {
    const { m, host, control } = await meetingWithPeople();
    assert.equal((await control(host, { action: 'end' })).body.code, 200);
    const row = (await server.services.meetings.findById(m.meetingUniqueId))!;
    assert.equal(row.status, 3);
    assert.equal(row.end_reason, 1);
    assert.ok(livekit.calls.some((c) => c.op === 'closeRoom'));
    assert.equal((await control(host, { action: 'lock', locked: true })).body.code, 2021);
  });
});

describe('watchdog (LiveKit webhooks)', () => {
  test('someone the server never admitted is removed at once', async () => {
    const { row } = await meetingWithPeople();
    await webhook({ event: 'participant_joined', id: `EV_${key()}`, room: { name: row.room_name }, participant: { identity: 'intruder', sid: 'PA_x' } });
    const calls = livekit.take();
    assert.ok(calls.some((c) => c.op === 'update' && c.identity === 'intruder' && !c.update.canSubscribe));
    assert.ok(calls.some((c) => c.op === 'remove' && c.identity === 'intruder'));
  });

  test('an audio track declared as camera gets its publisher removed and banned', async () => {
    const { row, alice, join } = await meetingWithPeople();
    await webhook({ event: 'track_published', id: `EV_${key()}`, room: { name: row.room_name }, participant: { identity: alice.identity, sid: 'PA_a' }, track: { sid: 'TR_1', type: 'AUDIO', source: 'CAMERA' } });
    assert.ok(livekit.calls.some((c) => c.op === 'remove' && c.identity === alice.identity));
    const a = await server.db.selectFrom('admissions').select('banned').where('identity', '=', alice.identity).executeTakeFirstOrThrow();
    assert.equal(a.banned, true);
    const audit = await server.db.selectFrom('control_audit').selectAll().where('target', '=', alice.identity).execute();
    assert.ok(audit.some((x) => x.action === 'watchdog-violation'));
    void join;
  });

  test('a legitimate track is left alone; a correctly labelled forbidden one means LiveKit lagged: permissions are re-applied, nobody is banned', async () => {
    const { row, host, bob, control } = await meetingWithPeople();
    const mic = (sid: string) =>
      webhook({ event: 'track_published', id: `EV_${key()}`, room: { name: row.room_name }, participant: { identity: bob.identity, sid: 'PA_b' }, track: { sid, type: 'AUDIO', source: 'MICROPHONE' } });
    await mic('TR_2');
    assert.ok(!livekit.calls.some((c) => c.op === 'remove'));
    await control(host, { action: 'muteAll', allowSelfOn: false });
    livekit.take();
    await mic('TR_3');
    assert.ok(!livekit.calls.some((c) => c.op === 'remove'), 'an honest client is not banned for LiveKit lagging');
    assert.deepEqual(updatesFor(bob.identity).at(-1)!.sources.includes('microphone'), false, 'the microphone is taken away again');
    const b = await server.db.selectFrom('admissions').select('banned').where('identity', '=', bob.identity).executeTakeFirstOrThrow();
    assert.equal(b.banned, false);
  });

  test('webhooks out of order: a session seen leaving before its join stays gone; a replaced session hands nothing over', async () => {
    const { row, host, alice, control } = await meetingWithPeople();
    assert.equal((await control(host, { action: 'setRole', target: alice.identity, role: 'cohost' })).body.code, 200);
    const hostSid = (await server.db.selectFrom('admissions').select('sid').where('identity', '=', host.identity).executeTakeFirstOrThrow()).sid!;
    // The host's second device replaces the first: LiveKit's left event says DUPLICATE_IDENTITY.
    await webhook({ event: 'participant_left', id: `EV_${key()}`, room: { name: row.room_name }, participant: { identity: host.identity, sid: hostSid, disconnectReason: 'DUPLICATE_IDENTITY' } });
    const roleOf = async (id: string) => (await server.db.selectFrom('admissions').select(['role', 'left_at']).where('identity', '=', id).executeTakeFirstOrThrow());
    assert.equal((await roleOf(host.identity)).role, 'host', 'no hand-over for a replaced session');
    assert.equal((await roleOf(host.identity)).left_at, null);
    // Alice leaves; a new session of hers has its left event arrive before its join: it stays gone.
    const aliceSid = (await server.db.selectFrom('admissions').select('sid').where('identity', '=', alice.identity).executeTakeFirstOrThrow()).sid!;
    await webhook({ event: 'participant_left', id: `EV_${key()}`, room: { name: row.room_name }, participant: { identity: alice.identity, sid: aliceSid } });
    await webhook({ event: 'participant_left', id: `EV_${key()}`, room: { name: row.room_name }, participant: { identity: alice.identity, sid: 'PA_late' } });
    await webhook({ event: 'participant_joined', id: `EV_${key()}`, room: { name: row.room_name }, participant: { identity: alice.identity, sid: 'PA_late' } });
    assert.notEqual((await roleOf(alice.identity)).left_at, null);
  });
});

describe('join answers (SPEC J2)', () => {
  test('wrong passwords are limited: 2014 five times, then 510', async () => {
    const created = await callApi(server.url, server.services.devTenant, '/v2/meeting/create', { type: 1, subject: 'Pw', password: 'secret1' });
    const code = created.body.ret.meetingId;
    assert.equal((await post('/api/join', { code, name: 'X' })).body.code, 2018);
    for (let i = 0; i < 5; i++) assert.equal((await post('/api/join', { code, name: 'X', password: 'nope' })).body.code, 2014);
    assert.equal((await post('/api/join', { code, name: 'X', password: 'secret1' })).body.code, 510);
  });
});

describe('join modes (SPEC J4): listen only until the server lets them join with audio', () => {
  const claimsOf = async (token: string) => {
    const { TokenVerifier } = await import('livekit-server-sdk');
    return (await new TokenVerifier(server.config.livekit.apiKey, server.config.livekit.apiSecret).verify(token)).video!;
  };
  const joinAudio = (m: { meetingUniqueId: number }, g: Grant, body: Record<string, unknown> = { action: 'joinAudio' }) => post(`/api/meetings/${m.meetingUniqueId}/self`, body, g.token);

  test('a listen-only token publishes nothing; joinAudio asks the server, which pushes what the role and policy allow', async () => {
    const { m, enter } = await meetingWithPeople();
    const carol = await enter({ name: 'Carol', gk: key(), lo: 1 });
    const v = await claimsOf(carol.token);
    assert.equal(v.canPublish, false);
    assert.deepEqual(v.canPublishSources ?? [], []);
    assert.equal(v.canSubscribe, true);
    // Whatever the client itself turns on, LiveKit holds no permission for it until the server says so.
    assert.ok(updatesFor(carol.identity).every((u) => u.sources.length === 0));

    assert.equal((await joinAudio(m, carol, { action: 'joinAudio', sources: ['screen_share'] })).body.code, 300, 'nothing more to ask for');
    assert.equal((await joinAudio(m, carol)).body.code, 200);
    assert.deepEqual([...updatesFor(carol.identity).at(-1)!.sources].sort(), ['camera', 'microphone', 'screen_share', 'screen_share_audio']);
  });

  test('joinAudio gives no more than the policy: under mute-all without self-unmute, no microphone', async () => {
    const { m, host, control, enter } = await meetingWithPeople();
    assert.equal((await control(host, { action: 'muteAll', allowSelfOn: false })).body.code, 200);
    const carol = await enter({ name: 'Carol', gk: key(), lo: '1' });
    livekit.take();
    assert.equal((await joinAudio(m, carol)).body.code, 200);
    assert.ok(!updatesFor(carol.identity).at(-1)!.sources.includes('microphone'));
  });

  test('audience stays audience: joinAudio publishes nothing', async () => {
    const { m, enter } = await meetingWithPeople();
    const viewer = await enter({ name: 'Viewer', gk: key(), role: 'audience', lo: 1 });
    assert.equal((await joinAudio(m, viewer)).body.code, 200);
    assert.ok(updatesFor(viewer.identity).every((u) => u.sources.length === 0));
  });

  test('a reload keeps listening only when the link still says so', async () => {
    const { m, join, arrive } = await meetingWithPeople();
    const gk = key();
    const first = (await join({ name: 'Dan', gk, lo: 1 })).body.ret as Grant;
    await arrive(first);
    assert.equal((await joinAudio(m, first)).body.code, 200);
    const again = (await join({ name: 'Dan', gk, lo: 1 })).body.ret as Grant;
    assert.equal((await claimsOf(again.token)).canPublish, false);
  });
});
