import type { Logger } from 'pino';
import type { LivekitAdmin } from '../livekit/admin.js';
import type { MeetingService } from './meetings.js';
import { Periodic } from './periodic.js';

export interface MeetingClockOptions {
  intervalMs: number;
  maxDurationMs: number;
  overrunGraceMs: number;
}

/**
 * The time-driven half of the status machine (SPEC M5): at start it reconciles with LiveKit's room
 * list, then it ends overdue meetings every `intervalMs`.
 */
export class MeetingClock {
  private readonly periodic = new Periodic(
    async () => {
      const n = await this.meetings.endOverdue(this.opts);
      if (n) this.log.info({ ended: n }, 'ended overdue meetings');
    },
    this.opts.intervalMs,
    (err) => this.log.error({ err }, 'meeting clock failed'),
  );

  constructor(
    private readonly meetings: MeetingService,
    private readonly livekit: LivekitAdmin,
    private readonly log: Logger,
    private readonly opts: MeetingClockOptions,
  ) {}

  async reconcile(): Promise<void> {
    try {
      const result = await this.meetings.reconcile((await this.livekit.listRooms()).map((room) => room.name));
      if (result.started || result.ended) this.log.info(result, 'reconciled meetings with LiveKit');
    } catch (err) {
      // LiveKit not reachable (yet): its webhooks will tell us, and the next start reconciles.
      this.log.warn({ err: String(err) }, 'could not reconcile with LiveKit');
    }
  }

  start(): void {
    this.periodic.start();
  }

  stop(): Promise<void> {
    return this.periodic.stop();
  }
}
