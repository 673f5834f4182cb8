/**
 * The server's own words for what LiveKit reports about people and media in a live meeting. The
 * LiveKit adapter translates the SDK's enums into these; nothing else sees the SDK's.
 */

/** What a person publishes from (LiveKit's track sources, by name). */
export type Source = 'microphone' | 'camera' | 'screen_share' | 'screen_share_audio';

/** What a track carries. */
export type TrackKind = 'audio' | 'video' | 'other';

/** A track LiveKit told us was published or unpublished; `unknown` when no source was declared. */
export interface PublishedTrack {
  sid: string;
  kind: TrackKind;
  source: Source | 'unknown';
}

/** Where a person stands with the meeting (SPEC J5): in, queued in the waiting room, or turned away. */
export type AdmissionStatus = 'admitted' | 'waiting' | 'rejected';
