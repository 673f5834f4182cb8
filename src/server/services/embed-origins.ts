import { sql } from 'kysely';
import { ErrorCode } from '../../protocol/errors.js';
import { MeetingError } from '../errors.js';
import type { Db } from '../store/db.js';

/** How long a tenant's list is trusted from memory: a change made on another replica lands within it. */
const CACHE_MS = 5_000;

/**
 * The origins each tenant lets embed its meetings (issue 11 part 1): they drive CORS on the bundle,
 * the join and in-meeting routes, and `frame-ancestors` on `/embed`. A change made here is seen at
 * once on this process, and within CACHE_MS on the others.
 */
export class EmbedOrigins {
  private readonly cache = new Map<number | 'any', { origins: ReadonlySet<string>; at: number }>();

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  async list(tenantId: number): Promise<string[]> {
    const row = await this.db.selectFrom('tenants').select('embed_origins').where('id', '=', tenantId).executeTakeFirst();
    return row?.embed_origins ?? [];
  }

  async set(tenantId: number, origins: string[]): Promise<void> {
    await this.db.updateTable('tenants').set({ embed_origins: JSON.stringify(origins) }).where('id', '=', tenantId).execute();
    this.cache.clear();
  }

  /** Whether the tenant lets pages of `origin` embed its meetings. */
  async allows(tenantId: number, origin: string): Promise<boolean> {
    return (await this.cached(tenantId, () => this.list(tenantId))).has(origin);
  }

  /** Whether some tenant does: enough for what is not any one tenant's (the bundle). */
  async allowedBySome(origin: string): Promise<boolean> {
    const all = async () => {
      const rows = await sql<{ origin: string }>`select distinct jsonb_array_elements_text(embed_origins) as origin from tenants`.execute(this.db);
      return rows.rows.map((r) => r.origin);
    };
    return (await this.cached('any', all)).has(origin);
  }

  /** Refuses a join from a page the meeting's tenant does not allow: 2120, which the page can read. */
  async check(tenantId: number, origin: string | undefined): Promise<void> {
    if (origin !== undefined && !(await this.allows(tenantId, origin))) {
      throw new MeetingError(ErrorCode.ORIGIN_NOT_ALLOWED, `Pages on ${origin} may not embed this meeting: its organisation has to allow that origin`);
    }
  }

  private async cached(key: number | 'any', load: () => Promise<string[]>): Promise<ReadonlySet<string>> {
    const hit = this.cache.get(key);
    if (hit && this.now() - hit.at < CACHE_MS) return hit.origins;
    const origins = new Set(await load());
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(key, { origins, at: this.now() });
    return origins;
  }
}
