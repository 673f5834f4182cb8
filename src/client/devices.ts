import { PreviewTrack } from './preview-track.js';
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

/** Which device to open: the remembered one is only preferred, so a device since unplugged still opens another. */
export interface DeviceWish {
  deviceId?: string;
  facingMode?: 'user' | 'environment';
}

// livekit-client's defaults for a camera and a microphone (720p, the voice processing on).
const preferred = (deviceId?: string) => ({ deviceId: { ideal: deviceId ?? 'default' } });

async function open(kind: 'audio' | 'video', constraints: MediaTrackConstraints): Promise<Opened<PreviewTrack>> {
  try {
    return { track: await PreviewTrack.open(kind, constraints) };
  } catch (err) {
    return { problem: deviceProblem(err) };
  }
}

export function openCamera(wish: DeviceWish = {}): Promise<Opened<PreviewTrack>> {
  return open('video', { width: 1280, height: 720, frameRate: 30, ...(wish.facingMode ? { facingMode: wish.facingMode } : {}), ...preferred(wish.deviceId) });
}

export function openMicrophone(wish: DeviceWish = {}): Promise<Opened<PreviewTrack>> {
  return open('audio', { autoGainControl: true, echoCancellation: true, noiseSuppression: true, ...preferred(wish.deviceId) });
}
