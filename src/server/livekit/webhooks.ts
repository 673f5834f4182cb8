import { WebhookReceiver } from 'livekit-server-sdk';
import type { PublishedTrack } from '../../protocol/live.js';
import { kindOf, sourceOf } from './sources.js';

/** livekit.DisconnectReason.DUPLICATE_IDENTITY: a second connection with the same identity replaced this one. */
const DUPLICATE_IDENTITY = 2;

/** A LiveKit webhook in the server's own terms. */
export interface LivekitEvent {
  id: string;
  event: string;
  room?: string;
  /** When LiveKit sent it (ms). */
  at: Date;
  participant?: {
    identity: string;
    sid: string;
    /** The connection was replaced by a second one with the same identity. */
    replaced: boolean;
    /** When LiveKit took the connection in (ms, LiveKit's clock), when it says. */
    connectedAt?: number;
  };
  track?: PublishedTrack;
}

/** Verifies LiveKit's webhooks against our API secret (over the raw body) and reads them. */
export class LivekitWebhookVerifier {
  private readonly receiver: WebhookReceiver;

  constructor(apiKey: string, apiSecret: string) {
    this.receiver = new WebhookReceiver(apiKey, apiSecret);
  }

  /** Throws when the signature or the body is wrong. */
  async verify(rawBody: string, authorization: string | undefined): Promise<LivekitEvent> {
    const e = await this.receiver.receive(rawBody, authorization);
    return {
      id: e.id,
      event: e.event,
      room: e.room?.name || undefined,
      at: new Date(Number(e.createdAt) * 1000 || Date.now()),
      participant: e.participant && {
        identity: e.participant.identity,
        sid: e.participant.sid,
        replaced: e.participant.disconnectReason === DUPLICATE_IDENTITY,
        connectedAt: connectedAt(e.participant.joinedAtMs, e.participant.joinedAt),
      },
      track: e.track && { sid: e.track.sid, kind: kindOf(e.track.type), source: sourceOf(e.track.source) },
    };
  }
}

/** In whole seconds only, the latest moment of that second: a late guess never lets a connection in. */
export function connectedAt(ms: bigint, seconds: bigint): number | undefined {
  if (ms > 0n) return Number(ms);
  if (seconds > 0n) return Number(seconds) * 1000 + 999;
  return undefined;
}
