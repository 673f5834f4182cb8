import { AccessToken, TrackSource, type VideoGrant } from 'livekit-server-sdk';
import { ROLE_ATTRIBUTE, Role } from '../../protocol/roles.js';

export interface TokenRequest {
  room: string;
  identity: string;
  name: string;
  role: Role;
  ttlSeconds: number;
}

const PUBLISH_SOURCES = [TrackSource.CAMERA, TrackSource.MICROPHONE, TrackSource.SCREEN_SHARE, TrackSource.SCREEN_SHARE_AUDIO];

/**
 * The grant a person gets: least privilege. Never roomAdmin, hidden, agent or canUpdateOwnMetadata
 * (see DESIGN "LiveKit facts": hidden/agent senders look like the server, and metadata is ours).
 */
export function grantFor(room: string, role: Role): VideoGrant {
  const publishes = role !== Role.AUDIENCE;
  return {
    room,
    roomJoin: true,
    canSubscribe: true,
    canPublish: publishes,
    canPublishSources: publishes ? PUBLISH_SOURCES : [],
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
    attributes: { [ROLE_ATTRIBUTE]: req.role },
  });
  token.addGrant(grantFor(req.room, req.role));
  return token.toJwt();
}
