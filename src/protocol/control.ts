import type { Role } from './roles.js';

/**
 * The live meeting policy (DESIGN "Where state lives"): decided by the server, mirrored into the
 * LiveKit room metadata as this JSON, read by every page. No zod here: the browser bundle reads it.
 */
export const POLICY_FORMAT = 1;

export const SharePolicy = { EVERYONE: 'everyone', HOSTS: 'hosts', ASK: 'ask' } as const;
export type SharePolicy = (typeof SharePolicy)[keyof typeof SharePolicy];

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
  readonly waitingRoom: boolean;
  readonly audio: MediaPolicy;
  readonly video: MediaPolicy;
  readonly share: SharePolicy;
  /** The identity everyone's main view shows (their screen share when they share), or null. */
  readonly spotlight: string | null;
  /** Most people on stage (role speaker) at once; 0 = no cap (SPEC H9). */
  readonly stageCap: number;
  /**
   * Identities removed from this meeting. Publishing pages stop letting them subscribe, which
   * closes the watchdog's window when a kicked client rejoins with a token LiveKit refreshed.
   */
  readonly bans: readonly string[];
}

export const defaultPolicy: LivePolicy = Object.freeze({
  v: POLICY_FORMAT,
  rev: 0,
  subject: '',
  locked: false,
  waitingRoom: false,
  audio: Object.freeze({ off: false, allowSelfOn: true }),
  video: Object.freeze({ off: false, allowSelfOn: true }),
  share: SharePolicy.EVERYONE,
  spotlight: null,
  stageCap: 0,
  bans: Object.freeze([]),
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
} as const;

export type ShareRequest = '' | 'requested' | 'allowed';

/** Topic of the server's data hints. They only say "re-read and tell the person"; never commands. */
export const CONTROL_TOPIC = 'meeting.control';

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
  | 'renamed';

export interface ControlHint {
  readonly type: HintType;
  /** Display name of who did it, when a person did. */
  readonly by?: string;
  readonly role?: Role;
}

/** `POST /api/meetings/:id/self`: what anyone may do about themselves. */
export type SelfAction = { action: 'rename'; name: string } | { action: 'requestShare'; on: boolean };

/** Someone in the waiting room, as hosts see them. */
export interface WaitingPerson {
  identity: string;
  name: string;
  since: number;
}
