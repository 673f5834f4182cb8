import { createHash, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { ssoLoginSchema, ssoSignSchema } from '../../protocol/embed.js';
import { ErrorCode } from '../../protocol/errors.js';
import { Role } from '../../protocol/roles.js';
import { MeetingError } from '../errors.js';
import type { Db } from '../store/db.js';
import type { AccountRow, AccountService } from './accounts.js';
import type { MeetingService } from './meetings.js';
import type { UserService } from './users.js';

/** A portal's sign is opened at once (the portal's page joins with it), so five minutes is plenty. */
export const SIGN_MS = 5 * 60_000;

/** Who a sign says the person is, for which meeting (SPEC M9). */
export interface PortalUser {
  tenantId: number;
  /** None: a sign-in sign (`/v1/sso/login`), which opens no meeting. */
  meetingUniqueId: number | null;
  account: string;
  name?: string;
  avatar?: string;
  role: Role;
}

const signHash = (sign: string) => createHash('sha256').update(sign).digest('hex');

/**
 * Portal sign-on (SPEC M9, API.md `/v1/sso/sign`): a portal holding the tenant's AppKey/AppSecret
 * vouches, server to server, for one of its users in one of its meetings; the user's page joins
 * with the sign (the join link's `sign`), once, as that user, without a password here. Like the
 * console's join codes, only the hash is stored; a spent sign is kept until it expires, so that a
 * replay answers 2121, not "unknown".
 */
export class SsoService {
  constructor(
    private readonly db: Db,
    private readonly meetings: MeetingService,
    private readonly people: { accounts: AccountService; users: UserService },
    private readonly publicUrl: string,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * `/v1/sso/sign`: for a join, the meeting must be the calling tenant's (else 2000) and not over
   * (2021); without a meeting, a sign-in sign for `/v1/sso/login`.
   */
  async sign(tenantId: number, req: z.output<typeof ssoSignSchema>): Promise<{ sign: string; expireTime: number; meetingId?: string; joinUrl?: string }> {
    const profile = { tenantId, account: req.account, role: req.roleType === 2 ? Role.HOST : Role.ATTENDEE, ...(req.userName ? { name: req.userName } : {}), ...(req.avatar ? { avatar: req.avatar } : {}) };
    if (req.meetingUniqueId === undefined && req.meetingId === undefined) return this.issue({ ...profile, meetingUniqueId: null }, SIGN_MS);
    const meeting = await this.meetings.get(tenantId, req.meetingUniqueId !== undefined ? { meetingUniqueId: req.meetingUniqueId } : { meetingId: req.meetingId! });
    if (!this.meetings.isLive(meeting)) throw new MeetingError(ErrorCode.MEETING_ENDED);
    const { sign, expireTime } = await this.issue({ ...profile, meetingUniqueId: meeting.unique_id }, SIGN_MS);
    const joinUrl = new URL('/join', this.publicUrl);
    joinUrl.search = new URLSearchParams({ code: meeting.code, sign }).toString();
    return { sign, expireTime, meetingId: meeting.code, joinUrl: joinUrl.toString() };
  }

  /**
   * `/v1/sso/login`: spends a sign-in sign for the same `account` and signs that user in, creating
   * or updating the account of the sign's tenant keyed by the portal's id (`imAccid`). A sign for
   * a meeting, another account, or (when the portal signs the call) another tenant is 2123.
   */
  async login(req: z.output<typeof ssoLoginSchema>, callerTenant?: number): Promise<{ sid: string; user: AccountRow; organisation: string }> {
    const portal = await this.peek(req.sign);
    if (portal.meetingUniqueId !== null) throw new MeetingError(ErrorCode.SIGN_MISMATCH, 'This sign is for a meeting: open its join link instead');
    if (portal.account !== req.account) throw new MeetingError(ErrorCode.SIGN_MISMATCH, 'This sign is for another account');
    if (callerTenant !== undefined && callerTenant !== portal.tenantId) throw new MeetingError(ErrorCode.SIGN_MISMATCH, 'This sign is for another organisation');
    await this.spend(req.sign);
    const profile = {
      display_name: req.userName ?? portal.name ?? null,
      avatar: req.avatar ?? portal.avatar ?? null,
      ...(req.job !== undefined ? { job: req.job } : {}),
      ...(req.level !== undefined ? { level: req.level } : {}),
    };
    const user = await this.portalAccount(portal.tenantId, req.account, profile);
    const tenant = await this.db.selectFrom('tenants').select('name').where('id', '=', portal.tenantId).executeTakeFirstOrThrow();
    return { sid: await this.people.users.startSession(user), user, organisation: tenant.name };
  }

  /** The account a portal user lands on: found by the portal's id, made on their first sign-in. */
  private async portalAccount(tenantId: number, account: string, profile: { display_name: string | null; avatar: string | null; job?: string; level?: string }): Promise<AccountRow> {
    const notFound = (err: unknown) => {
      if (err instanceof MeetingError && err.code === ErrorCode.ACCOUNT_NOT_FOUND) return undefined;
      throw err;
    };
    const existing =
      (await this.people.accounts.get(tenantId, { imAccid: account }).catch(notFound)) ??
      (await this.people.accounts.create(tenantId, { imAccid: account }).catch((err: unknown) => {
        // Two first sign-ins at once: the other one made it.
        if (err instanceof MeetingError && err.code === ErrorCode.ACCOUNT_EXISTS) return this.people.accounts.get(tenantId, { imAccid: account });
        throw err;
      }));
    return this.db
      .updateTable('accounts')
      .set({ ...profile, display_name: profile.display_name ?? existing.display_name ?? account, avatar: profile.avatar ?? existing.avatar })
      .where('id', '=', existing.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** A new sign for the same user and meeting: what a join hands the page for its next join. */
  async renew(user: PortalUser, ttlMs: number): Promise<string> {
    return (await this.issue(user, ttlMs)).sign;
  }

  /** The user a sign stands for, without spending it (a join refused for a full meeting may try again). */
  async peek(sign: string): Promise<PortalUser> {
    const row = await this.db.selectFrom('sso_signs').selectAll().where('sign_hash', '=', signHash(sign)).executeTakeFirst();
    if (!row || row.spent_at || row.expires_at.getTime() <= this.now()) throw this.refusal(row);
    return {
      tenantId: row.tenant_id,
      meetingUniqueId: row.meeting_id,
      account: row.account,
      role: row.role,
      ...(row.user_name ? { name: row.user_name } : {}),
      ...(row.avatar ? { avatar: row.avatar } : {}),
    };
  }

  /** Spends a sign, atomically: of two joins racing with one sign, one gets 2121. */
  async spend(sign: string): Promise<void> {
    const now = new Date(this.now());
    const spent = await this.db
      .updateTable('sso_signs')
      .set({ spent_at: now })
      .where('sign_hash', '=', signHash(sign))
      .where('spent_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('sign_hash')
      .executeTakeFirst();
    if (!spent) throw this.refusal(await this.db.selectFrom('sso_signs').selectAll().where('sign_hash', '=', signHash(sign)).executeTakeFirst());
  }

  private refusal(row: { spent_at: Date | null } | undefined): MeetingError {
    if (!row) return new MeetingError(ErrorCode.AUTH_FAILED, 'This sign is not valid: ask the portal for a new one');
    if (row.spent_at) return new MeetingError(ErrorCode.SIGN_USED, 'This sign was used already: ask the portal for a new one');
    return new MeetingError(ErrorCode.SIGN_EXPIRED, 'This sign has expired: ask the portal for a new one');
  }

  private async issue(user: PortalUser, ttlMs: number): Promise<{ sign: string; expireTime: number }> {
    const sign = randomBytes(24).toString('base64url');
    const expireTime = this.now() + ttlMs;
    await this.db.deleteFrom('sso_signs').where('expires_at', '<', new Date(this.now())).execute();
    await this.db
      .insertInto('sso_signs')
      .values({
        sign_hash: signHash(sign),
        tenant_id: user.tenantId,
        meeting_id: user.meetingUniqueId,
        account: user.account,
        user_name: user.name ?? null,
        avatar: user.avatar ?? null,
        role: user.role,
        expires_at: new Date(expireTime),
      })
      .execute();
    return { sign, expireTime };
  }
}
