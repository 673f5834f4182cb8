import { createLocalAudioTrack, createLocalVideoTrack, type LocalAudioTrack, type LocalVideoTrack } from 'livekit-client';
import type { DeviceProblem } from './snapshot.js';

/** Tells device failures apart (SPEC J3): no permission, no device, device busy, other. */
export function deviceProblem(err: unknown): DeviceProblem {
  const name = err instanceof Error ? err.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') return 'permission';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError') return 'no-device';
  if (name === 'NotReadableError' || name === 'TrackStartError' || name === 'AbortError') return 'busy';
  return 'other';
}

export type Opened<T> = { track: T; problem?: undefined } | { track?: undefined; problem: DeviceProblem };

export async function openCamera(): Promise<Opened<LocalVideoTrack>> {
  try {
    return { track: await createLocalVideoTrack({ resolution: { width: 1280, height: 720, frameRate: 30 } }) };
  } catch (err) {
    return { problem: deviceProblem(err) };
  }
}

export async function openMicrophone(): Promise<Opened<LocalAudioTrack>> {
  try {
    return { track: await createLocalAudioTrack({ echoCancellation: true, noiseSuppression: true }) };
  } catch (err) {
    return { problem: deviceProblem(err) };
  }
}
