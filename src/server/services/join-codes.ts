import { createHash, randomBytes } from 'node:crypto';
import { ErrorCode } from '../../protocol/errors.js';
import { MeetingError } from '../errors.js';
import type { Db } from '../store/db.js';
import type { Session } from './users.js';

/** A code the console puts in a join link: the link is opened at once, so a minute is plenty. */
export const LINK_CODE_MS = 60_000;
/** A code a grant hands the page for its next join (the Join click, a new name): it stays in memory only. */
export const RENEWAL_CODE_MS = 60 * 60_000;

const codeHash = (code: string) => createHash('sha256').update(code).digest('hex');
const spent = () => new MeetingError(ErrorCode.AUTH_FAILED, 'This join code is used or expired: open the link from the console again');

/**
 * One-time join codes (issue 10): a console session never travels in a URL. The console trades its
 * session for a short-lived code bound to the account and its tenant; a join redeems it once.
 * Only the code's hash is stored.
 */
export class JoinCodeService {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new code for the session's account, valid `ttlMs`. */
  async issue(session: Pick<Session, 'accountId' | 'tenantId'>, ttlMs = LINK_CODE_MS): Promise<string> {
    const code = randomBytes(18).toString('base64url');
    await this.db.deleteFrom('join_codes').where('expires_at', '<', new Date(this.now())).execute();
    await this.db
      .insertInto('join_codes')
      .values({ code_hash: codeHash(code), account_id: session.accountId, tenant_id: session.tenantId, expires_at: new Date(this.now() + ttlMs) })
      .execute();
    return code;
  }

  /** The session a code stands for, without spending it (a join refused for a password may try again); 401 when spent. */
  async peek(code: string): Promise<Session> {
    const row = await this.db
      .selectFrom('join_codes')
      .innerJoin('accounts', 'accounts.id', 'join_codes.account_id')
      .select(['accounts.id', 'accounts.tenant_id', 'accounts.is_admin', 'accounts.display_name', 'accounts.login_name'])
      .where('code_hash', '=', codeHash(code))
      .where('join_codes.expires_at', '>', new Date(this.now()))
      // A code lives no longer than its account's sign-in: a logout, a new password or a removal ends it.
      .where(({ exists, selectFrom }) =>
        exists(selectFrom('sessions').select('sessions.account_id').whereRef('sessions.account_id', '=', 'join_codes.account_id').where('sessions.expires_at', '>', new Date(this.now()))),
      )
      .executeTakeFirst();
    if (!row) throw spent();
    return { accountId: row.id, tenantId: row.tenant_id, isAdmin: row.is_admin, name: row.display_name ?? row.login_name ?? '' };
  }

  /** Spends a code, atomically: of two joins racing with one code, one gets 401. */
  async spend(code: string): Promise<void> {
    const row = await this.db
      .deleteFrom('join_codes')
      .where('code_hash', '=', codeHash(code))
      .where('expires_at', '>', new Date(this.now()))
      .returning('account_id')
      .executeTakeFirst();
    if (!row) throw spent();
  }
}
