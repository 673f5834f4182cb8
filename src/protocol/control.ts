import type { Role } from './roles.js';

/**
 * The live meeting policy (DESIGN "Where state lives"): decided by the server, mirrored into the
 * LiveKit room metadata as this JSON, read by every page. No zod here: the browser bundle reads it.
 */
export const POLICY_FORMAT = 1;

export const SharePolicy = { EVERYONE: 'everyone', HOSTS: 'hosts', ASK: 'ask' } as const;
export type SharePolicy = (typeof SharePolicy)[keyof typeof SharePolicy];

/** Who attendees may write to in the chat (hosts and co-hosts always write to anyone). */
export const ChatPolicy = { EVERYONE: 'everyone', HOSTS: 'hosts', OFF: 'off' } as const;
export type ChatPolicy = (typeof ChatPolicy)[keyof typeof ChatPolicy];

/** Mute-all (audio) or cameras-off (video): `off` applies to everyone now and to later joiners. */
export interface MediaPolicy {
  readonly off: boolean;
  readonly allowSelfOn: boolean;
}

export interface LivePolicy {
  readonly v: typeof POLICY_FORMAT;
  /** Grows by one with every change, so a page can ignore an older copy. */
  readonly rev: number;
  readonly subject: string;
  readonly locked: boolean;
  /**
   * When the lock (or the waiting room) last went on, in ms: a connection LiveKit took in before
   * that was made under the open policy, however late its webhook arrives. Null when off.
   */
  readonly lockedAt: number | null;
  readonly waitingRoom: boolean;
  readonly waitingRoomAt: number | null;
  readonly audio: MediaPolicy;
  readonly video: MediaPolicy;
  readonly share: SharePolicy;
  /** The chat for attendees: open, only to hosts, or off (SPEC R5). */
  readonly chat: ChatPolicy;
  /** The identity everyone's main view shows (their screen share when they share), or null. */
  readonly spotlight: string | null;
  /** Most people on stage (role speaker) at once; 0 = no cap (SPEC H9). */
  readonly stageCap: number;
  /**
   * Identities removed from this meeting. Publishing pages stop letting them subscribe, which
   * closes the watchdog's window when a kicked client rejoins with a token LiveKit refreshed.
   */
  readonly bans: readonly string[];
  /**
   * A recording of this meeting is running (server or local recording): the header shows it to
   * everyone. The server derives it: true while anyone in the room records locally.
   */
  readonly recording: boolean;
  /** People may record the meeting in their own browser (SPEC R9); hosts may forbid it. */
  readonly localRecording: boolean;
  /** When the meeting is due to end (ms), or null when it has no end; a host may extend it (SPEC H11). */
  readonly endsAt: number | null;
}

export const defaultPolicy: LivePolicy = Object.freeze({
  v: POLICY_FORMAT,
  rev: 0,
  subject: '',
  locked: false,
  lockedAt: null,
  waitingRoom: false,
  waitingRoomAt: null,
  audio: Object.freeze({ off: false, allowSelfOn: true }),
  video: Object.freeze({ off: false, allowSelfOn: true }),
  share: SharePolicy.EVERYONE,
  chat: ChatPolicy.EVERYONE,
  spotlight: null,
  stageCap: 0,
  bans: Object.freeze([]),
  recording: false,
  localRecording: true,
  endsAt: null,
});

/** Reads room metadata; anything that is not our policy reads as the default. */
export function parsePolicy(metadata: string | undefined): LivePolicy {
  if (!metadata) return defaultPolicy;
  try {
    const raw = JSON.parse(metadata) as Partial<LivePolicy>;
    if (raw?.v !== POLICY_FORMAT) return defaultPolicy;
    return { ...defaultPolicy, ...raw };
  } catch {
    return defaultPolicy;
  }
}

/** Participant attributes the server writes (tokens never allow a person to write their own). */
export const Attr = {
  ROLE: 'meeting.role',
  /** When the hand went up (ms since epoch, as text); absent when down. */
  HAND: 'meeting.hand',
  /** `requested` or `allowed` under the "ask first" share policy; absent otherwise. */
  SHARE: 'meeting.share',
  /** A portal user's picture (SPEC M9), as the portal's sign gave it; set at join, absent otherwise. */
  AVATAR: 'meeting.avatar',
  /** `1` while the person records the meeting in their browser (SPEC R9); absent otherwise. */
  RECORDING: 'meeting.recording',
} as const;

export type ShareRequest = '' | 'requested' | 'allowed';

/** Topic of the server's data hints. They only say "re-read and tell the person"; never commands. */
export const CONTROL_TOPIC = 'meeting.control';
/** Chat messages, relayed (and stored) by the server: pages take them only when the server sent them. */
export const CHAT_TOPIC = 'meeting.chat';

export type HintType =
  | 'muted'
  | 'ask-unmute'
  | 'camera-off'
  | 'ask-camera-on'
  | 'mute-all'
  | 'cameras-off'
  | 'removed'
  | 'role'
  | 'hand-lowered'
  | 'share-stopped'
  | 'share-approved'
  | 'share-denied'
  | 'share-request'
  | 'hand'
  | 'waiting'
  | 'host-left'
  | 'renamed'
  /** The host forbade local recording: the recorder stops. */
  | 'recording-stopped';

export interface ControlHint {
  readonly type: HintType;
  /** Display name of who did it, when a person did. */
  readonly by?: string;
  readonly role?: Role;
}

/** `POST /api/meetings/:id/self`: what anyone may do about themselves. */
/** `joinAudio`: someone who joined listen-only asks to publish (SPEC J4); the server decides. */
/** `recording`: I start or stop recording the meeting in my browser (SPEC R9); everyone is shown it. */
export type SelfAction = { action: 'rename'; name: string } | { action: 'requestShare'; on: boolean } | { action: 'joinAudio' } | { action: 'recording'; on: boolean };

/** Someone in the waiting room, as hosts see them. */
export interface WaitingPerson {
  identity: string;
  name: string;
  since: number;
}
