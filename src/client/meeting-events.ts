import type { AppDataMessage, AppDataProgress } from '../protocol/app-data.js';
import type { ChatMessage } from '../protocol/chat.js';
import type { Reaction } from '../protocol/reactions.js';
import type { WaitingPerson } from '../protocol/control.js';
import { ErrorCode, type ErrorInfo } from '../protocol/errors.js';
import type { Role } from '../protocol/roles.js';
import type { RecorderPhase } from './local-recording.js';
import type { MeetingPhase, MeetingSnapshot, ParticipantView } from './snapshot.js';

/** Who an event is about: a person in the meeting (me too, with `isLocal`). */
export interface PersonDetail {
  readonly identity: string;
  readonly name: string;
  readonly isLocal: boolean;
}

export interface ParticipantDetail extends PersonDetail {
  readonly role: Role;
  readonly micOn: boolean;
  readonly cameraOn: boolean;
  readonly screenOn: boolean;
}

/** A microphone, camera or screen share went on or off. */
export interface DeviceChangeDetail extends PersonDetail {
  readonly on: boolean;
}

export interface HandDetail extends PersonDetail {
  readonly raised: boolean;
}

export interface RoleChangeDetail extends PersonDetail {
  readonly role: Role;
  readonly previous: Role;
}

/** My own recorder: `idle`, `starting`, `recording`, `paused`; after a stop, `size` of the recording ready to save. */
export interface RecorderDetail {
  readonly state: RecorderPhase;
  readonly previous: RecorderPhase;
  readonly size?: number;
}

export interface ConnectionDetail {
  readonly state: MeetingPhase;
  readonly previous: MeetingPhase;
}

export interface MeetingJoinedDetail {
  readonly identity: string;
  readonly role: Role;
  readonly meetingId?: string;
}

export interface MeetingLeftDetail {
  readonly reason: string;
  /** When the meeting put me out for a reason with a code (SPEC error table): 2015 joined from another device, 2021 ended. */
  readonly code?: number;
}

/** The stable code of a disconnect that was not my own choice, where there is one. */
export function leftCode(reason: string | undefined): number | undefined {
  switch (reason) {
    // A removal may be a host's (2106) or a refusal at connect (locked, full …): no one code says which.
    case 'duplicate_identity':
      return ErrorCode.SAME_ACCOUNT_JOINED;
    case 'room_deleted':
      return ErrorCode.MEETING_ENDED;
    default:
      return undefined;
  }
}

/** I am in the waiting room, at this place in the queue (1 is next). */
export interface MeWaitingDetail {
  readonly position?: number;
}

/**
 * The one table of `<meeting-room>`'s events: name → detail. Every event is a bubbling, composed
 * `CustomEvent`. All but `meeting-error`, `meeting-chat`, `meeting-reaction` and the app data ones
 * (which are not state: told as they happen) follow from two snapshots by `meetingEventsBetween`.
 */
export interface MeetingEventDetails {
  /** I am in the meeting (after the pre-join screen and the waiting room). */
  'meeting-joined': MeetingJoinedDetail;
  /** I left, or the server or the network ended my session; `reason` says which (`left`, `participant_removed`, `room_deleted` …). */
  'meeting-left': MeetingLeftDetail;
  /** A refusal or failure with its stable code (SPEC error table): the join, a device, an action. */
  'meeting-error': ErrorInfo;
  /** A chat message from someone else. */
  'meeting-chat': ChatMessage;
  /** Anyone's reaction (mine too), as the server relayed it. */
  'meeting-reaction': Reaction;
  /** App data from another participant: a JSON value, or a `Uint8Array`. */
  'meeting-app-data': AppDataMessage;
  /** How far a large app data transfer to me has arrived (0 to 1). */
  'meeting-app-data-progress': AppDataProgress;
  /** Where the meeting is: `prejoin`, `connecting`, `waiting`, `connected`, `reconnecting`, `left`, `error`. */
  'meeting-connection-change': ConnectionDetail;
  /** Someone else is in the meeting: came in, or was already there when I joined. */
  'meeting-participant-joined': ParticipantDetail;
  'meeting-participant-left': PersonDetail;
  'meeting-mic-change': DeviceChangeDetail;
  'meeting-camera-change': DeviceChangeDetail;
  'meeting-share-change': DeviceChangeDetail;
  'meeting-hand-change': HandDetail;
  'meeting-role-change': RoleChangeDetail;
  /** Someone (me too) started or stopped recording the meeting in their browser, as the server marks it. */
  'meeting-recording-change': DeviceChangeDetail;
  /** My own local recording started, paused, resumed or stopped. */
  'meeting-recorder-change': RecorderDetail;
  /** Hosts and co-hosts: someone is in the waiting room. */
  'meeting-waiting-added': WaitingPerson;
  /** Hosts and co-hosts: someone is no longer waiting (let in, turned away, or gone). */
  'meeting-waiting-removed': WaitingPerson;
  /** I am in the waiting room, or my place in it changed. */
  'meeting-me-waiting': MeWaitingDetail;
  /** A host let me in: I am connecting to the meeting. */
  'meeting-me-admitted': Record<string, never>;
  /** The read-only snapshot changed (last of the events of a change): detail is the new snapshot. */
  'meeting-snapshot-change': MeetingSnapshot;
}

export type MeetingEventName = keyof MeetingEventDetails;

/** One event to fire. */
export type MeetingEvent = { [K in MeetingEventName]: { readonly type: K; readonly detail: MeetingEventDetails[K] } }[MeetingEventName];

const inMeeting = (phase: MeetingPhase) => phase === 'connected' || phase === 'reconnecting';

const person = (p: ParticipantView): PersonDetail => ({ identity: p.identity, name: p.name, isLocal: p.isLocal });

/**
 * The events that say how `next` differs from `prev`, in a stable order: the connection first,
 * then joined, the waiting room, the people and what they changed, left, and the snapshot last
 * (so that a listener of any of them reading `snapshot` sees `next`).
 */
export function meetingEventsBetween(prev: MeetingSnapshot, next: MeetingSnapshot): MeetingEvent[] {
  if (prev === next) return [];
  const out: MeetingEvent[] = [];
  if (prev.phase !== next.phase) out.push({ type: 'meeting-connection-change', detail: { state: next.phase, previous: prev.phase } });
  if (next.phase === 'connected' && !inMeeting(prev.phase)) {
    out.push({ type: 'meeting-joined', detail: { identity: next.me?.identity ?? '', role: next.me?.role ?? 'attendee', meetingId: next.meeting?.meetingId } });
  }
  out.push(...waitingEvents(prev, next));
  if (inMeeting(next.phase)) out.push(...peopleEvents(inMeeting(prev.phase) ? prev.participants : [], next.participants));
  if (prev.recording.state !== next.recording.state) {
    const size = next.recording.state === 'idle' && next.recording.ready ? { size: next.recording.ready.size } : {};
    out.push({ type: 'meeting-recorder-change', detail: { state: next.recording.state, previous: prev.recording.state, ...size } });
  }
  if (next.phase === 'left' && prev.phase !== 'left') {
    const code = leftCode(next.leftReason);
    out.push({ type: 'meeting-left', detail: { reason: next.leftReason ?? 'left', ...(code ? { code } : {}) } });
  }
  out.push({ type: 'meeting-snapshot-change', detail: next });
  return out;
}

function waitingEvents(prev: MeetingSnapshot, next: MeetingSnapshot): MeetingEvent[] {
  const out: MeetingEvent[] = [];
  if (next.phase === 'waiting' && (prev.phase !== 'waiting' || prev.waitingPosition !== next.waitingPosition)) {
    out.push({ type: 'meeting-me-waiting', detail: next.waitingPosition === undefined ? {} : { position: next.waitingPosition } });
  }
  if (prev.phase === 'waiting' && (next.phase === 'connecting' || next.phase === 'connected')) out.push({ type: 'meeting-me-admitted', detail: {} });
  if (prev.waitingQueue !== next.waitingQueue) {
    const before = new Set(prev.waitingQueue.map((w) => w.identity));
    const after = new Set(next.waitingQueue.map((w) => w.identity));
    for (const w of next.waitingQueue) if (!before.has(w.identity)) out.push({ type: 'meeting-waiting-added', detail: w });
    for (const w of prev.waitingQueue) if (!after.has(w.identity)) out.push({ type: 'meeting-waiting-removed', detail: w });
  }
  return out;
}

function peopleEvents(prev: readonly ParticipantView[], next: readonly ParticipantView[]): MeetingEvent[] {
  if (prev === next) return [];
  const before = new Map(prev.map((p) => [p.identity, p]));
  const after = new Set(next.map((p) => p.identity));
  const out: MeetingEvent[] = [];
  for (const p of next) {
    const was = before.get(p.identity);
    if (!was) {
      if (!p.isLocal) out.push({ type: 'meeting-participant-joined', detail: { ...person(p), role: p.role, micOn: p.micOn, cameraOn: p.cameraOn, screenOn: p.screenOn } });
      continue;
    }
    if (was === p) continue;
    if (was.micOn !== p.micOn) out.push({ type: 'meeting-mic-change', detail: { ...person(p), on: p.micOn } });
    if (was.cameraOn !== p.cameraOn) out.push({ type: 'meeting-camera-change', detail: { ...person(p), on: p.cameraOn } });
    if (was.screenOn !== p.screenOn) out.push({ type: 'meeting-share-change', detail: { ...person(p), on: p.screenOn } });
    if ((was.handAt === null) !== (p.handAt === null)) out.push({ type: 'meeting-hand-change', detail: { ...person(p), raised: p.handAt !== null } });
    if (was.recording !== p.recording) out.push({ type: 'meeting-recording-change', detail: { ...person(p), on: p.recording } });
    if (was.role !== p.role) out.push({ type: 'meeting-role-change', detail: { ...person(p), role: p.role, previous: was.role } });
  }
  for (const p of prev) if (!p.isLocal && !after.has(p.identity)) out.push({ type: 'meeting-participant-left', detail: person(p) });
  return out;
}
