import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { ErrorCode } from '../../protocol/errors.js';
import type { UserDto } from '../../protocol/users.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { MeetingError } from '../errors.js';
import type { Db } from '../store/db.js';
import { isUniqueViolation } from '../store/errors.js';
import { DEFAULT_LOGIN_LIMITS, LoginThrottle, type LoginLimits } from './login-throttle.js';
import type { AccountRow, AccountService } from './accounts.js';

/** How long a session (`SID`) lasts. */
const SESSION_MS = 7 * 24 * 3600 * 1000;

export interface Session {
  accountId: string;
  tenantId: number;
  isAdmin: boolean;
  name: string;
}

/** Tenants that may share one sign-in name before the later ones can no longer sign in by it. */
const MAX_SAME_NAME = 5;

const sidHash = (sid: string) => createHash('sha256').update(sid).digest('hex');

/**
 * People who sign in to the host console (SPEC M7): accounts with a name and a slow password
 * hash. A session id (`SID`) is given to the browser; only its hash is stored.
 */
export class UserService {
  private readonly throttle: LoginThrottle;

  constructor(
    private readonly db: Db,
    private readonly accounts: AccountService,
    private readonly now: () => number = Date.now,
    limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
  ) {
    this.throttle = new LoginThrottle(db, limits, now);
  }

  async add(tenantId: number, req: { name: string; password: string; displayName?: string; isAdmin: boolean; shortId?: string }): Promise<AccountRow> {
    const passwordHash = await hashPassword(req.password);
    const account = await this.accounts.create(tenantId, { shortId: req.shortId });
    try {
      return await this.db
        .updateTable('accounts')
        .set({ login_name: req.name, password_hash: passwordHash, display_name: req.displayName ?? req.name, is_admin: req.isAdmin })
        .where('id', '=', account.id)
        .returningAll()
        .executeTakeFirstOrThrow();
    } catch (err) {
      await this.db.deleteFrom('accounts').where('id', '=', account.id).execute();
      if (isUniqueViolation(err) === 'accounts_tenant_login_name') throw new MeetingError(ErrorCode.ACCOUNT_EXISTS, `The name ${req.name} is taken`);
      throw err;
    }
  }

  /**
   * Signs in; a wrong name and a wrong password answer alike. Names are unique per tenant, so the
   * password picks among the (few) accounts that share a name. `client` is the caller's address:
   * attempts are limited per name and per client (510), and hashing runs a few at a time.
   */
  async login(name: string, password: string, client?: string): Promise<{ sid: string; user: AccountRow; company: string }> {
    await this.throttle.take(name, client);
    const candidates = await this.db
      .selectFrom('accounts')
      .innerJoin('tenants', 'tenants.id', 'accounts.tenant_id')
      .selectAll('accounts')
      .select('tenants.name as company')
      .where(sql`lower(login_name)`, '=', name.toLowerCase())
      .orderBy('accounts.created_at')
      .limit(MAX_SAME_NAME)
      .execute();
    let row: (typeof candidates)[number] | undefined;
    for (const candidate of candidates.length ? candidates : [undefined]) {
      if (await verifyPassword(password, candidate?.password_hash ?? null)) {
        row = candidate;
        break;
      }
    }
    if (!row) throw new MeetingError(ErrorCode.AUTH_FAILED, 'The name or the password is wrong');
    await this.throttle.succeeded(name, client);
    const { company, ...user } = row;
    return { sid: await this.startSession(user), user, company };
  }

  /** A new session for an account that proved who it is (a password here, or a portal's sign). */
  async startSession(user: AccountRow): Promise<string> {
    const sid = randomBytes(24).toString('base64url');
    await this.db.deleteFrom('sessions').where('expires_at', '<', new Date(this.now())).execute();
    await this.db.insertInto('sessions').values({ sid_hash: sidHash(sid), account_id: user.id, tenant_id: user.tenant_id, expires_at: new Date(this.now() + SESSION_MS) }).execute();
    return sid;
  }

  async logout(sid: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('sid_hash', '=', sidHash(sid)).execute();
  }

  /** The session a SID names; 401 when it is unknown or expired. */
  async session(sid: string | undefined): Promise<Session> {
    if (!sid) throw new MeetingError(ErrorCode.AUTH_FAILED, 'Sign in first (SID)');
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
      .select(['accounts.id', 'accounts.tenant_id', 'accounts.is_admin', 'accounts.display_name', 'accounts.login_name'])
      .where('sid_hash', '=', sidHash(sid))
      .where('expires_at', '>', new Date(this.now()))
      .executeTakeFirst();
    if (!row) throw new MeetingError(ErrorCode.AUTH_FAILED, 'The session has expired: sign in again');
    return { accountId: row.id, tenantId: row.tenant_id, isAdmin: row.is_admin, name: row.display_name ?? row.login_name ?? '' };
  }

  /** Changes one's own password; every session of the user ends (sign in again). */
  async modifyPassword(session: Session, userId: string, oldPassword: string, password: string): Promise<void> {
    if (userId !== session.accountId) throw new MeetingError(ErrorCode.NO_PERMISSION, 'You can change only your own password');
    const row = await this.accounts.get(session.tenantId, { accountId: userId });
    if (!(await verifyPassword(oldPassword, row.password_hash))) throw new MeetingError(ErrorCode.AUTH_FAILED, 'The old password is wrong');
    await this.setPassword(userId, password);
  }

  /** Admin: sets a new password (a random one when none is given, answered once). */
  async resetPassword(tenantId: number, userId: string, password?: string): Promise<string> {
    await this.user(tenantId, userId);
    const fresh = password ?? randomBytes(9).toString('base64url');
    await this.setPassword(userId, fresh);
    return fresh;
  }

  async modify(tenantId: number, userId: string, change: { displayName?: string; isAdmin?: boolean }): Promise<void> {
    await this.user(tenantId, userId);
    const set = { ...(change.displayName !== undefined ? { display_name: change.displayName } : {}), ...(change.isAdmin !== undefined ? { is_admin: change.isAdmin } : {}) };
    if (Object.keys(set).length) await this.db.updateTable('accounts').set(set).where('id', '=', userId).execute();
  }

  /** Removes a user's sign-in (their sessions end); the account and its history stay. */
  async remove(tenantId: number, userId: string): Promise<void> {
    await this.user(tenantId, userId);
    await this.db.deleteFrom('sessions').where('account_id', '=', userId).execute();
    await this.db.updateTable('accounts').set({ login_name: null, password_hash: null, is_admin: false }).where('id', '=', userId).execute();
  }

  async search(tenantId: number, keyword: string | undefined, pageNo: number, pageSize: number): Promise<{ rows: AccountRow[]; total: number }> {
    let q = this.db.selectFrom('accounts').where('tenant_id', '=', tenantId).where('login_name', 'is not', null);
    if (keyword) {
      const like = `%${keyword.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where((eb) => eb.or([eb('login_name', 'ilike', like), eb('display_name', 'ilike', like)]));
    }
    const { total } = await q.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow();
    const rows = await q.selectAll().orderBy('login_name').limit(pageSize).offset(pageNo * pageSize).execute();
    return { rows, total: Number(total) };
  }

  toDto(row: AccountRow): UserDto {
    return {
      userId: row.id,
      name: row.login_name ?? '',
      displayName: row.display_name ?? row.login_name ?? '',
      isAdmin: row.is_admin,
      personalMeetingId: row.personal_meeting_id,
      ...(row.short_id ? { shortId: row.short_id } : {}),
      ...(row.avatar ? { avatar: row.avatar } : {}),
      ...(row.job ? { job: row.job } : {}),
      ...(row.level ? { level: row.level } : {}),
    };
  }

  private async user(tenantId: number, userId: string): Promise<AccountRow> {
    const row = await this.accounts.get(tenantId, { accountId: userId });
    if (!row.login_name) throw new MeetingError(ErrorCode.ACCOUNT_NOT_FOUND, 'That account cannot sign in');
    return row;
  }

  private async setPassword(userId: string, password: string): Promise<void> {
    await this.db.updateTable('accounts').set({ password_hash: await hashPassword(password) }).where('id', '=', userId).execute();
    await this.db.deleteFrom('sessions').where('account_id', '=', userId).execute();
  }
}
