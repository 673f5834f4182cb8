import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Role } from '../../protocol/roles.js';
import type { Db } from '../store/db.js';

/**
 * Signed role links: `hk` = HMAC-SHA256(secret, "subject.role.exp[.key]"), base64url. The secret
 * never leaves the server; `exp` is a time in ms after which the link no longer proves the role.
 * `key` is the subject's host key, once its owner rotated it: a rotation revokes every link signed
 * before. Keys are read afresh from the database when a link is checked at a join; signing reads
 * this process's copy (a copy another replica has not refreshed yet signs links that fail closed).
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
    for (const row of await this.db.selectFrom('host_keys').selectAll().execute()) this.keys.set(row.subject, row.key);
  }

  /** `subject` is a meeting's unique id, or `room:ID` for a persistent room. */
  sign(subject: number | string, role: Role, exp: number): string {
    const key = this.keys.get(String(subject));
    return createHmac('sha256', this.secret).update(`${subject}.${role}.${exp}${key ? `.${key}` : ''}`).digest('base64url');
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
    const row = this.db && (await this.db.selectFrom('host_keys').select('key').where('subject', '=', String(subject)).executeTakeFirst());
    if (row) this.keys.set(String(subject), row.key);
    return this.verify(subject, role, exp, hk, now);
  }

  /** A new key for the subjects, in the caller's transaction: their links signed before stop working. */
  async rotate(trx: Db, subjects: readonly (number | string)[]): Promise<void> {
    for (const subject of subjects.map(String)) {
      const key = randomBytes(16).toString('base64url');
      await trx.insertInto('host_keys').values({ subject, key }).onConflict((oc) => oc.column('subject').doUpdateSet({ key })).execute();
      this.keys.set(subject, key);
    }
  }
}
