import { ErrorCode, defaultMessages, type ErrorInfo } from '../protocol/errors.js';
import type { Envelope } from '../protocol/envelope.js';
import { JOIN_LINK_PARAMS } from '../protocol/join-link.js';
import type { JoinGrant, JoinRequest } from '../protocol/join.js';

/** A refusal or failure with its stable code; what `meeting-error` events carry. */
export class MeetingClientError extends Error implements ErrorInfo {
  constructor(
    readonly code: ErrorCode,
    readonly msg: string,
    readonly startTime?: number,
  ) {
    super(msg);
    this.name = 'MeetingClientError';
  }
}

/** Asks the meeting server to turn join-link parameters into a grant (`POST /api/join`). */
export async function requestJoin(server: string, params: JoinRequest, signal?: AbortSignal): Promise<JoinGrant> {
  let res: Response;
  try {
    res = await fetch(new URL('/api/join', server), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json;charset=utf-8' },
      body: JSON.stringify(params),
      signal,
    });
  } catch (err) {
    throw new MeetingClientError(ErrorCode.CONNECTION_FAILED, `Could not reach the meeting server: ${String(err)}`);
  }
  let body: Envelope<JoinGrant> | undefined;
  try {
    body = (await res.json()) as Envelope<JoinGrant>;
  } catch {
    throw new MeetingClientError(ErrorCode.CONNECTION_FAILED, `The meeting server answered HTTP ${res.status} without JSON`);
  }
  if (body.code !== ErrorCode.OK || !body.ret) {
    const startTime = (body.ret as { startTime?: unknown } | undefined)?.startTime;
    throw new MeetingClientError(body.code ?? ErrorCode.INTERNAL, body.msg ?? defaultMessages[ErrorCode.INTERNAL]!, typeof startTime === 'number' ? startTime : undefined);
  }
  return body.ret;
}

/** Reads join-link parameters from a query string (`?code=…&name=…`). Unknown keys are dropped. */
export function joinParamsFromQuery(query: string): JoinRequest {
  const search = new URLSearchParams(query);
  const out: Record<string, string> = {};
  for (const key of JOIN_LINK_PARAMS) {
    const value = search.get(key);
    if (value !== null && value !== '') out[key] = value;
  }
  return out as JoinRequest;
}
