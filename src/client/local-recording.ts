import type { Room } from 'livekit-client';
import { ErrorCode, type ErrorInfo } from '../protocol/errors.js';
import { MeetingClientError } from './join-api.js';
import type { MeetingPart, PartHost } from './part.js';
import { AudioMix, ViewCanvas, webmType, type ViewSource } from './recording-media.js';

export type RecorderPhase = 'idle' | 'starting' | 'recording' | 'paused';

/** My local recording (SPEC R9): the `recording` slice. */
export interface RecordingState {
  readonly state: RecorderPhase;
  /** Time recorded before the current stretch, in ms (pauses do not count). */
  readonly elapsedMs: number;
  /** When the current stretch began (ms since epoch) while recording; null otherwise. */
  readonly since: number | null;
  /** The last finished recording, until saved or replaced by a new one. */
  readonly ready: { readonly size: number; readonly type: string } | null;
  /** Why the last start or recording failed. */
  readonly error?: ErrorInfo;
}

export const initialRecording: RecordingState = Object.freeze({ state: 'idle', elapsedMs: 0, since: null, ready: null });

/** How long a recording has run, pauses left out. */
export function recordedMs(r: RecordingState, now = Date.now()): number {
  return r.elapsedMs + (r.since === null ? 0 : Math.max(0, now - r.since));
}

/** `meeting-<subject>-<YYYY-MM-DD-HHmm>.webm`, the subject made safe for a file name. */
export function recordingFileName(subject: string | undefined, at = new Date()): string {
  const safe = (subject ?? '').normalize('NFKC').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}`;
  return `meeting-${safe ? `${safe}-` : ''}${date}.webm`;
}

interface Running {
  recorder: MediaRecorder;
  canvas: ViewCanvas;
  audio: AudioMix;
  chunks: Blob[];
  stopped: Promise<Blob>;
}

/**
 * Records the meeting view as seen and everyone's audio in this browser, as WebM. Only once the
 * server said yes (`tell(true)`: hosts may forbid it), and the server marks me as recording for
 * everyone; stopping tells it again, unless the server stopped me (its hint) or I left.
 */
export class LocalRecording implements MeetingPart {
  private running?: Running;
  private blob?: Blob;
  private room?: Room;
  /** Where the view is drawn from: the grid on screen sets it. */
  view: ViewSource = () => undefined;

  constructor(
    private readonly host: PartHost<'recording'>,
    private readonly tell: (on: boolean) => Promise<void>,
  ) {}

  get lastRecording(): Blob | undefined {
    return this.blob;
  }

  connected(room: Room): void {
    this.room = room;
  }

  refresh(room: Room): void {
    this.room = room;
    this.running?.audio.update(room);
  }

  reset(): void {
    const running = this.running;
    this.running = undefined;
    if (running && running.recorder.state !== 'inactive') running.recorder.stop();
    running?.canvas.stop();
    running?.audio.close();
    this.blob = undefined;
    this.room = undefined;
    this.set(initialRecording);
  }

  /** Asks the server, then records; rejects with a `MeetingClientError` (2103: the host forbade it). */
  async start(): Promise<void> {
    if (this.state.state !== 'idle') return;
    const room = this.room;
    if (!room) throw new MeetingClientError(ErrorCode.MEMBER_NOT_IN_MEETING, 'Join the meeting first');
    if (typeof MediaRecorder === 'undefined' || !webmType()) throw this.failed(ErrorCode.NOT_SUPPORTED, 'This browser cannot record WebM video');
    this.set({ ...this.state, state: 'starting', error: undefined });
    try {
      await this.tell(true);
    } catch (err) {
      this.set({ ...this.state, state: 'idle', error: info(err) });
      throw err;
    }
    try {
      this.running = this.record(room);
    } catch (err) {
      await this.tell(false).catch(() => undefined);
      throw this.failed(ErrorCode.DEVICE_ERROR, `Could not record: ${err instanceof Error ? err.message : String(err)}`);
    }
    this.set({ state: 'recording', elapsedMs: 0, since: Date.now(), ready: this.state.ready });
  }

  pause(): void {
    if (this.state.state !== 'recording' || !this.running) return;
    this.running.recorder.pause();
    this.set({ ...this.state, state: 'paused', elapsedMs: recordedMs(this.state), since: null });
  }

  resume(): void {
    if (this.state.state !== 'paused' || !this.running) return;
    this.running.recorder.resume();
    this.set({ ...this.state, state: 'recording', since: Date.now() });
  }

  /** Stops and answers the recording (the last one when none runs); `tellServer` false when the server already knows. */
  async stop(tellServer = true): Promise<Blob | undefined> {
    const running = this.running;
    if (!running) return this.blob;
    this.running = undefined;
    const elapsedMs = recordedMs(this.state);
    if (running.recorder.state !== 'inactive') running.recorder.stop();
    const blob = await running.stopped;
    running.canvas.stop();
    running.audio.close();
    this.blob = blob;
    this.set({ state: 'idle', elapsedMs, since: null, ready: Object.freeze({ size: blob.size, type: blob.type }) });
    if (tellServer) await this.tell(false).catch(() => undefined);
    return blob;
  }

  /** Downloads the last recording as a WebM file. */
  save(fileName: string): boolean {
    if (!this.blob) return false;
    const url = URL.createObjectURL(this.blob);
    const a = Object.assign(document.createElement('a'), { href: url, download: fileName, rel: 'noopener' });
    a.style.display = 'none';
    document.body.append(a);
    a.click();
    a.remove();
    // The download has its own copy once it started; the URL only has to outlive the click.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return true;
  }

  private record(room: Room): Running {
    const canvas = new ViewCanvas(this.view);
    const audio = new AudioMix();
    try {
      audio.update(room);
      const mimeType = webmType();
      const recorder = new MediaRecorder(new MediaStream([...canvas.stream.getVideoTracks(), audio.track]), { mimeType });
      const chunks: Blob[] = [];
      recorder.ondataavailable = (e) => {
        if (e.data.size > 0) chunks.push(e.data);
      };
      const stopped = new Promise<Blob>((resolve) => {
        recorder.onstop = () => resolve(new Blob(chunks, { type: mimeType.split(';')[0] }));
      });
      recorder.onerror = () => {
        this.set({ ...this.state, error: { code: ErrorCode.DEVICE_ERROR, msg: 'The recording failed' } });
        void this.stop();
      };
      recorder.start(1000);
      return { recorder, canvas, audio, chunks, stopped };
    } catch (err) {
      canvas.stop();
      audio.close();
      throw err;
    }
  }

  private failed(code: ErrorCode, msg: string): MeetingClientError {
    const error = new MeetingClientError(code, msg);
    this.set({ ...this.state, state: 'idle', error: { code, msg } });
    return error;
  }

  private get state(): RecordingState {
    return this.host.snapshot.recording;
  }

  private set(change: Partial<RecordingState>): void {
    this.host.set({ recording: Object.freeze({ ...this.state, ...change }) });
  }
}

function info(err: unknown): ErrorInfo {
  return err instanceof MeetingClientError ? { code: err.code, msg: err.msg } : { code: ErrorCode.INTERNAL, msg: String(err) };
}
