import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Role } from '../../protocol/roles.js';
import type { Db } from '../store/db.js';

/** Without a scheduled end a meeting's host link is bounded by this, and by the meeting being live (a join refuses one that is over). */
const UNSCHEDULED_LINK_LIFETIME_MS = 30 * 24 * 3600_000;

/**
 * A meeting's host link lasts as long as the meeting can: until its scheduled end plus the overrun
 * grace after which the clock ends it. The same on every read of an unedited meeting.
 */
export function meetingLinkExpiry(meeting: { end_time: Date | null; created_at: Date }, overrunGraceMs: number): number {
  return meeting.end_time ? meeting.end_time.getTime() + overrunGraceMs : meeting.created_at.getTime() + UNSCHEDULED_LINK_LIFETIME_MS;
}

/** A room's host link is the same for a whole period and expires at the end of the next one: 30 to 60 days ahead. */
const ROOM_LINK_PERIOD_MS = 30 * 24 * 3600_000;

export function roomLinkExpiry(now: number): number {
  return (Math.floor(now / ROOM_LINK_PERIOD_MS) + 2) * ROOM_LINK_PERIOD_MS;
}

/**
 * Signed role links: `hk` = HMAC-SHA256(secret, "subject.role.exp[.keyId]"), base64url. The secret
 * never leaves the server and never enters the database (services/secrets.ts); `exp` is a time in
 * ms after which the link no longer proves the role. `keyId` names the subject's key generation,
 * once its owner rotated it: a rotation revokes every link signed before. Key ids are read afresh
 * from the database when a link is checked at a join; signing reads this process's copy (a copy
 * another replica has not refreshed yet signs links that fail closed).
 */
export class HostLinkSigner {
  private readonly keys = new Map<string, string>();

  constructor(
    private readonly secret: string,
    private readonly db?: Db,
  ) {}

  /** Reads every rotated key (at start, before any link is signed). */
  async load(): Promise<void> {
    if (!this.db) return;
    for (const row of await this.db.selectFrom('host_keys').selectAll().execute()) this.keys.set(row.subject, row.key_id);
  }

  /** `subject` is a meeting's unique id, or `room:ID` for a persistent room. */
  sign(subject: number | string, role: Role, exp: number): string {
    const keyId = this.keys.get(String(subject));
    return createHmac('sha256', this.secret).update(`${subject}.${role}.${exp}${keyId ? `.${keyId}` : ''}`).digest('base64url');
  }

  verify(subject: number | string, role: Role, exp: number | undefined, hk: string | undefined, now: number): boolean {
    if (exp === undefined || hk === undefined || exp < now) return false;
    const expected = Buffer.from(this.sign(subject, role, exp));
    const given = Buffer.from(hk);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  /** `verify` against the subject's key as stored now (another replica may have rotated it). */
  async verifyStored(subject: number | string, role: Role, exp: number | undefined, hk: string | undefined, now: number): Promise<boolean> {
    if (exp === undefined || hk === undefined || exp < now) return false;
    const row = this.db && (await this.db.selectFrom('host_keys').select('key_id').where('subject', '=', String(subject)).executeTakeFirst());
    if (row) this.keys.set(String(subject), row.key_id);
    return this.verify(subject, role, exp, hk, now);
  }

  /** A new key generation for the subjects, in the caller's transaction: their links signed before stop working. */
  async rotate(trx: Db, subjects: readonly (number | string)[]): Promise<void> {
    for (const subject of subjects.map(String)) {
      const keyId = randomBytes(16).toString('base64url');
      await trx.insertInto('host_keys').values({ subject, key_id: keyId }).onConflict((oc) => oc.column('subject').doUpdateSet({ key_id: keyId })).execute();
      this.keys.set(subject, keyId);
    }
  }
}
