import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { CONTROL_ACTIONS, type ControlAction } from '../../src/protocol/control-actions.js';
import { defaultPolicy } from '../../src/protocol/control.js';
import { Role, isModerator } from '../../src/protocol/roles.js';
import { MeetingError } from '../../src/server/errors.js';
import { arbitraryAction } from '../support/control-examples.js';
import { allowedSources, applyControl, applyLeft, applySelf, brokenInvariants, presentHost, type LiveState, type Person } from '../../src/server/services/control/rules.js';

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
  return { policy: { ...defaultPolicy }, people: new Map(people.map((p) => [p.identity, p])) };
}

const target = fc.constantFrom(...IDS, 'nobody');
// Every registered action but the two whose effects leave the state alone (end, renameMeeting).
const action = arbitraryAction(target, CONTROL_ACTIONS.filter((name) => name !== 'end' && name !== 'renameMeeting'));

type Step =
  | { kind: 'control'; actor: string; action: ControlAction }
  | { kind: 'left'; who: string }
  | { kind: 'back'; who: string }
  | { kind: 'hand'; who: string; raised: boolean };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('control' as const), actor: fc.constantFrom(...IDS), action }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('left' as const), who: fc.constantFrom(...IDS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('back' as const), who: fc.constantFrom(...IDS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('hand' as const), who: fc.constantFrom(...IDS), raised: fc.boolean() }) },
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
