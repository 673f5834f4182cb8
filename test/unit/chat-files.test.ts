import assert from 'node:assert/strict';
import { resolveObjectURL } from 'node:buffer';
import { test } from 'node:test';
import { ConnectionState, DataStreamError, DataStreamErrorReason, type ByteStreamReader, type Room } from 'livekit-client';
import { ChatFiles } from '../../src/client/chat-files.js';
import { MeetingClientError } from '../../src/client/join-api.js';
import type { Seat } from '../../src/client/meeting-api.js';
import { initialSnapshot, type MeetingSnapshot } from '../../src/client/snapshot.js';
import { CHAT_FILE_TOPIC, type ChatFile, type ChatMessage } from '../../src/protocol/chat.js';

const seat = {} as Seat;

/** A ChatFiles part on a fake room: the byte-stream handler it registers, and what it streams. */
function setup(announce: (body: { file: ChatFile; to: string | null }) => Promise<ChatMessage> = async (b) => message(1, 'me', b.file)) {
  let snapshot: MeetingSnapshot = { ...initialSnapshot, me: { identity: 'me', name: 'Me', role: 'attendee', roleDowngraded: false } };
  let handler: ((reader: ByteStreamReader, p: { identity: string }) => void) | undefined;
  const streams: Array<{ options: Record<string, unknown>; written: number; closed: boolean }> = [];
  let onWrite = (_written: number) => {};
  const room = {
    state: ConnectionState.Connected,
    localParticipant: {
      async streamBytes(options: Record<string, unknown>) {
        const s = { options, written: 0, closed: false };
        streams.push(s);
        return { write: async (c: Uint8Array) => onWrite((s.written += c.byteLength)), close: async () => void (s.closed = true) };
      },
    },
    registerByteStreamHandler(topic: string, h: typeof handler) {
      assert.equal(topic, CHAT_FILE_TOPIC);
      handler = h;
    },
    unregisterByteStreamHandler() {},
  } as unknown as Room;
  const host = {
    get snapshot() {
      return snapshot;
    },
    set: (change: Partial<MeetingSnapshot>) => void (snapshot = { ...snapshot, ...change }),
    refresh() {},
    error() {},
  };
  const files = new ChatFiles(host, (_seat, body) => announce(body));
  const dispose = files.attach(room);
  return {
    files,
    dispose,
    streams,
    onWrite: (f: (written: number) => void) => void (onWrite = f),
    stream: (reader: ByteStreamReader, identity: string) => handler!(reader, { identity }),
    transfer: (id: string) => snapshot.files.transfers[id],
    snapshot: () => snapshot,
  };
}

const file = (stream: string, over: Partial<ChatFile> = {}): ChatFile => ({ name: 'notes.pdf', size: 6, type: 'application/pdf', stream, ...over });
const message = (id: number, from: string, f: ChatFile): ChatMessage => ({ id, from, fromName: from, to: null, text: '', at: 0, file: f });

/** A stream as livekit-client hands it over: `end` finishes or fails it; `read` tells whether anyone read it. */
function incoming(id: string, size: number) {
  let done!: (chunks: Uint8Array[]) => void;
  let fail!: (err: unknown) => void;
  const reader = {
    info: { id, size, topic: CHAT_FILE_TOPIC, name: 'x', mimeType: 'application/octet-stream', timestamp: 0 },
    onProgress: undefined as ((p: number | undefined) => void) | undefined,
    read: false,
    readAll({ signal }: { signal?: AbortSignal } = {}) {
      reader.read = true;
      return new Promise<Uint8Array[]>((resolve, reject) => {
        done = resolve;
        fail = reject;
        signal?.addEventListener('abort', () => reject(signal.reason));
      });
    },
  };
  return { reader: reader as unknown as ByteStreamReader & { read: boolean; onProgress?: (p: number | undefined) => void }, done: (c: Uint8Array[]) => done(c), fail: (e: unknown) => fail(e) };
}

const bytesAt = async (url: string) => {
  const blob = resolveObjectURL(url)!;
  return { type: blob.type, text: await blob.text() };
};
const tick = () => new Promise((r) => setImmediate(r));

test('an announced file is read, with progress, into a blob URL (typed only when a thumbnail type); the order of the two halves does not matter', async () => {
  const { files, stream, transfer } = setup();
  files.announcement(message(1, 'p_ann', file('s-first')));
  const a = incoming('s-first', 6);
  stream(a.reader, 'p_ann');
  assert.equal(a.reader.read, true);
  a.reader.onProgress!(0.5);
  assert.equal(transfer('s-first')!.progress, 0.5);
  a.done([new TextEncoder().encode('hel'), new TextEncoder().encode('lo!')]);
  await tick();
  assert.equal(transfer('s-first')!.status, 'done');
  assert.deepEqual(await bytesAt(transfer('s-first')!.url!), { type: 'application/octet-stream', text: 'hello!' });

  const b = incoming('s-late', 3);
  stream(b.reader, 'p_ann');
  assert.equal(b.reader.read, false, 'not before the server announced it');
  files.announcement(message(2, 'p_ann', file('s-late', { name: 'a.png', type: 'image/png', size: 3 })));
  assert.equal(b.reader.read, true);
  b.done([new Uint8Array([1, 2, 3])]);
  await tick();
  assert.equal((await bytesAt(transfer('s-late')!.url!)).type, 'image/png');
});

test('a stream nobody announced, or another sender copying an announced id, is left unread; a wrong size fails', async () => {
  const { files, stream, transfer } = setup();
  const stray = incoming('s-stray', 6);
  stream(stray.reader, 'p_mallory');
  assert.equal(stray.reader.read, false);
  assert.equal(transfer('s-stray'), undefined);

  files.announcement(message(1, 'p_ann', file('s-ann')));
  const forged = incoming('s-ann', 6);
  stream(forged.reader, 'p_mallory');
  assert.equal(forged.reader.read, false, 'the copy is not read');
  const real = incoming('s-ann', 6);
  stream(real.reader, 'p_ann');
  assert.equal(real.reader.read, true, 'the announcement still waited for its sender');

  files.announcement(message(2, 'p_ann', file('s-size')));
  const resized = incoming('s-size', 60);
  stream(resized.reader, 'p_ann');
  assert.equal(resized.reader.read, false);
  assert.equal(transfer('s-size')!.status, 'failed');
});

test('a stream that ends short was cancelled by its sender; one I stop is cancelled by me; a broken one failed', async () => {
  const { files, stream, transfer } = setup();
  const ids = ['s-short', 's-mine', 's-broken'];
  const readers = ids.map((id, i) => {
    files.announcement(message(i + 1, 'p_ann', file(id)));
    const r = incoming(id, 6);
    stream(r.reader, 'p_ann');
    return r;
  });
  readers[0]!.fail(new DataStreamError('Not enough chunk(s) received', DataStreamErrorReason.Incomplete));
  files.cancel('s-mine');
  readers[2]!.fail(new DataStreamError('Participant unexpectedly disconnected', DataStreamErrorReason.AbnormalEnd));
  await tick();
  assert.deepEqual(
    ids.map((id) => [transfer(id)!.status, transfer(id)!.cancelledBy]),
    [
      ['cancelled', 'sender'],
      ['cancelled', 'me'],
      ['failed', undefined],
    ],
  );
});

test('sending: announced first, then streamed to the recipient in pieces with progress; cancelled midway it ends the stream short', async () => {
  const sent: Array<{ file: ChatFile; to: string | null }> = [];
  const { files, streams, transfer, onWrite } = setup(async (body) => {
    sent.push(body);
    return message(sent.length, 'me', body.file);
  });
  const size = 64 * 1024 * 10;
  const progress: number[] = [];
  onWrite(() => progress.push(transfer(sent[0]!.file.stream)!.progress));
  assert.equal(await files.send(seat, new File([new Uint8Array(size)], 'big.bin', { type: 'application/x-thing' }), 'p_ben'), true);
  const { file: announced, to } = sent[0]!;
  assert.deepEqual({ ...announced!, stream: '' }, { name: 'big.bin', size, type: 'application/x-thing', stream: '' });
  assert.equal(to, 'p_ben');
  assert.deepEqual(streams[0]!.options, { topic: CHAT_FILE_TOPIC, streamId: announced!.stream, name: 'big.bin', mimeType: 'application/x-thing', totalSize: size, destinationIdentities: ['p_ben'] });
  assert.deepEqual([streams[0]!.written, streams[0]!.closed], [size, true]);
  assert.deepEqual([transfer(announced!.stream)!.status, transfer(announced!.stream)!.progress], ['done', 1]);
  assert.deepEqual(progress, [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9], 'before each piece, how far the ones before went');

  onWrite((written) => written >= 3 * 64 * 1024 && files.cancel(sent[1]!.file.stream));
  assert.equal(await files.send(seat, new Blob([new Uint8Array(size)]), null), false);
  assert.equal(streams[1]!.options.destinationIdentities, undefined, 'to everyone');
  assert.deepEqual([streams[1]!.written, streams[1]!.closed], [3 * 64 * 1024, true]);
  assert.deepEqual([transfer(sent[1]!.file.stream)!.status, transfer(sent[1]!.file.stream)!.cancelledBy], ['cancelled', 'me']);
});

test('a refusal of the server is kept for the page to say (with the limit), and nothing is streamed; leaving frees every file', async () => {
  const { files, streams, snapshot, dispose, stream } = setup(async () => {
    throw new MeetingClientError(300, 'Files are at most 25 MB', undefined, { maxMb: 25 });
  });
  await assert.rejects(files.send(seat, new File(['x'], 'huge.iso'), null), { code: 300 });
  assert.deepEqual(snapshot().files.refused, { name: 'huge.iso', code: 300, msg: 'Files are at most 25 MB', maxMb: 25 });
  assert.deepEqual(streams, []);

  files.announcement(message(1, 'p_ann', file('s-kept', { size: 1 })));
  const r = incoming('s-kept', 1);
  stream(r.reader, 'p_ann');
  r.done([new Uint8Array([7])]);
  await tick();
  const url = snapshot().files.transfers['s-kept']!.url!;
  dispose();
  assert.deepEqual(snapshot().files.transfers, {});
  assert.equal(resolveObjectURL(url), undefined, 'its blob URL was revoked');
});
