import type { Room } from 'livekit-client';

/** One tile of the meeting view, where it is on screen, for a local recording to draw. */
export interface ViewTile {
  readonly rect: DOMRectReadOnly;
  /** The tile's video while it shows one. */
  readonly video?: HTMLVideoElement;
  readonly label: string;
}

/** The meeting view as seen: the videos' space and the tiles on it (from `<meeting-video-grid>`). */
export interface ViewFrame {
  readonly area: DOMRectReadOnly;
  readonly tiles: readonly ViewTile[];
}

export type ViewSource = () => ViewFrame | undefined;

const FPS = 15;
const MAX = { width: 1280, height: 720 };

/**
 * A canvas that draws the view as seen, each tile at its place, `FPS` times a second. A timer, not
 * animation frames: those stop in a background tab, and the recording would freeze.
 */
export class ViewCanvas {
  readonly canvas = document.createElement('canvas');
  readonly stream: MediaStream;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(private readonly view: ViewSource) {
    // The size is fixed at the start: a recorder does not follow a canvas that changes size.
    const area = view()?.area;
    const scale = area && area.width > 0 && area.height > 0 ? Math.min(MAX.width / area.width, MAX.height / area.height) : 1;
    const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);
    this.canvas.width = even(area && area.width > 0 ? area.width * scale : MAX.width);
    this.canvas.height = even(area && area.height > 0 ? area.height * scale : MAX.height);
    this.draw();
    this.stream = this.canvas.captureStream(FPS);
    this.timer = setInterval(() => this.draw(), 1000 / FPS);
  }

  stop(): void {
    clearInterval(this.timer);
    for (const t of this.stream.getTracks()) t.stop();
  }

  private draw(): void {
    const g = this.canvas.getContext('2d');
    if (!g) return;
    const { width, height } = this.canvas;
    g.fillStyle = '#111318';
    g.fillRect(0, 0, width, height);
    const frame = this.view();
    if (!frame || frame.area.width <= 0 || frame.area.height <= 0) return;
    const scale = Math.min(width / frame.area.width, height / frame.area.height);
    const ox = (width - frame.area.width * scale) / 2;
    const oy = (height - frame.area.height * scale) / 2;
    for (const tile of frame.tiles) {
      const x = ox + (tile.rect.left - frame.area.left) * scale;
      const y = oy + (tile.rect.top - frame.area.top) * scale;
      const w = tile.rect.width * scale;
      const h = tile.rect.height * scale;
      if (w <= 0 || h <= 0) continue;
      g.fillStyle = '#23262d';
      g.fillRect(x, y, w, h);
      const v = tile.video;
      if (v && v.readyState >= 2 && v.videoWidth > 0) drawCover(g, v, x, y, w, h);
      g.font = `${Math.max(10, Math.round(14 * scale))}px sans-serif`;
      g.fillStyle = '#fff';
      g.fillText(tile.label, x + 8 * scale, y + h - 10 * scale, w - 16 * scale);
    }
  }
}

/** Draws a video filling its box, cropped as `object-fit: cover` shows it. */
function drawCover(g: CanvasRenderingContext2D, v: HTMLVideoElement, x: number, y: number, w: number, h: number): void {
  const s = Math.max(w / v.videoWidth, h / v.videoHeight);
  const sw = w / s;
  const sh = h / s;
  g.drawImage(v, (v.videoWidth - sw) / 2, (v.videoHeight - sh) / 2, sw, sh, x, y, w, h);
}

/** Everyone's audio in the room, mine too, mixed into one track; `update` follows tracks coming and going. */
export class AudioMix {
  private readonly context = new AudioContext();
  private readonly out = this.context.createMediaStreamDestination();
  private readonly inputs = new Map<string, MediaStreamAudioSourceNode>();

  get track(): MediaStreamTrack {
    return this.out.stream.getAudioTracks()[0]!;
  }

  update(room: Room): void {
    void this.context.resume();
    const tracks = new Map<string, MediaStreamTrack>();
    for (const p of [room.localParticipant, ...room.remoteParticipants.values()]) {
      for (const pub of p.audioTrackPublications.values()) {
        const track = pub.track?.mediaStreamTrack;
        if (track && track.readyState === 'live') tracks.set(track.id, track);
      }
    }
    for (const [id, node] of this.inputs) {
      if (tracks.has(id)) continue;
      node.disconnect();
      this.inputs.delete(id);
    }
    for (const [id, track] of tracks) {
      if (this.inputs.has(id)) continue;
      const node = this.context.createMediaStreamSource(new MediaStream([track]));
      node.connect(this.out);
      this.inputs.set(id, node);
    }
  }

  close(): void {
    for (const node of this.inputs.values()) node.disconnect();
    this.inputs.clear();
    this.track.stop();
    void this.context.close();
  }
}

/** The first WebM type this browser records, VP8 and Opus preferred. */
export function webmType(): string {
  const types = ['video/webm;codecs=vp8,opus', 'video/webm;codecs=vp9,opus', 'video/webm'];
  return types.find((t) => MediaRecorder.isTypeSupported(t)) ?? '';
}
