import type { ConnectionQuality as Quality, Participant, Room, Track } from 'livekit-client';
import { ConnectionQuality, TrackSource } from './livekit-values.js';
import { Attr, type ShareRequest } from '../protocol/control.js';
import { parseRole, type Role } from '../protocol/roles.js';
import type { MeetingPart, PartHost } from './part.js';
import type { ConnectionQualityLevel, ParticipantView } from './snapshot.js';

const qualityLevels: Record<Quality, ConnectionQualityLevel> = {
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

/** A remote person's subscribed audio, muted or not: `<meeting-audio>` keeps it attached. */
function remoteAudio(p: Participant, isLocal: boolean, source: Track.Source): Track | undefined {
  return isLocal ? undefined : (p.getTrackPublication(source)?.track ?? undefined);
}

export function participantView(p: Participant, isLocal: boolean): ParticipantView {
  const camera = sourceState(p, TrackSource.Camera);
  const screen = sourceState(p, TrackSource.ScreenShare);
  return Object.freeze({
    identity: p.identity,
    name: p.name || p.identity,
    role: roleOf(p),
    isLocal,
    micOn: sourceState(p, TrackSource.Microphone).on,
    cameraOn: camera.on,
    screenOn: screen.on,
    speaking: p.isSpeaking,
    connectionQuality: qualityLevels[p.connectionQuality] ?? 'unknown',
    reconnecting: !isLocal && p.connectionQuality === ConnectionQuality.Lost,
    handAt: handOf(p),
    shareRequest: (p.attributes[Attr.SHARE] ?? '') as ShareRequest,
    recording: p.attributes[Attr.RECORDING] === '1',
    cameraTrack: camera.track,
    screenTrack: screen.track,
    audioTrack: remoteAudio(p, isLocal, TrackSource.Microphone),
    screenAudioTrack: remoteAudio(p, isLocal, TrackSource.ScreenShareAudio),
  });
}

/**
 * Everyone in the room as views: the local participant first, then the others in join order.
 * An unchanged person keeps their `previous` object, and the list itself is kept when nobody
 * changed, so a tile re-renders only when its own person did.
 */
export function participantViews(room: Room, previous: readonly ParticipantView[] = []): readonly ParticipantView[] {
  const remote = [...room.remoteParticipants.values()].sort((a, b) => (a.joinedAt?.getTime() ?? 0) - (b.joinedAt?.getTime() ?? 0));
  const before = new Map(previous.map((v) => [v.identity, v]));
  const views = [participantView(room.localParticipant, true), ...remote.map((p) => participantView(p, false))].map((v) => {
    const old = before.get(v.identity);
    return old && sameView(old, v) ? old : v;
  });
  return views.length === previous.length && views.every((v, i) => v === previous[i]) ? previous : Object.freeze(views);
}

function sameView(a: ParticipantView, b: ParticipantView): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as Array<keyof ParticipantView>);
  return [...keys].every((k) => a[k] === b[k]);
}

/** The remote person speaking loudest now, else who spoke last while they are still here. */
export function activeSpeaker(room: Room, last: string | null): string | null {
  const now = room.activeSpeakers.find((p) => p.identity !== room.localParticipant.identity);
  if (now) return now.identity;
  return last !== null && room.remoteParticipants.has(last) ? last : null;
}

/** The people in the room: the `participants` and `activeSpeaker` slices. */
export class Participants implements MeetingPart {
  constructor(private readonly host: PartHost<'participants' | 'activeSpeaker'>) {}

  connected(room: Room): void {
    this.refresh(room);
  }

  refresh(room: Room): void {
    this.host.set({ participants: participantViews(room, this.host.snapshot.participants), activeSpeaker: activeSpeaker(room, this.host.snapshot.activeSpeaker) });
  }

  reset(): void {
    this.host.set({ participants: Object.freeze([]), activeSpeaker: null });
  }
}
