import { sql } from 'kysely';
import { ErrorCode } from '../../protocol/errors.js';
import { MeetingError } from '../errors.js';
import type { Db } from '../store/db.js';

export interface LoginLimits {
  /** Sign-in attempts per account name in the window. */
  perName: number;
  /** Failed sign-ins per client address in the window. */
  perClient: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perName: 10, perClient: 30, windowMs: 15 * 60_000 };

/**
 * Counts sign-in attempts in the database (so every replica sees them), one atomic upsert per
 * bucket, before any password is hashed: a refused attempt costs no scrypt.
 */
export class LoginThrottle {
  constructor(
    private readonly db: Db,
    private readonly limits: LoginLimits,
    private readonly now: () => number,
  ) {}

  /** Takes one attempt from each bucket; 510 when any is used up. */
  async take(name: string, client: string | undefined): Promise<void> {
    const over = [
      (await this.hit(nameBucket(name))) > this.limits.perName,
      client !== undefined && (await this.hit(clientBucket(client))) > this.limits.perClient,
    ];
    if (over.some(Boolean)) throw new MeetingError(ErrorCode.TOO_MANY_REQUESTS, 'Too many sign-in attempts: try again in 15 minutes');
  }

  /** A sign-in succeeded: the name starts afresh, and the client's attempt was no failure. */
  async succeeded(name: string, client: string | undefined): Promise<void> {
    await this.db.deleteFrom('login_attempts').where('bucket', '=', nameBucket(name)).execute();
    if (client !== undefined) await this.db.updateTable('login_attempts').set((eb) => ({ hits: eb('hits', '-', 1) })).where('bucket', '=', clientBucket(client)).execute();
    await this.db.deleteFrom('login_attempts').where('window_start', '<', new Date(this.now() - this.limits.windowMs)).execute();
  }

  private async hit(bucket: string): Promise<number> {
    const now = new Date(this.now());
    const since = new Date(this.now() - this.limits.windowMs);
    const row = await sql<{ hits: number }>`
      insert into login_attempts (bucket, hits, window_start) values (${bucket}, 1, ${now})
      on conflict (bucket) do update set
        hits = case when login_attempts.window_start < ${since} then 1 else login_attempts.hits + 1 end,
        window_start = case when login_attempts.window_start < ${since} then ${now} else login_attempts.window_start end
      returning hits`.execute(this.db);
    return Number(row.rows[0]!.hits);
  }
}

const nameBucket = (name: string) => `name:${name.toLowerCase()}`;
const clientBucket = (client: string) => `client:${client}`;
