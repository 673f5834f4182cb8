/** `m:ss` under an hour, `h:mm:ss` from then on; never negative. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/**
 * When the meeting's clock starts: its start time once that has come, else (joined before a
 * scheduled start, or joined with a bare token and no meeting info) the moment I joined.
 */
export function clockStart(meetingStart: number | undefined, joinedAt: number): number {
  return meetingStart !== undefined && meetingStart <= joinedAt ? meetingStart : joinedAt;
}
