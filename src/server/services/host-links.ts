import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Role } from '../../protocol/roles.js';

/**
 * Signed role links: `hk` = HMAC-SHA256(secret, "meetingUniqueId.role.exp"), base64url. The secret
 * never leaves the server; `exp` is a time in ms after which the link no longer proves the role.
 */
export class HostLinkSigner {
  constructor(private readonly secret: string) {}

  /** `subject` is a meeting's unique id, or `room:ID` for a persistent room. */
  sign(subject: number | string, role: Role, exp: number): string {
    return createHmac('sha256', this.secret).update(`${subject}.${role}.${exp}`).digest('base64url');
  }

  verify(subject: number | string, role: Role, exp: number | undefined, hk: string | undefined, now: number): boolean {
    if (exp === undefined || hk === undefined || exp < now) return false;
    const expected = Buffer.from(this.sign(subject, role, exp));
    const given = Buffer.from(hk);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
