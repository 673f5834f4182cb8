import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { CONTROL_ACTIONS, actionBody } from '../../src/protocol/control-actions.js';
import { controlActionSchema } from '../../src/protocol/control-schemas.js';
import { ErrorCode } from '../../src/protocol/errors.js';
import { FRAME_COMMANDS, allowedOrigins, checkCommand, fromAllowedParent, parseFrameMessage } from '../../src/protocol/frame-api.js';
import { cloneable } from '../../src/embed/cloneable.js';
import { arbitraryAction, exampleAction } from '../support/control-examples.js';

const command = (name: string, args?: unknown[], id = 'c1') => ({ v: 1, type: 'command', id, name, ...(args ? { args } : {}) });
const argsOf = (body: Record<string, unknown>) => Object.entries(body).filter(([k]) => k !== 'action').map(([, v]) => v);

describe('frame API: commands', () => {
  test('the base commands take their arguments, optional ones left out', () => {
    for (const [name, args] of [
      ['hello', []],
      ['join', []],
      ['join', ['Ada']],
      ['leave', undefined],
      ['toggleMic', []],
      ['toggleMic', [false]],
      ['toggleCamera', [true]],
      ['toggleShare', []],
      ['raiseHand', [false]],
      ['sendChat', ['hello']],
      ['sendChat', ['hello', { to: 'u-1' }]],
      ['sendChat', ['hello', { to: null }]],
      ['sendFile', [new Blob(['x'])]],
      ['sendFile', [new File(['x'], 'a.txt'), { to: 'u-1' }]],
      ['startRecording', []],
      ['stopRecording', []],
      ['getSnapshot', []],
    ] as const) {
      const checked = checkCommand(command(name, args as unknown[] | undefined));
      assert.ok(checked.ok, `${name} ${JSON.stringify(args)}: ${JSON.stringify(checked)}`);
      assert.equal(checked.command.name, name);
    }
  });

  test('every host action of the registry is a command `host.<action>`, its fields in order', () => {
    for (const name of CONTROL_ACTIONS) {
      assert.ok(FRAME_COMMANDS.includes(`host.${name}`), name);
      const checked = checkCommand(command(`host.${name}`, argsOf(exampleAction(name, 'u-1'))));
      assert.ok(checked.ok, `${name}: ${JSON.stringify(checked)}`);
    }
  });

  test('the frame takes what the server takes, and nothing the server would refuse', () => {
    fc.assert(
      fc.property(arbitraryAction(fc.constantFrom('u-1', 'u-2')), (body) => {
        assert.ok(checkCommand(command(`host.${body.action}`, argsOf(body))).ok, JSON.stringify(body));
      }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...CONTROL_ACTIONS), fc.array(fc.oneof(fc.anything(), fc.string(), fc.boolean(), fc.integer(), fc.constant(null)), { maxLength: 3 }), (name, args) => {
        const checked = checkCommand(command(`host.${name}`, args));
        if (checked.ok) assert.ok(controlActionSchema.safeParse(actionBody(name, checked.command.args as never)).success, `${name} ${JSON.stringify(args)}`);
        else assert.equal(checked.error.code, ErrorCode.INVALID_PARAMETER);
      }),
    );
  });

  test('an unknown command answers 3003 for its id, whatever its name (prototype names too)', () => {
    for (const name of ['explode', 'host.nope', 'host.', '__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const checked = checkCommand(command(name, [], 'x9'));
      assert.deepEqual(checked.ok ? checked : { id: checked.id, code: checked.error.code }, { id: 'x9', code: ErrorCode.NOT_SUPPORTED }, name);
    }
  });

  test('bad arguments answer 300 with what is wrong', () => {
    for (const [name, args] of [
      ['toggleMic', ['yes']],
      ['toggleMic', [true, true]],
      ['join', ['<b>']],
      ['join', ['x'.repeat(33)]],
      ['sendChat', []],
      ['sendChat', ['x'.repeat(10_001)]],
      ['sendChat', ['hi', { to: 'u', cc: 'v' }]],
      ['sendFile', []],
      ['sendFile', ['not a file']],
      ['sendFile', [{ size: 3, type: 'text/plain' }]],
      ['stopRecording', ['now']],
      ['host.mute', []],
      ['host.mute', [42]],
      ['host.stageCap', [1.5]],
      ['host.setRole', ['u-1', 'emperor']],
      ['leave', ['now']],
    ] as const) {
      const checked = checkCommand(command(name, args as unknown as unknown[]));
      assert.equal(checked.ok, false, `${name} ${JSON.stringify(args)}`);
      if (!checked.ok) {
        assert.equal(checked.error.code, ErrorCode.INVALID_PARAMETER);
        assert.equal(checked.id, 'c1');
        assert.match(checked.error.message, new RegExp(`^${name.replace('.', '\\.')}: `));
      }
    }
  });

  test('an envelope of another version or shape is answered when it has an id, else ignored', () => {
    const v2 = checkCommand({ ...command('leave'), v: 2 });
    assert.deepEqual(v2.ok ? v2 : [v2.id, v2.error.code], ['c1', ErrorCode.INVALID_PARAMETER]);
    const extra = checkCommand({ ...command('leave'), token: 'x' });
    assert.equal(extra.ok, false);
    for (const junk of [null, 'leave', 42, [], {}, { type: 'command' }, { type: 'reply', id: 'c1' }, { v: 1, type: 'command', id: 7, name: 'leave' }]) {
      const checked = checkCommand(junk);
      assert.equal(checked.ok, false);
      if (!checked.ok) assert.equal(checked.id, undefined, JSON.stringify(junk));
    }
  });
});

describe('frame API: what the parent receives', () => {
  test('replies and events parse; anything else does not', () => {
    assert.deepEqual(parseFrameMessage({ v: 1, type: 'reply', id: 'c1', ok: true, result: true }), { v: 1, type: 'reply', id: 'c1', ok: true, result: true });
    assert.equal(parseFrameMessage({ v: 1, type: 'reply', id: 'c1', ok: false, error: { code: 2100, message: 'not host' } })?.type, 'reply');
    assert.equal(parseFrameMessage({ v: 1, type: 'event', name: 'meeting-joined', data: { identity: 'u' } })?.type, 'event');
    for (const junk of [
      null,
      'ready',
      { v: 2, type: 'event', name: 'x', data: null },
      { v: 1, type: 'reply', id: 'c1', ok: false },
      { v: 1, type: 'reply', id: 'c1', ok: true, result: 1, error: { code: 1, message: '' } },
      { v: 1, type: 'command', id: 'c1', name: 'leave' },
      { v: 1, type: 'event', name: '', data: null },
    ]) {
      assert.equal(parseFrameMessage(junk), undefined, JSON.stringify(junk));
    }
  });
});

describe('frame API: origins', () => {
  test("'self' is the frame's own origin; only exact origins count", () => {
    assert.deepEqual(allowedOrigins(["'self'", 'https://portal.example', 'http://127.0.0.1:4000', 'https://portal.example', 'https://*.example', 'https:', "'none'", 'https://a.example/path'], 'https://meet.example'), [
      'https://meet.example',
      'https://portal.example',
      'http://127.0.0.1:4000',
    ]);
    assert.deepEqual(allowedOrigins([], 'https://meet.example'), []);
  });

  test('a command counts only from the framing window on an allowed origin', () => {
    const parent = {};
    const allowed = ['https://portal.example'];
    assert.equal(fromAllowedParent({ source: parent, origin: 'https://portal.example' }, parent, allowed), true);
    assert.equal(fromAllowedParent({ source: parent, origin: 'https://evil.example' }, parent, allowed), false);
    assert.equal(fromAllowedParent({ source: {}, origin: 'https://portal.example' }, parent, allowed), false, 'another window of an allowed origin');
    assert.equal(fromAllowedParent({ source: null, origin: 'https://portal.example' }, null, allowed), false);
    assert.equal(fromAllowedParent({ source: parent, origin: 'null' }, parent, [...allowed, 'null']), true, 'the list decides; allowedOrigins never lists "null"');
    assert.deepEqual(allowedOrigins(['null'], 'https://meet.example'), []);
  });
});

describe('frame API: what postMessage can carry', () => {
  class Track {
    stop() {}
  }
  test('live objects and functions are left out, plain data kept, depth bounded', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const value = { phase: 'connected', at: new Date(5), people: [{ identity: 'u', cameraTrack: new Track(), micOn: true }], fn: () => 1, cyclic };
    const copy = cloneable(value) as Record<string, any>;
    assert.deepEqual(copy.people, [{ identity: 'u', micOn: true }]);
    assert.equal(copy.fn, undefined);
    assert.deepEqual(copy.at, new Date(5));
    assert.doesNotThrow(() => structuredClone(copy));
    assert.equal(cloneable(new Track()), undefined);
    assert.deepEqual(cloneable([new Track(), 1]), [null, 1]);
    const recording = new Blob(['webm'], { type: 'video/webm' });
    assert.equal(cloneable(recording), recording, 'a Blob (a recording) goes as it is: postMessage carries it');
  });
});
