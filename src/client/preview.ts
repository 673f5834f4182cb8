import type { Room } from 'livekit-client';
import { ErrorCode } from '../protocol/errors.js';
import { Role, isModerator } from '../protocol/roles.js';
import { openCamera, openMicrophone, type DeviceWish, type Opened } from './devices.js';
import type { Livekit } from './livekit-loader.js';
import type { Notices } from './notices.js';
import type { PartHost } from './part.js';
import type { PreviewTrack } from './preview-track.js';
import { TrackSource } from './livekit-values.js';
import type { DevicesState, PreviewState } from './snapshot.js';

/** The preview fields and the opener of each pre-join device. */
interface PreviewDevice {
  on: 'cameraOn' | 'micOn';
  track: 'videoTrack' | 'audioTrack';
  problem: 'videoProblem' | 'audioProblem';
  open: (wish: DeviceWish) => Promise<Opened<PreviewTrack>>;
  wish: (devices: DevicesState) => DeviceWish;
}
const PREVIEW_DEVICES = {
  camera: { on: 'cameraOn', track: 'videoTrack', problem: 'videoProblem', open: openCamera, wish: (d) => ({ deviceId: d.chosen.camera, facingMode: d.facing }) },
  mic: { on: 'micOn', track: 'audioTrack', problem: 'audioProblem', open: openMicrophone, wish: (d) => ({ deviceId: d.chosen.mic }) },
} satisfies Record<string, PreviewDevice>;

type Devices = Promise<[Opened<PreviewTrack> | undefined, Opened<PreviewTrack> | undefined]>;

/**
 * The pre-join camera and microphone: opened once before the Join click, shown, and the same
 * devices published at join (as far as the policy and my permissions let them). Its slice: `preview`.
 */
export class Preview {
  private devices: Devices = Promise.resolve([undefined, undefined]);
  private shown?: Promise<void>;

  constructor(
    /** Reads the devices slice: the chosen devices are the ones opened. */
    private readonly host: PartHost<'preview'>,
    private readonly notices: Notices,
  ) {}

  /** Starts opening the camera and microphone (the slow part before the Join click). */
  open(media: { audio: boolean; video: boolean }): void {
    this.host.set({ preview: { micOn: media.audio, cameraOn: media.video, opening: media.audio || media.video } });
    const devices = this.host.snapshot.devices;
    this.shown = undefined;
    this.devices = Promise.all([media.video ? openCamera(PREVIEW_DEVICES.camera.wish(devices)) : undefined, media.audio ? openMicrophone(PREVIEW_DEVICES.mic.wish(devices)) : undefined]);
  }

  /** Shows the opened devices (or why they could not be opened), once they are. */
  show(): Promise<void> {
    return (this.shown ??= this.devices.then(([camera, mic]) => this.showOpened(camera, mic)));
  }

  private showOpened(camera: Opened<PreviewTrack> | undefined, mic: Opened<PreviewTrack> | undefined): void {
    this.host.set({
      preview: {
        micOn: !!mic?.track,
        cameraOn: !!camera?.track,
        videoTrack: camera?.track,
        audioTrack: mic?.track,
        videoProblem: camera?.problem,
        audioProblem: mic?.problem,
      },
    });
  }

  /** Releases the devices being opened (the join cannot go on). */
  async drop(): Promise<void> {
    const [camera, mic] = await this.devices;
    camera?.track?.stop();
    mic?.track?.stop();
  }

  /** Once the pre-join devices are open and shown: what `publish` publishes. */
  devicesReady(): Promise<void> {
    return this.show();
  }

  stop(): void {
    this.host.snapshot.preview.videoTrack?.stop();
    this.host.snapshot.preview.audioTrack?.stop();
  }

  /** Pre-join: turn a device on (opening it) or off (releasing it). */
  async set(kind: keyof typeof PREVIEW_DEVICES, on: boolean): Promise<void> {
    const device: PreviewDevice = PREVIEW_DEVICES[kind];
    const track = this.host.snapshot.preview[device.track];
    if (!on) {
      track?.stop();
      this.patchPreview({ [device.on]: false, [device.track]: undefined, [device.problem]: undefined });
    } else if (track) {
      this.patchPreview({ [device.on]: true });
    } else {
      const opened = await device.open(device.wish(this.host.snapshot.devices));
      this.patchPreview({ [device.on]: !!opened.track, [device.track]: opened.track, [device.problem]: opened.problem });
    }
  }

  /** Publishes the pre-join tracks; a refusal leaves the person in the meeting, told why. */
  async publish(room: Room, lk: Livekit): Promise<void> {
    const { preview, policy, allowed, me, devices } = this.host.snapshot;
    const moderator = isModerator(me?.role ?? Role.ATTENDEE);
    // The policy may ask people to join muted, or not let them turn on at all (SPEC M1, H2).
    const keepVideo = allowed.camera && (moderator || !policy.video.off) && !devices.audioOnly;
    const keepAudio = allowed.mic && (moderator || !policy.audio.off);
    if (preview.videoTrack && !keepVideo) preview.videoTrack.stop();
    if (preview.audioTrack && !keepAudio) preview.audioTrack.stop();
    if ((preview.videoTrack && !allowed.camera) || (preview.audioTrack && !allowed.mic)) this.notices.add({ type: 'turned-off-by-host' });
    const videoTrack = keepVideo ? preview.videoTrack?.toLocalTrack(lk) : undefined;
    const audioTrack = keepAudio ? preview.audioTrack?.toLocalTrack(lk) : undefined;
    const results = await Promise.allSettled([
      videoTrack ? room.localParticipant.publishTrack(videoTrack, { source: TrackSource.Camera }) : undefined,
      audioTrack ? room.localParticipant.publishTrack(audioTrack, { source: TrackSource.Microphone }) : undefined,
    ]);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) {
      // A refused publish must not leave the device capturing (DESIGN "LiveKit facts").
      if (results[0]?.status === 'rejected') videoTrack?.stop();
      if (results[1]?.status === 'rejected') audioTrack?.stop();
      this.host.error({ code: ErrorCode.DEVICE_ERROR, msg: `Could not publish: ${String(failed.reason)}` });
    }
    this.host.refresh();
  }

  private patchPreview(change: Partial<PreviewState>): void {
    this.host.set({ preview: { ...this.host.snapshot.preview, ...change } });
  }
}
