import type { Logger } from 'pino';
import type { LivekitAdmin } from '../livekit/admin.js';
import type { MeetingService } from './meetings.js';

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
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

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
    const tick = () => {
      this.running = this.meetings
        .endOverdue(this.opts)
        .then((n) => void (n && this.log.info({ ended: n }, 'ended overdue meetings')))
        .catch((err: unknown) => this.log.error({ err }, 'meeting clock failed'))
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, this.opts.intervalMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
