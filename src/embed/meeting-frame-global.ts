/** The helper script a portal loads (`/assets/meeting-frame.js`): `window.MeetingFrame.create(…)`. */
import { FRAME_ALLOW, MeetingFrame, MeetingFrameError, type MeetingFrameOptions } from './meeting-frame.js';

export const create = (container: HTMLElement | string, options?: MeetingFrameOptions): MeetingFrame => MeetingFrame.create(container, options);
export { FRAME_ALLOW, MeetingFrame, MeetingFrameError };
