import { sql } from 'kysely';
import { ErrorCode } from '../../protocol/errors.js';
import { MeetingError } from '../errors.js';
import type { Db } from '../store/db.js';

export interface LoginLimits {
  /** Sign-in attempts per account name from one client in the window (the guesser's own lock). */
  perNameAndClient: number;
  /** Failed sign-ins per account name from all clients together (a distributed guess). */
  perName: number;
  /** Failed sign-ins per client address, whatever the names. */
  perClient: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perNameAndClient: 10, perName: 100, perClient: 30, windowMs: 15 * 60_000 };

/**
 * Counts sign-in attempts in the database (so every replica sees them), one atomic upsert per
 * bucket, before any password is hashed: a refused attempt costs no scrypt. Without a client
 * address (no trusted way to tell callers apart) only the per-name buckets apply, never one
 * shared bucket that would lock everybody out.
 */
export class LoginThrottle {
  constructor(
    private readonly db: Db,
    private readonly limits: LoginLimits,
    private readonly now: () => number,
  ) {}

  /** Takes one attempt from each bucket; 510 when any is used up. */
  async take(name: string, client: string | undefined): Promise<void> {
    let over = false;
    for (const [bucket, limit] of this.buckets(name, client)) over = (await this.hit(bucket)) > limit || over;
    if (over) throw new MeetingError(ErrorCode.TOO_MANY_REQUESTS, 'Too many sign-in attempts: try again in 15 minutes');
  }

  /** A sign-in succeeded: this client starts afresh on this name, and the attempt was no failure. */
  async succeeded(name: string, client: string | undefined): Promise<void> {
    const [name_, nameAndClient, client_] = this.buckets(name, client).map(([bucket]) => bucket);
    await this.db.deleteFrom('login_attempts').where('bucket', '=', nameAndClient!).execute();
    await this.db
      .updateTable('login_attempts')
      .set((eb) => ({ hits: eb('hits', '-', 1) }))
      .where('bucket', 'in', [name_!, ...(client_ ? [client_] : [])])
      .execute();
    await this.db.deleteFrom('login_attempts').where('window_start', '<', new Date(this.now() - this.limits.windowMs)).execute();
  }

  private buckets(name: string, client: string | undefined): Array<[string, number]> {
    const n = name.toLowerCase();
    return [
      [`name:${n}`, this.limits.perName],
      [`name:${n}|client:${client ?? '-'}`, this.limits.perNameAndClient],
      ...(client !== undefined ? [[`client:${client}`, this.limits.perClient] as [string, number]] : []),
    ];
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
