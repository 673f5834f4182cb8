import { msg, str } from './localize.js';
import type { Notice } from '../../client/snapshot.js';
import type { ChatPolicy, SharePolicy } from '../../protocol/control.js';
import { errorText, roleText } from './texts.js';

/** What a notice says to the person it is for (SPEC H1–H10: "the host muted you" …). */
export function noticeText(n: Notice): string {
  const by = n.by ?? msg('The host', { id: 'notice.the-host' });
  switch (n.type) {
    case 'muted':
      return msg(str`${by} muted you`, { id: 'notice.muted' });
    case 'ask-unmute':
      return msg(str`${by} asks you to unmute`, { id: 'notice.ask-unmute' });
    case 'camera-off':
      return msg(str`${by} turned your camera off`, { id: 'notice.camera-off' });
    case 'ask-camera-on':
      return msg(str`${by} asks you to turn your camera on`, { id: 'notice.ask-camera-on' });
    case 'mute-all':
      return msg(str`${by} muted everyone`, { id: 'notice.mute-all' });
    case 'cameras-off':
      return msg(str`${by} turned everyone's camera off`, { id: 'notice.cameras-off' });
    case 'removed':
      return msg(str`${by} removed you from the meeting`, { id: 'notice.removed' });
    case 'role':
      return msg(str`${by} is now: ${roleText(n.role ?? 'attendee')}`, { id: 'notice.role' });
    case 'hand-lowered':
      return msg(str`${by} lowered your hand`, { id: 'notice.hand-lowered' });
    case 'share-stopped':
      return msg(str`${by} stopped your screen share`, { id: 'notice.share-stopped' });
    case 'share-approved':
      return msg('You may share your screen now', { id: 'notice.share-approved' });
    case 'share-denied':
      return msg('Your request to share was declined', { id: 'notice.share-denied' });
    case 'share-request':
      return msg(str`${by} asks to share their screen`, { id: 'notice.share-request' });
    case 'hand':
      return msg(str`${by} raised their hand`, { id: 'notice.hand' });
    case 'waiting':
      return msg('Someone is waiting to be let in', { id: 'notice.waiting' });
    case 'host-left':
      return msg('The host left; the meeting has no host now', { id: 'notice.host-left' });
    case 'renamed':
      return msg(str`${by} renamed you`, { id: 'notice.renamed' });
    case 'recording-stopped':
      return msg(str`${by} does not allow recording: your recording stopped`, { id: 'notice.recording-stopped' });
    case 'turned-off-by-host':
      return msg('The host turned this off; you cannot turn it on yourself (2103)', { id: 'notice.turned-off' });
    case 'connection-poor':
      return msg(str`${by}'s connection is poor: they may not see or hear well`, { id: 'notice.connection-poor' });
    case 'action-failed':
      return `${errorText(n.code ?? 0)} (${n.code ?? ''})`;
  }
}

export function sharePolicyText(policy: SharePolicy): string {
  switch (policy) {
    case 'hosts':
      return msg('Only hosts', { id: 'share.hosts' });
    case 'ask':
      return msg('Ask first', { id: 'share.ask' });
    default:
      return msg('Everyone', { id: 'share.everyone' });
  }
}

export function chatPolicyText(policy: ChatPolicy): string {
  switch (policy) {
    case 'hosts':
      return msg('Only to hosts', { id: 'host.chat-hosts' });
    case 'off':
      return msg('Off for attendees', { id: 'host.chat-off' });
    default:
      return msg('Everyone can chat', { id: 'host.chat-everyone' });
  }
}
