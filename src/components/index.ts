/**
 * The package's main entry (`meeting-room`): the element classes, the controller, the contexts,
 * the error codes and the types, with no side effect (no tag is registered: import
 * `meeting-room/define` for that, or call `defineElements()`). Safe to import in Node (SSR).
 */
export { elements, defineElements, type MeetingTagName } from './elements.js';
export { MeetingRoom, type MeetingJoinedDetail, type MeetingLeftDetail, type MeetingErrorDetail } from './meeting-room/meeting-room.js';
export { MeetingPrejoin } from './meeting-prejoin/meeting-prejoin.js';
export { MeetingHeader } from './meeting-header/meeting-header.js';
export { MeetingVideoGrid } from './meeting-video-grid/meeting-video-grid.js';
export { MeetingVideoTile } from './meeting-video-tile/meeting-video-tile.js';
export { MeetingAudio } from './meeting-audio/meeting-audio.js';
export { MeetingToolbar } from './meeting-toolbar/meeting-toolbar.js';
export { MeetingRoster } from './meeting-roster/meeting-roster.js';
export { MeetingChat } from './meeting-chat/meeting-chat.js';
export { MeetingHostControls } from './meeting-host-controls/meeting-host-controls.js';
export { MeetingWaitRoom } from './meeting-wait-room/meeting-wait-room.js';
export { MeetingNotices } from './meeting-notices/meeting-notices.js';
export { MeetingStats } from './meeting-stats/meeting-stats.js';
export { MeetingDeviceSettings } from './meeting-device-settings/meeting-device-settings.js';
export { MeetingMicLevel } from './meeting-mic-level/meeting-mic-level.js';
export { MeetingRenameDialog } from './meeting-rename-dialog/meeting-rename-dialog.js';
export { MeetingReactions } from './meeting-reactions/meeting-reactions.js';
export { MeetingElement } from './meeting-element.js';
export { controllerContext, snapshotContext, stringsContext } from './context.js';
export { MeetingController, type MeetingControllerEventMap, type MeetingControllerOptions, type JoinSource } from '../client/meeting-controller.js';
export { MeetingClientError } from '../client/join-api.js';
export type { MeetingApi, Seat } from '../client/meeting-api.js';
export type { HostActions } from '../client/host-actions.js';
export type { LayoutMode } from '../client/layout.js';
export type * from '../client/snapshot.js';
export { ErrorCode, type ErrorInfo } from '../protocol/errors.js';
export { Role } from '../protocol/roles.js';
export type { JoinGrant, JoinRequest } from '../protocol/join.js';
export type { ChatMessage } from '../protocol/chat.js';
export type { ControlAction } from '../protocol/control-actions.js';
export { setLocale, getLocale } from './i18n/localization.js';
export type { MeetingStrings, TextId } from './i18n/localization.js';
export type { MeetingEventDetails, MeetingRoomEventMap } from './meeting-room/events.js';
export type { Reaction, Emoji } from '../protocol/reactions.js';
export type { AppDataMessage, AppDataOptions, AppDataProgress } from '../protocol/app-data.js';
