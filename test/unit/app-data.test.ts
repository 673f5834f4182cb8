import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConnectionState, RoomEvent, type Room } from 'livekit-client';
import { AppData } from '../../src/client/app-data.js';
import { APP_DATA_PACKET_MAX, APP_DATA_STREAM_TOPIC } from '../../src/protocol/app-data.js';
import type { AppDataMessage } from '../../src/protocol/app-data.js';

/** Just what AppData touches of a Room, recording what it was asked to send. */
function fakeRoom(opts: { canPublishData?: boolean } = {}) {
  const handlers = new Map<string, (...args: unknown[]) => void>();
  const packets: Array<{ bytes: Uint8Array; topic?: string; to?: string[] }> = [];
  const streams: Array<{ options: Record<string, unknown>; written: number; closed: boolean }> = [];
  const room = {
    state: ConnectionState.Connected,
    remoteParticipants: new Map([['p_bob', {}], ['p_carol', {}]]),
    localParticipant: {
      permissions: { canPublishData: opts.canPublishData ?? true },
      async publishData(bytes: Uint8Array, o: { topic?: string; destinationIdentities?: string[] }) {
        packets.push({ bytes, topic: o.topic, to: o.destinationIdentities });
      },
      async streamBytes(options: Record<string, unknown>) {
        const s = { options, written: 0, closed: false };
        streams.push(s);
        return { write: async (c: Uint8Array) => void (s.written += c.byteLength), close: async () => void (s.closed = true) };
      },
    },
    registerByteStreamHandler() {},
    unregisterByteStreamHandler() {},
    on(event: string, h: (...args: unknown[]) => void) {
      handlers.set(event, h);
    },
    off() {},
  };
  return { room: room as unknown as Room, packets, streams, emit: (event: string, ...args: unknown[]) => handlers.get(event)?.(...args) };
}

const codeOf = (p: Promise<void>) => p.then(() => 200, (err: { code: number }) => err.code);

test('refusals are typed: not in the meeting, a reserved or bad topic, a stranger, no data permission, not JSON', async () => {
  const parted = new AppData(() => {}, () => {});
  assert.equal(await codeOf(parted.send({ a: 1 })), 2101, 'before joining');
  const { room } = fakeRoom();
  const part = new AppData(() => {}, () => {});
  part.attach(room);
  assert.equal(await codeOf(part.send({}, { topic: 'meeting.chat' })), 300);
  assert.equal(await codeOf(part.send({}, { topic: 'lk.transcription' })), 300);
  assert.equal(await codeOf(part.send({}, { topic: '' })), 300);
  assert.equal(await codeOf(part.send({}, { topic: 'x'.repeat(65) })), 300);
  assert.equal(await codeOf(part.send({}, { to: ['p_nobody'] })), 2101);
  assert.equal(await codeOf(part.send({}, { to: [] })), 2101);
  assert.equal(await codeOf(part.send(undefined)), 300);
  assert.equal(await codeOf(part.send(() => 1)), 300);
  const muted = fakeRoom({ canPublishData: false });
  const refused = new AppData(() => {}, () => {});
  refused.attach(muted.room);
  assert.equal(await codeOf(refused.send({ a: 1 })), 2105, 'the server took canPublishData away');
  assert.deepEqual(muted.packets, []);
});

test('a small JSON value is one reliable packet on its topic; bytes and large values are a byte stream written in pieces with progress', async () => {
  const { room, packets, streams } = fakeRoom();
  const part = new AppData(() => {}, () => {});
  part.attach(room);
  const steps: number[] = [];
  await part.send({ x: 1 }, { to: ['p_bob'], topic: 'cursor', onProgress: (p) => steps.push(p) });
  assert.deepEqual(packets.map((p) => ({ text: new TextDecoder().decode(p.bytes), topic: p.topic, to: p.to })), [{ text: '{"x":1}', topic: 'cursor', to: ['p_bob'] }]);
  assert.deepEqual(steps, [1]);

  steps.length = 0;
  await part.send(new Uint8Array(200 * 1024), { onProgress: (p) => steps.push(p) });
  await part.send({ big: 'y'.repeat(APP_DATA_PACKET_MAX) }, { topic: 'table' });
  assert.equal(packets.length, 1, 'neither went as a packet');
  assert.deepEqual(streams.map((s) => [s.options.topic, s.options.attributes, s.options.totalSize, s.written, s.closed]), [
    [APP_DATA_STREAM_TOPIC, { topic: 'app', kind: 'bytes' }, 200 * 1024, 200 * 1024, true],
    [APP_DATA_STREAM_TOPIC, { topic: 'table', kind: 'json' }, APP_DATA_PACKET_MAX + 10, APP_DATA_PACKET_MAX + 10, true],
  ]);
  assert.deepEqual(steps, [0.32, 0.64, 0.96, 1]);
});

test("only participants' packets on app topics are app data: not the server's, not the meeting's own topics", () => {
  const { room, emit } = fakeRoom();
  const got: AppDataMessage[] = [];
  new AppData((m) => got.push(m), () => {}).attach(room);
  const enc = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
  emit(RoomEvent.DataReceived, enc({ a: 1 }), { identity: 'p_bob' }, 0, 'whiteboard');
  emit(RoomEvent.DataReceived, enc({ a: 2 }), undefined, 0, 'whiteboard');
  emit(RoomEvent.DataReceived, enc({ a: 3 }), { identity: 'p_bob' }, 0, 'meeting.reaction');
  emit(RoomEvent.DataReceived, enc({ a: 4 }), { identity: 'p_bob' }, 0, undefined);
  emit(RoomEvent.DataReceived, new Uint8Array([0xff, 0x00]), { identity: 'p_carol' }, 0, 'raw');
  assert.deepEqual(got, [
    { from: 'p_bob', topic: 'whiteboard', data: { a: 1 } },
    { from: 'p_carol', topic: 'raw', data: new Uint8Array([0xff, 0x00]) },
  ]);
});
