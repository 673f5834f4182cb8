import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Db } from '../store/db.js';
import type { LiveStore } from './control/live-store.js';
import { PASSWORD_WINDOW_MS } from './join.js';
import { Periodic } from './periodic.js';

export interface HousekeepingOptions {
  intervalMs: number;
  /** How long the host-action audit is kept. */
  auditRetentionMs: number;
  waitingTimeoutMs: number;
}

/** LiveKit retries a webhook for ~15 s: a day of event ids de-duplicates with room to spare. */
const EVENT_RETENTION_MS = 24 * 3600_000;

const olderThan = (ms: number) => sql<Date>`now() - ${ms} * interval '1 millisecond'`;

/**
 * Deletes what would otherwise grow forever: seen LiveKit event ids, old password-failure windows,
 * the host-action audit past its retention, and admissions nobody connected with that can no longer
 * connect or wait. Scheduled like the meeting clock (every `intervalMs`, one run at a time).
 */
export class Housekeeping {
  private readonly periodic = new Periodic(
    async () => {
      const n = await this.sweep();
      if (Object.values(n).some(Boolean)) this.log.info(n, 'housekeeping deleted old rows');
    },
    this.opts.intervalMs,
    (err) => this.log.error({ err }, 'housekeeping failed'),
  );

  constructor(
    private readonly db: Db,
    private readonly live: LiveStore,
    private readonly log: Logger,
    private readonly opts: HousekeepingOptions,
  ) {}

  /** One pass; returns how many rows each kind lost. */
  async sweep(): Promise<{ livekitEvents: number; passwordFailures: number; controlAudit: number; admissions: number }> {
    const count = (r: { numDeletedRows: bigint }) => Number(r.numDeletedRows);
    return {
      livekitEvents: count(await this.db.deleteFrom('livekit_events').where('received_at', '<', olderThan(EVENT_RETENTION_MS)).executeTakeFirst()),
      passwordFailures: count(await this.db.deleteFrom('password_failures').where('window_start', '<', olderThan(PASSWORD_WINDOW_MS)).executeTakeFirst()),
      controlAudit: count(await this.db.deleteFrom('control_audit').where('at', '<', olderThan(this.opts.auditRetentionMs)).executeTakeFirst()),
      admissions: await this.live.deleteStale(this.opts.waitingTimeoutMs),
    };
  }

  start(): void {
    this.periodic.start();
  }

  stop(): Promise<void> {
    return this.periodic.stop();
  }
}
