import { msg, str } from './localize.js';
import type { ConnectionQualityLevel, DeviceProblem } from '../../client/snapshot.js';
import type { Role } from '../../protocol/roles.js';
import type { Announcement } from '../meeting-room/announcements.js';
import { reactedText } from './reaction-texts.js';

/** Localised texts shared by several elements. */
export function roleText(role: Role): string {
  switch (role) {
    case 'host':
      return msg('Host', { id: 'role.host' });
    case 'cohost':
      return msg('Co-host', { id: 'role.cohost' });
    case 'speaker':
      return msg('Speaker', { id: 'role.speaker' });
    case 'audience':
      return msg('Audience', { id: 'role.audience' });
    default:
      return msg('Attendee', { id: 'role.attendee' });
  }
}

export function deviceProblemText(problem: DeviceProblem): string {
  switch (problem) {
    case 'permission':
      return msg('Access to the camera or microphone was denied. Allow it in the browser.', { id: 'device.permission' });
    case 'no-device':
      return msg('No camera or microphone was found.', { id: 'device.no-device' });
    case 'busy':
      return msg('The device is in use by another application.', { id: 'device.busy' });
    default:
      return msg('The device could not be started.', { id: 'device.other' });
  }
}

/** What to do about a device problem (SPEC J3). */
export function deviceAdviceText(problem: DeviceProblem): string {
  switch (problem) {
    case 'permission':
      return msg('Click the camera icon in the address bar (or the site settings), allow access, then try again.', { id: 'device.permission-advice' });
    case 'no-device':
      return msg('Plug in a camera or microphone and try again, or join without it.', { id: 'device.no-device-advice' });
    case 'busy':
      return msg('Close the other app or tab that uses it, then try again.', { id: 'device.busy-advice' });
    default:
      return msg('Try again, or choose another device.', { id: 'device.other-advice' });
  }
}

/** What a person reads for an error code (SPEC J2: a clear screen in their language). */
export function errorText(code: number): string {
  switch (code) {
    case 2000:
      return msg('This meeting was not found. Check the link or the meeting code.', { id: 'error.2000' });
    case 2001:
      return msg('The meeting is full.', { id: 'error.2001' });
    case 2003:
      return msg('This name cannot be used: it has characters that are not allowed (such as < or >).', { id: 'error.2003' });
    case 2009:
      return msg('Someone else is sharing their screen and only one share is allowed.', { id: 'error.2009' });
    case 2010:
      return msg('The meeting is locked. You cannot join right now.', { id: 'error.2010' });
    case 2015:
      return msg('You joined this meeting from another device.', { id: 'error.2015' });
    case 2014:
      return msg('The password is wrong.', { id: 'error.2014' });
    case 2018:
      return msg('This meeting needs a password.', { id: 'error.2018' });
    case 2021:
      return msg('The meeting has ended.', { id: 'error.2021' });
    case 2030:
      return msg('The meeting has not started yet.', { id: 'error.2030' });
    case 2106:
      return msg('You were removed from this meeting and cannot join it again.', { id: 'error.2106' });
    case 2108:
      return msg('The host declined your request to join.', { id: 'error.2108' });
    case 2107:
      return msg('Nobody let you in in time. Join again to wait once more.', { id: 'error.2107' });
    case 2120:
      return msg('This website may not embed meetings of this organisation. Ask its administrator to allow it.', { id: 'error.2120' });
    case 2121:
      return msg('This sign-in link was already used. Open the meeting again from your portal.', { id: 'error.2121' });
    case 2122:
      return msg('This sign-in link has expired. Open the meeting again from your portal.', { id: 'error.2122' });
    case 2123:
      return msg('This sign-in link is for another meeting.', { id: 'error.2123' });
    case 2100:
      return msg('Only a host or co-host can do this.', { id: 'error.2100' });
    case 2101:
      return msg('That person is not in the meeting.', { id: 'error.2101' });
    case 2103:
      return msg('The host turned this off; you cannot turn it on yourself.', { id: 'error.2103' });
    case 2105:
      return msg('You do not have permission to do this.', { id: 'error.2105' });
    case 4001:
      return msg('The limit was reached (for example, the stage is full).', { id: 'error.4001' });
    case 510:
      return msg('Too many attempts. Wait a few minutes and try again.', { id: 'error.510' });
    case 512:
      return msg('The meeting server is busy. Try again in a moment.', { id: 'error.512' });
    case 300:
      return msg('The link has an invalid parameter.', { id: 'error.300' });
    case 301:
      return msg('The link is incomplete: a part it needs (such as the meeting code) is missing. Check the link, or ask the organiser for it again.', { id: 'error.301' });
    case 3003:
      return msg('This is not supported yet.', { id: 'error.3003' });
    case 3100:
      return msg('There is a problem with the camera or microphone.', { id: 'error.3100' });
    case 3101:
      return msg('Could not connect to the meeting server.', { id: 'error.3101' });
    case 3103:
      return msg('This browser cannot join video meetings. Open the link in a current Chrome, Edge, Firefox or Safari, on an https:// address.', { id: 'error.3103' });
    default:
      return msg('Something went wrong. Please try again later.', { id: 'error.other' });
  }
}

/** Why the meeting ended for this person, from LiveKit's disconnect reason. */
export function leftText(reason: string | undefined): string {
  switch (reason) {
    case 'left':
    case 'client_initiated':
      return msg('You left the meeting', { id: 'left.title' });
    case 'participant_removed':
      return msg('You were removed from the meeting', { id: 'left.removed' });
    case 'room_deleted':
      return msg('The meeting has ended', { id: 'left.ended' });
    case 'duplicate_identity':
      return msg('You joined this meeting from another device', { id: 'left.replaced' });
    default:
      return msg('The connection to the meeting was lost', { id: 'left.other' });
  }
}

/** A connection quality as words, for the signal icon's label. */
export function qualityText(level: ConnectionQualityLevel): string {
  switch (level) {
    case 'excellent':
      return msg('Connection: excellent', { id: 'quality.excellent' });
    case 'good':
      return msg('Connection: good', { id: 'quality.good' });
    case 'poor':
      return msg('Connection: poor', { id: 'quality.poor' });
    case 'lost':
      return msg('Connection: lost', { id: 'quality.lost' });
    default:
      return msg('Connection: unknown', { id: 'quality.unknown' });
  }
}

/** What the live region says for a change in the meeting. */
export function announcementText(a: Announcement): string {
  switch (a.kind) {
    case 'joined':
      return msg(str`${a.name} joined`, { id: 'announce.joined' });
    case 'left':
      return msg(str`${a.name} left`, { id: 'announce.left' });
    case 'hand':
      return msg(str`${a.name} raised their hand`, { id: 'notice.hand' });
    case 'reaction':
      return reactedText(a.name, a.emoji);
    case 'layout':
      return a.mode === 'speaker'
        ? msg('Speaker view', { id: 'announce.speaker' })
        : a.mode === 'focus'
          ? msg('One tile shown large', { id: 'announce.focus' })
          : msg('Gallery view', { id: 'announce.gallery' });
  }
}
