import type { MeetingEventDetails } from '../../client/meeting-events.js';

export type {
  ConnectionDetail,
  DeviceChangeDetail,
  HandDetail,
  MeetingEventDetails,
  MeetingEventName,
  MeetingJoinedDetail,
  MeetingLeftDetail,
  MeWaitingDetail,
  ParticipantDetail,
  PersonDetail,
  RoleChangeDetail,
} from '../../client/meeting-events.js';

export type MeetingErrorDetail = MeetingEventDetails['meeting-error'];

/** `<meeting-room>`'s events, each a typed `CustomEvent` (the table is `MeetingEventDetails`). */
export type MeetingRoomEventMap = { [K in keyof MeetingEventDetails]: CustomEvent<MeetingEventDetails[K]> };

/** Every event bubbles and crosses shadow roots, so a page listens on the element or above it. */
export function meetingEvent<K extends keyof MeetingEventDetails>(type: K, detail: MeetingEventDetails[K]): CustomEvent<MeetingEventDetails[K]> {
  return new CustomEvent(type, { detail, bubbles: true, composed: true });
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends MeetingRoomEventMap {}
}
