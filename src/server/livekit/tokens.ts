import { AccessToken, type VideoGrant } from 'livekit-server-sdk';
import type { Source } from '../services/control/rules.js';
import { SOURCE_ENUM } from './admin.js';

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
