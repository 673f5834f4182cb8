/**
 * A child process holding some of a load test's @livekit/rtc-node publishers (started by
 * publisher-pool.ts over IPC). Each process has its own rtc-node FFI: one FFI slows down past
 * a few dozen rooms, several share the load and join side by side.
 *
 * Messages in: `{ join: WorkerJoin }`, `{ loudness: [index, value] }`, `{ close: true }`.
 * Messages out: `{ joined: index, ms }` per publisher, `{ ready: true }`, `{ error }`; exits after a close.
 */
import { dispose } from '@livekit/rtc-node';
import { RtcClient, TrackSource } from './rtc-client.js';

export interface WorkerPublisher {
  /** The publisher's index in the whole pool (commands name it). */
  index: number;
  token: string;
  /** A silent tone is published too, made louder by a `loudness` command. */
  audio: boolean;
}

export interface WorkerJoin {
  livekitUrl: string;
  video: { width: number; height: number; fps: number };
  publishers: WorkerPublisher[];
}

export type WorkerMessage = { join: WorkerJoin } | { loudness: [number, number] } | { close: true };

const clients = new Map<number, RtcClient>();
const send = (msg: unknown) => process.send!(msg);

async function join({ livekitUrl, video, publishers }: WorkerJoin): Promise<void> {
  // One at a time: rtc-node loses track of rooms connected in parallel in one process.
  for (const p of publishers) {
    const t0 = Date.now();
    const c = new RtcClient();
    clients.set(p.index, c);
    await c.connect(livekitUrl, p.token, { autoSubscribe: false });
    await c.publishVideo(TrackSource.SOURCE_CAMERA, video);
    if (p.audio) {
      c.loudness = 0;
      await c.publishAudio(TrackSource.SOURCE_MICROPHONE);
    }
    send({ joined: p.index, ms: Date.now() - t0 });
  }
  send({ ready: true });
}

async function close(): Promise<void> {
  await Promise.all([...clients.values()].map((c) => c.close()));
  await dispose().catch(() => undefined);
  process.exit(0);
}

process.on('message', (msg: WorkerMessage) => {
  if ('join' in msg) join(msg.join).catch((err: unknown) => send({ error: String(err) }));
  else if ('loudness' in msg) clients.get(msg.loudness[0])!.loudness = msg.loudness[1];
  else void close();
});
// The parent went away without a close: nothing is left to publish for.
process.on('disconnect', () => process.exit(0));
