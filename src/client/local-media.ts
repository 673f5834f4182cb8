import type { Room } from 'livekit-client';
import { TrackSource } from './livekit-values.js';
import { ErrorCode, type ErrorInfo } from '../protocol/errors.js';
import type { Notices } from './notices.js';
import { listen, type MeetingPart, type PartHost } from './part.js';
import { allowedOf } from './permissions.js';

type Kind = 'mic' | 'camera';

const notInMeeting: ErrorInfo = Object.freeze({ code: ErrorCode.MEMBER_NOT_IN_MEETING, msg: 'Not in the meeting' });

/**
 * My camera, microphone and screen in the meeting: the toggles, and the permission retry: a
 * turn-on the host's permissions refused is remembered and published when permission comes back.
 * No slice of its own: what is on shows in my participant view.
 */
export class LocalMedia implements MeetingPart {
  /** A publish the person asked for that the permissions refused; re-tried when they change. */
  private wants = { mic: false, camera: false };
  private room?: Room;

  constructor(
    private readonly host: PartHost<never>,
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
            void this.toggle(kind, true);
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

  /**
   * Turns the microphone or camera on or off (`want` omitted: the other way). Turning on what the
   * host turned off is refused here (2103) and remembered: when permission comes back, it is
   * published then. Answers the refusal, if any; a device failure is also told as an `error`.
   */
  async toggle(kind: Kind, want?: boolean): Promise<ErrorInfo | undefined> {
    const lp = this.inMeeting() ? this.room?.localParticipant : undefined;
    if (!lp) return notInMeeting;
    const me = this.host.snapshot.participants.find((p) => p.isLocal);
    const on = kind === 'mic' ? !!me?.micOn : !!me?.cameraOn;
    const turnOn = want ?? !on;
    if (turnOn === on) return undefined;
    // Listen only turns nothing on (the server would refuse it too); audio only no camera.
    if (turnOn && this.host.snapshot.me?.listenOnly) return { code: ErrorCode.NO_PERMISSION, msg: 'Joined listen-only: join with audio first' };
    if (turnOn && kind === 'camera' && this.host.snapshot.devices.audioOnly) return { code: ErrorCode.NO_PERMISSION, msg: 'Audio-only mode is on' };
    const set = (enabled: boolean) => (kind === 'mic' ? lp.setMicrophoneEnabled(enabled) : lp.setCameraEnabled(enabled));
    let refusal: ErrorInfo | undefined;
    if (!turnOn) {
      this.wants[kind] = false;
      await set(false);
    } else if (!this.host.snapshot.allowed[kind]) {
      this.wants[kind] = true;
      this.notices.add({ type: 'turned-off-by-host' });
      refusal = { code: ErrorCode.TURNED_OFF_BY_HOST, msg: `The host turned the ${kind} off` };
    } else {
      try {
        await set(true);
      } catch (err) {
        // A refused publish must not leave the device capturing (DESIGN "LiveKit facts").
        const pub = lp.getTrackPublication(kind === 'mic' ? TrackSource.Microphone : TrackSource.Camera);
        if (pub?.track && !pub.trackSid) pub.track.stop();
        this.wants[kind] = true;
        refusal = { code: ErrorCode.DEVICE_ERROR, msg: `Could not turn on the ${kind}: ${String(err)}` };
        this.host.error(refusal);
      }
    }
    this.host.refresh();
    return refusal;
  }

  private inMeeting(): boolean {
    const phase = this.host.snapshot.phase;
    return phase === 'connected' || phase === 'reconnecting';
  }

  /** Turns the device on now, or as soon as the permissions allow it (after "join with audio"). */
  async turnOnWhenAllowed(kind: Kind): Promise<void> {
    if (this.host.snapshot.allowed[kind]) await this.toggle(kind, true);
    else this.wants[kind] = true;
  }

  /**
   * Shares the screen or stops (`want` omitted: the other way). Under "ask first" it asks the
   * host instead. Answers the refusal, if any; cancelling the browser's picker is none.
   */
  async toggleScreenShare(want?: boolean): Promise<ErrorInfo | undefined> {
    const { participants, allowed, policy } = this.host.snapshot;
    if (!this.room || !this.inMeeting()) return notInMeeting;
    const on = !!participants.find((p) => p.isLocal)?.screenOn;
    const turnOn = want ?? !on;
    if (turnOn === on) return undefined;
    if (turnOn && !allowed.screen) {
      if (policy.share === 'ask') await this.requestShare();
      else {
        this.notices.add({ type: 'turned-off-by-host' });
        return { code: ErrorCode.TURNED_OFF_BY_HOST, msg: 'Only hosts may share now' };
      }
      return undefined;
    }
    let refusal: ErrorInfo | undefined;
    try {
      await this.room.localParticipant.setScreenShareEnabled(turnOn, { audio: true });
    } catch (err) {
      // Cancelling the browser's picker is not an error worth a screen.
      if (!(err instanceof Error && err.name === 'NotAllowedError')) {
        refusal = { code: ErrorCode.DEVICE_ERROR, msg: String(err) };
        this.host.error(refusal);
      }
    }
    this.host.refresh();
    return refusal;
  }
}
