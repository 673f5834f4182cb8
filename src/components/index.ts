/** Defines every element of the family; what `dist/meeting-room.js` is built from. */
export { MeetingRoom } from './meeting-room/meeting-room.js';
export { MeetingPrejoin } from './meeting-prejoin/meeting-prejoin.js';
export { MeetingVideoGrid } from './meeting-video-grid/meeting-video-grid.js';
export { MeetingVideoTile } from './meeting-video-tile/meeting-video-tile.js';
export { MeetingToolbar } from './meeting-toolbar/meeting-toolbar.js';
export { MeetingController } from '../client/meeting-controller.js';
export { setLocale, getLocale } from './i18n/localization.js';
