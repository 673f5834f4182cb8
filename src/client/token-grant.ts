import { Attr } from '../protocol/control.js';
import { ErrorCode } from '../protocol/errors.js';
import type { JoinGrant } from '../protocol/join.js';
import { parseRole } from '../protocol/roles.js';
import { MeetingClientError } from './join-api.js';

/** For `token` + `server-url` embeds: what the page can learn from the token itself. */
export function grantFromToken(serverUrl: string, token: string): JoinGrant {
  let claims: { sub?: string; name?: string; attributes?: Record<string, string>; video?: { room?: string } } = {};
  try {
    claims = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    throw new MeetingClientError(ErrorCode.INVALID_PARAMETER, 'The token is not a LiveKit token');
  }
  const role = parseRole(claims.attributes?.[Attr.ROLE]);
  return {
    serverUrl,
    token,
    identity: claims.sub ?? '',
    name: claims.name ?? '',
    role,
    roleDowngraded: false,
    meeting: { meetingUniqueId: 0, meetingId: '', subject: claims.video?.room ?? '', status: 2, startTime: 0 },
  };
}
