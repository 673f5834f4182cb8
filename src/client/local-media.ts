import { Track, type Room } from 'livekit-client';
import { ErrorCode } from '../protocol/errors.js';
import type { Notices } from './notices.js';
import { listen, type MeetingPart, type PartHost } from './part.js';
import { allowedOf } from './permissions.js';

type Kind = 'mic' | 'camera';

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
}
