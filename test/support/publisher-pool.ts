import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { WorkerJoin, WorkerMessage, WorkerPublisher } from './publisher-worker.js';

export interface PublisherPoolOptions {
  serverUrl: string;
  livekitUrl: string;
  meetingCode: string;
  count: number;
  /** Child processes (each its own rtc-node FFI) the publishers are spread over, round robin. */
  processes?: number;
  /** Indexes that also publish a (silent until `setLoudness`) microphone tone. */
  withAudio?: number[];
  video?: WorkerJoin['video'];
  /** Called once per publisher joined, with how long its connect and publishing took. */
  onJoined?: (index: number, ms: number) => void;
}

export interface PublisherPool {
  /** Each publisher's LiveKit identity, by index (names are `Publisher 00`, `Publisher 01`, …). */
  ids: string[];
  setLoudness(index: number, value: number): void;
  close(): Promise<void>;
}

const WORKER = fileURLToPath(new URL('./publisher-worker.ts', import.meta.url));

/**
 * Load-test publishers with generated video, joined through `POST /api/join` like guests and
 * spread over child processes (publisher-worker.ts) that join side by side. Resolves once every
 * one publishes.
 */
export async function startPublishers(o: PublisherPoolOptions): Promise<PublisherPool> {
  const processes = Math.min(o.processes ?? 4, o.count);
  const ids: string[] = [];
  const batches: WorkerPublisher[][] = Array.from({ length: processes }, () => []);
  for (let index = 0; index < o.count; index++) {
    const res = await fetch(new URL('/api/join', o.serverUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: o.meetingCode, name: `Publisher ${String(index).padStart(2, '0')}`, gk: randomBytes(16).toString('base64url') }),
    });
    const join = (await res.json()) as { code: number; msg: string; ret: { token: string; identity: string } };
    if (join.code !== 200) throw new Error(`join of publisher ${index}: ${join.code} ${join.msg}`);
    ids[index] = join.ret.identity;
    batches[index % processes]!.push({ index, token: join.ret.token, audio: o.withAudio?.includes(index) ?? false });
  }
  const workers: ChildProcess[] = [];
  const byIndex = new Map<number, ChildProcess>();
  const close = async () => {
    await Promise.all(
      workers.map(async (w) => {
        if (w.exitCode !== null || w.signalCode !== null) return;
        const exited = once(w, 'exit');
        const msg: WorkerMessage = { close: true };
        if (w.connected) w.send(msg);
        const killer = setTimeout(() => w.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(killer);
      }),
    );
  };
  try {
    await Promise.all(
      batches.map(
        (publishers) =>
          new Promise<void>((resolve, reject) => {
            const w = fork(WORKER, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
            workers.push(w);
            for (const p of publishers) byIndex.set(p.index, w);
            w.on('message', (m: { joined?: number; ms?: number; ready?: true; error?: string }) => {
              if (m.joined !== undefined) o.onJoined?.(m.joined, m.ms!);
              if (m.ready) resolve();
              if (m.error) reject(new Error(`publisher worker: ${m.error}`));
            });
            w.once('exit', (code) => reject(new Error(`publisher worker exited with ${code} before all joined`)));
            const msg: WorkerMessage = { join: { livekitUrl: o.livekitUrl, video: o.video ?? { width: 64, height: 36, fps: 5 }, publishers } };
            w.send(msg);
          }),
      ),
    );
  } catch (err) {
    await close();
    throw err;
  }
  return {
    ids,
    setLoudness(index, value) {
      const msg: WorkerMessage = { loudness: [index, value] };
      byIndex.get(index)!.send(msg);
    },
    close,
  };
}
