import { randomBytes, randomInt } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { AccountDto } from '../../protocol/accounts.js';
import { ErrorCode } from '../../protocol/errors.js';
import { MeetingError } from '../errors.js';
import type { Db } from '../store/db.js';
import type { AccountTable } from '../store/schema.js';
import { isUniqueViolation } from '../store/errors.js';

export type AccountRow = Selectable<AccountTable>;

const ID_ATTEMPTS = 8;

/** Accounts of a tenant (SPEC M7, API.md "Accounts"). Every call is scoped to one tenant. */
export class AccountService {
  constructor(private readonly db: Db) {}

  async create(tenantId: number, req: { imAccid?: string; imToken?: string; shortId?: string }): Promise<AccountRow> {
    for (let attempt = 0; attempt < ID_ATTEMPTS; attempt++) {
      try {
        return await this.db
          .insertInto('accounts')
          .values({
            id: randomBytes(8).toString('hex'),
            tenant_id: tenantId,
            im_accid: req.imAccid ?? null,
            token: req.imToken ?? randomBytes(16).toString('hex'),
            personal_meeting_id: String(randomInt(1_000_000_000, 10_000_000_000)),
            short_id: req.shortId ?? null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
      } catch (err) {
        const constraint = isUniqueViolation(err);
        if (constraint === 'accounts_tenant_im_accid') throw new MeetingError(ErrorCode.ACCOUNT_EXISTS, `An account with imAccid ${req.imAccid} exists`);
        if (constraint === 'accounts_short_id') throw new MeetingError(ErrorCode.MEETING_ID_TAKEN, `The short id ${req.shortId} is taken`);
        if (!constraint) throw err;
        // A random id or personal meeting id collided: draw again.
      }
    }
    throw new MeetingError(ErrorCode.BUSY, 'Could not allocate an account id, try again');
  }

  async get(tenantId: number, by: { accountId: string } | { imAccid: string }): Promise<AccountRow> {
    let query = this.db.selectFrom('accounts').selectAll().where('tenant_id', '=', tenantId);
    query = 'accountId' in by ? query.where('id', '=', by.accountId) : query.where('im_accid', '=', by.imAccid);
    const row = await query.executeTakeFirst();
    if (!row) throw new MeetingError(ErrorCode.ACCOUNT_NOT_FOUND, 'Account not found');
    return row;
  }

  /** Whether any of these ids is an account of another tenant. */
  async isForeign(tenantId: number, ids: readonly string[]): Promise<boolean> {
    if (ids.length === 0) return false;
    const row = await this.db.selectFrom('accounts').select('id').where('id', 'in', ids).where('tenant_id', '!=', tenantId).limit(1).executeTakeFirst();
    return !!row;
  }

  async updateToken(tenantId: number, accountId: string, token: string): Promise<void> {
    const res = await this.db.updateTable('accounts').set({ token }).where('tenant_id', '=', tenantId).where('id', '=', accountId).executeTakeFirst();
    if (res.numUpdatedRows === 0n) throw new MeetingError(ErrorCode.ACCOUNT_NOT_FOUND, 'Account not found');
  }

  async updateShortId(tenantId: number, accountId: string, shortId: string | undefined): Promise<void> {
    try {
      const res = await this.db
        .updateTable('accounts')
        .set({ short_id: shortId ?? null })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', accountId)
        .executeTakeFirst();
      if (res.numUpdatedRows === 0n) throw new MeetingError(ErrorCode.ACCOUNT_NOT_FOUND, 'Account not found');
    } catch (err) {
      if (isUniqueViolation(err) === 'accounts_short_id') throw new MeetingError(ErrorCode.MEETING_ID_TAKEN, `The short id ${shortId} is taken`);
      throw err;
    }
  }

  toDto(row: AccountRow): AccountDto {
    return {
      accountId: row.id,
      accountToken: row.token,
      personalMeetingId: row.personal_meeting_id,
      ...(row.short_id ? { shortId: row.short_id } : {}),
      ...(row.im_accid ? { imAccid: row.im_accid } : {}),
    };
  }
}
