import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { ControlAction } from '../../src/protocol/control-actions.js';
import { Attr, CONTROL_TOPIC } from '../../src/protocol/control.js';
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
  sid: string;
}
type Answer = { status: number; body: { code: number; msg: string } };

async function post(path: string, body: unknown, token: string): Promise<Answer> {
  const res = await fetch(new URL(path, server.url), { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}

async function webhook(event: Record<string, unknown>) {
  const { apiKey, apiSecret } = server.config.livekit;
  const signed = await signedWebhook(apiKey, apiSecret, { createdAt: Math.floor(Date.now() / 1000), ...event });
  const res = await fetch(new URL('/livekit/webhook', server.url), { method: 'POST', headers: { 'Content-Type': 'application/webhook+json', Authorization: signed.authorization }, body: signed.body });
  assert.equal(res.status, 200);
}

/** A meeting with a host and two guests in the room. */
async function meeting() {
  const created = await callApi(server.url, server.services.devTenant, '/v2/meeting/create', { type: 1, subject: 'Recorded' });
  const m = created.body.ret as { meetingUniqueId: number; meetingId: string; hostLink: string };
  const room = (await server.services.meetings.findById(m.meetingUniqueId))!.room_name;
  const enter = async (params: Record<string, unknown>): Promise<Grant> => {
    const res = await fetch(new URL('/api/join', server.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: m.meetingId, gk: randomBytes(16).toString('base64url'), ...params }) });
    const g = ((await res.json()) as { ret: Grant }).ret;
    g.sid = `PA_${g.identity}`;
    await webhook({ event: 'participant_joined', id: `EV_${g.sid}`, room: { name: room }, participant: { identity: g.identity, sid: g.sid } });
    return g;
  };
  const host = await enter({ ...Object.fromEntries(new URL(m.hostLink).searchParams), name: 'Hana' });
  const alice = await enter({ name: 'Alice' });
  const bob = await enter({ name: 'Bob' });
  livekit.take();
  const base = `/api/meetings/${m.meetingUniqueId}`;
  return {
    host,
    alice,
    bob,
    record: (by: Grant, on: boolean) => post(`${base}/self`, { action: 'recording', on }, by.token),
    control: (by: Grant, action: ControlAction) => post(`${base}/control`, action, by.token),
    leave: (g: Grant) => webhook({ event: 'participant_left', id: `EV_left_${g.sid}`, room: { name: room }, participant: { identity: g.identity, sid: g.sid } }),
    policy: async () => server.services.control.policy((await server.services.meetings.findById(m.meetingUniqueId))!),
  };
}

/** The recording attribute LiveKit was last told for someone ('' when they do not record). */
const recordingAttr = (identity: string, calls = livekit.calls) =>
  (calls.filter((c) => c.op === 'update' && c.identity === identity).at(-1) as unknown as { update: { attributes: Record<string, string> } } | undefined)?.update.attributes[Attr.RECORDING];

describe('local recording (SPEC R9)', () => {
  test('someone recording is marked by the server, and the meeting shows "Recording" until the last recorder stops or leaves', async () => {
    const { alice, bob, record, leave, policy } = await meeting();
    assert.equal((await policy()).recording, false);
    assert.equal((await record(alice, true)).body.code, 200);
    assert.equal(recordingAttr(alice.identity), '1');
    assert.equal((await policy()).recording, true);
    assert.ok(livekit.calls.some((c) => c.op === 'metadata' && JSON.parse(c.metadata).recording === true));

    assert.equal((await record(bob, true)).body.code, 200);
    assert.equal((await record(alice, false)).body.code, 200);
    assert.equal(recordingAttr(alice.identity), '');
    assert.equal((await policy()).recording, true, 'Bob still records');
    await leave(bob);
    assert.equal((await policy()).recording, false, 'nobody records once Bob left');
    assert.equal((await record(bob, true)).body.code, 2101, 'someone not in the room cannot say they record');
    assert.equal((await record(alice, 'yes' as unknown as boolean)).body.code, 300);
  });

  test('a host who forbids local recording stops the recorders (their mark goes, they are told), and starting is refused with 2103', async () => {
    const { host, alice, bob, record, control, policy } = await meeting();
    await record(alice, true);
    livekit.take();
    assert.equal((await control(alice, { action: 'localRecording', allowed: false })).body.code, 2100, 'attendees cannot forbid it');
    assert.equal((await control(host, { action: 'localRecording', allowed: false })).body.code, 200);
    const calls = livekit.take();
    assert.ok(calls.some((c) => c.op === 'data' && c.topic === CONTROL_TOPIC && c.payload.type === 'recording-stopped' && c.payload.by === 'Hana' && c.to?.join() === alice.identity));
    assert.equal(recordingAttr(alice.identity, calls), '');
    const forbidden = await policy();
    assert.deepEqual([forbidden.recording, forbidden.localRecording], [false, false]);

    const refused = await record(bob, true);
    assert.deepEqual([refused.status, refused.body.code, refused.body.msg], [403, 2103, 'The host does not allow recording this meeting']);
    assert.equal((await record(bob, false)).body.code, 200, 'stopping is always allowed');
    assert.equal((await policy()).recording, false);
    assert.equal((await record(host, true)).body.code, 200, 'hosts and co-hosts still may');
    assert.equal((await policy()).recording, true);
    await record(host, false);

    assert.equal((await control(host, { action: 'localRecording', allowed: true })).body.code, 200);
    assert.equal((await record(bob, true)).body.code, 200);
    assert.equal((await policy()).recording, true);
  });

  test('a co-host recording while attendees may not is stopped when made an attendee; a removed recorder no longer marks the meeting', async () => {
    const { host, alice, bob, record, control, policy } = await meeting();
    await control(host, { action: 'setRole', target: bob.identity, role: 'cohost' });
    await control(host, { action: 'localRecording', allowed: false });
    assert.equal((await record(bob, true)).body.code, 200);
    livekit.take();
    await control(host, { action: 'setRole', target: bob.identity, role: 'attendee' });
    assert.ok(livekit.take().some((c) => c.op === 'data' && c.payload.type === 'recording-stopped' && c.to?.join() === bob.identity));
    assert.equal((await policy()).recording, false);

    await control(host, { action: 'localRecording', allowed: true });
    await record(alice, true);
    assert.equal((await control(host, { action: 'remove', target: alice.identity })).body.code, 200);
    assert.equal((await policy()).recording, false);
  });
});
