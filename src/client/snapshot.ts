import type { Track } from 'livekit-client';
import { defaultPolicy, type HintType, type LivePolicy, type ShareRequest, type WaitingPerson } from '../protocol/control.js';
import type { ErrorInfo } from '../protocol/errors.js';
import type { PublicMeetingInfo } from '../protocol/meeting.js';
import type { Role } from '../protocol/roles.js';
import { initialChat, type ChatState } from './chat.js';
import { initialRecording, type RecordingState } from './local-recording.js';
import { initialFiles, type FilesState } from './chat-files.js';
import type { Reaction } from '../protocol/reactions.js';
import { DEFAULT_MAX_VIDEOS, type Box, type LayoutMode } from './layout.js';
import type { PreviewTrack } from './preview-track.js';
import type { TrackStats } from './track-stats.js';

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
  /** Others see a dropped person as reconnecting until they are back, or 20 s have passed (SPEC J7). */
  readonly reconnecting: boolean;
  /** LiveKit has let them go while they were reconnecting: shown for the rest of the 20 s, nothing to act on but a removal. */
  readonly away?: true;
  /** When the hand went up (ms), or null. */
  readonly handAt: number | null;
  readonly shareRequest: ShareRequest;
  /** They record the meeting in their browser now (the server's mark, SPEC R9). */
  readonly recording: boolean;
  /** The camera track to show, when one is published and subscribed. Tiles attach it. */
  readonly cameraTrack?: Track;
  readonly screenTrack?: Track;
  /** A remote person's subscribed microphone and screen-share audio; `<meeting-audio>` plays them. */
  readonly audioTrack?: Track;
  readonly screenAudioTrack?: Track;
}

export interface PreviewState {
  /** Opened before livekit-client is loaded; published at join as livekit-client's own tracks. */
  readonly videoTrack?: PreviewTrack;
  readonly audioTrack?: PreviewTrack;
  readonly micOn: boolean;
  readonly cameraOn: boolean;
  /** The camera or microphone is still being opened. */
  readonly opening?: boolean;
  readonly videoProblem?: DeviceProblem;
  readonly audioProblem?: DeviceProblem;
}

export type DeviceKind = 'camera' | 'mic' | 'speaker';

export interface DeviceOption {
  readonly deviceId: string;
  readonly label: string;
}

/** The devices this browser offers, the ones chosen, and audio-only mode (SPEC J3, R2). */
export interface DevicesState {
  readonly cameras: readonly DeviceOption[];
  readonly mics: readonly DeviceOption[];
  readonly speakers: readonly DeviceOption[];
  /** The chosen device of each kind (remembered by this browser); '' is the system's default. */
  readonly chosen: Readonly<Record<DeviceKind, string>>;
  /** Which way the camera faces, for the flip between a phone's front and back cameras. */
  readonly facing: 'user' | 'environment';
  /** No video sent or received (for a poor connection). */
  readonly audioOnly: boolean;
}

export const initialDevices: DevicesState = Object.freeze({
  cameras: Object.freeze([]),
  mics: Object.freeze([]),
  speakers: Object.freeze([]),
  chosen: Object.freeze({ camera: '', mic: '', speaker: '' }),
  facing: 'user',
  audioOnly: false,
});

/** What I chose to see, and the space the videos have (reported by the grid). */
/**
 * The quality I choose to receive one tile's video in (SPEC R1): `auto` follows the tile's size
 * (adaptive stream); `low` and `medium` cap it at that simulcast layer; `high` asks for the top layer
 * (still no larger than the tile can show).
 */
export type VideoQualityChoice = 'auto' | 'low' | 'medium' | 'high';
export const QUALITY_CHOICES: Readonly<Record<VideoQualityChoice, true>> = Object.freeze({ auto: true, low: true, medium: true, high: true });

export interface ViewState {
  readonly mode: LayoutMode;
  /** A tile key (an identity, or `identity:screen`), or null. */
  readonly pinned: string | null;
  readonly page: number;
  readonly maxVideos: number;
  /** Null until a grid reports its size: until then every video is received. */
  readonly viewport: Box | null;
  /** My choice per tile key, for those not on `auto`. */
  readonly quality: Readonly<Record<string, VideoQualityChoice>>;
}

export const initialView: ViewState = Object.freeze({ mode: 'gallery', pinned: null, page: 0, maxVideos: DEFAULT_MAX_VIDEOS, viewport: null, quality: Object.freeze({}) });

/** The size a layout assumes before a grid has measured itself. */
export const unmeasured: Box = Object.freeze({ width: 1280, height: 720 });

export interface MeetingSnapshot {
  readonly phase: MeetingPhase;
  /**
   * While `connecting`: the connection is under way and the meeting is built behind the pre-join
   * screen (the people and their tracks fill it in once the SFU answers), so that others' video is
   * attached the moment it arrives.
   */
  readonly mediaConnecting: boolean;
  readonly meeting?: PublicMeetingInfo;
  readonly me?: {
    readonly identity: string;
    readonly name: string;
    readonly role: Role;
    readonly roleDowngraded: boolean;
    /** Joined listen-only (SPEC J4): devices stay off until the server lets me join with audio. */
    readonly listenOnly?: boolean;
  };
  readonly preview: PreviewState;
  /** Local participant first, then the others in join order. */
  readonly participants: readonly ParticipantView[];
  /** The remote person who spoke last (speaker view shows them large), or null. */
  readonly activeSpeaker: string | null;
  /** My layout choices; what follows from them and the people is `layoutOf(snapshot)`. */
  readonly view: ViewState;
  readonly devices: DevicesState;
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
  readonly chat: ChatState;
  /** Files of the chat on their way or arrived, by id (a file message's `file.stream`). */
  readonly files: FilesState;
  /** Reactions on screen now: at most one per person, each for a few seconds (SPEC R6). */
  readonly reactions: readonly Reaction[];
  /** What I send and receive, per track, each second while the stats panel is open; null otherwise. */
  readonly stats: readonly TrackStats[] | null;
  /** My own local recording (SPEC R9). */
  readonly recording: RecordingState;
}

export interface Notice {
  readonly id: number;
  readonly type: HintType | 'turned-off-by-host' | 'action-failed' | 'connection-poor';
  readonly by?: string;
  readonly role?: Role;
  /** For `action-failed`: the server's code and message. */
  readonly code?: number;
  readonly msg?: string;
}

export const initialSnapshot: MeetingSnapshot = Object.freeze({
  phase: 'idle',
  mediaConnecting: false,
  preview: Object.freeze({ micOn: true, cameraOn: true }),
  participants: Object.freeze([]),
  activeSpeaker: null,
  view: initialView,
  devices: initialDevices,
  audioBlocked: false,
  policy: defaultPolicy,
  allowed: Object.freeze({ mic: true, camera: true, screen: true }),
  waitingQueue: Object.freeze([]),
  notices: Object.freeze([]),
  chat: initialChat,
  files: initialFiles,
  reactions: Object.freeze([]),
  stats: null,
  recording: initialRecording,
});
