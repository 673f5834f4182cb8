import type { LocalAudioTrack, LocalVideoTrack, Track } from 'livekit-client';
import { defaultPolicy, type HintType, type LivePolicy, type ShareRequest, type WaitingPerson } from '../protocol/control.js';
import type { ErrorInfo } from '../protocol/errors.js';
import type { PublicMeetingInfo } from '../protocol/meeting.js';
import type { Role } from '../protocol/roles.js';

/**
 * Where the meeting is: `idle` before anything, `prejoin` while the person chooses devices,
 * `connecting`, `connected`, `reconnecting`, `left` (by choice or by the server), `error`.
 */
export type MeetingPhase = 'idle' | 'prejoin' | 'connecting' | 'waiting' | 'connected' | 'reconnecting' | 'left' | 'error';

export type ConnectionQualityLevel = 'excellent' | 'good' | 'poor' | 'lost' | 'unknown';

/** Why a camera or microphone could not be opened (SPEC J3: told apart). */
export type DeviceProblem = 'permission' | 'no-device' | 'busy' | 'other';

export interface ParticipantView {
  readonly identity: string;
  readonly name: string;
  readonly role: Role;
  readonly isLocal: boolean;
  readonly micOn: boolean;
  readonly cameraOn: boolean;
  readonly screenOn: boolean;
  readonly speaking: boolean;
  readonly connectionQuality: ConnectionQualityLevel;
  /** Others see a dropped person as reconnecting until LiveKit gives up on them (SPEC J7). */
  readonly reconnecting: boolean;
  /** When the hand went up (ms), or null. */
  readonly handAt: number | null;
  readonly shareRequest: ShareRequest;
  /** The camera track to show, when one is published and subscribed. Tiles attach it. */
  readonly cameraTrack?: Track;
  readonly screenTrack?: Track;
  /** A remote person's subscribed microphone and screen-share audio; `<meeting-audio>` plays them. */
  readonly audioTrack?: Track;
  readonly screenAudioTrack?: Track;
}

export interface PreviewState {
  readonly videoTrack?: LocalVideoTrack;
  readonly audioTrack?: LocalAudioTrack;
  readonly micOn: boolean;
  readonly cameraOn: boolean;
  /** The camera or microphone is still being opened. */
  readonly opening?: boolean;
  readonly videoProblem?: DeviceProblem;
  readonly audioProblem?: DeviceProblem;
}

export interface MeetingSnapshot {
  readonly phase: MeetingPhase;
  readonly meeting?: PublicMeetingInfo;
  readonly me?: { readonly identity: string; readonly name: string; readonly role: Role; readonly roleDowngraded: boolean };
  readonly preview: PreviewState;
  /** Local participant first, then the others in join order. */
  readonly participants: readonly ParticipantView[];
  readonly error?: ErrorInfo;
  /** Why the meeting was left, when the server or another session ended it. */
  readonly leftReason?: string;
  /** The browser blocked audio playback until a click (autoplay policy). */
  readonly audioBlocked: boolean;
  /** The live policy the server wrote into the room metadata. */
  readonly policy: LivePolicy;
  /** What I may publish now (my LiveKit permissions). */
  readonly allowed: { readonly mic: boolean; readonly camera: boolean; readonly screen: boolean };
  /** People in the waiting room (moderators only). */
  readonly waitingQueue: readonly WaitingPerson[];
  /** While I wait to be let in: my place in the queue. */
  readonly waitingPosition?: number;
  /** Recent notices for me ("the host muted you" …), newest last. */
  readonly notices: readonly Notice[];
}

export interface Notice {
  readonly id: number;
  readonly type: HintType | 'turned-off-by-host' | 'action-failed';
  readonly by?: string;
  readonly role?: Role;
  /** For `action-failed`: the server's code and message. */
  readonly code?: number;
  readonly msg?: string;
}

export const initialSnapshot: MeetingSnapshot = Object.freeze({
  phase: 'idle',
  preview: Object.freeze({ micOn: true, cameraOn: true }),
  participants: Object.freeze([]),
  audioBlocked: false,
  policy: defaultPolicy,
  allowed: Object.freeze({ mic: true, camera: true, screen: true }),
  waitingQueue: Object.freeze([]),
  notices: Object.freeze([]),
});
