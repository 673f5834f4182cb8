import { createHash, timingSafeEqual } from 'node:crypto';

/** SPEC M8: lowercase hex SHA-1 of (AppSecret + Nonce + CurTime). */
export function checkSum(appSecret: string, nonce: string, curTime: string): string {
  return createHash('sha1').update(appSecret + nonce + curTime).digest('hex');
}

export function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a.toLowerCase());
  const y = Buffer.from(b.toLowerCase());
  return x.length === y.length && timingSafeEqual(x, y);
}

/** CurTime may be seconds (the vendor's form) or milliseconds; answers milliseconds. */
export function curTimeMs(curTime: string): number | undefined {
  if (!/^\d{1,16}$/.test(curTime)) return undefined;
  const n = Number(curTime);
  return n < 1e12 ? n * 1000 : n;
}
