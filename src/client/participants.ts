import type { ConnectionQuality as Quality, Participant, Room, Track } from 'livekit-client';
import { ConnectionQuality, DisconnectReason, RoomEvent, TrackSource } from './livekit-values.js';
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

/**
 * How long someone whose connection was lost is shown as "reconnecting" before they count as
 * gone (SPEC J7). LiveKit drops a silent participant sooner (~15 s): the rest is ours to bridge.
 */
export const RECONNECT_GRACE_MS = 20_000;

/** What is left of someone gone while reconnecting: their name and role, no media. */
function lingering(view: ParticipantView): ParticipantView {
  return Object.freeze({
    ...view,
    reconnecting: true,
    away: true as const,
    speaking: false,
    handAt: null,
    connectionQuality: 'lost' as const,
    micOn: false,
    cameraOn: false,
    screenOn: false,
    cameraTrack: undefined,
    screenTrack: undefined,
    audioTrack: undefined,
    screenAudioTrack: undefined,
  });
}

const FINAL = new Set<number>([DisconnectReason.CLIENT_INITIATED, DisconnectReason.DUPLICATE_IDENTITY, DisconnectReason.PARTICIPANT_REMOVED, DisconnectReason.ROOM_DELETED]);

/** The live views with the placeholders back where they were (tiles do not jump, nor change page). */
function keepPlaces(live: readonly ParticipantView[], previous: readonly ParticipantView[], gone: ReadonlyMap<string, { view: ParticipantView }>): ParticipantView[] {
  const out = [...live];
  for (const [identity, { view }] of gone) {
    const at = previous.findIndex((v) => v.identity === identity);
    out.splice(at < 0 ? out.length : Math.min(at, out.length), 0, view);
  }
  return out;
}

/**
 * The people in the room: the `participants` and `activeSpeaker` slices. Someone whose connection
 * was lost stays, as reconnecting, until they are back or 20 s have passed since it was lost.
 */
export class Participants implements MeetingPart {
  /** When each remote person's connection was seen lost (cleared when it is not). */
  private readonly lostSince = new Map<string, number>();
  /** People LiveKit let go while they were reconnecting, shown until their grace ends. */
  private readonly gone = new Map<string, { view: ParticipantView; timer: ReturnType<typeof setTimeout> }>();

  constructor(
    private readonly host: PartHost<'participants' | 'activeSpeaker'>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Someone who left by choice, was removed, or was replaced is no one to wait for. */
  attach(room: Room): () => void {
    const onLeft = (p: Participant, reason?: number) => {
      if (reason === undefined || !FINAL.has(reason)) return;
      this.lostSince.delete(p.identity);
      const g = this.gone.get(p.identity);
      if (!g) return;
      clearTimeout(g.timer);
      this.gone.delete(p.identity);
      this.host.refresh();
    };
    room.on(RoomEvent.ParticipantDisconnected, onLeft);
    return () => void room.off(RoomEvent.ParticipantDisconnected, onLeft);
  }

  connected(room: Room): void {
    this.refresh(room);
  }

  refresh(room: Room): void {
    const previous = this.host.snapshot.participants;
    const live = participantViews(room, previous.filter((v) => !this.gone.has(v.identity)));
    this.track(previous, live);
    const shown = this.gone.size === 0 ? live : Object.freeze(keepPlaces(live, previous, this.gone));
    const same = shown.length === previous.length && shown.every((v, i) => v === previous[i]);
    this.host.set({ participants: same ? previous : shown, activeSpeaker: activeSpeaker(room, this.host.snapshot.activeSpeaker) });
  }

  reset(): void {
    for (const g of this.gone.values()) clearTimeout(g.timer);
    this.gone.clear();
    this.lostSince.clear();
    this.host.set({ participants: Object.freeze([]), activeSpeaker: null });
  }

  private track(previous: readonly ParticipantView[], live: readonly ParticipantView[]): void {
    const now = this.now();
    for (const v of live) {
      if (v.isLocal) continue;
      if (v.reconnecting) {
        if (!this.lostSince.has(v.identity)) this.lostSince.set(v.identity, now);
      } else this.lostSince.delete(v.identity);
      // Back (a new connection under the same identity): no longer a placeholder.
      const back = this.gone.get(v.identity);
      if (back) {
        clearTimeout(back.timer);
        this.gone.delete(v.identity);
      }
    }
    const here = new Set(live.map((v) => v.identity));
    for (const v of previous) {
      if (v.isLocal || here.has(v.identity) || this.gone.has(v.identity)) continue;
      const lost = this.lostSince.get(v.identity);
      this.lostSince.delete(v.identity);
      // Gone without having been reconnecting is a leave; else they wait out the grace.
      const left = lost === undefined ? 0 : lost + RECONNECT_GRACE_MS - now;
      if (left <= 0) continue;
      const timer = setTimeout(() => {
        this.gone.delete(v.identity);
        this.host.refresh();
      }, left);
      this.gone.set(v.identity, { view: lingering(v), timer });
    }
  }
}
