import type { Room, RoomEventCallbacks } from 'livekit-client';
import { RoomEvent } from './livekit-values.js';
import type { ErrorInfo } from '../protocol/errors.js';
import type { MeetingSnapshot } from './snapshot.js';

/** What a part may do with the controller: read the one snapshot and replace its own slice of it. */
export interface PartHost<K extends keyof MeetingSnapshot> {
  readonly snapshot: MeetingSnapshot;
  set(change: Partial<Pick<MeetingSnapshot, K>>): void;
  /** Re-reads every part from the room (as after any room event). */
  refresh(): void;
  /** Tells the page (`error` event) without leaving the meeting. */
  error(info: ErrorInfo): void;
}

/**
 * One concern of the meeting, composed by `MeetingController` (the shape of components-js
 * `setupChat(room)` and of Lit's ReactiveController): wired to each new Room, unwired with it.
 * The next parts (chat, layout/visibility, devices) are more of these, each added to the
 * controller's `parts` list with its own slice of the snapshot.
 */
export interface MeetingPart {
  /** Wires room events; answers what unwires them. */
  attach?(room: Room): () => void;
  /** The room has just connected: read the slice for the first time. */
  connected?(room: Room): void;
  /** Re-reads the slice after any room change while in the meeting. */
  refresh?(room: Room): void;
  /** Back to the start (Rejoin). */
  reset?(): void;
}

/** Room changes after which every part re-reads its slice (`MeetingPart.refresh`). */
export const ROOM_CHANGES = [
  RoomEvent.ParticipantConnected,
  RoomEvent.ParticipantDisconnected,
  RoomEvent.TrackPublished,
  RoomEvent.TrackUnpublished,
  RoomEvent.TrackSubscribed,
  RoomEvent.TrackUnsubscribed,
  RoomEvent.TrackMuted,
  RoomEvent.TrackUnmuted,
  RoomEvent.LocalTrackPublished,
  RoomEvent.LocalTrackUnpublished,
  RoomEvent.ActiveSpeakersChanged,
  RoomEvent.ConnectionQualityChanged,
  RoomEvent.ParticipantAttributesChanged,
  RoomEvent.ParticipantNameChanged,
  RoomEvent.ParticipantPermissionsChanged,
  RoomEvent.ConnectionStateChanged,
] as const;

/** Subscribes to room events at once; answers one function that unsubscribes them all. */
export function listen(room: Room, handlers: { [E in keyof RoomEventCallbacks]?: RoomEventCallbacks[E] }): () => void {
  const entries = Object.entries(handlers) as Array<[keyof RoomEventCallbacks, (...args: never[]) => void]>;
  for (const [event, handler] of entries) room.on(event, handler as never);
  return () => {
    for (const [event, handler] of entries) room.off(event, handler as never);
  };
}
