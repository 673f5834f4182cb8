import type {
  ConnectionQuality as LkConnectionQuality,
  ConnectionState as LkConnectionState,
  DataStreamErrorReason as LkDataStreamErrorReason,
  EngineEvent as LkEngineEvent,
  RoomEvent as LkRoomEvent,
  Track,
  VideoQuality as LkVideoQuality,
  DisconnectReason as LkDisconnectReason,
} from 'livekit-client';

/*
 * The few livekit-client enum values the parts compare with, as plain constants typed as the
 * enums: a part that only names them needs no livekit-client code, so the join bundle can load
 * livekit-client itself when the person joins (`loadLivekit`). A unit test checks each against
 * livekit-client.
 */

export const TrackSource = {
  Camera: 'camera',
  Microphone: 'microphone',
  ScreenShare: 'screen_share',
  ScreenShareAudio: 'screen_share_audio',
} as unknown as Pick<typeof Track.Source, 'Camera' | 'Microphone' | 'ScreenShare' | 'ScreenShareAudio'>;

export const TrackKind = { Audio: 'audio', Video: 'video' } as unknown as Pick<typeof Track.Kind, 'Audio' | 'Video'>;

export const ConnectionState = { Connected: 'connected' } as unknown as Pick<typeof LkConnectionState, 'Connected'>;

export const ConnectionQuality = {
  Excellent: 'excellent',
  Good: 'good',
  Poor: 'poor',
  Lost: 'lost',
  Unknown: 'unknown',
} as unknown as typeof LkConnectionQuality;

export const EngineEvent = { TokenRefreshed: 'tokenRefreshed' } as unknown as Pick<typeof LkEngineEvent, 'TokenRefreshed'>;

export const RoomEvent = {
  ParticipantConnected: 'participantConnected',
  ParticipantDisconnected: 'participantDisconnected',
  TrackPublished: 'trackPublished',
  TrackUnpublished: 'trackUnpublished',
  TrackSubscribed: 'trackSubscribed',
  TrackUnsubscribed: 'trackUnsubscribed',
  TrackMuted: 'trackMuted',
  TrackUnmuted: 'trackUnmuted',
  LocalTrackPublished: 'localTrackPublished',
  LocalTrackUnpublished: 'localTrackUnpublished',
  ActiveSpeakersChanged: 'activeSpeakersChanged',
  ConnectionQualityChanged: 'connectionQualityChanged',
  ParticipantAttributesChanged: 'participantAttributesChanged',
  ParticipantNameChanged: 'participantNameChanged',
  ParticipantPermissionsChanged: 'participantPermissionsChanged',
  ConnectionStateChanged: 'connectionStateChanged',
} as unknown as Pick<
  typeof LkRoomEvent,
  | 'ParticipantConnected'
  | 'ParticipantDisconnected'
  | 'TrackPublished'
  | 'TrackUnpublished'
  | 'TrackSubscribed'
  | 'TrackUnsubscribed'
  | 'TrackMuted'
  | 'TrackUnmuted'
  | 'LocalTrackPublished'
  | 'LocalTrackUnpublished'
  | 'ActiveSpeakersChanged'
  | 'ConnectionQualityChanged'
  | 'ParticipantAttributesChanged'
  | 'ParticipantNameChanged'
  | 'ParticipantPermissionsChanged'
  | 'ConnectionStateChanged'
>;

export const VideoQuality = { LOW: 0, MEDIUM: 1, HIGH: 2 } as unknown as Pick<typeof LkVideoQuality, 'LOW' | 'MEDIUM' | 'HIGH'>;

/** Why someone left, as others are told: these say they will not be back (no reconnect to wait for). */
export const DisconnectReason = { CLIENT_INITIATED: 1, DUPLICATE_IDENTITY: 2, PARTICIPANT_REMOVED: 4, ROOM_DELETED: 5 } as unknown as Pick<
  typeof LkDisconnectReason,
  'CLIENT_INITIATED' | 'DUPLICATE_IDENTITY' | 'PARTICIPANT_REMOVED' | 'ROOM_DELETED'
>;

export const DataStreamErrorReason = { Incomplete: 4 } as unknown as Pick<typeof LkDataStreamErrorReason, 'Incomplete'>;
