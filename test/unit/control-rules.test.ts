import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { CONTROL_ACTIONS, type ControlAction } from '../../src/protocol/control-actions.js';
import { defaultPolicy } from '../../src/protocol/control.js';
import { Role, isModerator } from '../../src/protocol/roles.js';
import { MeetingError } from '../../src/server/errors.js';
import { arbitraryAction } from '../support/control-examples.js';
import { allowedSources, applyAdmission, applyControl, applyJoined, applyLeft, applySelf, brokenInvariants, presentHost, type Candidate, type LiveState, type Person } from '../../src/server/services/control/rules.js';

const IDS = ['h', 'c', 'a1', 'a2', 'au', 'w1', 'w2'];

function person(identity: string, role: Person['role'], extra: Partial<Person> = {}): Person {
  return {
    identity,
    name: identity,
    role,
    status: 'admitted',
    banned: false,
    present: true,
    mayHost: false,
    handAt: null,
    share: '',
    micAllowed: false,
    camAllowed: false,
    joinedAt: 1,
    sid: null,
    waitingSince: null,
    client: null,
    blockDevice: false,
    listenOnly: false,
    recording: false,
    ...extra,
  };
}

function freshState(): LiveState {
  const people = [
    person('h', Role.HOST, { mayHost: true }),
    person('c', Role.COHOST),
    person('a1', Role.ATTENDEE),
    person('a2', Role.ATTENDEE),
    person('au', Role.AUDIENCE),
    person('w1', Role.ATTENDEE, { status: 'waiting', present: false, joinedAt: null }),
    person('w2', Role.ATTENDEE, { status: 'waiting', present: false, joinedAt: null }),
  ];
  return { policy: { ...defaultPolicy, endsAt: 100_000_000 }, people: new Map(people.map((p) => [p.identity, p])) };
}

const target = fc.constantFrom(...IDS, 'nobody');
// Every registered action but the two whose effects leave the state alone (end, renameMeeting).
const action = arbitraryAction(target, CONTROL_ACTIONS.filter((name) => name !== 'end' && name !== 'renameMeeting'));

type Step =
  | { kind: 'control'; actor: string; action: ControlAction }
  | { kind: 'left'; who: string }
  | { kind: 'back'; who: string }
  | { kind: 'hand'; who: string; raised: boolean }
  | { kind: 'record'; who: string; on: boolean };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('control' as const), actor: fc.constantFrom(...IDS), action }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('left' as const), who: fc.constantFrom(...IDS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('back' as const), who: fc.constantFrom(...IDS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('hand' as const), who: fc.constantFrom(...IDS), raised: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('record' as const), who: fc.constantFrom(...IDS), on: fc.boolean() }) },
);

test('random control sequences from random roles never break the rules', () => {
  fc.assert(
    fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
      const state = freshState();
      let now = 1000;
      for (const s of steps) {
        now += 100;
        const before = s.kind === 'control' ? state.people.get(s.actor) : undefined;
        const wasModerator = !!before && isModerator(before.role) && before.status === 'admitted' && !before.banned;
        try {
          if (s.kind === 'control') applyControl(state, s.actor, s.action, now);
          if (s.kind === 'left') applyLeft(state, s.who, now);
          if (s.kind === 'hand') applySelf(state, s.who, { action: 'hand', raised: s.raised }, now);
          if (s.kind === 'record') applySelf(state, s.who, { action: 'recording', on: s.on }, now);
          if (s.kind === 'back') {
            // Coming back is the join path's business; here only an admitted, unbanned person returns.
            const p = state.people.get(s.who)!;
            if (p.status === 'admitted' && !p.banned) p.present = true;
            // The join path makes a returning host a co-host when another host is present.
            if (p.role === Role.HOST && [...state.people.values()].some((q) => q !== p && q.role === Role.HOST)) p.role = Role.COHOST;
          }
          // A host action succeeded: the actor had host rights, by role, before it.
          if (s.kind === 'control' && s.action.action !== 'claimHost') assert.ok(wasModerator, `${s.actor} (${before?.role}) did ${s.action.action}`);
        } catch (err) {
          assert.ok(err instanceof MeetingError, String(err));
          if (s.kind === 'control' && !wasModerator && s.action.action !== 'claimHost' && before && before.status === 'admitted' && !before.banned && before.present) {
            assert.equal(err.code, 2100, `${s.actor} got ${err.code} for ${s.action.action}`);
          }
        }
        assert.deepEqual(brokenInvariants(state), [], JSON.stringify(s));
        // With a host present, the policy's people agree on exactly one.
        const host = presentHost(state);
        if (host) assert.equal([...state.people.values()].filter((p) => p.role === Role.HOST).length, 1);
        for (const p of state.people.values()) {
          if (!isModerator(p.role) && state.policy.audio.off && !state.policy.audio.allowSelfOn && !p.micAllowed) {
            assert.ok(!allowedSources(p, state.policy).includes('microphone'), `${p.identity} may unmute against mute-all`);
          }
        }
      }
    }),
    { numRuns: Number(process.env.PROPERTY_RUNS ?? 1000) },
  );
});

test('the host leaving hands host to the earliest co-host; with none the meeting is hostless and told', () => {
  const state = freshState();
  const out = applyLeft(state, 'h', 5);
  assert.equal(state.people.get('c')!.role, Role.HOST);
  assert.equal(state.people.get('h')!.role, Role.COHOST);
  assert.ok(out.effects.some((e) => e.kind === 'hint' && e.hint.type === 'role'));
  const lonely = freshState();
  lonely.people.get('c')!.role = Role.ATTENDEE;
  const out2 = applyLeft(lonely, 'h', 5);
  assert.equal(presentHost(lonely), undefined);
  assert.ok(out2.effects.some((e) => e.kind === 'hint' && e.hint.type === 'host-left'));
});

test('claiming host with an absent host on record leaves one host, and only eligible people may claim', () => {
  const state = freshState();
  applyLeft(state, 'h', 1); // c becomes host, h co-host
  applyLeft(state, 'c', 2); // hostless: c stays host on record, absent
  assert.throws(() => applyControl(state, 'a1', { action: 'claimHost' }, 3), (e: MeetingError) => e.code === 2100);
  state.people.get('h')!.present = true;
  applyControl(state, 'h', { action: 'claimHost' }, 4);
  assert.equal(state.people.get('h')!.role, Role.HOST);
  assert.equal(state.people.get('c')!.role, Role.COHOST);
  assert.deepEqual(brokenInvariants(state), []);
});

const joiner = (identity: string, extra: Partial<Candidate> = {}): Candidate => ({ identity, name: identity, role: Role.ATTENDEE, hostProof: false, ticketHash: `hash-${identity}`, capacity: 200, ...extra });
const refusal = (code: number) => (e: MeetingError) => e instanceof MeetingError && e.code === code;

test('admission: the banned (2106) and the rejected (2108) stay out, whatever the policy', () => {
  const state = freshState();
  state.people.get('a1')!.banned = true;
  state.people.get('w1')!.status = 'rejected';
  assert.throws(() => applyAdmission(state, joiner('a1'), 5), refusal(2106));
  assert.throws(() => applyAdmission(state, joiner('w1'), 5), refusal(2108));
  assert.throws(() => applyAdmission(state, joiner('a1', { role: Role.HOST, hostProof: true }), 5), refusal(2106));
});

test('admission: a locked meeting (2010) and a full one (2001) refuse newcomers, never moderators or someone already in', () => {
  const state = freshState();
  state.policy = { ...state.policy, locked: true };
  assert.throws(() => applyAdmission(state, joiner('new'), 5), refusal(2010));
  assert.equal(applyAdmission(state, joiner('a1'), 5).admission?.identity, 'a1', 'a reload of someone present');
  assert.equal(state.people.get('a1')!.status, 'admitted');
  assert.equal(state.people.get('new'), undefined, 'a refusal records nothing');
  applyAdmission(state, joiner('host2', { role: Role.HOST, hostProof: true }), 5);
  assert.equal(state.people.get('host2')!.role, Role.COHOST);

  const full = freshState();
  // h, c, a1, a2, au are present: five people.
  assert.throws(() => applyAdmission(full, joiner('new', { capacity: 5 }), 5), refusal(2001));
  assert.throws(() => applyAdmission(full, joiner('a1', { capacity: 4 }), 5), refusal(2001), 'the joiner is not counted, the others are');
  assert.doesNotThrow(() => applyAdmission(full, joiner('a1', { capacity: 5 }), 5));
  assert.doesNotThrow(() => applyAdmission(full, joiner('owner', { role: Role.HOST, hostProof: true, capacity: 5 }), 5));
});

test('admission: the waiting room queues newcomers with a ticket and tells the present moderators; a reload keeps the place', () => {
  const state = freshState();
  state.policy = { ...state.policy, waitingRoom: true };
  const out = applyAdmission(state, joiner('new'), 50);
  const p = state.people.get('new')!;
  assert.deepEqual([p.status, p.waitingSince, p.present], ['waiting', 50, false]);
  assert.deepEqual(out.admission, { identity: 'new', ticketHash: 'hash-new', newcomer: true });
  assert.deepEqual(out.effects, [{ kind: 'hint', to: ['h', 'c'], hint: { type: 'waiting' } }]);
  assert.deepEqual(applyAdmission(state, joiner('new'), 90).admission, { identity: 'new', ticketHash: 'hash-new', newcomer: false }, 'a reload is no newcomer');
  assert.equal(state.people.get('new')!.waitingSince, 50, 'the place in the queue survives a reload');
  // Without a name the page is only preparing: nobody is told yet.
  assert.deepEqual(applyAdmission(state, joiner('quiet', { name: '' }), 60).effects, []);
  // Someone in the room now skips the queue; an admission from earlier does not.
  const inRoom = applyAdmission(state, joiner('a1'), 70);
  assert.deepEqual([state.people.get('a1')!.status, inRoom.admission?.ticketHash], ['admitted', null]);
  state.people.get('a2')!.present = false;
  applyAdmission(state, joiner('a2'), 70);
  assert.equal(state.people.get('a2')!.status, 'waiting');
  // Moderators never wait.
  applyAdmission(state, joiner('owner', { role: Role.HOST, hostProof: true }), 70);
  assert.equal(state.people.get('owner')!.status, 'admitted');
});

test('admission: a host proof makes a co-host while the host is present, else the host (the absent one steps down)', () => {
  const state = freshState();
  const withHost = applyAdmission(state, joiner('owner', { role: Role.HOST, hostProof: true }), 5);
  assert.equal(state.people.get('owner')!.role, Role.COHOST);
  assert.equal(state.people.get('owner')!.mayHost, true);
  assert.deepEqual(withHost.effects, [], 'the admission itself tells LiveKit nothing: the join does');
  state.people.get('h')!.present = false;
  const out = applyAdmission(state, joiner('owner', { role: Role.HOST, hostProof: true }), 6);
  assert.equal(state.people.get('owner')!.role, Role.HOST);
  assert.equal(state.people.get('h')!.role, Role.COHOST);
  assert.deepEqual([...out.changed].sort(), ['h', 'owner']);
  assert.deepEqual(brokenInvariants(state), []);
});

test('admission: a role the meeting gave outlives a reload; role=host without proof is an attendee; a newcomer starts with nothing', () => {
  const state = freshState();
  state.people.get('a1')!.role = Role.SPEAKER;
  applyAdmission(state, joiner('a1', { role: Role.AUDIENCE }), 5);
  assert.equal(state.people.get('a1')!.role, Role.SPEAKER);
  applyAdmission(state, joiner('x', { role: Role.HOST }), 5);
  const x = state.people.get('x')!;
  assert.deepEqual([x.role, x.status, x.mayHost, x.present, x.banned, x.handAt, x.micAllowed], [Role.ATTENDEE, 'admitted', false, false, false, null, false]);
  assert.equal([...state.people.keys()].at(-1), 'x', 'in admission order');
});

test('random admissions, joins and host actions never break the rules', () => {
  const joinStep = fc.record({
    kind: fc.constant('join' as const),
    who: fc.constantFrom(...IDS, 'n1', 'n2'),
    proof: fc.boolean(),
    role: fc.constantFrom(Role.ATTENDEE, Role.AUDIENCE, Role.HOST),
    capacity: fc.integer({ min: 1, max: 8 }),
  });
  const steps = fc.array(fc.oneof(joinStep, step), { maxLength: 40 });
  fc.assert(
    fc.property(steps, (seq) => {
      const state = freshState();
      let now = 1000;
      for (const s of seq) {
        now += 100;
        try {
          if (s.kind === 'join') {
            applyAdmission(state, joiner(s.who, { role: s.role, hostProof: s.proof && s.role === Role.HOST, capacity: s.capacity }), now);
            applyJoined(state, s.who, `PA_${now}`, now, now);
          }
          if (s.kind === 'control') applyControl(state, s.actor, s.action, now);
          if (s.kind === 'left') applyLeft(state, s.who, now);
          if (s.kind === 'hand') applySelf(state, s.who, { action: 'hand', raised: s.raised }, now);
          if (s.kind === 'record') applySelf(state, s.who, { action: 'recording', on: s.on }, now);
        } catch (err) {
          assert.ok(err instanceof MeetingError, String(err));
        }
        assert.deepEqual(brokenInvariants(state), [], JSON.stringify(s));
        const hosts = [...state.people.values()].filter((p) => p.role === Role.HOST && p.present);
        assert.ok(hosts.length <= 1, 'at most one host present');
      }
    }),
    { numRuns: Number(process.env.PROPERTY_RUNS ?? 500) },
  );
});

test('connect time: a connection LiveKit took in before the lock (or the waiting room) stays, however late its webhook; one after is refused', () => {
  const state = freshState();
  for (const id of ['early', 'late', 'queued']) state.people.set(id, person(id, Role.ATTENDEE, { present: false, joinedAt: null }));
  applyControl(state, 'h', { action: 'lock', locked: true }, 1_000);
  assert.equal(state.policy.lockedAt, 1_000);
  assert.equal(applyJoined(state, 'early', 'PA_early', 999, 1_050).refused, undefined, 'connected 1 ms before the lock');
  assert.equal(applyJoined(state, 'late', 'PA_late', 1_000, 1_050).refused, 2010, 'connected as the lock went on');
  applyControl(state, 'h', { action: 'lock', locked: false }, 2_000);
  assert.equal(state.policy.lockedAt, null);
  applyControl(state, 'h', { action: 'waitingRoom', on: true }, 3_000);
  assert.equal(state.policy.waitingRoomAt, 3_000);
  assert.equal(applyJoined(state, 'late', 'PA_late2', 2_999, 3_010).refused, undefined, 'admitted and connected before the queue');
  assert.equal(applyJoined(state, 'queued', 'PA_q', 3_001, 3_010).refused, 2107, 'never queued, connected after');
  applyControl(state, 'h', { action: 'lock', locked: true }, 4_000);
  applyControl(state, 'h', { action: 'lowerAllHands' }, 5_000);
  assert.equal(state.policy.lockedAt, 4_000, 'another change keeps when the lock went on');
});

test('a locked meeting (SPEC H4): whoever waits keeps their place, and a host may still admit them; their connection is let in, a later one is not', () => {
  const state = freshState();
  applyControl(state, 'h', { action: 'waitingRoom', on: true }, 1_000);
  applyAdmission(state, joiner('bob'), 1_100);
  assert.equal(state.people.get('bob')!.status, 'waiting');
  applyControl(state, 'h', { action: 'lock', locked: true }, 1_200);
  assert.throws(() => applyAdmission(state, joiner('newcomer'), 1_250), refusal(2010), 'a newcomer is refused');
  assert.equal(applyAdmission(state, joiner('bob'), 1_300).admission?.identity, 'bob', 'a reload while locked keeps the place');
  assert.equal(state.people.get('bob')!.waitingSince, 1_100);
  applyControl(state, 'h', { action: 'admit', target: 'bob' }, 1_400);
  applyAdmission(state, joiner('bob'), 1_450);
  assert.equal(state.people.get('bob')!.status, 'admitted', 'a reload between the admission and connecting keeps it');
  assert.equal(applyJoined(state, 'bob', 'PA_bob', 1_500, 1_510).refused, undefined, 'admitted by a host while locked');
  applyLeft(state, 'bob', 1_600, 'PA_bob');
  assert.equal(applyJoined(state, 'bob', 'PA_bob2', 1_700, 1_710).refused, 2010, 'once they were in and left, the lock holds');
  assert.throws(() => applyAdmission(state, joiner('bob'), 1_800), refusal(2010), 'and a new join is refused');
  // Someone waiting before the lock but never admitted cannot connect with a token of old.
  assert.equal(applyJoined(state, 'w1', 'PA_w1', 2_000, 2_010).refused, 2105);
});
