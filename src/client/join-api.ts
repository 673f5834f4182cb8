import type { ErrorCode, ErrorInfo } from '../protocol/errors.js';
import { JOIN_LINK_PARAMS } from '../protocol/join-link.js';
import type { JoinRequest } from '../protocol/join.js';

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
