import type { Room } from 'livekit-client';
import { ConnectionQuality } from './livekit-values.js';
import type { Notices } from './notices.js';
import { listen, type MeetingPart } from './part.js';

/** A person whose connection stays poor is told about once in this long, not at every flap. */
const QUIET_MS = 60_000;

/**
 * Tells me when someone's connection turns poor (SPEC R7: "someone's download poor"); my own
 * is shown in the header from the snapshot, not as a notice.
 */
export class ConnectionWatch implements MeetingPart {
  private lastTold = new Map<string, number>();

  constructor(
    private readonly notices: Notices,
    private readonly now: () => number = Date.now,
  ) {}

  attach(room: Room): () => void {
    return listen(room, {
      connectionQualityChanged: (quality, participant) => {
        if (participant.isLocal || quality !== ConnectionQuality.Poor) return;
        const at = this.now();
        if (at - (this.lastTold.get(participant.identity) ?? -Infinity) < QUIET_MS) return;
        this.lastTold.set(participant.identity, at);
        this.notices.add({ type: 'connection-poor', by: participant.name || participant.identity });
      },
    });
  }

  reset(): void {
    this.lastTold.clear();
  }
}
