import { TrackSource, TrackType } from 'livekit-server-sdk';
import type { Source, TrackKind } from '../../protocol/live.js';

/** The domain's sources to LiveKit's enum, and back: the only place the SDK's track enums are read. */
export const SOURCE_ENUM: Record<Source, TrackSource> = {
  microphone: TrackSource.MICROPHONE,
  camera: TrackSource.CAMERA,
  screen_share: TrackSource.SCREEN_SHARE,
  screen_share_audio: TrackSource.SCREEN_SHARE_AUDIO,
};

export function sourceOf(source: TrackSource): Source | 'unknown' {
  return (Object.keys(SOURCE_ENUM) as Source[]).find((s) => SOURCE_ENUM[s] === source) ?? 'unknown';
}

export function kindOf(type: TrackType): TrackKind {
  return type === TrackType.AUDIO ? 'audio' : type === TrackType.VIDEO ? 'video' : 'other';
}
