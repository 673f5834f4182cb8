/**
 * Stand-in people for screenshots (scripts/meeting-screenshots.ts): @livekit/rtc-node participants
 * joined through `POST /api/join` under real-looking names, each publishing a painted "camera"
 * (a head and shoulders on a coloured wall, swaying a little so the video plays), one of them a
 * tone so speaker view has someone speaking, and on demand a painted slide as a screen share.
 * They write in the chat through the meeting server as any member does.
 */
import { randomBytes } from 'node:crypto';
import {
  AudioFrame,
  AudioSource,
  LocalAudioTrack,
  LocalVideoTrack,
  Room,
  TrackPublishOptions,
  TrackSource,
  VideoBufferType,
  VideoFrame,
  VideoSource,
  dispose,
} from '@livekit/rtc-node';

type Rgb = readonly [number, number, number];

export interface PaintedPerson {
  name: string;
  identity: string;
  /** Writes in the chat, to everyone or (`to`, an identity) one person. */
  chat(text: string, to?: string | null): Promise<void>;
  /** Publishes (true) or stops (false) a painted slide as a screen share. */
  share(on: boolean): Promise<void>;
}

export interface PaintedRoom {
  people: PaintedPerson[];
  close(): Promise<void>;
}

const CAMERA = { width: 480, height: 270, fps: 12 };
const SLIDE = { width: 1280, height: 720, fps: 3 };

export async function startPaintedPeople(o: { serverUrl: string; livekitUrl: string; meetingCode: string; people: Array<{ name: string; wall: Rgb; shirt: Rgb; skin: Rgb; speaks?: boolean }> }): Promise<PaintedRoom> {
  const timers: Array<ReturnType<typeof setInterval>> = [];
  const rooms: Room[] = [];
  const close = async () => {
    timers.forEach((t) => clearInterval(t));
    for (const room of rooms) await room.disconnect().catch(() => undefined);
    await dispose().catch(() => undefined);
  };
  const people: PaintedPerson[] = [];
  try {
    // One at a time: rtc-node loses track of rooms connected in parallel in one process.
    for (const [index, p] of o.people.entries()) {
      const join = await post<{ token: string; identity: string; meeting: { meetingUniqueId: number } }>(new URL('/api/join', o.serverUrl), { code: o.meetingCode, name: p.name, gk: randomBytes(16).toString('base64url') });
      const room = new Room();
      rooms.push(room);
      await room.connect(o.livekitUrl, join.token, { autoSubscribe: false, dynacast: false });
      const camera = new VideoSource(CAMERA.width, CAMERA.height);
      await room.localParticipant!.publishTrack(LocalVideoTrack.createVideoTrack('camera', camera), new TrackPublishOptions({ source: TrackSource.SOURCE_CAMERA }));
      let n = index * 7;
      timers.push(setInterval(() => camera.captureFrame(new VideoFrame(paintPerson(p, n++ / CAMERA.fps), CAMERA.width, CAMERA.height, VideoBufferType.RGBA)), Math.round(1000 / CAMERA.fps)));
      if (p.speaks) await publishTone(room, timers);
      let shareSid: string | undefined;
      let shareTimer: ReturnType<typeof setInterval> | undefined;
      people.push({
        name: p.name,
        identity: join.identity,
        chat: async (text, to = null) => {
          await post(new URL(`/api/meetings/${join.meeting.meetingUniqueId}/chat`, o.serverUrl), { text, to }, join.token);
        },
        share: async (on) => {
          if (on && !shareSid) {
            const screen = new VideoSource(SLIDE.width, SLIDE.height);
            const slide = paintSlide();
            shareTimer = setInterval(() => screen.captureFrame(new VideoFrame(slide, SLIDE.width, SLIDE.height, VideoBufferType.RGBA)), Math.round(1000 / SLIDE.fps));
            timers.push(shareTimer);
            const pub = await room.localParticipant!.publishTrack(LocalVideoTrack.createVideoTrack('screen', screen), new TrackPublishOptions({ source: TrackSource.SOURCE_SCREENSHARE }));
            shareSid = pub.sid;
          } else if (!on && shareSid) {
            clearInterval(shareTimer);
            await room.localParticipant!.unpublishTrack(shareSid);
            shareSid = undefined;
          }
        },
      });
    }
  } catch (err) {
    await close();
    throw err;
  }
  return { people, close };
}

async function post<T>(url: URL, body: unknown, token?: string): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  const answer = (await res.json()) as { code: number; msg: string; ret: T };
  if (answer.code !== 200) throw new Error(`${url.pathname}: ${answer.code} ${answer.msg}`);
  return answer.ret;
}

/** A steady 440 Hz tone: loud enough for LiveKit to call its sender the active speaker. */
async function publishTone(room: Room, timers: Array<ReturnType<typeof setInterval>>): Promise<void> {
  const audio = new AudioSource(48000, 1);
  let t = 0;
  timers.push(
    setInterval(() => {
      const frame = AudioFrame.create(48000, 1, 480);
      for (let i = 0; i < 480; i++) frame.data[i] = Math.round(6000 * Math.sin((2 * Math.PI * 440 * t++) / 48000));
      void audio.captureFrame(frame).catch(() => undefined);
    }, 10),
  );
  await room.localParticipant!.publishTrack(LocalAudioTrack.createAudioTrack('tone', audio), new TrackPublishOptions({ source: TrackSource.SOURCE_MICROPHONE }));
}

const mix = (a: Rgb, b: Rgb, k: number): Rgb => [a[0] + (b[0] - a[0]) * k, a[1] + (b[1] - a[1]) * k, a[2] + (b[2] - a[2]) * k];

/** One camera frame at `t` seconds: a wall with a soft light, a head and shoulders swaying. */
function paintPerson(p: { wall: Rgb; shirt: Rgb; skin: Rgb }, t: number): Uint8Array {
  const { width: w, height: h } = CAMERA;
  const data = new Uint8Array(w * h * 4);
  const sway = Math.sin(t * 1.3) * w * 0.015;
  const nod = Math.sin(t * 0.9) * h * 0.01;
  const head = { x: w / 2 + sway, y: h * 0.43 + nod, rx: h * 0.15, ry: h * 0.19 };
  const body = { x: w / 2 + sway * 0.5, y: h * 1.08, rx: w * 0.27, ry: h * 0.42 };
  const hair = mix(p.skin, [40, 28, 20], 0.8);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      // A light from the top left, fading towards the bottom right.
      const light = 1.15 - 0.35 * ((x / w) * 0.6 + (y / h) * 0.4);
      let c: Rgb = [p.wall[0] * light, p.wall[1] * light, p.wall[2] * light];
      const bx = (x - body.x) / body.rx;
      const by = (y - body.y) / body.ry;
      if (bx * bx + by * by < 1) c = mix(p.shirt, [0, 0, 0], Math.max(0, bx) * 0.25);
      const neck = Math.abs(x - head.x) < head.rx * 0.45 && y > head.y && y < head.y + head.ry * 1.35;
      const hx = (x - head.x) / head.rx;
      const hy = (y - head.y) / head.ry;
      if (neck && !(bx * bx + by * by < 1)) c = mix(p.skin, [0, 0, 0], 0.12);
      if (hx * hx + hy * hy < 1) c = hy < -0.45 + 0.15 * Math.abs(hx) ? hair : mix(p.skin, [0, 0, 0], Math.max(0, hx) * 0.2);
      const i = (y * w + x) * 4;
      data[i] = Math.min(255, c[0]);
      data[i + 1] = Math.min(255, c[1]);
      data[i + 2] = Math.min(255, c[2]);
      data[i + 3] = 255;
    }
  }
  return data;
}

/** A slide: a title bar, a few lines of "text" and a bar chart, on white. */
function paintSlide(): Uint8Array {
  const { width: w, height: h } = SLIDE;
  const data = new Uint8Array(w * h * 4).fill(255);
  const rect = (x0: number, y0: number, rw: number, rh: number, c: Rgb) => {
    for (let y = Math.max(0, y0); y < Math.min(h, y0 + rh); y++)
      for (let x = Math.max(0, x0); x < Math.min(w, x0 + rw); x++) {
        const i = (y * w + x) * 4;
        data[i] = c[0];
        data[i + 1] = c[1];
        data[i + 2] = c[2];
      }
  };
  rect(0, 0, w, 110, [37, 99, 235]);
  rect(70, 38, 520, 34, [255, 255, 255]);
  for (const [k, len] of [440, 380, 410, 300].entries()) {
    rect(70, 180 + k * 56, 14, 14, [37, 99, 235]);
    rect(100, 178 + k * 56, len, 18, [180, 186, 196]);
  }
  rect(660, 620, 560, 4, [120, 126, 136]);
  const bars: Array<[number, Rgb]> = [
    [180, [96, 165, 250]],
    [260, [59, 130, 246]],
    [220, [96, 165, 250]],
    [340, [37, 99, 235]],
    [410, [22, 163, 74]],
  ];
  for (const [k, [bh, c]] of bars.entries()) rect(700 + k * 104, 620 - bh, 72, bh, c);
  rect(70, 520, 300, 60, [254, 243, 199]);
  rect(90, 540, 220, 18, [217, 119, 6]);
  return data;
}
