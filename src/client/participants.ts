import { ConnectionQuality, Track, type Participant, type Room } from 'livekit-client';
import { Attr, type ShareRequest } from '../protocol/control.js';
import { parseRole, type Role } from '../protocol/roles.js';
import type { ConnectionQualityLevel, ParticipantView } from './snapshot.js';

const qualityLevels: Record<ConnectionQuality, ConnectionQualityLevel> = {
  [ConnectionQuality.Excellent]: 'excellent',
  [ConnectionQuality.Good]: 'good',
  [ConnectionQuality.Poor]: 'poor',
  [ConnectionQuality.Lost]: 'lost',
  [ConnectionQuality.Unknown]: 'unknown',
};

/** Roles are server-written attributes; anything else reads as attendee. */
export function roleOf(p: Participant): Role {
  return parseRole(p.attributes[Attr.ROLE]);
}

function handOf(p: Participant): number | null {
  const at = Number(p.attributes[Attr.HAND]);
  return Number.isFinite(at) && at > 0 ? at : null;
}

function sourceState(p: Participant, source: Track.Source): { on: boolean; track?: Track } {
  const pub = p.getTrackPublication(source);
  if (!pub || pub.isMuted) return { on: false };
  return { on: true, track: pub.track ?? undefined };
}

export function participantView(p: Participant, isLocal: boolean): ParticipantView {
  const camera = sourceState(p, Track.Source.Camera);
  const screen = sourceState(p, Track.Source.ScreenShare);
  return Object.freeze({
    identity: p.identity,
    name: p.name || p.identity,
    role: roleOf(p),
    isLocal,
    micOn: sourceState(p, Track.Source.Microphone).on,
    cameraOn: camera.on,
    screenOn: screen.on,
    speaking: p.isSpeaking,
    connectionQuality: qualityLevels[p.connectionQuality] ?? 'unknown',
    reconnecting: !isLocal && p.connectionQuality === ConnectionQuality.Lost,
    handAt: handOf(p),
    shareRequest: (p.attributes[Attr.SHARE] ?? '') as ShareRequest,
    cameraTrack: camera.track,
    screenTrack: screen.track,
  });
}

/** Everyone in the room as views: the local participant first, then the others in join order. */
export function participantViews(room: Room): readonly ParticipantView[] {
  const remote = [...room.remoteParticipants.values()].sort((a, b) => (a.joinedAt?.getTime() ?? 0) - (b.joinedAt?.getTime() ?? 0));
  return Object.freeze([participantView(room.localParticipant, true), ...remote.map((p) => participantView(p, false))]);
}
