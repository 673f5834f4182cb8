import { availableParallelism } from 'node:os';
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { ErrorCode } from '../../protocol/errors.js';
import { MeetingError } from '../errors.js';

/** scrypt parameters: OWASP's N = 2^17, r = 8, p = 1 (128 MiB and a few hundred ms per hash). */
const N = 2 ** 17;
const r = 8;
const p = 1;
const KEYLEN = 32;
const MAX_MEM = 2 * 128 * r * N;

/**
 * At most `limit` hashes run at a time and at most `queue` wait: a burst of sign-ins cannot take
 * every core (nor libuv's thread pool, which file and DNS work share), and beyond the queue the
 * answer is 512 at once rather than a minute later.
 */
class HashWork {
  readonly limit = Math.max(1, Math.min(2, availableParallelism() - 1));
  readonly queue = 64;
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  /** The most hashes seen running at once since the last reset (for tests and metrics). */
  peak = 0;

  resetPeak(): void {
    this.peak = this.active;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) {
      if (this.waiting.length >= this.queue) throw new MeetingError(ErrorCode.BUSY, 'Too many sign-ins at once: try again in a moment');
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    this.peak = Math.max(this.peak, this.active);
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

export const passwordWork = new HashWork();

function derive(password: string, salt: Buffer, n = N): Promise<Buffer> {
  if (!Number.isInteger(n) || n < 2 || n > N || (n & (n - 1)) !== 0) return Promise.reject(new Error('bad scrypt cost'));
  return passwordWork.run(
    () =>
      new Promise((resolve, reject) =>
        scrypt(password.normalize('NFC'), salt, KEYLEN, { N: n, r, p, maxmem: MAX_MEM }, (err, key) => (err ? reject(err) : resolve(key))),
      ),
  );
}

/** `scrypt$N$salt$hash` (base64url): N is kept, so hashes made at a lower cost still verify. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  return `scrypt$${N}$${salt.toString('base64url')}$${(await derive(password, salt)).toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const [scheme, n, salt, hash] = (stored ?? '').split('$');
  if (scheme !== 'scrypt' || !n || !salt || !hash) {
    // Spend the same time on an account with no password, so timing tells nothing.
    await derive(password, randomBytes(16));
    return false;
  }
  const expected = Buffer.from(hash, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), Number(n));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
