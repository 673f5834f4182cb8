import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { meetingEventsBetween, type MeetingEvent } from '../../src/client/meeting-events.js';
import { initialSnapshot, type MeetingPhase, type MeetingSnapshot, type ParticipantView } from '../../src/client/snapshot.js';
import { hiddenFeatures } from '../../src/components/features.js';

function person(identity: string, over: Partial<ParticipantView> = {}): ParticipantView {
  return { identity, name: identity.toUpperCase(), role: 'attendee', isLocal: false, micOn: true, cameraOn: true, screenOn: false, speaking: false, connectionQuality: 'good', reconnecting: false, handAt: null, shareRequest: '', recording: false, ...over };
}
const me = person('me', { isLocal: true, role: 'host' });

function at(phase: MeetingPhase, participants: ParticipantView[] = [me], extra: Partial<MeetingSnapshot> = {}): MeetingSnapshot {
  return { ...initialSnapshot, phase, participants, me: { identity: 'me', name: 'ME', role: 'host', roleDowngraded: false }, meeting: { meetingUniqueId: 7, meetingId: '123456789', subject: 'S', status: 2, startTime: 0 }, ...extra };
}

/** The events but the snapshot one, which ends every change. */
function between(prev: MeetingSnapshot, next: MeetingSnapshot): MeetingEvent[] {
  const events = meetingEventsBetween(prev, next);
  assert.deepEqual(events.at(-1), { type: 'meeting-snapshot-change', detail: next }, 'the snapshot event comes last');
  return events.slice(0, -1);
}
const types = (events: MeetingEvent[]) => events.map((e) => e.type);

describe('meetingEventsBetween', () => {
  test('the same snapshot says nothing; any other change says at least the snapshot', () => {
    const s = at('connected');
    assert.deepEqual(meetingEventsBetween(s, s), []);
    assert.deepEqual(between(s, { ...s, activeSpeaker: 'x' }), []);
  });

  test('joining: the connection state, then joined with my identity, role and meeting, then who was there', () => {
    const ada = person('ada', { micOn: false });
    const events = between(at('connecting', []), at('connected', [me, ada]));
    assert.deepEqual(events, [
      { type: 'meeting-connection-change', detail: { state: 'connected', previous: 'connecting' } },
      { type: 'meeting-joined', detail: { identity: 'me', role: 'host', meetingId: '123456789' } },
      { type: 'meeting-participant-joined', detail: { identity: 'ada', name: 'ADA', isLocal: false, role: 'attendee', micOn: false, cameraOn: true, screenOn: false } },
    ]);
  });

  test('reconnecting and back is a connection change, not a new join', () => {
    const ada = person('ada');
    assert.deepEqual(types(between(at('connected', [me, ada]), at('reconnecting', [me, ada]))), ['meeting-connection-change']);
    assert.deepEqual(between(at('reconnecting', [me, ada]), at('connected', [me, ada])), [{ type: 'meeting-connection-change', detail: { state: 'connected', previous: 'reconnecting' } }]);
  });

  test('someone comes and goes; I am never a participant-joined', () => {
    const bob = person('bob');
    assert.deepEqual(types(between(at('connected'), at('connected', [me, bob]))), ['meeting-participant-joined']);
    assert.deepEqual(between(at('connected', [me, bob]), at('connected')), [{ type: 'meeting-participant-left', detail: { identity: 'bob', name: 'BOB', isLocal: false } }]);
  });

  test('mic, camera, share, hand and role changes, remote and mine, each with the identity', () => {
    const ada = person('ada');
    const events = between(
      at('connected', [me, ada]),
      at('connected', [
        { ...me, micOn: false, handAt: 5 },
        { ...ada, cameraOn: false, screenOn: true, role: 'cohost' },
      ]),
    );
    assert.deepEqual(events, [
      { type: 'meeting-mic-change', detail: { identity: 'me', name: 'ME', isLocal: true, on: false } },
      { type: 'meeting-hand-change', detail: { identity: 'me', name: 'ME', isLocal: true, raised: true } },
      { type: 'meeting-camera-change', detail: { identity: 'ada', name: 'ADA', isLocal: false, on: false } },
      { type: 'meeting-share-change', detail: { identity: 'ada', name: 'ADA', isLocal: false, on: true } },
      { type: 'meeting-role-change', detail: { identity: 'ada', name: 'ADA', isLocal: false, role: 'cohost', previous: 'attendee' } },
    ]);
    assert.deepEqual(between(at('connected', [{ ...me, handAt: 5 }]), at('connected', [{ ...me, handAt: null }]))[0]?.detail, { identity: 'me', name: 'ME', isLocal: true, raised: false });
    assert.deepEqual(between(at('connected', [{ ...me, handAt: 5 }]), at('connected', [{ ...me, handAt: 9, speaking: true }])), [], 'a hand raised again is no change');
  });

  test("someone's recording mark, and my own recorder starting, pausing and stopping with the recording's size", () => {
    const ada = person('ada');
    const base = at('connected', [me, ada]);
    assert.deepEqual(between(base, at('connected', [me, { ...ada, recording: true }])), [{ type: 'meeting-recording-change', detail: { identity: 'ada', name: 'ADA', isLocal: false, on: true } }]);
    const rec = (state: MeetingSnapshot['recording']['state'], ready: MeetingSnapshot['recording']['ready'] = null) => at('connected', [me, ada], { recording: { state, elapsedMs: 0, since: null, ready } });
    assert.deepEqual(between(rec('idle'), rec('recording')), [{ type: 'meeting-recorder-change', detail: { state: 'recording', previous: 'idle' } }]);
    assert.deepEqual(between(rec('recording'), rec('paused')), [{ type: 'meeting-recorder-change', detail: { state: 'paused', previous: 'recording' } }]);
    assert.deepEqual(between(rec('paused'), rec('idle', { size: 42, type: 'video/webm' })), [{ type: 'meeting-recorder-change', detail: { state: 'idle', previous: 'paused', size: 42 } }]);
  });

  test('hosts: someone waits, then no longer waits', () => {
    const gus = { identity: 'gus', name: 'Gus', since: 1 };
    assert.deepEqual(between(at('connected'), at('connected', [me], { waitingQueue: [gus] })), [{ type: 'meeting-waiting-added', detail: gus }]);
    assert.deepEqual(between(at('connected', [me], { waitingQueue: [gus] }), at('connected', [me], { waitingQueue: [] })), [{ type: 'meeting-waiting-removed', detail: gus }]);
  });

  test('me: waiting with my place, a new place, then let in', () => {
    assert.deepEqual(between(at('connecting', []), at('waiting', [], { waitingPosition: 2 })), [
      { type: 'meeting-connection-change', detail: { state: 'waiting', previous: 'connecting' } },
      { type: 'meeting-me-waiting', detail: { position: 2 } },
    ]);
    assert.deepEqual(between(at('waiting', [], { waitingPosition: 2 }), at('waiting', [], { waitingPosition: 1 })), [{ type: 'meeting-me-waiting', detail: { position: 1 } }]);
    assert.deepEqual(types(between(at('waiting', []), at('connecting', []))), ['meeting-connection-change', 'meeting-me-admitted']);
  });

  test('leaving: the connection state, then left with the reason; the people gone are not "left" one by one', () => {
    const events = between(at('connected', [me, person('ada')]), at('left', [], { leftReason: 'participant_removed' }));
    assert.deepEqual(events, [
      { type: 'meeting-connection-change', detail: { state: 'left', previous: 'connected' } },
      { type: 'meeting-left', detail: { reason: 'participant_removed' } },
    ]);
    const code = (leftReason: string) => (between(at('connected', [me]), at('left', [], { leftReason })).find((e) => e.type === 'meeting-left')!.detail as { code?: number }).code;
    assert.equal(code('duplicate_identity'), 2015, 'joined from another device');
    assert.equal(code('room_deleted'), 2021, 'the meeting ended');
    assert.equal(code('left'), undefined, 'my own choice has no code');
  });

  test('before the meeting, people and devices say nothing', () => {
    assert.deepEqual(between(at('prejoin', []), at('prejoin', [], { preview: { micOn: false, cameraOn: true } })), []);
  });
});

test('hide="…" names the features to leave out; unknown words are ignored', () => {
  assert.deepEqual([...hiddenFeatures('chat  Roster,share bogus')], ['share', 'chat', 'roster']);
  assert.equal(hiddenFeatures(null).size, 0);
});
