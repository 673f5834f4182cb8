import { AccessToken, TokenVerifier, type VideoGrant } from 'livekit-server-sdk';
import type { Source } from '../../protocol/live.js';
import { SOURCE_ENUM } from './sources.js';

export interface TokenRequest {
  room: string;
  identity: string;
  name: string;
  /** What the person may publish now (from the live policy); LiveKit's refreshes carry later changes. */
  sources: readonly Source[];
  attributes: Record<string, string>;
  ttlSeconds: number;
}

/**
 * The grant a person gets: least privilege. Never roomAdmin, hidden, agent or canUpdateOwnMetadata
 * (see DESIGN "LiveKit facts": hidden/agent senders look like the server, and metadata is ours).
 */
export function grantFor(room: string, sources: readonly Source[]): VideoGrant {
  return {
    room,
    roomJoin: true,
    canSubscribe: true,
    canPublish: sources.length > 0,
    canPublishSources: sources.map((s) => SOURCE_ENUM[s]),
    canPublishData: true,
    canUpdateOwnMetadata: false,
    hidden: false,
    roomAdmin: false,
    roomCreate: false,
    roomList: false,
    roomRecord: false,
    ingressAdmin: false,
    agent: false,
  };
}

export async function issueToken(apiKey: string, apiSecret: string, req: TokenRequest): Promise<string> {
  const token = new AccessToken(apiKey, apiSecret, {
    identity: req.identity,
    name: req.name,
    ttl: req.ttlSeconds,
    attributes: Object.fromEntries(Object.entries(req.attributes).filter(([, v]) => v !== '')),
  });
  token.addGrant(grantFor(req.room, req.sources));
  return token.toJwt();
}

/** Whom a token we (or LiveKit, refreshing it) signed names, and for which room. */
export interface TokenClaims {
  identity?: string;
  room?: string;
}

/**
 * Checks tokens against our API secret; the promise rejects when a token does not verify. A token
 * whose signature was checked is not checked again until it expires (the same bytes, the same answer).
 */
export function tokenVerifier(apiKey: string, apiSecret: string, now: () => number = Date.now): (token: string) => Promise<TokenClaims> {
  const verifier = new TokenVerifier(apiKey, apiSecret);
  const verified = new Map<string, TokenClaims & { exp: number }>();
  return async (token) => {
    const known = verified.get(token);
    if (known && known.exp > now()) return known;
    const claims = await verifier.verify(token);
    const checked = { identity: claims.sub, room: claims.video?.room, exp: (claims.exp ?? 0) * 1000 };
    if (verified.size > 10_000) verified.clear();
    verified.set(token, checked);
    return checked;
  };
}
