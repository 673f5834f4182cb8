import type { Envelope } from './envelope.js';

/**
 * The meeting socket (DESIGN "Control path"): a WebSocket at `/api/meetings/:id/socket` that carries
 * the same calls as the HTTP routes under `/api/meetings/:id/` (control, hand, self, chat, reaction,
 * waiting), without a request per call. Each frame names its call and carries the caller's newest
 * meeting token (never the URL: it is a secret); the server answers each with the REST envelope.
 */
export const MEETING_SOCKET_PATH = 'socket';

/** One call, as a text frame. `path` is what follows `/api/meetings/:id/`; `body` is a POST's. */
export interface SocketCall {
  id: number;
  method: 'GET' | 'POST';
  path: string;
  token: string;
  body?: unknown;
}

/** Its answer: the REST envelope and the call's `id` (`null` when the frame could not be read). */
export type SocketAnswer<T = unknown> = Envelope<T> & { id: number | null };

/**
 * What the server says unasked, on the socket of the person it concerns: `mute` when a host muted
 * them (or turned their camera off), so that the page turns it off itself at once. LiveKit is told
 * as well, and enforces it: the push only saves the page waiting for LiveKit's word.
 */
export interface SocketPush {
  push: 'mute';
  source: 'microphone' | 'camera';
}

/** Close codes the server uses besides the standard ones. */
export const SocketClose = {
  /** The frame was not a text frame of JSON (RFC 6455's 1003 "unsupported data"). */
  UNSUPPORTED: 1003,
  /** Too large for any call (1009 "message too big"). */
  TOO_BIG: 1009,
} as const;
