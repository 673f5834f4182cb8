import { Track, type LocalAudioTrack, type LocalTrack, type LocalVideoTrack, type Room } from 'livekit-client';
import { ErrorCode } from '../protocol/errors.js';
import { Role, isModerator } from '../protocol/roles.js';
import { openCamera, openMicrophone, type Opened } from './devices.js';
import type { Notices } from './notices.js';
import { listen, type MeetingPart, type PartHost } from './part.js';
import { allowedOf } from './permissions.js';
import type { PreviewState } from './snapshot.js';

/** The preview fields and the opener of each pre-join device. */
interface PreviewDevice {
  on: 'cameraOn' | 'micOn';
  track: 'videoTrack' | 'audioTrack';
  problem: 'videoProblem' | 'audioProblem';
  open: () => Promise<Opened<LocalTrack>>;
}
const PREVIEW_DEVICES = {
  camera: { on: 'cameraOn', track: 'videoTrack', problem: 'videoProblem', open: openCamera },
  mic: { on: 'micOn', track: 'audioTrack', problem: 'audioProblem', open: openMicrophone },
} satisfies Record<string, PreviewDevice>;

type Kind = keyof typeof PREVIEW_DEVICES;
type Devices = Promise<[Opened<LocalVideoTrack> | undefined, Opened<LocalAudioTrack> | undefined]>;

/**
 * My camera, microphone and screen: the pre-join preview (opened once, published at join), the
 * toggles, and the permission retry: a turn-on the host's permissions refused is remembered and
 * published when permission comes back. Its slice: `preview`.
 */
export class LocalMedia implements MeetingPart {
  private devices: Devices = Promise.resolve([undefined, undefined]);
  /** A publish the person asked for that the permissions refused; re-tried when they change. */
  private wants = { mic: false, camera: false };
  private room?: Room;

  constructor(
    private readonly host: PartHost<'preview'>,
    private readonly notices: Notices,
    /** Under "ask first", the Share click is the request (SPEC H8). */
    private readonly requestShare: () => Promise<unknown>,
  ) {}

  /** Needs `Moderation` attached before it: the retry reads the `allowed` it has just updated. */
  attach(room: Room): () => void {
    this.room = room;
    const off = listen(room, {
      participantPermissionsChanged: (_prev, participant) => {
        if (participant !== room.localParticipant) return;
        const allowed = allowedOf(room);
        for (const kind of ['mic', 'camera'] as const) {
          if (this.wants[kind] && allowed[kind]) {
            this.wants[kind] = false;
            void this.toggle(kind);
          }
        }
        this.host.refresh();
      },
    });
    return () => {
      off();
      this.room = undefined;
    };
  }

  reset(): void {
    this.wants = { mic: false, camera: false };
  }

  /** Starts opening the camera and microphone (the slow part before the Join click). */
  openPreview(media: { audio: boolean; video: boolean }): void {
    this.host.set({ preview: { micOn: media.audio, cameraOn: media.video, opening: media.audio || media.video } });
    this.devices = Promise.all([media.video ? openCamera() : undefined, media.audio ? openMicrophone() : undefined]);
  }

  /** Shows the opened devices (or why they could not be opened). */
  async showPreview(): Promise<void> {
    const [camera, mic] = await this.devices;
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
  async dropPreview(): Promise<void> {
    const [camera, mic] = await this.devices;
    camera?.track?.stop();
    mic?.track?.stop();
  }

  devicesReady(): Promise<unknown> {
    return this.devices;
  }

  stopPreview(): void {
    this.host.snapshot.preview.videoTrack?.stop();
    this.host.snapshot.preview.audioTrack?.stop();
  }

  /** Pre-join: turn a device on (opening it) or off (releasing it). */
  async setPreview(kind: Kind, on: boolean): Promise<void> {
    const device: PreviewDevice = PREVIEW_DEVICES[kind];
    const track = this.host.snapshot.preview[device.track];
    if (!on) {
      track?.stop();
      this.patchPreview({ [device.on]: false, [device.track]: undefined, [device.problem]: undefined });
    } else if (track) {
      this.patchPreview({ [device.on]: true });
    } else {
      const opened = await device.open();
      this.patchPreview({ [device.on]: !!opened.track, [device.track]: opened.track, [device.problem]: opened.problem });
    }
  }

  /** Publishes the pre-join tracks; a refusal leaves the person in the meeting, told why. */
  async publishPreview(room: Room): Promise<void> {
    const { preview, policy, allowed, me } = this.host.snapshot;
    const moderator = isModerator(me?.role ?? Role.ATTENDEE);
    // The policy may ask people to join muted, or not let them turn on at all (SPEC M1, H2).
    const keepVideo = allowed.camera && (moderator || !policy.video.off);
    const keepAudio = allowed.mic && (moderator || !policy.audio.off);
    if (preview.videoTrack && !keepVideo) preview.videoTrack.stop();
    if (preview.audioTrack && !keepAudio) preview.audioTrack.stop();
    if ((preview.videoTrack && !allowed.camera) || (preview.audioTrack && !allowed.mic)) this.notices.add({ type: 'turned-off-by-host' });
    const videoTrack = keepVideo ? preview.videoTrack : undefined;
    const audioTrack = keepAudio ? preview.audioTrack : undefined;
    const results = await Promise.allSettled([
      videoTrack ? room.localParticipant.publishTrack(videoTrack, { source: Track.Source.Camera }) : undefined,
      audioTrack ? room.localParticipant.publishTrack(audioTrack, { source: Track.Source.Microphone }) : undefined,
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

  /**
   * Turns the microphone or camera on or off. Turning on what the host turned off is refused
   * here (2103) and remembered: when permission comes back, it is published then.
   */
  async toggle(kind: Kind): Promise<void> {
    const lp = this.room?.localParticipant;
    if (!lp) return;
    const me = this.host.snapshot.participants.find((p) => p.isLocal);
    const on = kind === 'mic' ? !!me?.micOn : !!me?.cameraOn;
    const set = (enabled: boolean) => (kind === 'mic' ? lp.setMicrophoneEnabled(enabled) : lp.setCameraEnabled(enabled));
    if (on) {
      this.wants[kind] = false;
      await set(false);
    } else if (!this.host.snapshot.allowed[kind]) {
      this.wants[kind] = true;
      this.notices.add({ type: 'turned-off-by-host' });
    } else {
      try {
        await set(true);
      } catch (err) {
        // A refused publish must not leave the device capturing (DESIGN "LiveKit facts").
        const pub = lp.getTrackPublication(kind === 'mic' ? Track.Source.Microphone : Track.Source.Camera);
        if (pub?.track && !pub.trackSid) pub.track.stop();
        this.wants[kind] = true;
        this.host.error({ code: ErrorCode.DEVICE_ERROR, msg: `Could not turn on the ${kind}: ${String(err)}` });
      }
    }
    this.host.refresh();
  }

  async toggleScreenShare(): Promise<void> {
    const { participants, allowed, policy } = this.host.snapshot;
    const me = participants.find((p) => p.isLocal);
    if (!me?.screenOn && !allowed.screen) {
      if (policy.share === 'ask') await this.requestShare();
      else this.notices.add({ type: 'turned-off-by-host' });
      return;
    }
    try {
      await this.room?.localParticipant.setScreenShareEnabled(!me?.screenOn, { audio: true });
    } catch (err) {
      // Cancelling the browser's picker is not an error worth a screen.
      if (!(err instanceof Error && err.name === 'NotAllowedError')) this.host.error({ code: ErrorCode.DEVICE_ERROR, msg: String(err) });
    }
    this.host.refresh();
  }

  private patchPreview(change: Partial<PreviewState>): void {
    this.host.set({ preview: { ...this.host.snapshot.preview, ...change } });
  }
}
