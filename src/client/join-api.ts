import type { ErrorCode, ErrorInfo } from '../protocol/errors.js';
import { JOIN_LINK_PARAMS, JOIN_LINK_SECRETS } from '../protocol/join-link.js';
import type { JoinRequest } from '../protocol/join.js';

/** A refusal or failure with its stable code; what `meeting-error` events carry. */
export class MeetingClientError extends Error implements ErrorInfo {
  constructor(
    readonly code: ErrorCode,
    readonly msg: string,
    readonly startTime?: number,
    /** Facts the server's refusal carried (its `ret`), e.g. `{maxMb}` with a file over the limit. */
    readonly details?: Readonly<Record<string, unknown>>,
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

/**
 * The join link in the page's own address, read once; its secrets (a host link's signature, a
 * join code, an old link's session) are then taken out of the address bar, so they stay out of
 * the history, bookmarks, screenshots and whatever the page later sends as its address.
 */
export function takeJoinParamsFromPage(): JoinRequest {
  const params = joinParamsFromQuery(location.search);
  const url = new URL(location.href);
  const secrets = JOIN_LINK_SECRETS.filter((key) => url.searchParams.has(key));
  if (secrets.length) {
    for (const key of secrets) url.searchParams.delete(key);
    history.replaceState(history.state, '', url);
  }
  return params;
}
