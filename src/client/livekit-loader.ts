import { ErrorCode } from '../protocol/errors.js';
import { MeetingClientError } from './join-api.js';

export type Livekit = typeof import('livekit-client');

let loading: Promise<Livekit> | undefined;

/**
 * livekit-client, loaded when it is first needed (the Join click, or the person's move towards it):
 * the pre-join screen and its preview need none of it, and it is most of the join bundle's weight.
 * A failed load (the network) is tried again at the next call.
 */
export function loadLivekit(): Promise<Livekit> {
  loading ??= import('livekit-client').catch((err: unknown) => {
    loading = undefined;
    throw new MeetingClientError(ErrorCode.CONNECTION_FAILED, `Could not load the meeting's code: ${err instanceof Error ? err.message : String(err)}`);
  });
  return loading;
}
