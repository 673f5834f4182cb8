import type { Layout } from '../../client/layout.js';
import type { MeetingSnapshot } from '../../client/snapshot.js';
import type { Emoji } from '../../protocol/reactions.js';

/** What a screen reader is told as the meeting changes around the person. */
export type Announcement =
  | { readonly kind: 'joined' | 'left' | 'hand'; readonly name: string }
  | { readonly kind: 'layout'; readonly mode: Layout['mode'] }
  | { readonly kind: 'reaction'; readonly name: string; readonly emoji: Emoji };

const inMeeting = (s: MeetingSnapshot) => s.phase === 'connected' || s.phase === 'reconnecting';

/**
 * Who joined, left or raised a hand, and whether the layout changed, between two snapshots; nothing
 * while not in the meeting (the people already there when I join are not announced one by one).
 */
export function changesBetween(prev: MeetingSnapshot, next: MeetingSnapshot, prevLayout: Layout['mode'], nextLayout: Layout['mode']): Announcement[] {
  if (!inMeeting(prev) || !inMeeting(next)) return [];
  const before = new Map(prev.participants.map((p) => [p.identity, p]));
  const after = new Set(next.participants.map((p) => p.identity));
  const out: Announcement[] = [];
  for (const p of next.participants) {
    if (p.isLocal) continue;
    const was = before.get(p.identity);
    if (!was) out.push({ kind: 'joined', name: p.name });
    else if (was.handAt === null && p.handAt !== null) out.push({ kind: 'hand', name: p.name });
  }
  for (const p of prev.participants) if (!p.isLocal && !after.has(p.identity)) out.push({ kind: 'left', name: p.name });
  if (prevLayout !== nextLayout) out.push({ kind: 'layout', mode: nextLayout });
  const me = next.me?.identity;
  const shown = new Set(prev.reactions.map((r) => r.id));
  for (const r of next.reactions) if (!shown.has(r.id) && r.from !== me) out.push({ kind: 'reaction', name: r.fromName, emoji: r.emoji });
  return out;
}
