import {
  AudioFrame,
  AudioSource,
  AudioStream,
  LocalAudioTrack,
  LocalVideoTrack,
  Room,
  RoomEvent,
  TrackKind,
  TrackPublishOptions,
  TrackSource,
  VideoBufferType,
  VideoFrame,
  VideoSource,
  VideoStream,
  type RemoteTrack,
} from '@livekit/rtc-node';

export { TrackSource };

/**
 * A non-browser LiveKit participant (@livekit/rtc-node) for attacker and load tests: it does what
 * a modified client could, and counts what it receives.
 */
export class RtcClient {
  readonly room = new Room();
  /** Video frames received from others since `resetCounts()`. */
  videoFrames = 0;
  /** Audio frames (10 ms each) received, by who sent them. */
  readonly audioFramesFrom = new Map<string, number>();
  /** When the first video frame arrived, when connect() resolved (ms since epoch). */
  firstFrameAt?: number;
  connectedAt?: number;
  /** Data packets received, with their topic and whether a participant sent them. */
  readonly data: Array<{ topic?: string; fromParticipant: boolean; text: string }> = [];
  disconnectedAt?: number;
  private readonly timers: Array<ReturnType<typeof setInterval>> = [];
  private readonly readers: Array<ReadableStreamDefaultReader<unknown>> = [];

  constructor() {
    this.room.on(RoomEvent.TrackSubscribed, (track: RemoteTrack, _pub, participant) => {
      if (track.kind === TrackKind.KIND_AUDIO) {
        const reader = new AudioStream(track).getReader();
        this.readers.push(reader);
        const from = participant.identity;
        void (async () => {
          while (!(await reader.read()).done) this.audioFramesFrom.set(from, (this.audioFramesFrom.get(from) ?? 0) + 1);
        })().catch(() => undefined);
        return;
      }
      if (track.kind !== TrackKind.KIND_VIDEO) return;
      const reader = new VideoStream(track).getReader();
      this.readers.push(reader);
      void (async () => {
        while (!(await reader.read()).done) {
          this.firstFrameAt ??= Date.now();
          this.videoFrames++;
        }
      })().catch(() => undefined);
    });
    this.room.on(RoomEvent.DataReceived, (payload, participant, _kind, topic) => {
      this.data.push({ topic, fromParticipant: !!participant, text: new TextDecoder().decode(payload) });
    });
    this.room.on(RoomEvent.Disconnected, () => (this.disconnectedAt ??= Date.now()));
  }

  /** `autoSubscribe: false` for load: a publisher that receives nobody. */
  async connect(url: string, token: string, opts: { autoSubscribe?: boolean } = {}): Promise<void> {
    await this.room.connect(url, token, { autoSubscribe: opts.autoSubscribe ?? true, dynacast: false });
    this.connectedAt = Date.now();
  }

  get connected(): boolean {
    return this.room.isConnected && this.disconnectedAt === undefined;
  }

  /** The tone's amplitude (0 is silence): who is loudest is who LiveKit calls the active speaker. */
  loudness = 8000;

  /** Publishes a tone as an audio track declared as `source` (which LiveKit does not check against the kind). */
  async publishAudio(source: TrackSource): Promise<void> {
    const audio = new AudioSource(48000, 1);
    const track = LocalAudioTrack.createAudioTrack('tone', audio);
    let t = 0;
    this.timers.push(
      setInterval(() => {
        const frame = AudioFrame.create(48000, 1, 480);
        for (let i = 0; i < 480; i++) frame.data[i] = Math.round(this.loudness * Math.sin((2 * Math.PI * 440 * t++) / 48000));
        void audio.captureFrame(frame).catch(() => undefined);
      }, 10),
    );
    await this.room.localParticipant!.publishTrack(track, new TrackPublishOptions({ source }));
  }

  /** Publishes a moving grey picture as a video track declared as `source` (small and slow for load). */
  async publishVideo(source: TrackSource, { width = 320, height = 240, fps = 15 } = {}): Promise<void> {
    const video = new VideoSource(width, height);
    const track = LocalVideoTrack.createVideoTrack('picture', video);
    let n = 0;
    this.timers.push(
      setInterval(() => {
        const data = new Uint8Array(width * height * 4).fill(n++ % 255);
        video.captureFrame(new VideoFrame(data, width, height, VideoBufferType.RGBA));
      }, Math.round(1000 / fps)),
    );
    await this.room.localParticipant!.publishTrack(track, new TrackPublishOptions({ source }));
  }

  async sendData(topic: string, payload: unknown): Promise<void> {
    await this.room.localParticipant!.publishData(new TextEncoder().encode(JSON.stringify(payload)), { reliable: true, topic });
  }

  resetCounts(): void {
    this.videoFrames = 0;
    this.data.length = 0;
  }

  async close(): Promise<void> {
    this.timers.forEach((t) => clearInterval(t));
    for (const r of this.readers) await r.cancel().catch(() => undefined);
    await this.room.disconnect().catch(() => undefined);
  }
}
