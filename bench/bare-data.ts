/**
 * The baseline page for the file-throughput and chat-latency benchmarks (bench/file-transfer.ts,
 * bench/chat-messages.ts): livekit-client alone, two of these in one room. Files go with
 * `localParticipant.sendFile`, messages with `sendText` or a reliable data packet; the receiving
 * page notes when each one is whole, on `performance.timeOrigin + performance.now()` so that the
 * two pages' times compare.
 */
import { Room, RoomEvent } from 'livekit-client';

const FILE_TOPIC = 'bench-file';
const TEXT_TOPIC = 'bench-text';

interface BareData {
  connect(grant: { serverUrl: string; token: string }): Promise<void>;
  peers(): number;
  /** Random bytes: sendFile compresses (deflate-raw), and a real file seldom compresses much. */
  makeFile(bytes: number): void;
  sendFile(): Promise<{ startedAt: number; sentAt: number }>;
  /** When each received file was whole (read and made a Blob, as the product's receiver does). */
  filesDone: number[];
  /** Answers when the send began. */
  sendText(text: string, via: 'stream' | 'packet'): Promise<number>;
  /** When each received text was whole, by its text. */
  seen: Record<string, number>;
}

declare global {
  interface Window {
    bareData: BareData;
  }
}

const now = () => performance.timeOrigin + performance.now();
const room = new Room();
let file: File | undefined;

window.bareData = {
  filesDone: [],
  seen: {},
  async connect({ serverUrl, token }) {
    room.registerByteStreamHandler(FILE_TOPIC, async (reader) => {
      const chunks = await reader.readAll();
      URL.revokeObjectURL(URL.createObjectURL(new Blob(chunks as Uint8Array<ArrayBuffer>[])));
      window.bareData.filesDone.push(now());
    });
    room.registerTextStreamHandler(TEXT_TOPIC, async (reader) => {
      const text = await reader.readAll();
      window.bareData.seen[text] ??= now();
    });
    room.on(RoomEvent.DataReceived, (payload, _participant, _kind, topic) => {
      if (topic === TEXT_TOPIC) window.bareData.seen[new TextDecoder().decode(payload)] ??= now();
    });
    await room.connect(serverUrl, token, { autoSubscribe: true });
  },
  peers: () => room.remoteParticipants.size,
  makeFile(bytes) {
    const parts: Uint8Array<ArrayBuffer>[] = [];
    for (let at = 0; at < bytes; at += 65536) parts.push(crypto.getRandomValues(new Uint8Array(Math.min(65536, bytes - at))));
    file = new File(parts, 'bench.bin', { type: 'application/octet-stream' });
  },
  async sendFile() {
    const startedAt = now();
    await room.localParticipant.sendFile(file!, { topic: FILE_TOPIC });
    return { startedAt, sentAt: now() };
  },
  async sendText(text, via) {
    const startedAt = now();
    if (via === 'stream') await room.localParticipant.sendText(text, { topic: TEXT_TOPIC });
    else await room.localParticipant.publishData(new TextEncoder().encode(text), { reliable: true, topic: TEXT_TOPIC });
    return startedAt;
  },
};
