import { MeetingAudio } from './meeting-audio/meeting-audio.js';
import { MeetingChat } from './meeting-chat/meeting-chat.js';
import { MeetingDeviceSettings } from './meeting-device-settings/meeting-device-settings.js';
import { MeetingHeader } from './meeting-header/meeting-header.js';
import { MeetingHostControls } from './meeting-host-controls/meeting-host-controls.js';
import { MeetingMicLevel } from './meeting-mic-level/meeting-mic-level.js';
import { MeetingNotices } from './meeting-notices/meeting-notices.js';
import { MeetingPrejoin } from './meeting-prejoin/meeting-prejoin.js';
import { MeetingReactions } from './meeting-reactions/meeting-reactions.js';
import { MeetingRecorder } from './meeting-recorder/meeting-recorder.js';
import { MeetingRenameDialog } from './meeting-rename-dialog/meeting-rename-dialog.js';
import { MeetingRoom } from './meeting-room/meeting-room.js';
import { MeetingRoster } from './meeting-roster/meeting-roster.js';
import { MeetingStats } from './meeting-stats/meeting-stats.js';
import { MeetingToolbar } from './meeting-toolbar/meeting-toolbar.js';
import { MeetingVideoGrid } from './meeting-video-grid/meeting-video-grid.js';
import { MeetingVideoTile } from './meeting-video-tile/meeting-video-tile.js';
import { MeetingWaitRoom } from './meeting-wait-room/meeting-wait-room.js';

/**
 * Every tag of the family and its class: the one declaration that `./define`, the CDN bundle, the
 * React wrappers and the custom-elements manifest read. Importing it defines nothing.
 */
export const elements = {
  'meeting-room': MeetingRoom,
  'meeting-prejoin': MeetingPrejoin,
  'meeting-header': MeetingHeader,
  'meeting-video-grid': MeetingVideoGrid,
  'meeting-video-tile': MeetingVideoTile,
  'meeting-audio': MeetingAudio,
  'meeting-toolbar': MeetingToolbar,
  'meeting-roster': MeetingRoster,
  'meeting-chat': MeetingChat,
  'meeting-host-controls': MeetingHostControls,
  'meeting-wait-room': MeetingWaitRoom,
  'meeting-notices': MeetingNotices,
  'meeting-stats': MeetingStats,
  'meeting-device-settings': MeetingDeviceSettings,
  'meeting-mic-level': MeetingMicLevel,
  'meeting-rename-dialog': MeetingRenameDialog,
  'meeting-reactions': MeetingReactions,
  'meeting-recorder': MeetingRecorder,
} as const;

export type MeetingTagName = keyof typeof elements;

/**
 * Registers every tag that is not registered yet, so a page may load this twice (or two copies of
 * the bundle) without "already been used" errors: the first definition of a tag stays.
 */
export function defineElements(registry: CustomElementRegistry = customElements): void {
  for (const [tag, element] of Object.entries(elements)) {
    if (!registry.get(tag)) registry.define(tag, element);
  }
}
