import type { Room } from 'livekit-client';

/** LiveKit's TrackSource numbers as they arrive in permissions (protocol enum). */
const CAMERA = 1;
const MICROPHONE = 2;
const SCREEN_SHARE = 3;

/** What the local person may publish now, from the permissions LiveKit holds for them. */
export function allowedOf(room: Room): { mic: boolean; camera: boolean; screen: boolean } {
  const perms = room.localParticipant.permissions;
  if (!perms) return { mic: true, camera: true, screen: true };
  const sources = (perms.canPublishSources ?? []) as number[];
  const may = (source: number) => perms.canPublish && (sources.length === 0 || sources.includes(source));
  return { mic: may(MICROPHONE), camera: may(CAMERA), screen: may(SCREEN_SHARE) };
}

/**
 * Once the server has banned anyone from the meeting, this page lets only the others subscribe to
 * what it publishes: a kicked client that rejoins with a token LiveKit refreshed for it is removed
 * by the server's watchdog within tens of milliseconds, and gets not even one frame meanwhile.
 */
export function guardSubscriptions(room: Room, bans: readonly string[]): void {
  if (bans.length === 0) return;
  const allowed = [...room.remoteParticipants.values()].filter((p) => !bans.includes(p.identity)).map((p) => ({ participantIdentity: p.identity, allowAll: true }));
  room.localParticipant.setTrackSubscriptionPermissions(false, allowed);
}

const GUEST_KEY = 'meeting-room.guest-key';
let memoryKey: string | undefined;

/**
 * A guest's own random key, kept by this browser: the server derives the guest's identity from
 * it, so a reload or a second tab is the same person (and a removal sticks to them).
 */
export function guestKey(): string {
  try {
    const stored = localStorage.getItem(GUEST_KEY);
    if (stored) return stored;
  } catch {
    // Storage can be blocked (sandboxed iframes, privacy modes): one key per page load then.
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const key = btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  memoryKey ??= key;
  try {
    localStorage.setItem(GUEST_KEY, memoryKey);
  } catch {
    // as above
  }
  return memoryKey;
}
